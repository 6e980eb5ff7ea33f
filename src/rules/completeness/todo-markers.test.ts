import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './todo-markers.js';

const pkg = { 'package.json': '{"name":"svc","private":true}' };

describe('completeness/todo-markers', () => {
  it('stays silent without markers in comments (strings, lower case, other words and generated files do not count)', async () => {
    expect(await runRule(rule, {
      ...pkg,
      'src/a.ts': "const todo = 'TODO list';\n// todo: lower case is prose\n// TODOS and HACKATHON are other words\nexport const phone = 'XXX-XXX';\n",
      'src/generated/client.ts': '// TODO generated\n',
      'README.md': 'TODO: write docs\n',
    })).toEqual([]);
  });

  it('reports one info finding per package with the counts and every location', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/db.ts': 'export const a = 1;\n// TODO: validate the sort column\n/* FIXME: leaks */\n',
      'src/b.ts': '/**\n * HACK around a driver bug\n */\nexport const b = 2; // XXX remove\n',
    });
    expect(at(findings)).toEqual(['src/b.ts:2']);
    expect(findings[0]).toMatchObject({ severity: 'info', message: '4 marker(s) in svc: 1 HACK, 1 XXX, 1 TODO, 1 FIXME in 2 file(s)' });
    expect(findings[0].evidence.filter((e) => e.kind === 'file').map((e) => e.kind === 'file' && `${e.path}:${e.line}`)).toEqual(['src/b.ts:2', 'src/b.ts:4', 'src/db.ts:2', 'src/db.ts:3']);
  });
});
