import { describe, expect, it } from 'vitest';
import { at, auditFiles } from '../../../test/helpers/repo.js';
import gracefulShutdown from '../reliability/graceful-shutdown.js';
import envValidation from '../reliability/env-validation.js';
import healthEndpoint from '../observability/health-endpoint.js';

const rules = [gracefulShutdown, envValidation, healthEndpoint];
const app = [
  "import { Hono } from 'hono';",
  'const app = new Hono();',
  "app.get('/items', (c) => c.json([]));",
  "app.post('/items', async (c) => c.json(await save(await c.req.json(), process.env.STORE_URL)));",
  'export default app;',
].join('\n');

describe('an app Bun serves from the file a script runs (its default export, no listen call)', () => {
  it('is a long-running server: health, shutdown and environment are judged', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","module":"index.ts","scripts":{"dev":"bun run --hot index.ts","db:seed":"bun run db/seed.ts"},"dependencies":{"hono":"4.6.0"}}',
      'index.ts': app,
      'db/seed.ts': "const rows = [1, 2];\nexport default rows;\n",
    }, { rules });
    expect(run.findings.map((f) => `${f.ruleId} ${f.location?.path ?? ''}`).sort()).toEqual([
      'observability/health-endpoint ',
      'reliability/env-validation index.ts',
      'reliability/graceful-shutdown index.ts',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === 'reliability/graceful-shutdown'))).toEqual(['index.ts:5']);
  });

  it('finds the app when a factory of another file makes it, by the routes the entry declares on it', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","scripts":{"dev":"bun --watch src/main.ts"},"dependencies":{"hono":"4.6.0"}}',
      'src/make-app.ts': "import { Hono } from 'hono';\nexport function makeApp() {\n  return new Hono();\n}\n",
      'src/main.ts': "import { logger } from 'hono/logger';\nimport { makeApp } from './make-app';\nconst app = makeApp();\napp.use(logger());\napp.get('/things', (c) => c.json([]));\nexport default app;\n",
    }, { rules: [gracefulShutdown] });
    expect(at(run.findings)).toEqual(['src/main.ts:6']);
  });

  it('reads Bun.env as the process environment: unvalidated reads are reported like process.env ones', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","scripts":{"dev":"bun run index.ts"},"dependencies":{"hono":"4.6.0"}}',
      'index.ts': app.replace('process.env.STORE_URL', 'Bun.env.STORE_URL'),
    }, { rules: [envValidation] });
    expect(run.findings.map((f) => f.message)).toEqual([expect.stringContaining('(STORE_URL)')]);
  });

  it('is no server when nothing runs the file with bun, or wrangler serves it', async () => {
    for (const files of [
      { 'package.json': '{"name":"svc","scripts":{"build":"tsc"},"dependencies":{"hono":"4.6.0"}}', 'index.ts': app },
      { 'package.json': '{"name":"svc","scripts":{"dev":"bun run index.ts"},"dependencies":{"hono":"4.6.0"}}', 'index.ts': app, 'wrangler.toml': 'name = "svc"\nmain = "index.ts"\n' },
    ] as Array<Record<string, string>>) {
      const run = await auditFiles(files, { rules });
      expect(run.findings.filter((f) => f.ruleId === 'reliability/graceful-shutdown')).toEqual([]);
      expect(run.outcomes.find((o) => o.ruleId === 'reliability/graceful-shutdown')?.status).toBe('not-applicable');
    }
  });
});
