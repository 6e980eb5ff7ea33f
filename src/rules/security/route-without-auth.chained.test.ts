// Routes registered by chaining on a router (Hono's RPC style `new Hono().get(...).post(...)`, its
// `basePath`, `.route(path, sub)` and `.use(mw)` in the chain; Express `router.route('/x').get().post()`):
// routes of the instance at the chain's head, each at the line of its own method call.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });
const routesOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  const inv = RouteInventory.parse(run.inventory.routes);
  return {
    run,
    lines: inv.routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} [${r.middleware.join(',')}] ${r.auth ?? '-'}`).sort(),
    findings: run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.path}:${f.location?.line} ${f.severity}`).sort(),
  };
};

/** A middleware that sets the session's user or null and lets every request through. */
const optionalSession = [
  "import type { Context, Next } from 'hono';",
  "import { getCookie } from 'hono/cookie';",
  "import { findSession } from './store';",
  'export async function sessionMiddleware(c: Context, next: Next) {',
  "  const sid = getCookie(c, 'sid');",
  '  const user = sid ? await findSession(sid) : null;',
  "  c.set('user', user ?? null);",
  '  await next();',
  '}',
].join('\n');

/** The server: a session middleware on every path, sub-apps chained under `basePath('/api')`. */
const server = (extra: Record<string, string>, index: string[] = []) => ({
  ...pkg('"hono":"4","@hono/node-server":"1"'),
  'server/session.ts': optionalSession,
  'server/store.ts': 'export async function findSession(sid: string) { return sid ? { id: sid } : null; }\n',
  'server/db.ts': 'export const db = { list: async () => [], remove: async (id: string) => id, insert: async (x: unknown) => x };\n',
  'server/index.ts': [
    "import { Hono } from 'hono';",
    "import { serve } from '@hono/node-server';",
    "import { sessionMiddleware } from './session';",
    "import conversations from './routes/conversations';",
    ...index,
    'const app = new Hono();',
    "app.use('*', sessionMiddleware);",
    "const routes = app.basePath('/api').route('/conversations', conversations);",
    'export type AppType = typeof routes;',
    'serve({ fetch: app.fetch, port: 3000 });',
  ].join('\n'),
  ...extra,
});

const conversations = (chain: string[], head: string[] = []) => ({
  'server/routes/conversations.ts': [
    "import { Hono } from 'hono';",
    "import { db } from '../db';",
    ...head,
    'const app = new Hono<{ Variables: { user: { id: string } | null } }>()',
    ...chain,
    'export default app;',
  ].join('\n'),
});

