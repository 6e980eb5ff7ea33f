// A guard built per request inside a middleware's body (`return bearerAuth({ token })(c, next)`), in
// the file of the routes, imported from another file, or made by a middleware wrapper: the routes
// under the middleware's prefix are guarded. A middleware that builds no guard guards nothing.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';
import failOpen from './fail-open-switch.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });
const audited = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule, failOpen] });
  const inv = RouteInventory.parse(run.inventory.routes);
  return {
    lines: inv.routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}${r.authBy ? ` ${r.authBy}` : ''}`),
    unguarded: run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.path}:${f.location?.line}`),
    skipped: run.findings.filter((f) => f.ruleId === failOpen.id).map((f) => `${f.location?.path}:${f.location?.line} ${f.severity} ${f.message}`),
  };
};

/** A Hono app whose `/admin/*` routes pass through `mw` (an expression or the name of an import). */
const honoApp = (head: string[], mw: string): string => [
  "import { Hono } from 'hono';",
  ...head,
  'const app = new Hono();',
  `app.use('/admin/*', ${mw});`,
  "app.post('/admin/items', async (c) => { await c.env.DB.prepare('DELETE FROM items').run(); return c.json({}); });",
  "app.get('/', (c) => c.text('ok'));",
  'export default app;',
].join('\n');

