import { describe, expect, it } from 'vitest';
import type { FactRecord } from '../../collect/index.js';
import { RuleTester, runRepoCase, type PackageInput } from '../tester.js';
import rule from './console-logging.js';

/** A `collect/console` record: a service file with console calls. */
const calls = (path: string, n: number, firstLine = 1, more: Partial<FactRecord> = {}): FactRecord =>
  ({ path, role: 'service', calls: n, json: 0, firstLine, snippet: "console.log('x');", ...more });
const svc = (more: Partial<PackageInput> = {}): { packages: PackageInput[] } =>
  ({ packages: [{ name: 'svc', private: true, dependencies: { express: '^4' }, ...more }] });

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a structured logger declared',
      layout: svc({ dependencies: { express: '^4', pino: '^9' } }),
      facts: { 'collect/console': [calls('src/server.ts', 1)] },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a structured logger imported',
      layout: svc(),
      facts: {
        'collect/console': [calls('src/server.ts', 1, 2)],
        'collect/modules': [{ path: 'src/server.ts', type: 'import', spec: 'pino', names: ['default'], line: 1, reexport: false, star: false }],
      },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a logger module printing JSON lines',
      layout: svc(),
      facts: { 'collect/console': [calls('src/lib/log.ts', 1, 1, { json: 1 }), calls('src/server.ts', 1)] },
    },
    {
      // Through the real collectors: what counts as service code is the file's role and what the code says.
      name: 'console only outside service code: scripts, tests, examples, configs, UI and client code, comments and strings',
      layout: svc(),
      files: {
        'scripts/seed.ts': "console.log('seeded');\n",
        'test/app.test.ts': "console.log('debug');\n",
        'src/cli.ts': "console.log('usage');\n",
        'examples/demo.ts': "console.log('demo');\n",
        'vite.config.ts': "console.log('cfg');\n",
        'example.js': "console.log('the result is', 42);\n",
        'bench.js': "console.time('x');\n",
        'bin.mjs': "console.error('usage');\n",
        'src/components/Table.tsx': "export const T = () => { console.log('render'); return null; };\n",
        'src/hooks/use-data.ts': "'use client';\nexport function useData() { console.error('fetch failed'); }\n",
        'src/app.ts': "export const app = 1; // console.log('commented out')\nconst s = 'console.log(1)';\n",
      },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'the files package.json `bin` names',
      layout: { packages: [{ name: 'svc', private: true }] },
      documents: { 'package.json': JSON.stringify({ name: 'svc', private: true, bin: { svc: './src/run.js' } }) },
      facts: { 'collect/console': [calls('src/run.js', 1)] },
    },
    {
      name: 'a published library: console warnings are normal there',
      layout: { packages: [{ name: 'lib', private: false }] },
      facts: { 'collect/console': [calls('index.js', 1)] },
      outcomes: [{ status: 'not-applicable', package: 'lib' }],
    },
  ],
  invalid: [
    {
      name: 'each service file once, at its first console call',
      layout: svc(),
      facts: { 'collect/console': [calls('src/server.ts', 2, 4), calls('src/routes/a.ts', 1, 2)] },
      findings: [
        { messageId: 'consoleInService', path: 'src/routes/a.ts', line: 2, severity: 'low', data: { calls: 1, package: 'svc' } },
        { messageId: 'consoleInService', path: 'src/server.ts', line: 4, severity: 'low', data: { calls: 2 } },
      ],
      outcomes: [{ status: 'fail', package: 'svc' }],
    },
    {
      name: 'each package of a monorepo judged on its own logger',
      layout: {
        packages: [
          { name: 'root', private: true },
          { name: 'a', path: 'apps/a', private: true, dependencies: { winston: '^3' } },
          { name: 'b', path: 'apps/b', private: true },
        ],
      },
      facts: { 'collect/console': [calls('apps/a/src/index.ts', 1), calls('apps/b/src/index.ts', 1)] },
      findings: [{ messageId: 'consoleInService', path: 'apps/b/src/index.ts', line: 1, data: { package: 'b' } }],
      outcomes: [{ status: 'pass', package: 'root' }, { status: 'pass', package: 'a' }, { status: 'fail', package: 'b' }],
    },
  ],
});

describe('observability/console-logging evidence', () => {
  it('gives the counts of the file, of the package and of the files', async () => {
    const { findings } = await runRepoCase(rule, {
      layout: svc(),
      facts: { 'collect/console': [calls('src/server.ts', 2, 4), calls('src/routes/a.ts', 1, 2)] },
    });
    expect(findings.find((f) => f.path === 'src/server.ts')?.evidence).toEqual([
      { kind: 'figure', name: 'console calls in this file', value: 2 },
      { kind: 'figure', name: 'console calls in service code of svc', value: 3 },
      { kind: 'figure', name: 'service files with console calls', value: 2 },
    ]);
  });
});
