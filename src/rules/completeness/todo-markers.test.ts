import { describe, expect, it } from 'vitest';
import { RuleTester, runRepoCase } from '../tester.js';
import rule from './todo-markers.js';

const layout = { packages: [{ name: 'svc', private: true, sourceFiles: 2 }] };
const marker = (path: string, tag: string, line: number) => ({ path, tag, line, snippet: `// ${tag}`, role: 'service' });
const markers = [marker('src/db.ts', 'TODO', 2), marker('src/db.ts', 'FIXME', 3), marker('src/b.ts', 'HACK', 2), marker('src/b.ts', 'XXX', 4)];

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'no marker', layout, facts: { 'collect/markers': [] }, outcomes: [{ status: 'pass', package: 'svc' }] },
    {
      // Through the real collector: only upper-case markers in comments of hand-written source count.
      name: 'strings, lower case, other words, generated files and docs',
      layout,
      files: {
        'src/a.ts': "const todo = 'TODO list';\n// todo: lower case is prose\n// TODOS and HACKATHON are other words\nexport const phone = 'XXX-XXX';\n",
        'src/generated/client.ts': '// TODO generated\n',
        'README.md': 'TODO: write docs\n',
      },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    { name: 'no package', facts: { 'collect/markers': [marker('a.ts', 'TODO', 1)] }, outcomes: [{ status: 'not-applicable' }] },
  ],
  invalid: [
    {
      name: 'one info finding per package, at its first marker by path, with the counts',
      layout,
      facts: { 'collect/markers': markers },
      findings: [{ messageId: 'markers', path: 'src/b.ts', line: 2, severity: 'info', data: { count: 4, package: 'svc', summary: '1 HACK, 1 XXX, 1 TODO, 1 FIXME', files: 2 } }],
      outcomes: [{ status: 'fail', package: 'svc' }],
    },
    {
      name: 'from code',
      layout,
      files: {
        'src/db.ts': 'export const a = 1;\n// TODO: validate the sort column\n/* FIXME: leaks */\n',
        'src/b.ts': '/**\n * HACK around a driver bug\n */\nexport const b = 2; // XXX remove\n',
      },
      findings: [{ messageId: 'markers', path: 'src/b.ts', line: 2, data: { count: 4 } }],
    },
  ],
});

describe('completeness/todo-markers evidence', () => {
  it('lists every marker location, sorted by path and line', async () => {
    const { findings } = await runRepoCase(rule, { layout, facts: { 'collect/markers': markers } });
    expect(findings[0].evidence.filter((e) => e.kind === 'file').map((e) => e.kind === 'file' && `${e.path}:${e.line}`))
      .toEqual(['src/b.ts:2', 'src/b.ts:4', 'src/db.ts:2', 'src/db.ts:3']);
  });
});
