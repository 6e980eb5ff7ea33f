import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './console-logging.js';

const svc = (deps: Record<string, string> = {}) => JSON.stringify({ name: 'svc', private: true, dependencies: { express: '^4', ...deps } });

describe('observability/console-logging', () => {
  it('stays silent with a structured logger, console only outside service code, or a JSON logger module', async () => {
    expect(await runRule(rule, {
      'package.json': svc({ pino: '^9' }),
      'src/server.ts': "console.log('listening');\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': svc(),
      'src/server.ts': "import pino from 'pino';\nconsole.log('x');\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': svc(),
      'src/lib/log.ts': 'export const log = (msg: string, f = {}) => console.log(JSON.stringify({ msg, ...f }));\n',
      'src/server.ts': "console.log('listening');\n",
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': svc(),
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
    })).toEqual([]);
  });

  it('leaves out the files package.json `bin` names', async () => {
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', private: true, bin: { svc: './src/run.js' } }),
      'src/run.js': "console.log('usage: svc <cmd>');\n",
    })).toEqual([]);
  });

  it('is not applicable to published libraries (console warnings are normal there)', async () => {
    const run = await auditFiles({
      'package.json': JSON.stringify({ name: 'lib', main: 'index.js' }),
      'index.js': "console.warn('deprecated: use x() instead');\n",
    }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes[0].status).toBe('not-applicable');
  });

  it('reports each service file once, at its first console call, with the counts', async () => {
    const findings = await runRule(rule, {
      'package.json': svc(),
      'src/server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000, () => {\n  console.log('up');\n  console.error('x');\n});\n",
      'src/routes/a.ts': "export function a() {\n  console.warn('a');\n}\n",
    });
    expect(at(findings)).toEqual(['src/routes/a.ts:2', 'src/server.ts:4']);
    expect(findings[1].message).toMatch(/^2 console\.\* call/);
    expect(findings[1].evidence).toContainEqual({ kind: 'figure', name: 'console calls in service code of svc', value: 3 });
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('judges each package of a monorepo on its own logger', async () => {
    const run = await auditFiles({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['apps/*'] }),
      'apps/a/package.json': JSON.stringify({ name: 'a', private: true, dependencies: { winston: '^3' } }),
      'apps/a/src/index.ts': "console.log('a');\n",
      'apps/b/package.json': JSON.stringify({ name: 'b', private: true }),
      'apps/b/src/index.ts': "console.log('b');\n",
    }, { rules: [rule] });
    expect(at(run.findings)).toEqual(['apps/b/src/index.ts:1']);
    expect(run.outcomes.find((o) => o.package === 'a')?.status).toBe('pass');
  });
});
