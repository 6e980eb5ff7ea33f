import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderTerminal } from '../../render/terminal.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });

const hono = {
  ...pkg('"hono":"4"'),
  'src/index.ts': [
    "import { Hono } from 'hono';",
    "import { jwt } from 'hono/jwt';",
    "import users from './routes/users';",
    "import { admin } from './routes/admin';",
    'const app = new Hono();',
    "app.get('/health', (c) => c.json({ ok: true }));",
    "app.post('/login', async (c) => c.json(await login(c)));",
    "app.use('/api/*', jwt({ secret: 's' }));",
    "app.route('/api/users', users);",
    "app.route('/admin', admin);",
    'export default app;',
  ].join('\n'),
  'src/routes/users.ts': [
    "import { Hono } from 'hono';",
    'const users = new Hono();',
    "users.get('/', async (c) => c.json(await c.env.DB.prepare('SELECT * FROM users').all()));",
    "users.post('/', async (c) => c.json({}));",
    'export default users;',
  ].join('\n'),
  'src/routes/admin.ts': [
    "import { Hono } from 'hono';",
    'export const admin = new Hono();',
    "admin.delete('/users/:id', async (c) => { await c.env.DB.prepare('DELETE FROM users WHERE id = ?').bind(c.req.param('id')).run(); return c.body(null, 204); });",
    "admin.get('/stats', (c) => c.json({ n: 1 }));",
  ].join('\n'),
};

