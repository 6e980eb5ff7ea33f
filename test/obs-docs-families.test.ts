// Precision guard for the observability, completeness and docs families together: a clean Node
// service and a clean Workers service stay quiet (nothing above info).
import { describe, expect, it } from 'vitest';
import { rules as completeness } from '../src/rules/completeness/index.js';
import { rules as docs } from '../src/rules/docs/index.js';
import { rules as observability } from '../src/rules/observability/index.js';
import { auditFiles } from './helpers/repo.js';

const rules = [...observability, ...completeness, ...docs];
const docsFiles = (entry: string, routes: string) => ({
  'README.md': `# svc\n\nTakes orders from the storefront, charges cards through the payments API and stores orders in Postgres. Run \`npm run dev\`; configure it from \`.env.example\`; the entry point is \`${entry}\` and routes live in [the routes](${routes}).\n`,
  'SECURITY.md': '# Security\n\nReport vulnerabilities to security@company.io.\n',
  'docs/runbooks/deploy.md': '# Deploy\n\nRun `scripts/deploy.sh`, then check `/health`.\n',
  'docs/runbooks/rollback.md': '# Rollback\n\nRedeploy the previous image.\n',
  'scripts/deploy.sh': 'echo deploy\n',
  '.env.example': 'DATABASE_URL=\n',
});

describe('observability, completeness and docs on clean services', () => {
  it('a clean Node service has nothing above info', async () => {
    const run = await auditFiles({
      ...docsFiles('src/server.ts', 'src/routes/'),
      'package.json': JSON.stringify({ name: 'svc', private: true, scripts: { start: 'node dist/server.js' }, dependencies: { express: '^4', pino: '^9', 'prom-client': '^15', '@opentelemetry/api': '^1', '@opentelemetry/sdk-node': '^0.200' } }),
      'src/server.ts': "import express from 'express';\nimport { ordersRouter } from './routes/orders.js';\nimport { logger } from './lib/logger.js';\nimport './tracing.js';\nconst app = express();\napp.use('/orders', ordersRouter);\napp.get('/metrics', async (_req, res) => res.send(await register.metrics()));\napp.listen(3000, () => logger.info('up'));\n",
      'src/tracing.ts': "import { NodeSDK } from '@opentelemetry/sdk-node';\nnew NodeSDK({}).start();\n",
      'src/lib/logger.ts': "import pino from 'pino';\nexport const logger = pino();\n",
      'src/routes/orders.ts': "import { Router } from 'express';\nimport { trace } from '@opentelemetry/api';\nexport const ordersRouter = Router();\nordersRouter.get('/', async (_req, res) => {\n  await trace.getTracer('svc').startActiveSpan('list', async (span) => { span.end(); });\n  res.json(await listOrders());\n});\nasync function listOrders() { return db.query('SELECT id FROM orders'); }\n",
      'test/orders.test.ts': "it('lists', () => { expect([{ name: 'John Doe' }]).toHaveLength(1); console.log('x'); });\n",
    }, { rules });
    expect(run.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.outcomes.filter((o) => o.status === 'error')).toEqual([]);
  });

  it('a clean Workers service with a cron job and a service binding has nothing above info', async () => {
    const run = await auditFiles({
      ...docsFiles('workers/api/src/index.ts', 'workers/api/src/index.ts'),
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['workers/*'] }),
      'workers/api/package.json': JSON.stringify({ name: 'api', private: true, dependencies: { hono: '^4' } }),
      'workers/api/wrangler.toml': 'name = "api"\nmain = "src/index.ts"\n\n[triggers]\ncrons = ["0 3 * * *"]\n\n[[services]]\nbinding = "AUTH"\nservice = "auth"\nentrypoint = "AuthRpc"\n',
      'workers/api/src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/orders', (c) => c.json([]));\nexport default {\n  fetch: app.fetch,\n  async scheduled(_e: unknown, env: any, ctx: any) {\n    ctx.waitUntil(env.DB.prepare('DELETE FROM sessions WHERE expires < ?').bind(Date.now()).run());\n  },\n};\n",
      'workers/auth/package.json': JSON.stringify({ name: 'auth', private: true }),
      'workers/auth/wrangler.toml': 'name = "auth"\nmain = "src/index.ts"\n',
      'workers/auth/src/index.ts': "export { AuthRpc } from './rpc.js';\nexport default { fetch() { return new Response('ok'); } };\n",
      'workers/auth/src/rpc.ts': "import { WorkerEntrypoint } from 'cloudflare:workers';\nexport class AuthRpc extends WorkerEntrypoint { verify(t: string) { return t.length > 0; } }\n",
      'workers/auth/src/log.ts': 'export const log = (msg: string, f = {}) => console.log(JSON.stringify({ msg, ...f }));\n',
    }, { rules });
    expect(run.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(run.outcomes.filter((o) => o.status === 'error')).toEqual([]);
  });
});
