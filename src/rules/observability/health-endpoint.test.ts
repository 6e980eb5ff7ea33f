import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './health-endpoint.js';

describe('observability/health-endpoint', () => {
  it('passes with health and readiness endpoints, and on a Worker without one', async () => {
    const run = await runRule(rule, {
      'package.json': '{"name":"svc","workspaces":["w"],"dependencies":{"fastify":"4"}}',
      'src/server.ts': [
        "import Fastify from 'fastify';",
        'const fastify = Fastify();',
        "fastify.get('/healthz', async () => ({ status: 'ok' }));",
        "fastify.get('/readyz', async () => { await db.query('SELECT 1'); return { status: 'ok' }; });",
        'fastify.listen({ port: 3000 });',
      ].join('\n'),
      'w/package.json': '{"name":"w","dependencies":{"hono":"4"}}',
      'w/src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nexport default app;\n",
    });
    expect(run).toEqual([]);
  });

  it('reports a long-running server without a health endpoint (medium) and without readiness (info)', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","workspaces":["b"],"dependencies":{"express":"4"}}',
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/items', (req, res) => res.json([]));\napp.listen(3000);\n",
      'b/package.json': '{"name":"b","dependencies":{"express":"4"}}',
      'b/src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.json({ status: 'ok' }));\napp.listen(3000);\n",
    });
    expect(at(findings)).toEqual(['src/app.ts:4', 'b/src/app.ts:3']);
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'info']);
  });
});