describe('security/route-without-auth', () => {
  it('follows app.route mounting across files and app-level use with a path', async () => {
    const run = await auditFiles(hono, { rules: [rule] });
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(at(findings)).toEqual(['src/routes/admin.ts:3']);
    expect(findings[0].message).toContain('DELETE /admin/users/:id');
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`)).toEqual([
      'GET /health -', 'POST /login -', 'DELETE /admin/users/:id -', 'GET /admin/stats -', 'GET /api/users jwt', 'POST /api/users jwt',
    ]);
    expect(inv.summary).toMatchObject({ total: 6, byFramework: { hono: 6 }, withoutAuth: 1 });
    expect(renderMarkdown(run)).toContain('## Routes\n\n6 route(s) (hono 6); 1 read or change data without authentication; 2 public by design.');
    expect(renderTerminal(run, { color: false })).toContain('Routes  6 route(s) (hono 6); 1 read or change data without authentication; 2 public by design.');
  });

  it('stays silent on guarded Express, Fastify, Next.js and Workers routes', async () => {
    const findings = await runRule(rule, {
      ...pkg('"express":"4","fastify":"4","next":"15"'),
      'src/app.ts': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import { requireAuth } from './auth';",
        "import ordersRouter from './orders';",
        'const app = express();',
        "app.post('/items', passport.authenticate('jwt', { session: false }), (req, res) => res.json({}));",
        "app.use('/orders', requireAuth, ordersRouter);",
        "app.options('/items', (req, res) => res.end());",
        "app.post('/webhooks/stripe', (req, res) => { stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], key); res.end(); });",
        // A sender verified by a signature middleware (a Slack app's events).
        "app.post('/slack/events', verifySlackSignature, async (req, res) => res.json(await db.insert(events).values(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
      'src/orders.ts': [
        "import { Router } from 'express';",
        'const router = Router();',
        "router.post('/', async (req, res) => res.json(await db.insert(orders).values(req.body)));",
        'export default router;',
      ].join('\n'),
      'src/server.ts': [
        "import Fastify from 'fastify';",
        'const fastify = Fastify();',
        "fastify.addHook('onRequest', async (request, reply) => { await request.jwtVerify(); });",
        "fastify.post('/notes', async (request) => prisma.note.create({ data: request.body }));",
      ].join('\n'),
      'app/api/posts/route.ts': [
        "import { getServerSession } from 'next-auth';",
        'export async function POST(req: Request) {',
        '  const session = await getServerSession();',
        "  if (!session) return new Response('Unauthorized', { status: 401 });",
        '  return Response.json(await prisma.post.create({ data: await req.json() }));',
        '}',
        'export async function GET() { return Response.json([]); }',
      ].join('\n'),
      'worker/index.ts': [
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        '    const url = new URL(request.url);',
        "    if (request.headers.get('Authorization') !== `Bearer ${env.TOKEN}`) return new Response('Unauthorized', { status: 401 });",
        "    if (url.pathname === '/kv' && request.method === 'PUT') { await env.KV.put('k', await request.text()); return new Response('ok'); }",
        "    return new Response('not found', { status: 404 });",
        '  },',
        '};',
      ].join('\n'),
      'test/app.test.ts': "app.post('/x', (req, res) => db.insert(1));\n",
    });
    expect(findings).toEqual([]);
  });

  it('reports unguarded Express, Fastify, Next.js and Workers routes, and honours auth.middleware from config', async () => {
    const files = {
      ...pkg('"express":"4","fastify":"4","next":"15"'),
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.delete('/items/:id', async (req, res) => { await db.query('DELETE FROM items WHERE id = $1', [req.params.id]); res.end(); });",
        "app.post('/orders', checkTenant, (req, res) => res.json({}));",
        "app.post('/webhooks/github', (req, res) => res.end());",
      ].join('\n'),
      'src/server.ts': [
        "import Fastify from 'fastify';",
        'const fastify = Fastify();',
        "fastify.route({ method: 'PUT', url: '/notes/:id', handler: async (request) => prisma.note.update({ where: { id: 1 }, data: {} }) });",
      ].join('\n'),
      'app/api/posts/route.ts': [
        'export async function POST(req: Request) { return Response.json(await prisma.post.create({ data: await req.json() })); }',
        'export async function GET() { return Response.json(await prisma.post.findMany()); }',
      ].join('\n'),
      'worker/index.ts': [
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        '    const url = new URL(request.url);',
        "    if (url.pathname === '/kv' && request.method === 'PUT') { await env.KV.put('k', await request.text()); return new Response('ok'); }",
        "    return new Response('not found', { status: 404 });",
        '  },',
        '};',
      ].join('\n'),
    };
    const findings = await runRule(rule, files);
    // The order findings arrive in is not part of the contract (the report sorts them): compare by place.
    const bySeverity = Object.fromEntries(findings.map((f) => [at([f])[0], f.severity]));
    expect(bySeverity).toEqual({
      'app/api/posts/route.ts:1': 'high', 'src/app.ts:3': 'high', 'src/app.ts:4': 'high', 'src/app.ts:5': 'high',
      'src/server.ts:3': 'high', 'worker/index.ts:4': 'high', 'app/api/posts/route.ts:2': 'medium',
    });
    expect(findings).toHaveLength(7);
    const configured = await runRule(rule, { ...files, 'verdict.config.json': '{"auth":{"middleware":["checkTenant"]}}' });
    expect(at(configured)).not.toContain('src/app.ts:4');
  });

  it('follows mounts made in a forEach over a const array, factories that add middleware, and zod-openapi route definitions', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4","hono":"4","@hono/zod-openapi":"1"'),
      'src/app.js': [
        "const express = require('express');",
        "const passport = require('passport');",
        "const routes = require('./routes');",
        'const app = express();',
        'app.use(passport.initialize());',
        "app.use('/v1', routes);",
        'module.exports = app;',
      ].join('\n'),
      'src/routes/index.js': [
        "const express = require('express');",
        "const userRoute = require('./user.route');",
        'const router = express.Router();',
        "const defaultRoutes = [{ path: '/users', route: userRoute }];",
        'defaultRoutes.forEach((route) => { router.use(route.path, route.route); });',
        'module.exports = router;',
      ].join('\n'),
      'src/routes/user.route.js': [
        "const express = require('express');",
        'const router = express.Router();',
        "router.post('/', userController.create);",
        'module.exports = router;',
      ].join('\n'),
      'api/lib/create-app.ts': [
        "import { OpenAPIHono } from '@hono/zod-openapi';",
        "import { bearerAuth } from 'hono/bearer-auth';",
        'export function createRouter() { return new OpenAPIHono(); }',
        'export default function createApp() {',
        '  const app = createRouter();',
        "  app.use('*', bearerAuth({ token: 't' }));",
        '  return app;',
        '}',
      ].join('\n'),
      'api/routes/tasks.routes.ts': [
        "import { createRoute } from '@hono/zod-openapi';",
        "export const create = createRoute({ method: 'post', path: '/tasks', responses: {} });",
        "export const remove = createRoute({ method: 'delete', path: '/tasks/{id}', responses: {} });",
      ].join('\n'),
      'api/routes/tasks.index.ts': [
        "import { createRouter } from '../lib/create-app';",
        "import * as routes from './tasks.routes';",
        "import * as handlers from './tasks.handlers';",
        'const router = createRouter()',
        '  .openapi(routes.create, handlers.create)',
        '  .openapi(routes.remove, handlers.remove);',
        'export default router;',
      ].join('\n'),
      'api/app.ts': [
        "import createApp from './lib/create-app';",
        "import tasks from './routes/tasks.index';",
        'const app = createApp();',
        'const routers = [tasks] as const;',
        "routers.forEach((r) => app.route('/', r));",
        'export default app;',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.auth ?? '-'}`)).toEqual([
      'POST /tasks api/routes/tasks.index.ts:5 bearerAuth',
      'DELETE /tasks/:id api/routes/tasks.index.ts:6 bearerAuth',
      'POST /v1/users src/routes/user.route.js:3 -',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/routes/user.route.js:3']);
  });

  it('follows functions that register routes on the app they are given', async () => {
    const run = await auditFiles({
      ...pkg('"hono":"4","@hono/zod-openapi":"1"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { api } from './v1';",
        'const app = new Hono();',
        "app.route('/v1', api);",
        'export default app;',
      ].join('\n'),
      'src/v1/index.ts': [
        "import { OpenAPIHono } from '@hono/zod-openapi';",
        "import { authMiddleware } from '../auth';",
        "import { monitorsApi } from '../monitors';",
        "import { registerItems } from '../items';",
        "import { registerAdmin } from '../both';",
        'export const api = new OpenAPIHono();',
        "api.use('/*', authMiddleware);",
        "api.route('/monitor', monitorsApi);",
        'const open = new OpenAPIHono();',
        'registerItems(api);',
        'registerItems(open);',
        'registerAdmin(api);',
      ].join('\n'),
      'src/monitors/index.ts': [
        "import { OpenAPIHono } from '@hono/zod-openapi';",
        "import { registerDeleteMonitor } from './delete';",
        "import { setup } from '../setup';",
        'const monitorsApi = new OpenAPIHono();',
        'registerDeleteMonitor(monitorsApi);',
        'setup(monitorsApi);',
        'export { monitorsApi };',
      ].join('\n'),
      'src/monitors/delete.ts': [
        "import { createRoute } from '@hono/zod-openapi';",
        "const deleteRoute = createRoute({ method: 'delete', path: '/{id}', responses: {} });",
        'export function registerDeleteMonitor(app: any) {',
        '  return app.openapi(deleteRoute, async (c) => { await db.delete(monitor); return c.json({}); });',
        '}',
      ].join('\n'),
      // Given the app too, but registered nowhere: its route stays unguarded.
      'src/public/delete.ts': [
        "import { createRoute } from '@hono/zod-openapi';",
        "const purge = createRoute({ method: 'delete', path: '/cache', responses: {} });",
        'export function registerPurge(app: any) {',
        '  return app.openapi(purge, async (c) => { await db.delete(cache); return c.json({}); });',
        '}',
      ].join('\n'),
      'src/setup.ts': "import type { Hono } from 'hono';\nexport function setup(app: Hono) { app.get('/version', (c) => c.text('1')); }\n",
      // Ambiguous: one function given two apps, and two functions of one file whose parameters are both
      // `app` (one node), one of them given the guarded app. Not linked: judged without its middleware.
      'src/items.ts': [
        "import { createRoute } from '@hono/zod-openapi';",
        "const del = createRoute({ method: 'delete', path: '/items/{id}', responses: {} });",
        'export function registerItems(app: any) { return app.openapi(del, async (c) => { await db.delete(items); return c.json({}); }); }',
      ].join('\n'),
      'src/both.ts': [
        "import { createRoute } from '@hono/zod-openapi';",
        "const a = createRoute({ method: 'post', path: '/comments', responses: {} });",
        "const b = createRoute({ method: 'put', path: '/comments', responses: {} });",
        'export function registerAdmin(app: any) { return app.openapi(a, async (c) => { await db.insert(comments); return c.json({}); }); }',
        'export function registerPublic(app: any) { return app.openapi(b, async (c) => { await db.update(comments); return c.json({}); }); }',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.auth ?? '-'}`)).toEqual([
      'POST /comments src/both.ts:4 -',
      'PUT /comments src/both.ts:5 -',
      'DELETE /items/:id src/items.ts:3 -',
      'DELETE /v1/monitor/:id src/monitors/delete.ts:4 authMiddleware',
      'DELETE /cache src/public/delete.ts:4 -',
      'GET /v1/monitor/version src/setup.ts:2 authMiddleware',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/both.ts:4', 'src/both.ts:5', 'src/items.ts:3', 'src/public/delete.ts:4']);
  });

  it('takes a 401 on a missing request lookup and an imported handler that checks the caller for guards, and a 405-only handler for no endpoint', async () => {
    const findings = await runRule(rule, {
      ...pkg('"next":"15","hono":"4","express":"4"'),
      'app/api/onboarding/route.ts': [
        'export async function POST(req: Request) {',
        '  const ctx = await getServiceContextFromRequest(req);',
        '  if (!ctx) {',
        '    return new Response(JSON.stringify({ error: "Unauthorized" }), { status: 401 });',
        '  }',
        '  await db.insert(checks).values(await req.json());',
        '  return Response.json({ ok: true });',
        '}',
      ].join('\n'),
      'app/api/markdown/route.ts': [
        'export async function GET() { return new Response("# docs"); }',
        'export async function POST() {',
        '  return new NextResponse("Method Not Allowed", { status: 405 });',
        '}',
        // Answers 405 too, but only after writing: an endpoint. And a 405 that is only a header's value.
        'export async function PUT(req: Request) { await db.update(pages).set(await req.json()); return new Response("", { status: 405 }); }',
        'export async function DELETE(req: Request) { track(req.url); return Response.json({ code: "405" }, { status: 202 }); }',
      ].join('\n'),
      'src/legacy.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.post('/legacy', (req, res) => res.status(405).send('Method Not Allowed'));",
        "app.delete('/legacy', (req, res) => res.sendStatus(405));",
        'export default app;',
      ].join('\n'),
      'app/api/upload/route.ts': [
        'export async function POST(request: Request) {',
        '  const { searchParams } = new URL(request.url);',
        '  const blob = await put(searchParams.get("filename"), request.body, { access: "public" });',
        '  return NextResponse.json(blob);',
        '}',
      ].join('\n'),
      'src/checker/index.ts': [
        "import { Hono } from 'hono';",
        "import { updateStatusPrivate } from './private-location';",
        "import { updateStatusOpen } from './open';",
        'export const checkerRoute = new Hono();',
        "checkerRoute.post('/updateStatusPrivate', updateStatusPrivate);",
        "checkerRoute.post('/updateStatusOpen', updateStatusOpen);",
        'export default checkerRoute;',
      ].join('\n'),
      'src/checker/private-location.ts': [
        'export async function updateStatusPrivate(c: any) {',
        '  const auth = c.req.header("Authorization");',
        '  if (auth !== `Basic ${env().CRON_SECRET}`) return c.text("Unauthorized", 401);',
        '  await db.update(monitors).set(await c.req.json());',
        '  return c.text("ok");',
        '}',
      ].join('\n'),
      'src/checker/open.ts': [
        'export async function updateStatusOpen(c: any) {',
        '  await db.update(monitors).set(await c.req.json());',
        '  return c.text("ok");',
        '}',
      ].join('\n'),
      // Sends a token upstream and maps the upstream's 401: it checks no caller.
      'src/checker/sync.ts': [
        'export async function syncAll(c: any) {',
        '  const res = await fetch(UPSTREAM, { headers: { Authorization: `Bearer ${env.UPSTREAM_TOKEN}` } });',
        '  if (res.status === 401) return c.text("Unauthorized upstream", 502);',
        '  await db.insert(rows).values(await res.json());',
        '  return c.text("ok");',
        '}',
      ].join('\n'),
      'src/checker/sync-route.ts': "import { Hono } from 'hono';\nimport { syncAll } from './sync';\nexport const sync = new Hono();\nsync.post('/sync', syncAll);\n",
    });
    expect(at(findings)).toEqual(['app/api/markdown/route.ts:5', 'app/api/markdown/route.ts:6', 'app/api/upload/route.ts:1', 'src/checker/index.ts:6', 'src/checker/sync-route.ts:4']);
  });

  it('a Next.js handler built by a package without a knowledge entry is unknown naming file:line, never judged; a known auth library is followed', async () => {
    const run = await auditFiles({
      ...pkg('"next":"15","uploadthing":"7","better-auth":"1","@acme/sdk":"1"'),
      'app/api/uploadthing/route.ts': "import { createRouteHandler } from 'uploadthing/next';\nimport { fileRouter } from './core';\nexport const { GET, POST } = createRouteHandler({ router: fileRouter });\n",
      'app/api/uploadthing/core.ts': "export const fileRouter = {};\n",
      'app/api/hooks/route.ts': "import sdk from '@acme/sdk';\nexport const POST = sdk.webhookHandler({ onEvent: async (e) => db.insert(events).values(e) });\n",
      'app/api/auth/[...all]/route.ts': "import { auth } from '@/lib/auth';\nimport { toNextJsHandler } from 'better-auth/next-js';\nexport const { GET, POST } = toNextJsHandler(auth);\n",
      'lib/auth.ts': "import { betterAuth } from 'better-auth';\nexport const auth = betterAuth({});\n",
      'tsconfig.json': '{"compilerOptions":{"paths":{"@/*":["./*"]}}}',
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => `${o.status} ${o.reason}`)).toEqual([
      'unknown 3 route handler(s) built by a package verdict has no knowledge of, so their auth guard could not be checked for them: '
        + 'app/api/hooks/route.ts:2 POST (@acme/sdk), app/api/uploadthing/route.ts:3 GET (uploadthing/next#createRouteHandler), app/api/uploadthing/route.ts:3 POST (uploadthing/next#createRouteHandler)',
    ]);
  });

  it('is unknown, not "no route", for a service on a framework whose routes verdict does not read (Koa with koa-route)', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"mono","private":true}',
      'apps/api/package.json': '{"name":"api","private":true,"dependencies":{"koa":"2","koa-route":"3"}}',
      'apps/api/src/users.ts': "import Koa from 'koa';\nimport route from 'koa-route';\nconst app = new Koa();\napp.use(route.delete('/users/:id', async (ctx) => { await db.delete(users); }));\n",
      // Its socket.io server is inventoried, but is no HTTP route (outline).
      'apps/api/src/websockets.ts': "import { Server } from 'socket.io';\nconst io = new Server(server);\nio.on('connection', (socket) => socket.emit('hi'));\n",
      // A NestJS service whose routes verdict cannot read (no controller class it knows): unknown too.
      'apps/jobs/package.json': '{"name":"jobs","private":true,"dependencies":{"@nestjs/core":"10"}}',
      'apps/jobs/src/main.ts': "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(routesFromConfig());\nawait app.listen(3000);\n",
      // A published Koa plugin: a library, no service to check.
      'packages/koa-plugin/package.json': '{"name":"koa-plugin","dependencies":{"koa":"2"}}',
      'packages/koa-plugin/index.js': 'module.exports = () => async (ctx, next) => next();\n',
    }, { rules: [rule] });
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => `${o.package} ${o.status} ${o.reason}`)).toEqual([
      'api unknown the package uses koa, whose routes verdict does not inventory: not checked',
      'jobs unknown the package uses nestjs, whose routes verdict does not inventory: not checked',
    ]);
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('reads Koa routers: prefixes, nested mounts, named routes, app middleware order and koa-jwt unless exceptions', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"shop","private":true,"dependencies":{"koa":"2","@koa/router":"12","koa-router":"7","koa-jwt":"4"}}',
      'src/app.ts': [
        "import Koa from 'koa';",
        "import jwt from 'koa-jwt';",
        "import { open } from './open';",
        "import api from './api';",
        'const app = new Koa();',
        'app.use(open.routes()).use(open.allowedMethods());',
        "app.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: ['/v1/orders/export', /^\\/v1\\/bulk/] }));",
        'app.use(api.routes());',
        'app.listen(3000);',
      ].join('\n'),
      // Mounted before the JWT middleware: not guarded by it.
      'src/open.ts': "import Router from '@koa/router';\nexport const open = new Router();\nopen.post('/notes', async (ctx) => { await db.insert(notes).values(ctx.request.body); ctx.body = { ok: true }; });\n",
      'src/api.ts': [
        "const Router = require('koa-router');",
        "const orders = require('./orders');",
        "const api = new Router({ prefix: '/v1' });",
        "api.use('/orders', orders.routes());",
        "api.post('/bulk/notes', async (ctx) => { await db.insert(notes).values(ctx.request.body); ctx.body = 'ok'; });",
        'module.exports = api;',
      ].join('\n'),
      'src/orders.ts': [
        "const Router = require('koa-router');",
        'const router = new Router();',
        "router.get('order', '/:id', async (ctx) => { ctx.body = await db.select().from(orders).where(eq(orders.id, ctx.params.id)); });",
        "router.post('/export', async (ctx) => { await db.insert(exports).values(ctx.request.body); });",
        "router.delete('/:id', async (ctx) => { await db.delete(orders).where(eq(orders.id, ctx.params.id)); });",
        'module.exports = router;',
      ].join('\n'),
    }, { rules: [rule] });
    const routes = RouteInventory.parse(run.inventory.routes).routes;
    expect(routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`).sort()).toEqual([
      'DELETE /v1/orders/:id jwt', 'GET /v1/orders/:id jwt', 'POST /notes -', 'POST /v1/bulk/notes -', 'POST /v1/orders/export -',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id)).sort()).toEqual(['src/api.ts:5', 'src/open.ts:3', 'src/orders.ts:4']);
  });

  it('a Koa router verdict cannot place (computed prefix, unmounted) is unknown naming the file, and koa-jwt passthrough guards nothing', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","private":true,"dependencies":{"koa":"2","@koa/router":"12","koa-jwt":"4"}}',
      'src/app.ts': [
        "import Koa from 'koa';",
        "import jwt from 'koa-jwt';",
        "import Router from '@koa/router';",
        'const app = new Koa();',
        'app.use(jwt({ secret: process.env.JWT_SECRET, passthrough: true }));',
        "const router = new Router({ prefix: process.env.API_PREFIX });",
        "router.delete('/items/:id', async (ctx) => { await db.delete(items); });",
        "const admin = new Router();",
        "admin.post('/wipe', async (ctx) => { await db.delete(items); });",
        "const pub = new Router();",
        "pub.post('/items', async (ctx) => { await db.insert(items).values(ctx.request.body); });",
        'app.use(router.routes());',
        'app.use(pub.routes());',
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/app.ts:11']);
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id);
    expect(outcome?.reason).toContain('could not be checked for them: src/app.ts:7 (process.env.API_PREFIX + /items/:id)');
    // The router mounted nowhere: its prefix is unknown, listed as such and not judged.
    expect(RouteInventory.parse(run.inventory.routes).routes.find((r) => r.line === 9)?.path).toBe('?/wipe');
  });

  it('a command constructed in a Nest handler is no caller check, whatever its name (DeleteUserCommand); a check named for the caller still is', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@nestjs/cqrs":"10"}}',
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nconst app = await NestFactory.create(AppModule);\nawait app.listen(3000);\n",
      'src/delete-user.http-controller.ts': [
        "import { Controller, Delete, NotFoundException, Param } from '@nestjs/common';",
        "import { CommandBus } from '@nestjs/cqrs';",
        "import { DeleteUserCommand } from './delete-user.service';",
        "@Controller('v1')",
        'export class DeleteUserHttpController {',
        '  constructor(private readonly commandBus: CommandBus) {}',
        "  @Delete('users/:id')",
        "  async deleteUser(@Param('id') id: string) {",
        '    const ok = await this.commandBus.execute(new DeleteUserCommand({ userId: id }));',
        "    if (!ok) throw new NotFoundException('no such user');",
        '  }',
        '}',
      ].join('\n'),
      'src/delete-user.service.ts': 'export class DeleteUserCommand { constructor(readonly props: { userId: string }) {} }\n',
      'src/wallets.controller.ts': [
        "import { Controller, Delete, ForbiddenException, Param, Req } from '@nestjs/common';",
        "import { requireUser } from './session';",
        "@Controller('v1')",
        'export class WalletsController {',
        "  @Delete('wallets/:id')",
        "  async remove(@Param('id') id: string, @Req() req: any) {",
        '    if (!requireUser(req)) throw new ForbiddenException();',
        '    return this.repo.delete(id);',
        '  }',
        '}',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`)).toEqual([
      'DELETE /v1/users/:id -',
      'DELETE /v1/wallets/:id check in handler',
    ]);
    expect(at(run.findings)).toEqual(['src/delete-user.http-controller.ts:7']);
  });

  it('reads NestJS controllers: class and method guards, APP_GUARD and global guards, the global prefix, @Public and @Throttle', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@nestjs/throttler":"5"}}',
      'src/main.ts': [
        "import { NestFactory } from '@nestjs/core';",
        "import { AppModule } from './app.module';",
        'const app = await NestFactory.create(AppModule);',
        "app.setGlobalPrefix('api');",
        'await app.listen(3000);',
      ].join('\n'),
      'src/admin.controller.ts': [
        "import { Controller, Delete } from '@nestjs/common';",
        "import { ROUTES } from './routes';",
        '@Controller(ROUTES.ADMIN)',
        "export class AdminController { @Delete(':id') remove() { return this.prisma.user.delete({}); } }",
      ].join('\n'),
      'src/users/users.controller.ts': [
        "import { Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';",
        "import { AuthGuard } from '@nestjs/passport';",
        "@Controller('users')",
        '@UseGuards(AuthGuard(\'jwt\'))',
        'export class UsersController {',
        "  @Delete(':id')",
        '  remove(@Param(\'id\') id: string) { return this.prisma.user.delete({ where: { id } }); }',
        '}',
      ].join('\n'),
      'src/orders/orders.controller.ts': [
        "import { Controller, Get, Post, Body, UseGuards } from '@nestjs/common';",
        "import { Throttle } from '@nestjs/throttler';",
        "import { RolesGuard } from '../auth/roles.guard';",
        "@Controller({ path: 'orders' })",
        'export class OrdersController {',
        '  @Post()',
        '  @UseGuards(RolesGuard)',
        '  @Throttle({ default: { limit: 3, ttl: 60000 } })',
        '  create(@Body() dto: any) { return this.prisma.order.create({ data: dto }); }',
        "  @Post('import')",
        '  importMany(@Body() dto: any) { return this.prisma.order.createMany({ data: dto }); }',
        "  @Get('health')",
        "  health() { return { status: 'ok' }; }",
        '}',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line} ${r.auth ?? '-'} ${r.rateLimited}`)).toEqual([
      'DELETE /api/{ROUTES.ADMIN}/:id src/admin.controller.ts:4 - false',
      // `@Throttle()` only sets the limits ThrottlerGuard enforces, and no ThrottlerGuard applies here.
      'POST /api/orders src/orders/orders.controller.ts:6 RolesGuard false',
      'POST /api/orders/import src/orders/orders.controller.ts:10 - false',
      'GET /api/orders/health src/orders/orders.controller.ts:12 - false',
      'DELETE /api/users/:id src/users/users.controller.ts:6 AuthGuard false',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/admin.controller.ts:4', 'src/orders/orders.controller.ts:10']);

    // An app-wide guard from a module's providers covers every controller; @Public() on a method opts that
    // route out on purpose (an opted-out webhook path is judged as a webhook: it needs its signature checked).
    const guarded = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { APP_GUARD } from '@nestjs/core';",
        "import { JwtAuthGuard } from './auth/jwt.guard';",
        '@Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })',
        'export class AppModule {}',
      ].join('\n'),
      'src/orders.controller.ts': [
        "import { Controller, Post, Body } from '@nestjs/common';",
        "import { Public } from './auth/public.decorator';",
        "@Controller('orders')",
        'export class OrdersController {',
        "  @Post() create(@Body() dto: any) { return this.prisma.order.create({ data: dto }); }",
        "  @Public() @Post('track') hook(@Body() b: any) { return this.prisma.event.create({ data: b }); }",
        '}',
      ].join('\n'),
    });
    expect(guarded).toEqual([]);

    // Guards that let anonymous callers through, or whose names only contain an auth-like word.
    const lenient = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'src/posts.controller.ts': [
        "import { Controller, Post, UseGuards } from '@nestjs/common';",
        "import { AuthGuard } from '@nestjs/passport';",
        "@Controller({ 'path': 'posts' })",
        'export class PostsController {',
        "  @Post('a') @UseGuards(AuthGuard(['jwt', 'anonymous'])) a() { return this.prisma.post.create({}); }",
        "  @Post('b') @UseGuards(OptionalJwtAuthGuard) b() { return this.prisma.post.create({}); }",
        "  @Post('c') @UseGuards(OracleGuard, CsrfTokenGuard, TokenBucketGuard) c() { return this.prisma.post.create({}); }",
        "  @Post('d') @UseGuards(ApiKeyGuard) d() { return this.prisma.post.create({}); }",
        "  @Post('e') @UseGuards(AccessTokenGuard) e() { return this.prisma.post.create({}); }",
        "  @Post('f') @UseGuards(AuthorizationGuard) f() { return this.prisma.post.create({}); }",
        "  @Post('g') @UseGuards(UserAgentGuard) g() { return this.prisma.post.create({}); }",
        '}',
      ].join('\n'),
    });
    expect(lenient.map((f) => f.message.split(' (nestjs)')[0])).toEqual(['POST /posts/a', 'POST /posts/b', 'POST /posts/c', 'POST /posts/g']);

    // Two Nest apps in one package (Nx): one app's APP_GUARD and module middleware are not the other's.
    const twoApps = await runRule(rule, {
      'package.json': '{"name":"mono","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'apps/api/src/app/app.module.ts': [
        "import { Module, MiddlewareConsumer } from '@nestjs/common';",
        "import { APP_GUARD } from '@nestjs/core';",
        "import { JwtAuthGuard } from './jwt.guard';",
        "import { AuthMiddleware } from './auth.middleware';",
        '@Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })',
        'export class AppModule { configure(c: MiddlewareConsumer) { c.apply(AuthMiddleware).forRoutes(JobsController); } }',
      ].join('\n'),
      'apps/api/src/app/orders.controller.ts': "import { Controller, Post } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController { @Post() create() { return this.prisma.order.create({}); } }\n",
      'apps/worker/src/jobs.controller.ts': "import { Controller, Post } from '@nestjs/common';\n@Controller('jobs')\nexport class JobsController { @Post() run() { return this.prisma.job.create({}); } }\n",
    });
    expect(at(twoApps)).toEqual(['apps/worker/src/jobs.controller.ts:3']);

    // A path alias that two files of the repository could be: not resolved, so not taken for a guard.
    const decorator = "import { applyDecorators, UseGuards } from '@nestjs/common';\nimport { AuthGuard } from '@nestjs/passport';\nexport function RequiresScope() { return applyDecorators(UseGuards(AuthGuard('jwt'))); }\n";
    const ambiguous = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'apps/admin/src/decorators/requires-scope.decorator.ts': decorator,
      'apps/api/src/decorators/requires-scope.decorator.ts': decorator.replace("AuthGuard('jwt')", 'FeatureFlagGuard'),
      'apps/api/src/x.controller.ts': [
        "import { Controller, Delete } from '@nestjs/common';",
        "import { RequiresScope } from '@acme/api/decorators/requires-scope.decorator';",
        "@Controller('x')",
        "export class X { @Delete(':id') @RequiresScope() remove() { return this.prisma.x.delete({}); } }",
      ].join('\n'),
    });
    expect(at(ambiguous)).toEqual(['apps/api/src/x.controller.ts:4']);

    // A global guard that checks no login, a decorator of the app's own that applies
    // AuthGuard (imported through a tsconfig path alias), and the signup route.
    const ghost = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      // As an Nx workspace's tsconfig.base.json maps it: the link stage resolves the alias with TypeScript.
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@acme/api/*': ['apps/api/src/*'] } } }),
      'apps/api/src/app/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { APP_GUARD } from '@nestjs/core';",
        "import { ImpersonationWriteGuard } from '@acme/api/guards/impersonation-write.guard';",
        '@Module({ providers: [{ provide: APP_GUARD, useClass: ImpersonationWriteGuard }] })',
        'export class AppModule {}',
      ].join('\n'),
      'apps/api/src/decorators/requires-scope.decorator.ts': [
        "import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';",
        "import { AuthGuard } from '@nestjs/passport';",
        'export function RequiresScope(...scopes: string[]) {',
        "  return applyDecorators(SetMetadata('scopes', scopes), UseGuards(AuthGuard('jwt'), ScopeGuard));",
        '}',
      ].join('\n'),
      'apps/api/src/app/account/account.controller.ts': [
        "import { Controller, Delete, Post, Body } from '@nestjs/common';",
        "import { RequiresScope } from '@acme/api/decorators/requires-scope.decorator';",
        "import { HasPermission } from '@acme/api/decorators/has-permission.decorator';",
        "@Controller('account')",
        'export class AccountController {',
        "  @Delete(':id') @RequiresScope('write') remove() { return this.prisma.account.delete({}); }",
        "  @Post() @HasPermission('create') create(@Body() b: any) { return this.prisma.account.create({ data: b }); }",
        '}',
      ].join('\n'),
      'apps/api/src/app/user/user.controller.ts': [
        "import { Controller, Post } from '@nestjs/common';",
        "@Controller('user')",
        'export class UserController {',
        '  @Post() public async signupUser() { return this.userService.createUser({}); }',
        '}',
      ].join('\n'),
    });
    expect(ghost.map((f) => `${at([f])[0]} ${f.message}`)).toEqual([
      'apps/api/src/app/account/account.controller.ts:7 POST /account (nestjs) touches data with no auth guard (middleware: ImpersonationWriteGuard, HasPermission)',
    ]);

    // Middleware a module applies (the RealWorld app, postiz): by path and method, by controller
    // (a spread const array), with `.exclude(...)`.
    const consumer = await runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10"}}',
      'src/article/article.module.ts': [
        "import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';",
        "import { AuthMiddleware } from '../user/auth.middleware';",
        "import { UsersController } from '../users.controller';",
        'const authenticated = [UsersController];',
        '@Module({})',
        'export class ArticleModule implements NestModule {',
        '  configure(consumer: MiddlewareConsumer) {',
        "    consumer.apply(AuthMiddleware).forRoutes({ path: 'articles', method: RequestMethod.POST }, { path: 'articles/:slug', method: RequestMethod.DELETE });",
        "    consumer.apply(AuthMiddleware).exclude({ path: 'users/invite', method: RequestMethod.POST }).forRoutes(...authenticated);",
        "    consumer.apply(AuthMiddleware).forRoutes('reports/{*splat}');",
        '  }',
        '}',
      ].join('\n'),
      'src/article/article.controller.ts': [
        "import { Controller, Delete, Post, Put, Body, Param } from '@nestjs/common';",
        "@Controller('articles')",
        'export class ArticleController {',
        '  @Post() create(@Body() b: any) { return this.repo.save(b); }',
        "  @Delete(':slug') remove(@Param('slug') s: string) { return this.repo.delete({ s }); }",
        "  @Put(':slug') update(@Param('slug') s: string, @Body() b: any) { return this.repo.update({ s }, b); }",
        '}',
      ].join('\n'),
      'src/reports.controller.ts': "import { Controller, Post } from '@nestjs/common';\n@Controller('reports')\nexport class R { @Post('run') run() { return this.repo.save({}); } }\n",
      'src/users.controller.ts': [
        "import { Controller, Delete, Post, Body } from '@nestjs/common';",
        "@Controller('users')",
        'export class UsersController {',
        "  @Delete('me') remove() { return this.repo.delete({}); }",
        "  @Post('signup') signup(@Body() b: any) { return this.repo.save(b); }",
        "  @Post('invite') invite(@Body() b: any) { return this.repo.save(b); }",
        '}',
        "@Controller('members')",
        'export class MembersController {',
        // POST /members that creates through the users service: a signup as often as an admin's create
        // (`nest g resource`), so it is judged like any write.
        '  @Post() create(@Body() b: any) { return this.userService.create(b); }',
        "  @Post('bulk') bulk(@Body() b: any) { return this.userService.create(b); }",
        '}',
      ].join('\n'),
    });
    expect(consumer.map((f) => at([f])[0])).toEqual(['src/article/article.controller.ts:6', 'src/users.controller.ts:6', 'src/users.controller.ts:10', 'src/users.controller.ts:11']);
  });

  it('judges NestJS middleware by its code: a class\'s `use` applied with forRoutes, and a function main.ts installs with app.use', async () => {
    const nest = (files: Record<string, string>) => runRule(rule, {
      'package.json': '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10","jsonwebtoken":"9","helmet":"7"}}',
      'src/orders.controller.ts': "import { Controller, Post } from '@nestjs/common';\n@Controller('orders')\nexport class OrdersController { @Post() create() { return this.prisma.order.create({}); } }\n",
      ...files,
    });
    const module = (mw: string, file: string) => [
      "import { Module, MiddlewareConsumer, NestModule } from '@nestjs/common';",
      `import { ${mw} } from '${file}';`,
      '@Module({})',
      `export class AppModule implements NestModule { configure(c: MiddlewareConsumer) { c.apply(${mw}).forRoutes('*'); } }`,
    ].join('\n');
    const main = (use: string, imp: string) => `import { NestFactory } from '@nestjs/core';\n${imp}\nimport { AppModule } from './app.module';\nasync function boot() { const app = await NestFactory.create(AppModule); app.use(${use}); await app.listen(3000); }\nboot();\n`;
    // A class whose name says nothing of auth, whose `use` refuses a request without a verified token: a guard.
    const gate = await nest({
      'src/app.module.ts': module('Gate', './gate'),
      'src/gate.ts': "import { Injectable, NestMiddleware, UnauthorizedException } from '@nestjs/common';\nimport { verify } from 'jsonwebtoken';\n@Injectable()\nexport class Gate implements NestMiddleware {\n  use(req: any, res: any, next: () => void) { const t = req.headers.authorization; if (!t) throw new UnauthorizedException(); verify(t, 's'); next(); }\n}\n",
    });
    expect(at(gate)).toEqual([]);
    // Named for auth, but its `use` only logs and passes every request on: no guard, whatever the name says.
    const named = await nest({
      'src/app.module.ts': module('AuthMiddleware', './auth.middleware'),
      'src/auth.middleware.ts': "import { Injectable, NestMiddleware } from '@nestjs/common';\n@Injectable()\nexport class AuthMiddleware implements NestMiddleware {\n  use(req: any, res: any, next: () => void) { console.log(req.method, req.url); next(); }\n}\n",
    });
    expect(at(named)).toEqual(['src/orders.controller.ts:3']);
    // `app.use(requireToken)` in main.ts: in every route's chain, judged by the function's body.
    const token = await nest({
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/main.ts': main('requireToken', "import { requireToken } from './auth/require-token';"),
      'src/auth/require-token.ts': "import { verify } from 'jsonwebtoken';\nexport function requireToken(req: any, res: any, next: any) { const h = req.headers.authorization; if (!h) return res.status(401).end(); verify(h.slice(7), 's'); next(); }\n",
    });
    expect(at(token)).toEqual([]);
    // What main.ts installs that checks no caller (helmet) guards nothing.
    const headers = await nest({
      'src/app.module.ts': "import { Module } from '@nestjs/common';\n@Module({})\nexport class AppModule {}\n",
      'src/main.ts': main('helmet()', "import helmet from 'helmet';"),
    });
    expect(at(headers)).toEqual(['src/orders.controller.ts:3']);
  });

  it('follows CommonJS requires to the middleware they bind: destructured, one member, module.exports and exports.x', async () => {
    const found = await runRule(rule, {
      ...pkg('"express":"4"'),
      'src/index.js': "const express = require('express');\nconst app = express();\napp.use('/api', require('./routes'));\napp.listen(3000);\n",
      'src/routes.js': [
        "const { Router } = require('express');",
        "const { authenticate, requireAdmin } = require('./middleware/auth');",
        "const check = require('./token').check;",
        'const r = Router();',
        "r.post('/a', authenticate, (req, res) => res.json(req.body));",
        "r.post('/b', check, (req, res) => res.json(req.body));",
        "r.post('/c', requireAdmin, (req, res) => res.json(req.body));",
        'module.exports = r;',
      ].join('\n'),
      // requireAdmin is named for a check, but only logs: its code says it lets everyone through.
      'src/middleware/auth.js': [
        'function authenticate(req, res, next) { if (!req.headers.authorization) return res.status(401).end(); next(); }',
        'function requireAdmin(req, res, next) { console.log(req.path); next(); }',
        'module.exports = { authenticate, requireAdmin };',
      ].join('\n'),
      'src/token.js': "exports.check = function (req, res, next) { if (req.get('x-token') !== process.env.TOKEN) return res.sendStatus(401); next(); };\n",
    });
    expect(at(found)).toEqual(['src/routes.js:7']);
  });

  it('follows fastify.register prefixes into plugin files, with hooks that apply to the plugin, and itty-router middleware', async () => {
    const run = await auditFiles({
      ...pkg('"fastify":"4","itty-router":"5"'),
      'src/server.ts': [
        "import Fastify from 'fastify';",
        "import notes from './routes/notes';",
        "import admin from './routes/admin';",
        'const fastify = Fastify();',
        "fastify.register(notes, { prefix: '/notes' });",
        "fastify.register(admin, { prefix: '/admin' });",
        'fastify.listen({ port: 3000 });',
      ].join('\n'),
      'src/routes/notes.ts': [
        "import type { FastifyInstance } from 'fastify';",
        'export default async function notes(fastify: FastifyInstance) {',
        "  fastify.addHook('onRequest', fastify.authenticate);",
        "  fastify.post('/', async (request) => prisma.note.create({ data: request.body }));",
        '}',
      ].join('\n'),
      'src/routes/admin.ts': [
        "import type { FastifyInstance } from 'fastify';",
        'export default async function admin(fastify: FastifyInstance) {',
        "  fastify.delete('/cache', async () => ({ ok: true }));",
        '}',
      ].join('\n'),
      'worker/index.ts': [
        "import { AutoRouter } from 'itty-router';",
        'const router = AutoRouter();',
        "router.post('/items', withAuth, async (req, env) => env.DB.prepare('INSERT INTO items DEFAULT VALUES').run());",
        "router.delete('/items/:id', async (req, env) => env.DB.prepare('DELETE FROM items WHERE id = ?').bind(req.params.id).run());",
        'export default router;',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.framework} ${r.method} ${r.path} ${r.auth ?? '-'}`)).toEqual([
      'fastify DELETE /admin/cache -', 'fastify POST /notes fastify.authenticate', 'itty-router POST /items withAuth', 'itty-router DELETE /items/:id -',
    ]);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/routes/admin.ts:3', 'worker/index.ts:4']);
  });

  it('follows anonymous chained routers (`export default Router().use(...)`), and does not take optional auth for a guard', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4"'),
      'src/main.ts': "import express from 'express';\nimport routes from './routes';\nconst app = express();\napp.use(routes);\napp.listen(3000);\n",
      'src/routes.ts': [
        "import { Router } from 'express';",
        "import articles from './articles';",
        'const api = Router().use(articles);',
        "export default Router().use('/api', api);",
      ].join('\n'),
      'src/articles.ts': [
        "import { Router } from 'express';",
        "import auth from './auth';",
        'const router = Router();',
        "router.post('/users', async (req, res) => res.json(await createUser(req.body)));",
        "router.post('/articles', auth.required, async (req, res) => res.json({}));",
        "router.put('/articles/:slug', auth.optional, async (req, res) => res.json({}));",
        'export default router;',
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.auth ?? '-'}`)).toEqual(['POST /api/users -', 'POST /api/articles auth.required', 'PUT /api/articles/:slug -']);
    expect(at(run.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/articles.ts:6']);
  });

  it('tells data access from request parsing, hashing and collections', async () => {
    const run = await auditFiles({
      ...pkg('"hono":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.get('/search', (c) => c.json(find(c.req.query('q'))));",
        "app.get('/etag', (c) => { const h = createHash('sha256'); h.update('x'); seen.delete('x'); return c.text(/a/.exec('a')?.[0] ?? ''); });",
        "app.get('/users', async (c) => c.json(await userRepo.findMany()));",
        "app.get('/kv', async (c) => c.json(await c.env.DB.prepare('SELECT 1').first()));",
      ].join('\n'),
    }, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.path} ${r.touchesData}`)).toEqual(['/search false', '/etag false', '/users true', '/kv true']);
  });

  it('takes an imported request helper that checks the caller for a guard, unless the handler skips it', async () => {
    const run = await auditFiles({
      ...pkg('"next":"15"'),
      // The tsconfig maps `@/*` to `./src/*`: the link stage resolves `@/lib/request` with it.
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/lib/request.ts': [
        "import { checkAuth } from './auth';",
        'export async function parseRequest(request: Request, schema?: unknown, options?: { skipAuth: boolean }) {',
        '  const body = await request.json();',
        '  let auth = null;',
        '  if (!options?.skipAuth) {',
        '    auth = await checkAuth(request);',
        '    if (!auth) return { body, auth, error: () => unauthorized() };',
        '  }',
        '  return { body, auth };',
        '}',
        'export const readBody = async (request: Request) => request.json();',
      ].join('\n'),
      'src/app/api/boards/route.ts': [
        "import { parseRequest } from '@/lib/request';",
        'export async function POST(request: Request) {',
        '  const { body, auth } = await parseRequest(request);',
        '  return Response.json(await prisma.board.create({ data: { ...body, userId: auth.user.id } }));',
        '}',
      ].join('\n'),
      'src/app/api/send/route.ts': [
        "import * as req from '@/lib/request';",
        'export async function POST(request: Request) {',
        '  const { body } = await req.parseRequest(request, null, { skipAuth: true });',
        '  return Response.json(await prisma.event.create({ data: body }));',
        '}',
      ].join('\n'),
      'src/app/api/notes/route.ts': [
        "import { readBody } from '../../../lib/request';",
        'export async function POST(request: Request) {',
        '  return Response.json(await prisma.note.create({ data: await readBody(request) }));',
        '}',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(run.findings)).toEqual(['src/app/api/notes/route.ts:2']);
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual(['POST /api/boards parseRequest', 'POST /api/notes null', 'POST /api/send null']);
    expect(inv.summary.public).toBe(1);
  });

  it('follows Next.js handlers wrapped in imported guards, re-exports, method aliases and local handlers', async () => {
    const run = await auditFiles({
      ...pkg('"next":"15"'),
      'tsconfig.json': '{"compilerOptions":{"paths":{"@/lib/*":["lib/*"]}}}',
      'lib/auth/index.ts': "export * from './admin';\nexport * from './cron';\nexport * from './rate';\nexport * from './api';\n",
      'lib/auth/admin.ts': [
        'export const withAdmin = (handler: (ctx: { req: Request }) => Promise<Response>) => async (req: Request) => {',
        '  const session = await getSession();',
        "  if (!session?.user) return new Response('Unauthorized: Login required.', { status: 401 });",
        '  return handler({ req });',
        '};',
      ].join('\n'),
      // A wrapper that has the caller's signature checked by a helper that throws.
      'lib/auth/cron.ts': [
        "import { verifyQstashSignature } from './qstash';",
        'export const withCron = (handler: (ctx: { req: Request }) => Promise<Response>) => async (req: Request) => {',
        '  await verifyQstashSignature({ req, rawBody: await req.clone().text() });',
        '  return handler({ req });',
        '};',
      ].join('\n'),
      // Reads the session only to rate-limit anonymous callers: no guard.
      'lib/auth/rate.ts': [
        'export const ratelimitOrThrow = async (req: Request) => {',
        '  const session = await getToken({ req });',
        "  if (!session?.email && !(await limiter.limit(ip(req))).success) throw new ApiError({ code: 'rate_limit_exceeded' });",
        '};',
      ].join('\n'),
      // The check lives in a same-file helper the exported wrapper calls.
      'lib/auth/api.ts': [
        'async function authenticate(req: Request, mode: string) {',
        "  const session = await getSession();",
        "  if (!session) return problemUnauthorized('Not authenticated');",
        '  return session;',
        '}',
        'export const withApiWrapper = (opts: { auth: string; handler: (req: Request) => Promise<Response> }) => async (req: Request) => {',
        '  const auth = await authenticate(req, opts.auth);',
        '  return opts.handler(req);',
        '};',
      ].join('\n'),
      'app/api/admin/ban/route.ts': [
        "import { withAdmin } from '@/lib/auth';",
        'export const POST = withAdmin(async ({ req }) => Response.json(await prisma.user.update({ where: { id: 1 }, data: { banned: true } })));',
        'export const PUT = POST;',
      ].join('\n'),
      'app/api/cron/cleanup/route.ts': [
        "import { withCron } from '@/lib/auth';",
        'export const POST = withCron(async () => Response.json(await prisma.token.deleteMany({})));',
      ].join('\n'),
      'app/api/links/route.ts': [
        "import { ratelimitOrThrow } from '@/lib/auth';",
        'export async function POST(req: Request) {',
        '  await ratelimitOrThrow(req);',
        '  return Response.json(await prisma.link.create({ data: await req.json() }));',
        '}',
      ].join('\n'),
      'app/api/surveys/route.ts': [
        "import { withApiWrapper } from '@/lib/auth';",
        "export const DELETE = withApiWrapper({ auth: 'session', handler: async () => Response.json(await prisma.survey.deleteMany({})) });",
      ].join('\n'),
      // A cron handler that has the caller's signature checked, and a pages/api handler exported by name.
      'app/api/cron/welcome/route.ts': [
        "import { verifyQstashSignature } from '@/lib/cron/verify-qstash';",
        'export async function POST(req: Request) {',
        '  const rawBody = await req.text();',
        '  await verifyQstashSignature({ req, rawBody });',
        '  return Response.json(await prisma.user.update({ where: { id: JSON.parse(rawBody).userId }, data: { welcomed: true } }));',
        '}',
      ].join('\n'),
      'app/api/cron/digest/route.ts': [
        "import { receiver } from '@/lib/cron';",
        'export async function POST(req: Request) {',
        '  const body = await req.text();',
        "  const ok = await receiver.verify({ signature: req.headers.get('Upstash-Signature') || '', body });",
        "  if (!ok) return new Response('bad signature', { status: 400 });",
        '  return Response.json(await prisma.digest.create({ data: {} }));',
        '}',
      ].join('\n'),
      'pages/api/teams/[teamId]/block-list.ts': [
        "import { getServerSession } from 'next-auth';",
        'async function handler(req: any, res: any) {',
        '  const session = await getServerSession(req, res, authOptions);',
        "  if (!session) return res.status(401).json({ error: 'Unauthorized' });",
        "  if (req.method === 'PUT') return res.json(await prisma.team.update({ where: { id: req.query.teamId }, data: req.body }));",
        '}',
        'export default handler;',
      ].join('\n'),
      'app/api/records/route.ts': [
        "import { withAdmin } from '@/lib/auth';",
        'const handler = withAdmin(async ({ req }) => Response.json(await prisma.record.create({ data: await req.json() })));',
        'export const POST = handler;',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(run.findings)).toEqual(['app/api/links/route.ts:2']);
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.routes.map((r) => `${r.method} ${r.path} ${r.auth}`)).toEqual([
      'POST /api/admin/ban withAdmin',
      'PUT /api/admin/ban withAdmin',
      'POST /api/cron/cleanup withCron',
      'POST /api/cron/digest check in handler',
      'POST /api/cron/welcome check in handler',
      'POST /api/links null',
      'POST /api/records withAdmin',
      'DELETE /api/surveys withApiWrapper',
      'PUT /api/teams/:teamId/block-list check in handler',
    ]);
  });
  it('says in the inventory what recognised a guard (the cases of what guards are in route-without-auth.guards.test.ts)', async () => {
    const files = {
      ...pkg('"express":"4","jsonwebtoken":"9"'),
      'src/app.ts': [
        "import express from 'express';",
        "import jwt from 'jsonwebtoken';",
        "import { jwt as honoJwt } from 'hono/jwt';",
        'const app = express();',
        "const gatekeeper = (req, res, next) => { try { req.user = jwt.verify(req.headers.authorization ?? '', process.env.KEY!); next(); } catch { res.status(401).end(); } };",
        "app.post('/posts', gatekeeper, async (req, res) => res.json(await db.insert(posts).values(req.body)));",
        "app.post('/hooks', honoJwt({ secret: 's' }), async (req, res) => res.json(await db.insert(hooks).values(req.body)));",
        "app.post('/legacy', requireUser, async (req, res) => res.json(await db.insert(rows).values(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
    };
    const run = await auditFiles(files, { rules: [rule] });
    const inv = RouteInventory.parse(run.inventory.routes);
    // Its code, a library descriptor, and (an undeclared global) only its name: low confidence.
    expect(inv.routes.map((r) => [r.path, r.auth, r.authBy])).toEqual([
      ['/posts', 'gatekeeper', 'body'], ['/hooks', 'honoJwt', 'library'], ['/legacy', 'requireUser', 'name'],
    ]);
  });

  it('routes public by design are known by their path\'s words or a sign-up handler, not by substrings', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4"'),
      'src/app.ts': [
        "import express from 'express';",
        "import { registerUser } from './users';",
        'const app = express();',
        "app.post('/auth/passwordReset', async (req, res) => res.json(await db.user.update({ where: { email: req.body.email }, data: { resetToken: 't' } })));",
        "app.post('/contact-us', async (req, res) => res.json(await db.message.create({ data: req.body })));",
        "app.post('/api/users', async (req, res) => res.json(await registerUser(db, req.body)));",
        // Not public: a password change is made by a signed-in caller, a login history is an account's data.
        "app.put('/users/:id/password', async (req, res) => res.json(await db.user.update({ where: { id: req.params.id }, data: req.body })));",
        "app.delete('/login-history/:id', async (req, res) => res.json(await db.login.delete({ where: { id: req.params.id } })));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(run.findings)).toEqual(['src/app.ts:7', 'src/app.ts:8']);
    const inv = RouteInventory.parse(run.inventory.routes);
    expect(inv.summary.public).toBe(3);
  });

  it('a handler reading a webhook provider\'s header is a webhook whatever its path: verified, it is public; unverified, it is reported naming the provider', async () => {
    const run = await auditFiles({
      ...pkg('"express":"4","stripe":"14"'),
      'src/app.ts': [
        "import express from 'express';",
        "import Stripe from 'stripe';",
        'const stripe = new Stripe(process.env.STRIPE_KEY!);',
        'const app = express();',
        "app.post('/payments/callback', async (req, res) => { const sig = req.headers['stripe-signature']; await db.order.update({ where: { id: req.body.id }, data: { paid: true } }); res.json({ sig }); });",
        "app.post('/payments/events', async (req, res) => { const e = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], process.env.WH!); await db.order.update({ where: { id: e.id }, data: { paid: true } }); res.json({}); });",
        "app.post('/telegram', async (req, res) => { if (req.get('x-telegram-bot-api-secret-token') !== process.env.TG_SECRET) return res.sendStatus(401); await db.message.create({ data: req.body }); res.json({}); });",
        "app.post('/sns', async (req, res) => { if (req.headers['x-amz-sns-message-type'] === 'Notification') await db.event.create({ data: req.body }); res.json({}); });",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(at(findings)).toEqual(['src/app.ts:5', 'src/app.ts:8']);
    expect(findings.map((f) => [f.messageId, f.severity])).toEqual([['webhookUnverified', 'critical'], ['webhookUnverified', 'high']]);
    expect(findings[0].message).toContain('receives Stripe webhooks and no verification of the sender was found');
    expect(findings[1].message).toContain('receives Amazon SNS webhooks and no verification of the sender was found');
  });

  it('a Discord interactions endpoint that checks the Ed25519 signature with verifyKey is a verified webhook; one that reads the header only is reported', async () => {
    const run = await auditFiles({
      ...pkg('"hono":"4","discord-interactions":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { verifyKey } from 'discord-interactions';",
        'const app = new Hono();',
        "app.post('/', async (c) => { const signature = c.req.header('x-signature-ed25519'); const timestamp = c.req.header('x-signature-timestamp'); const body = await c.req.text(); const ok = signature && timestamp && (await verifyKey(body, signature, timestamp, c.env.DISCORD_PUBLIC_KEY)); if (!ok) return c.text('Bad request signature.', 401); await c.env.DB.prepare('INSERT INTO events (body) VALUES (?)').bind(body).run(); return c.json({ type: 1 }); });",
        "app.post('/unchecked', async (c) => { const signature = c.req.header('x-signature-ed25519'); await c.env.DB.prepare('INSERT INTO events (sig) VALUES (?)').bind(signature).run(); return c.json({ type: 1 }); });",
        'export default app;',
      ].join('\n'),
    }, { rules: [rule] });
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(at(findings)).toEqual(['src/index.ts:5']);
    expect(findings[0].message).toContain('receives Discord interactions webhooks and no verification of the sender was found');
  });
});
