import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './path-aliases-unresolved.js';

const tsconfig = JSON.stringify({ compilerOptions: { outDir: 'dist', baseUrl: '.', paths: { '@/*': ['src/*'] } } });
const manifest = (scripts: Record<string, string>, deps: Record<string, string> = {}) => JSON.stringify({ name: 'api', private: true, scripts, dependencies: { express: '^4.19.0', ...deps } }, null, 2);
const main = ["import express from 'express';", "import { db } from '@/lib/db';", 'const app = express();', "app.get('/', async (_req, res) => { res.json(await db()); });", 'app.listen(3000);'].join('\n');
const files = (scripts: Record<string, string>, more: Record<string, string> = {}) => ({
  'package.json': manifest(scripts),
  'tsconfig.json': tsconfig,
  'src/main.ts': main,
  'src/lib/db.ts': 'export async function db() { return 1; }\n',
  ...more,
});

describe('build/path-aliases-unresolved', () => {
  it('reports plain tsc output started with node when release code imports through an alias', async () => {
    const found = await runRule(rule, files({ build: 'tsc -p tsconfig.json', start: 'node dist/main.js' }));
    expect(at(found)).toEqual(['src/main.ts:2']);
    expect(found[0].severity).toBe('high');
  });

  it('reads the image: its RUN build and CMD', async () => {
    const found = await runRule(rule, files({ start: 'node dist/main.js' }, { Dockerfile: 'FROM node:22-alpine\nCOPY . .\nRUN npm ci && npx tsc\nCMD ["node", "dist/main.js"]\n' }));
    expect(at(found)).toEqual(['src/main.ts:2']);
  });

  it('stays silent when something resolves the aliases', async () => {
    const cases: Array<Record<string, string>> = [
      { build: 'tsc && tsc-alias', start: 'node dist/main.js' },
      { build: 'tsup src/main.ts', start: 'node dist/main.js' },
      { build: 'nest build', start: 'node dist/main.js' },
      { build: 'tsc', start: 'node -r tsconfig-paths/register dist/main.js' },
      { start: 'tsx src/main.ts' },
    ];
    for (const scripts of cases) expect(await runRule(rule, files(scripts)), JSON.stringify(scripts)).toEqual([]);
    expect(await runRule(rule, files({ build: 'tsc', start: 'node dist/main.js' }, { 'src/main.ts': `import 'module-alias/register';\n${main}` }))).toEqual([]);
  });

  it('stays silent on type-only alias imports and relative imports', async () => {
    const typeOnly = ["import express from 'express';", "import type { Row } from '@/lib/db';", "import { db } from './lib/db';", 'const rows: Row[] = [];', 'const app = express();', "app.get('/', async (_req, res) => { res.json([...rows, await db()]); });", 'app.listen(3000);'].join('\n');
    expect(await runRule(rule, files({ build: 'tsc', start: 'node dist/main.js' }, { 'src/main.ts': typeOnly, 'src/lib/db.ts': 'export type Row = number;\nexport async function db() { return 1; }\n' }))).toEqual([]);
  });

  it('is unknown, never a pass, when the build cannot be read; a Next.js app bundles its own aliases', async () => {
    const run = await auditFiles(files({ build: 'node scripts/build.js', start: 'node dist/main.js' }), { exec: false, only: ['build'] });
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.status).toBe('unknown');
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    const next = { ...files({ build: 'next build', start: 'next start' }), 'package.json': manifest({ build: 'next build', start: 'next start' }, { next: '^15' }) };
    expect(await runRule(rule, next)).toEqual([]);
  });
});