describe('a guard built inside a middleware per request', () => {
  it('hono: a middleware of another file that skips the guard in development and otherwise calls bearerAuth(...)(c, next)', async () => {
    const r = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(["import { adminAuth } from './auth';"], 'adminAuth'),
      'src/auth.ts': [
        "import { bearerAuth } from 'hono/bearer-auth';",
        "import type { Context, Next } from 'hono';",
        'export async function adminAuth(c: Context, next: Next) {',
        "  if (c.env.ENVIRONMENT === 'development') return next();",
        '  return bearerAuth({ token: c.env.ADMIN_TOKEN })(c, next);',
        '}',
      ].join('\n'),
    });
    expect(r.lines).toEqual(['POST /admin/items adminAuth body', 'GET / -']);
    expect(r.unguarded).toEqual([]);
    // The bypass itself is said once, at the condition, below high.
    expect(r.skipped).toEqual(["src/auth.ts:4 medium an auth guard (bearerAuth) is built in this middleware but skipped when `c.env.ENVIRONMENT === 'development'` holds: every request gets through in that environment"]);
  });

  it('hono: the guard held in a const first, in an exported arrow function', async () => {
    const r = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(["import { adminAuth } from './auth';"], 'adminAuth'),
      'src/auth.ts': [
        "import { bearerAuth } from 'hono/bearer-auth';",
        'export const adminAuth = async (c, next) => {',
        '  const guard = bearerAuth({ token: c.env.ADMIN_TOKEN });',
        '  return guard(c, next);',
        '};',
      ].join('\n'),
    });
    expect(r.unguarded).toEqual([]);
    expect(r.skipped).toEqual([]);
  });

  it("hono/factory's createMiddleware, inline and exported from another file: the function it wraps decides", async () => {
    const inline = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(
        ["import { createMiddleware } from 'hono/factory';", "import { bearerAuth } from 'hono/bearer-auth';"],
        'createMiddleware(async (c, next) => bearerAuth({ token: c.env.ADMIN_TOKEN })(c, next))',
      ),
    });
    expect(inline.lines).toContain('POST /admin/items createMiddleware body');
    expect(inline.unguarded).toEqual([]);
    const exported = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(["import { adminAuth } from './auth';"], 'adminAuth'),
      'src/auth.ts': [
        "import { createMiddleware } from 'hono/factory';",
        "import { basicAuth } from 'hono/basic-auth';",
        'export const adminAuth = createMiddleware(async (c, next) => {',
        '  const check = basicAuth({ username: c.env.USER, password: c.env.PASS });',
        '  return check(c, next);',
        '});',
      ].join('\n'),
    });
    expect(exported.lines).toContain('POST /admin/items adminAuth body');
    expect(exported.unguarded).toEqual([]);
  });

  it('a wrapper or an imported middleware that builds no guard guards nothing', async () => {
    const wrapped = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(["import { createMiddleware } from 'hono/factory';"], "createMiddleware(async (c, next) => { console.log(c.req.path); await next(); })"),
    });
    expect(wrapped.unguarded).toEqual(['src/index.ts:5']);
    const imported = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(["import { timing } from './timing';"], 'timing'),
      'src/timing.ts': [
        "import { bearerAuth } from 'hono/bearer-auth';",
        'export const timing = async (c, next) => { const t = Date.now(); await next(); c.header("x-time", String(Date.now() - t)); };',
        'export const unused = bearerAuth({ token: "x" });',
      ].join('\n'),
    });
    expect(imported.unguarded).toEqual(['src/index.ts:5']);
  });

  it('express: `isDev ? next() : passport.authenticate(...)(req, res, next)` guards, and the bypass is said', async () => {
    const r = await audited({
      ...pkg('"express":"4","passport":"0.7"'),
      'src/app.js': [
        "const express = require('express');",
        "const passport = require('passport');",
        "const isDev = process.env.NODE_ENV === 'development';",
        'const app = express();',
        "app.use((req, res, next) => (isDev ? next() : passport.authenticate('jwt', { session: false })(req, res, next)));",
        "app.post('/orders', async (req, res) => res.json(await db.order.create({ data: req.body })));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(r.lines).toEqual(['POST /orders inline body']);
    expect(r.unguarded).toEqual([]);
    expect(r.skipped).toEqual(["src/app.js:5 medium an auth guard (passport.authenticate) is built in this middleware but skipped when `isDev` holds: every request gets through in that environment"]);
  });

  it("chanfana's fromHono(app): routes registered on the OpenAPI router are the app's, under its middleware", async () => {
    const r = await audited({
      ...pkg('"hono":"4","chanfana":"2"'),
      'src/index.ts': [
        "import { fromHono } from 'chanfana';",
        "import { Hono } from 'hono';",
        "import { bearerAuth } from 'hono/bearer-auth';",
        "import { ItemCreate, ItemPurge } from './endpoints';",
        'const app = new Hono();',
        "app.use('/admin/*', async (c, next) => bearerAuth({ token: c.env.ADMIN_TOKEN })(c, next));",
        "const openapi = fromHono(app, { docs_url: '/' });",
        "openapi.post('/admin/items', ItemCreate);",
        "openapi.delete('/items', ItemPurge);",
        'export default app;',
      ].join('\n'),
      'src/endpoints.ts': [
        "import { OpenAPIRoute } from 'chanfana';",
        "export class ItemCreate extends OpenAPIRoute { async handle(c) { await c.env.DB.prepare('INSERT INTO items DEFAULT VALUES').run(); return {}; } }",
        "export class ItemPurge extends OpenAPIRoute { async handle(c) { await c.env.DB.prepare('DELETE FROM items').run(); return {}; } }",
      ].join('\n'),
    });
    expect(r.lines).toEqual(['POST /admin/items inline body', 'DELETE /items -']);
    // The route outside the guarded prefix is still reported.
    expect(r.unguarded).toEqual(['src/index.ts:9']);
  });

  it('a condition on the request, not the environment, is a route exception and says nothing', async () => {
    const r = await audited({
      ...pkg('"hono":"4"'),
      'src/index.ts': honoApp(
        ["import { bearerAuth } from 'hono/bearer-auth';"],
        "async (c, next) => { if (c.req.method === 'OPTIONS') return next(); return bearerAuth({ token: c.env.ADMIN_TOKEN })(c, next); }",
      ),
    });
    expect(r.unguarded).toEqual([]);
    expect(r.skipped).toEqual([]);
  });
});