describe('routes chained on a router', () => {
  it('new Hono().get().post().delete() under basePath and a chained route(): paths, lines, the parent\'s middleware', async () => {
    const { lines, findings } = await routesOf(server(conversations([
      "  .get('/', async (c) => c.json(await db.list()))",
      "  .get('/:id', async (c) => {",
      "    return c.json({ id: c.req.param('id') });",
      '  })',
      "  .post('/', async (c) => c.json(await db.insert(await c.req.json())))",
      "  .delete('/:id', async (c) => {",
      "    await db.remove(c.req.param('id'));",
      '    return c.json({ ok: true });',
      '  });',
    ])));
    expect(lines).toEqual([
      'DELETE /api/conversations/:id server/routes/conversations.ts:9 [sessionMiddleware] -',
      'GET /api/conversations server/routes/conversations.ts:4 [sessionMiddleware] -',
      'GET /api/conversations/:id server/routes/conversations.ts:5 [sessionMiddleware] -',
      'POST /api/conversations server/routes/conversations.ts:8 [sessionMiddleware] -',
    ]);
    // A middleware that sets the user or null and always goes on guards nothing, whatever its name says.
    expect(findings).toContain('server/routes/conversations.ts:9 high');
    expect(findings).toContain('server/routes/conversations.ts:8 high');
  });

  it('a chained .use(auth) guards the routes chained after it', async () => {
    const { lines, findings } = await routesOf(server(conversations([
      '  .use(requireUser)',
      "  .delete('/:id', async (c) => {",
      "    await db.remove(c.req.param('id'));",
      '    return c.json({ ok: true });',
      '  });',
    ], ["import { bearerAuth } from 'hono/bearer-auth';", 'const requireUser = bearerAuth({ token: process.env.API_TOKEN! });'])));
    expect(lines).toEqual(['DELETE /api/conversations/:id server/routes/conversations.ts:7 [sessionMiddleware,requireUser] requireUser']);
    expect(findings).toEqual([]);
  });

  it('routes chained on app.basePath() in the same file take its prefix; use() under it covers the prefix only', async () => {
    const { lines, findings } = await routesOf({
      ...pkg('"hono":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { bearerAuth } from 'hono/bearer-auth';",
        'const app = new Hono();',
        "app.post('/open', async (c) => c.json(await c.env.DB.prepare('INSERT INTO t VALUES (1)').run()));",
        'app.basePath(\'/admin\')',
        '  .use(bearerAuth({ token: process.env.TOKEN! }))',
        "  .post('/x', async (c) => c.json(await c.env.DB.prepare('INSERT INTO t VALUES (2)').run()));",
        'export default app;',
      ].join('\n'),
    });
    expect(lines).toEqual([
      'POST /admin/x src/index.ts:7 [bearerAuth] bearerAuth',
      'POST /open src/index.ts:4 [] -',
    ]);
    expect(findings).toEqual(['src/index.ts:4 high']);
  });

  it('a basePath verdict cannot read makes the chained paths computed: listed, not judged', async () => {
    const { lines, findings } = await routesOf({
      ...pkg('"hono":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        'app.basePath(process.env.PREFIX!)',
        "  .post('/x', async (c) => c.json(await c.env.DB.prepare('INSERT INTO t VALUES (2)').run()));",
        'export default app;',
      ].join('\n'),
    });
    expect(lines).toEqual(['POST ?{basePath(process.env.PREFIX!) + /x} src/index.ts:4 [] -']);
    expect(findings).toEqual([]);
  });

  it('export default new Hono().post(...): the default export is the app its routes are on', async () => {
    const { lines } = await routesOf({
      ...pkg('"hono":"4"'),
      'src/items.ts': [
        "import { Hono } from 'hono';",
        'export default new Hono()',
        "  .post('/', async (c) => c.json(await c.env.DB.prepare('INSERT INTO t VALUES (1)').run()));",
      ].join('\n'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import items from './items';",
        'const app = new Hono();',
        "app.route('/items', items);",
        'export default app;',
      ].join('\n'),
    });
    expect(lines).toEqual(['POST /items src/items.ts:3 [] -']);
  });

  it('a chain on new of something that makes no app is no route', async () => {
    const { lines } = await routesOf({
      ...pkg('"hono":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "const cache = new Map<string, string>().set('/x', 'y');",
        "const seen = new URLSearchParams('a=1').get('/a');",
        'const app = new Hono();',
        "app.get('/ok', (c) => c.text(String(seen) + cache.size));",
        'export default app;',
      ].join('\n'),
    });
    expect(lines).toEqual(['GET /ok src/index.ts:5 [] -']);
  });

  it("Express router.route('/x').get(h).post(h): each method at the route's path, on its own line", async () => {
    const { lines, findings } = await routesOf({
      ...pkg('"express":"4"'),
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        'const router = express.Router();',
        "router.route('/items/:id')",
        '  .get((req, res) => res.json({ id: req.params.id }))',
        '  .delete(async (req, res) => { await db.item.delete({ where: { id: req.params.id } }); res.end(); });',
        "app.use('/api', router);",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(lines).toEqual(['DELETE /api/items/:id src/app.ts:6 [] -', 'GET /api/items/:id src/app.ts:5 [] -']);
    expect(findings).toContain('src/app.ts:6 high');
  });
});
