import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './rate-limit-missing.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"express":"4","hono":"4"}}' };

describe('security/rate-limit-missing', () => {
  it('counts a limiter a function of another file puts on the app it is given, through a cast-only wrapper, for the routes declared after the call', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/security.ts': [
        "import type { Express, RequestHandler } from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const asHandler = (m: unknown): RequestHandler => m as RequestHandler;',
        'export async function registerSecurity(app: Express): Promise<() => Promise<void>> {',
        "  app.use('/auth', asHandler(rateLimit({ windowMs: 60_000, limit: 10 })) as unknown as RequestHandler);",
        '  const teardown = async () => {};',
        '  return teardown;',
        '}',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { registerSecurity } from './security';",
        'const app = express();',
        "app.post('/auth/signin', (req, res) => res.json(login(req.body)));",
        'await registerSecurity(app);',
        "app.post('/auth/login', (req, res) => res.json(login(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
      // A test giving the function an app of its own is no second caller of it.
      'test/security.test.ts': "import express from 'express';\nimport { registerSecurity } from '../src/security';\nconst testApp = express();\nit('limits', async () => { await registerSecurity(testApp); });\n",
    });
    // Express runs middleware in the order it is added: the route declared before the call is not covered.
    expect(at(findings)).toEqual(['src/app.ts:4']);
  });

  it('puts middleware a registration function adds at the call, in the order Express runs it', async () => {
    const run = await auditFiles({
      ...pkg,
      'src/security.ts': "import type { Express } from 'express';\nimport rateLimit from 'express-rate-limit';\nexport function registerSecurity(app: Express) {\n  app.use(rateLimit({ windowMs: 60_000, limit: 10 }));\n}\n",
      'src/app.ts': [
        "import express from 'express';",
        "import { registerSecurity } from './security';",
        'const app = express();',
        'app.use(express.json());',
        'registerSecurity(app);',
        'app.use(audit);',
        "app.post('/login', (req, res) => res.json(login(req.body)));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    const routes = (run.inventory.routes as { routes: Array<{ path: string; middleware: string[] }> }).routes;
    expect(routes.find((r) => r.path === '/login')?.middleware).toEqual(['express.json', 'rateLimit', 'audit']);
  });

  it('stays silent when a limiter covers the routes (app-level, per route, Workers binding)', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const app = express();',
        'const limiter = rateLimit({ windowMs: 60_000, limit: 100 });',
        'app.use(limiter);',
        "app.post('/login', (req, res) => res.json({}));",
        "app.post('/items', (req, res) => res.json({}));",
      ].join('\n'),
      'svc2/package.json': '{"name":"svc2","dependencies":{"hono":"4"}}',
      'svc2/src/index.ts': [
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.post('/signup', async (c) => { const { success } = await c.env.LIMITER.limit({ key: 'ip' }); return c.json({ success }); });",
        "app.use('/api/*', async (c, next) => { const { success } = await c.env.LIMITER.limit({ key: 'k' }); if (!success) return c.text('slow down', 429); await next(); });",
        "app.post('/api/login', (c) => c.json({}));",
      ].join('\n'),
    });
    expect(findings).toEqual([]);
    const fastify = await runRule(rule, {
      'package.json': '{"name":"f","dependencies":{"fastify":"4"}}',
      'src/server.ts': [
        "import Fastify from 'fastify';",
        "import rateLimit from '@fastify/rate-limit';",
        'const fastify = Fastify();',
        'fastify.register(rateLimit, { global: false });',
        "fastify.post('/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async () => ({}));",
      ].join('\n'),
    });
    expect(fastify).toEqual([]);
  });

  it('a limiter registered by a dynamic import (`register(import(\'@fastify/rate-limit\'), opts)`) limits the routes after it; another plugin loaded that way does not', async () => {
    const files = (plugin: string) => ({
      'package.json': '{"name":"f","dependencies":{"fastify":"5","@fastify/rate-limit":"10","@fastify/cors":"10"}}',
      'src/app.js': [
        "import Fastify from 'fastify';",
        'const app = Fastify();',
        `await app.register(import('${plugin}'), { max: 100, timeWindow: '1 minute' });`,
        "app.post('/auth/login', async (req) => ({ token: await signIn(req.body) }));",
        'await app.listen({ port: 3000 });',
      ].join('\n'),
    });
    expect(await runRule(rule, files('@fastify/rate-limit'))).toEqual([]);
    expect((await runRule(rule, files('@fastify/cors'))).length).toBeGreaterThan(0);
  });

  it('a limiter a fastify-plugin file registers covers the routes its parent registers after it; an encapsulated one stays in its plugin (unknown)', async () => {
    const files = (wrapped: boolean) => ({
      'package.json': '{"name":"svc","dependencies":{"fastify":"4","@fastify/autoload":"5","@fastify/rate-limit":"9","fastify-plugin":"4"},"scripts":{"start":"fastify start app.js"}}',
      'app.js': "import AutoLoad from '@fastify/autoload';\nimport { join } from 'desm';\nexport default async function (fastify, opts) {\n  await fastify.register(AutoLoad, { dir: join(import.meta.url, 'plugins') });\n  await fastify.register(AutoLoad, { dir: join(import.meta.url, 'routes') });\n}\n",
      'plugins/rate-limit.js': `import fp from 'fastify-plugin';\nimport RateLimit from '@fastify/rate-limit';\nasync function rateLimit (fastify) {\n  await fastify.register(RateLimit, { timeWindow: '1 minute', max: 10 });\n}\nexport default ${wrapped ? 'fp(rateLimit)' : 'rateLimit'};\n`,
      'routes/items.js': "export default async function items (fastify) {\n  fastify.route({ method: 'POST', path: '/items', handler: async () => ({ ok: true }) });\n  fastify.post('/login', async () => ({ token: 't' }));\n  fastify.post('/signup', { config: { rateLimit: false } }, async () => ({ ok: true }));\n  fastify.route({ method: 'POST', path: '/password-reset', config: { rateLimit: false }, handler: async () => ({ ok: true }) });\n}\n",
    });
    const run = await auditFiles(files(true), { rules: [rule] });
    // `config: { rateLimit: false }` takes the sign-up out of the limiter every other route has.
    expect(at(run.findings)).toEqual(['routes/items.js:4', 'routes/items.js:5']);
    expect(run.findings[0].message).toContain('POST /signup');
    expect(run.findings[1].message).toContain('POST /password-reset');
    const plain = await auditFiles(files(false), { rules: [rule] });
    expect(plain.findings).toEqual([]);
    const outcome = plain.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing');
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('@fastify/rate-limit is registered at plugins/rate-limit.js:2');
  });

  it('a Fastify limiter covers the plugins registered after it in its context and their children, not those registered before it', async () => {
    const login = (path: string) => `export default async function (fastify) {\n  fastify.post('${path}', async () => ({ token: 't' }));\n}\n`;
    const findings = await runRule(rule, {
      'package.json': '{"name":"f","dependencies":{"fastify":"4","@fastify/rate-limit":"9"}}',
      'src/server.ts': [
        "import Fastify from 'fastify';",
        "import rateLimit from '@fastify/rate-limit';",
        "import early from './early';",
        "import late from './late';",
        'const fastify = Fastify();',
        "fastify.register(early, { prefix: '/v1' });",
        'fastify.register(rateLimit, { max: 100 });',
        "fastify.register(late, { prefix: '/v2' });",
        "fastify.post('/auth/token', async () => ({}));",
        'fastify.listen({ port: 3000 });',
      ].join('\n'),
      'src/early.ts': login('/login'),
      'src/late.ts': "import child from './child';\nexport default async function (fastify) {\n  fastify.post('/login', async () => ({ token: 't' }));\n  fastify.register(child);\n}\n",
      'src/child.ts': login('/password-reset'),
    });
    expect(at(findings)).toEqual(['src/early.ts:2']);
  });

  it('a Fastify route option `config: { rateLimit }` counts only where the plugin is registered', async () => {
    const server = (register: string) => [
      "import Fastify from 'fastify';",
      "import rateLimit from '@fastify/rate-limit';",
      'const fastify = Fastify();',
      register,
      "fastify.post('/login', { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } }, async () => ({}));",
      "fastify.post('/signup', async () => ({}));",
    ].join('\n');
    const pkgJson = { 'package.json': '{"name":"f","dependencies":{"fastify":"4","@fastify/rate-limit":"9"}}' };
    // `global: false`: the route asking for a limit has one, the other none.
    expect(at(await runRule(rule, { ...pkgJson, 'src/server.ts': server('fastify.register(rateLimit, { global: false });') }))).toEqual(['src/server.ts:6']);
    // Never registered: the route option configures nothing.
    const none = await runRule(rule, { ...pkgJson, 'src/server.ts': server('// no limiter registered').replace("import rateLimit from '@fastify/rate-limit';", '') });
    expect(none.map((f) => f.message).join('\n')).toContain('POST /login');
  });

  it('reads a Fastify route\'s limit option as the code builds it: a const spread into the options, a const holding them, a helper returning them', async () => {
    const server = (before: string, login: string, signup: string) => [
      "import Fastify from 'fastify';",
      "import rateLimit from '@fastify/rate-limit';",
      'const fastify = Fastify();',
      'fastify.register(rateLimit, { global: false });',
      before,
      `fastify.post('/login', ${login}, async () => ({}));`,
      `fastify.post('/signup', ${signup}, async () => ({}));`,
    ].join('\n');
    const pkgJson = { 'package.json': '{"name":"f","dependencies":{"fastify":"4","@fastify/rate-limit":"9"}}' };
    const run = async (text: string) => at(await runRule(rule, { ...pkgJson, 'src/server.ts': text }));
    const limited = "const limited = { config: { rateLimit: { max: 5, timeWindow: '1 minute' } } };";
    // Spread into the options beside a schema, and the const itself: the login is limited, the bare sign-up is not.
    expect(await run(server(limited, '{ ...limited, schema: {} }', '{}'))).toEqual(['src/server.ts:7']);
    expect(await run(server(limited, 'limited', '{}'))).toEqual(['src/server.ts:7']);
    // A helper of the file returning the options, and a nested const for the limit itself.
    const helper = "const perMinute = { max: 5, timeWindow: '1 minute' };\nfunction withLimit() { return { config: { rateLimit: perMinute } }; }";
    expect(await run(server(helper, 'withLimit()', '{}'))).toEqual(['src/server.ts:8']);
    expect(await run(server(helper, '{ config: { rateLimit: perMinute } }', '{}'))).toEqual(['src/server.ts:8']);
    // A later key wins: `rateLimit: false` after the spread takes the sign-up out; an object that holds no limit limits nothing.
    const both = `${limited}\nconst plain = { schema: {} };`;
    expect(await run(server(both, 'limited', '{ ...limited, config: { rateLimit: false } }'))).toEqual(['src/server.ts:8']);
    expect(await run(server(both, 'limited', 'plain'))).toEqual(['src/server.ts:8']);
    // The registration's options in a const: `global: false` there limits only routes asking for it; without it, every route.
    const registered = async (opts: string) => {
      const text = server('', '{ config: { rateLimit: { max: 5 } } }', '{}').replace('fastify.register(rateLimit, { global: false });', `const limits = ${opts};\nfastify.register(rateLimit, limits);`);
      const inv = (await auditFiles({ ...pkgJson, 'src/server.ts': text }, { rules: [rule] })).inventory.routes as { routes: Array<{ path: string; rateLimited: boolean }> };
      return inv.routes.map((r) => `${r.path} ${r.rateLimited}`);
    };
    expect(await registered('{ ...{ global: false }, max: 100 }')).toEqual(['/login true', '/signup false']);
    expect(await registered('{ max: 100 }')).toEqual(['/login true', '/signup true']);
  });

  it('reports a service with no limiter, and credential routes a limiter does not cover', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        "app.get('/items', (req, res) => res.json([]));",
        "app.post('/items', (req, res) => res.json({}));",
        "app.post('/login', (req, res) => res.json({}));",
      ].join('\n'),
      'svc2/package.json': '{"name":"svc2","dependencies":{"hono":"4"}}',
      'svc2/src/index.ts': [
        "import { Hono } from 'hono';",
        "import { rateLimiter } from 'hono-rate-limiter';",
        'const app = new Hono();',
        "app.post('/items', rateLimiter({ windowMs: 60_000, limit: 10, keyGenerator: (c) => 'k' }), (c) => c.json({}));",
        "app.post('/auth/token', (c) => c.json({}));",
      ].join('\n'),
    });
    // No limiter at all is the package's finding (evidence: the first route it leaves open); the login route is located.
    expect(findings.map((f) => `${f.messageId} ${f.location ? `${f.location.path}:${f.location.line}` : `(package ${f.package})`}`)).toEqual([
      'noLimiterWithCredentials (package svc)', 'credentialsUnlimited src/app.ts:5', 'credentialsUnlimited svc2/src/index.ts:5',
    ]);
    expect(findings[0].evidence[0]).toMatchObject({ kind: 'file', path: 'src/app.ts', line: 5 });
  });

  it('Koa: koa-ratelimit on the app covers the routes mounted after it; a koa2-ratelimit limiter on one route leaves the login route open', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"koa-svc","dependencies":{"koa":"2","@koa/router":"12","koa-ratelimit":"5"}}',
      'src/app.ts': [
        "import Koa from 'koa';",
        "import ratelimit from 'koa-ratelimit';",
        "import Router from '@koa/router';",
        'const app = new Koa();',
        'const early = new Router();',
        "early.post('/login', async (ctx) => { ctx.body = { token: 't' }; });",
        'app.use(early.routes());',
        "app.use(ratelimit({ driver: 'memory', db: new Map(), duration: 60000, max: 100 }));",
        "const router = new Router({ prefix: '/api' });",
        "router.post('/items', async (ctx) => { ctx.body = {}; });",
        "router.post('/auth/token', async (ctx) => { ctx.body = {}; });",
        'app.use(router.routes());',
        'app.listen(3000);',
      ].join('\n'),
      'svc2/package.json': '{"name":"svc2","dependencies":{"koa":"2","koa-router":"7","koa2-ratelimit":"1"}}',
      'svc2/src/index.ts': [
        "const Koa = require('koa');",
        "const Router = require('koa-router');",
        "const { RateLimit } = require('koa2-ratelimit');",
        'const app = new Koa();',
        'const router = new Router();',
        "router.post('/items', RateLimit.middleware({ interval: { min: 1 }, max: 10 }), async (ctx) => { ctx.body = {}; });",
        "router.post('/signin', async (ctx) => { ctx.body = {}; });",
        'app.use(router.routes());',
        'app.listen(3000);',
      ].join('\n'),
    });
    // The login route is mounted before the limiter: Koa runs middleware in the order it is used.
    expect(findings.map((f) => `${f.messageId} ${f.location ? `${f.location.path}:${f.location.line}` : `(package ${f.package})`}`)).toEqual([
      'credentialsUnlimited src/app.ts:6', 'credentialsUnlimited svc2/src/index.ts:7',
    ]);
  });

  it('credential routes by their path\'s words, and sign-up handlers on account collections', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const app = express();',
        "app.post('/items', rateLimit({ windowMs: 60_000, limit: 10 }), (req, res) => res.json({}));",
        "app.post('/account/forgotPassword', (req, res) => res.json({}));",
        "app.post('/api/users', (req, res) => res.json(signUp(req.body)));",
        "app.post('/login-history', (req, res) => res.json({}));",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/app.ts:5', 'src/app.ts:6']);
    expect(findings.map((f) => f.messageId)).toEqual(['credentialsUnlimited', 'credentialsUnlimited']);
  });

  it('a limiter mounted under a condition the default configuration does not meet is reported at the mount, with the condition', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        "const config = require('./config');",
        'const authLimiter = rateLimit({ windowMs: 60_000, limit: 20 });',
        'const app = express();',
        "if (config.env === 'production') {",
        "  app.use('/v1/auth', authLimiter);",
        '}',
        "app.post('/v1/auth/login', (req, res) => res.json({}));",
        "app.post('/v1/auth/register', (req, res) => res.json({}));",
        'module.exports = app;',
      ].join('\n'),
      'svc2/package.json': '{"name":"svc2","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'svc2/src/app.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        'const app = express();',
        "process.env.ENABLE_RATE_LIMIT && app.use(rateLimit({ limit: 100 }));",
        "app.post('/items', (req, res) => res.json({}));",
        'module.exports = app;',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/app.js:7', 'svc2/src/app.js:4']);
    expect(findings.map((f) => f.messageId)).toEqual(['limiterOff', 'limiterOff']);
    expect(findings[0].evidence).toContainEqual({ kind: 'note', text: "condition: config.env === 'production'" });
    expect(findings[1].message).toContain('mounted only when process.env.ENABLE_RATE_LIMIT');
  });

  it('a condition that holds in the default configuration leaves the limiter on', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        'const app = express();',
        "if (process.env.NODE_ENV !== 'test') app.use(rateLimit({ limit: 100 }));",
        "if (!process.env.DISABLE_RATE_LIMIT) { app.use('/login', rateLimit({ limit: 5 })); }",
        "app.post('/login', (req, res) => res.json({}));",
        "app.post('/items', (req, res) => res.json({}));",
        'module.exports = app;',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('a credential or contact route left with only the shared limiter, where others of its kind have their own, is reported', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        'const limiter = rateLimit({ limit: 300 });',
        'const loginLimiter = rateLimit({ limit: 5 });',
        "const passport = require('passport');",
        'const app = express();',
        'app.use(limiter);',
        "app.post('/login', loginLimiter, (req, res) => res.json({}));",
        "app.post('/signup', (req, res) => res.json({}));",
        "app.post('/contact', (req, res) => res.json({}));",
        "app.post('/items', (req, res) => res.json({}));",
        // Behind a guard: a signed-in caller's password change, not an open form.
        "app.post('/account/password', passport.authenticate('session'), (req, res) => res.json({}));",
        'module.exports = app;',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/app.js:9', 'src/app.js:10']);
    expect(findings.map((f) => f.messageId)).toEqual(['onlyShared', 'onlyShared']);
    expect(findings[0].message).toBe('POST /signup (sign-up) is covered only by the limiter all routes share, while 1 other route(s) of its kind have their own (first: POST /login, loginLimiter (src/app.js:8))');
    // With only the shared limiter everywhere, nothing says one route was missed.
    const even = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.js': [
        "const express = require('express');",
        "const rateLimit = require('express-rate-limit');",
        'const app = express();',
        'app.use(rateLimit({ limit: 100 }));',
        "app.post('/login', (req, res) => res.json({}));",
        "app.post('/signup', (req, res) => res.json({}));",
        'module.exports = app;',
      ].join('\n'),
    });
    expect(even).toEqual([]);
  });
  it('tells limiters of one name apart by where they are applied: one under /auth covers the auth routes only', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express, { Router } from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const app = express();',
        'app.use(rateLimit({ windowMs: 60_000, limit: 600 }));',
        "app.use('/auth', rateLimit({ windowMs: 60_000, limit: 20 }));",
        'const auth = Router();',
        'const registerLimiter = rateLimit({ windowMs: 3_600_000, limit: 3 });',
        "auth.post('/login', (req, res) => res.json({}));",
        "auth.post('/register', registerLimiter, (req, res) => res.json({}));",
        "app.use('/auth', auth);",
        // A second router with its own limiter applied with `router.use`: it covers that router's routes only.
        'const account = Router();',
        'account.use(rateLimit({ windowMs: 60_000, limit: 5 }));',
        "account.post('/password-reset', (req, res) => res.json({}));",
        "app.use('/account', account);",
        // Outside both prefixes: only the limiter every route shares.
        "app.post('/verify-email', (req, res) => res.json({}));",
        "app.get('/items', (req, res) => res.json([]));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(run.findings)).toEqual(['src/app.ts:15']);
    expect(run.findings[0].message).toBe('POST /verify-email (verification) is covered only by the limiter all routes share, while 3 other route(s) of its kind have their own (first: POST /auth/login, rateLimit (src/app.ts:5))');
    expect(run.findings[0].evidence).toEqual([{ kind: 'note', text: 'applies to every route: rateLimit (src/app.ts:4)' }]);
    const routes = (run.inventory.routes as { routes: Array<{ path: string; rateLimited: boolean }> }).routes;
    expect(routes.map((r) => `${r.path} ${r.rateLimited}`)).toContain('/items true');
  });

  it('with the per-prefix limiters on every credential route, the pass names the limiter of each (file:line)', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const app = express();',
        'app.use(rateLimit({ limit: 600 }));',
        "app.use('/auth', rateLimit({ limit: 20 }));",
        "app.post('/auth/login', (req, res) => res.json({}));",
        "app.post('/orders', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing')).toMatchObject({
      status: 'pass', reason: '2 route(s), 2 covered by a limiter, 1 credential route(s): POST /auth/login by rateLimit (src/app.ts:4) and rateLimit (src/app.ts:5)',
    });
  });

  it('a limiter whose skip option lets every request through unless an environment variable is set is off by default, here or imported', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/limits.ts': [
        "import rateLimit from 'express-rate-limit';",
        'export const authLimiter = rateLimit({',
        '  limit: 10,',
        '  skip: () => !process.env.ENABLE_RATE_LIMIT,',
        '});',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { authLimiter } from './limits';",
        'const app = express();',
        "app.post('/login', authLimiter, (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
      'svc2/package.json': '{"name":"svc2","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'svc2/src/app.ts': [
        "import express from 'express';",
        "import { rateLimit } from 'express-rate-limit';",
        'const app = express();',
        "const limiter = rateLimit({ limit: 100, skip(req) { return req.ip === '127.0.0.1' || process.env.RATE_LIMIT !== 'on'; } });",
        'app.use(limiter);',
        "app.post('/items', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/limits.ts:4', 'svc2/src/app.ts:4']);
    expect(findings.map((f) => f.messageId)).toEqual(['limiterSkips', 'limiterSkips']);
    expect(findings[0].message).toBe('the rate limiter authLimiter lets every request through in the default configuration (skip: !process.env.ENABLE_RATE_LIMIT), so 1 route(s) it covers are unlimited (first: POST /login)');
    expect(findings[0].evidence).toContainEqual({ kind: 'file', path: 'src/app.ts', line: 4, snippet: expect.stringContaining("app.post('/login'") });
    expect(findings[1].evidence[0]).toEqual({ kind: 'note', text: "skip option: skip: req.ip === '127.0.0.1' || process.env.RATE_LIMIT !== 'on' (true in the default configuration: no environment variable set)" });
  });

  it('express-rate-limit `max: 0` is off where package.json pins a version before 7, and a limit from 7 on (it blocks every request)', async () => {
    const files = (range: string, option: string) => ({
      'package.json': `{"name":"svc","dependencies":{"express":"4","express-rate-limit":"${range}"}}`,
      'src/limits.ts': `import rateLimit from 'express-rate-limit';\nexport const authLimiter = rateLimit({\n  windowMs: 60_000,\n  ${option},\n});\n`,
      'src/app.ts': "import express from 'express';\nimport { authLimiter } from './limits';\nconst app = express();\napp.post('/login', authLimiter, (req, res) => res.json({}));\napp.listen(3000);\n",
    });
    const v6 = await auditFiles(files('^6.7.0', 'max: 0'), { rules: [rule] });
    expect(at(v6.findings)).toEqual(['src/limits.ts:4']);
    expect(v6.findings[0].message).toContain('lets every request through');
    expect(v6.findings[0].evidence[0]).toMatchObject({ kind: 'note', text: expect.stringContaining('express-rate-limit 6') });
    // From 7, `max: 0` blocks every request; `limit` did not exist before 7; a range that pins no major decides nothing.
    for (const [range, option] of [['^7.1.0', 'max: 0'], ['^6.7.0', 'limit: 0'], ['^6.7.0', 'max: 5'], ['>=6', 'max: 0']]) {
      const run = await auditFiles(files(range, option), { rules: [rule] });
      expect(run.findings, `${range} ${option}`).toEqual([]);
    }
  });

  it('a skip option given by name is read through the function the name is bound to, and the config field it reads', async () => {
    const files = (enabled: string) => ({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        `const config = { rateLimitEnabled: ${enabled} };`,
        'const shouldSkip = () => !config.rateLimitEnabled;',
        'const app = express();',
        "app.use('/auth', rateLimit({ limit: 5, skip: shouldSkip }));",
        "app.post('/auth/login', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    // Unset in the default configuration: the field is false, the skip always true.
    const off = await runRule(rule, files("process.env.RATE_LIMIT_ENABLED === 'true'"));
    expect(at(off)).toEqual(['src/app.ts:6']);
    expect(off[0].message).toContain('lets every request through');
    // On unless a variable turns it off.
    expect(await runRule(rule, files("process.env.RATE_LIMIT_DISABLED !== 'true'"))).toEqual([]);
    // A field something else writes is no default verdict can read: the limiter counts.
    const written = files("process.env.RATE_LIMIT_ENABLED === 'true'");
    written['src/app.ts'] += '\nexport function enable() { config.rateLimitEnabled = true; }\n';
    expect(await runRule(rule, written)).toEqual([]);
    // Writes are found through the scope, not the text: an element write and Object.assign count...
    for (const write of ["config['rateLimitEnabled'] = true;", 'Object.assign(config, overrides);']) {
      const other = files("process.env.RATE_LIMIT_ENABLED === 'true'");
      other['src/app.ts'] += `\nexport function enable(overrides) { ${write} }\n`;
      expect(await runRule(rule, other)).toEqual([]);
    }
    // ...and a parameter of the same name is another object: the default stays off.
    const shadowed = files("process.env.RATE_LIMIT_ENABLED === 'true'");
    shadowed['src/app.ts'] += '\nexport function enable(config) { config.rateLimitEnabled = true; }\n';
    expect(at(await runRule(rule, shadowed))).toEqual(['src/app.ts:6']);
  });

  it('a skip option reading a config value of another module is decided there, in the default configuration', async () => {
    const files = (config: string, skip: string, imports = "import { config } from './config';") => ({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/config.ts': config,
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        imports,
        'const app = express();',
        `app.use('/auth', rateLimit({ limit: 5, skip: ${skip} }));`,
        "app.post('/auth/login', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    // Off by default through an imported config object: the finding, with the config line and its env read.
    const objectConfig = [
      'export const config = {',
      "  port: Number(process.env.PORT ?? 3000),",
      '  rateLimit: {',
      "    enabled: process.env.RATE_LIMIT_ENABLED === 'true',",
      '  },',
      '};',
    ].join('\n');
    const off = await runRule(rule, files(objectConfig, '() => !config.rateLimit.enabled'));
    expect(at(off)).toEqual(['src/app.ts:5']);
    expect(off[0].messageId).toBe('limiterSkips');
    expect(off[0].message).toContain('config.rateLimit.enabled is false in the default configuration');
    expect(off[0].evidence).toContainEqual({ kind: 'file', path: 'src/config.ts', line: 4, snippet: "process.env.RATE_LIMIT_ENABLED === 'true'" });
    // The same object through a default export and a namespace import.
    const viaDefault = files(`${objectConfig.replace('export const', 'const')}\nexport default config;`, '() => !config.rateLimit.enabled', "import config from './config';");
    expect(at(await runRule(rule, viaDefault))).toEqual(['src/app.ts:5']);
    const viaNamespace = files(objectConfig, '() => !cfg.config.rateLimit.enabled', "import * as cfg from './config';");
    expect(at(await runRule(rule, viaNamespace))).toEqual(['src/app.ts:5']);
    // A limiter exported from a third file, its skip read there: decided from that file's import.
    const exported = {
      ...files(objectConfig, 'x'),
      'src/limits.ts': "import rateLimit from 'express-rate-limit';\nimport { config } from './config';\nexport const authLimiter = rateLimit({\n  limit: 5,\n  skip: () => !config.rateLimit.enabled,\n});\n",
      'src/app.ts': "import express from 'express';\nimport { authLimiter } from './limits';\nconst app = express();\napp.post('/auth/login', authLimiter, (req, res) => res.json({}));\napp.listen(3000);\n",
    };
    const offThere = await runRule(rule, exported);
    expect(at(offThere)).toEqual(['src/limits.ts:5']);
    expect(offThere[0].evidence).toContainEqual({ kind: 'file', path: 'src/config.ts', line: 4, snippet: "process.env.RATE_LIMIT_ENABLED === 'true'" });
    // On unless a variable turns it off: the limiter counts.
    expect(await runRule(rule, files(objectConfig.replace("=== 'true'", "!== 'false'"), '() => !config.rateLimit.enabled'))).toEqual([]);
    // On by default through an imported const.
    expect(await runRule(rule, files('export const RATE_LIMIT_DISABLED = false;', '() => RATE_LIMIT_DISABLED', "import { RATE_LIMIT_DISABLED } from './config';"))).toEqual([]);
    // An env read with a 'true' default in another file: on.
    const withDefault = "export const RATE_LIMIT_ENABLED = (process.env.RATE_LIMIT_ENABLED ?? 'true') === 'true';";
    expect(await runRule(rule, files(withDefault, '() => !RATE_LIMIT_ENABLED', "import { RATE_LIMIT_ENABLED } from './config';"))).toEqual([]);
    // Without the default, the same const is off.
    const noDefault = "export const RATE_LIMIT_ENABLED = process.env.RATE_LIMIT_ENABLED === 'true';";
    const offConst = await runRule(rule, files(noDefault, '() => !RATE_LIMIT_ENABLED', "import { RATE_LIMIT_ENABLED } from './config';"));
    expect(at(offConst)).toEqual(['src/app.ts:5']);
    expect(offConst[0].evidence).toContainEqual({ kind: 'file', path: 'src/config.ts', line: 1, snippet: "process.env.RATE_LIMIT_ENABLED === 'true'" });
  });

  it('a skip option reading an imported value verdict cannot resolve makes the credential routes unknown, naming the file and option, never a pass', async () => {
    const files = (config: Record<string, string>, imports: string) => ({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      ...config,
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        imports,
        'const app = express();',
        "app.use('/auth', rateLimit({ limit: 5, skip: () => !settings.rateLimit.enabled }));",
        "app.post('/auth/login', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    // A module not in the repository, and a value computed by a call verdict does not run.
    for (const [config, imports] of [
      [{}, "import { settings } from './missing/settings';"],
      [{ 'src/settings.ts': 'export const settings = { rateLimit: { enabled: parseFlag(process.env.RATE_LIMIT) } };' }, "import { settings } from './settings';"],
    ] as const) {
      const run = await auditFiles(files(config, imports), { rules: [rule] });
      expect(run.findings, imports).toEqual([]);
      const outcome = run.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing');
      expect(outcome?.status, imports).toBe('unknown');
      expect(outcome?.reason).toContain('src/app.ts:5');
      expect(outcome?.reason).toContain('skip: () => !settings.rateLimit.enabled');
      expect(outcome?.reason).toContain('POST /auth/login');
    }
  });

  it('a limiter mounted under a condition on a config value of another module is decided there; one verdict cannot decide is unknown', async () => {
    const files = (config: Record<string, string>) => ({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      ...config,
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        "import { config } from './config';",
        'const app = express();',
        'if (config.security.rateLimit) {',
        '  app.use(rateLimit({ limit: 100 }));',
        '}',
        "app.post('/login', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const config = (read: string) => ({ 'src/config.ts': `export const config = {\n  security: {\n    rateLimit: ${read},\n  },\n};\n` });
    const off = await runRule(rule, files(config("process.env.ENABLE_RATE_LIMIT === 'true'")));
    expect(at(off)).toEqual(['src/app.ts:6']);
    expect(off[0].messageId).toBe('limiterOff');
    expect(off[0].message).toContain('config.security.rateLimit is false in the default configuration');
    expect(off[0].evidence).toContainEqual({ kind: 'file', path: 'src/config.ts', line: 3, snippet: "process.env.ENABLE_RATE_LIMIT === 'true'" });
    expect(await runRule(rule, files(config("process.env.DISABLE_RATE_LIMIT !== 'true'")))).toEqual([]);
    expect(await runRule(rule, files(config('true')))).toEqual([]);
    const run = await auditFiles(files(config('readFlag()')), { rules: [rule] });
    expect(run.findings).toEqual([]);
    const outcome = run.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing');
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/app.ts:6');
    expect(outcome?.reason).toContain('config.security.rateLimit');
  });

  it('a skip option that decides per request, or that holds only when a variable is set, leaves the limiter on', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        'const app = express();',
        "app.use(rateLimit({ limit: 100, skip: (req) => req.path === '/health' }));",
        "app.use('/login', rateLimit({ limit: 5, skip: () => process.env.DISABLE_RATE_LIMIT === 'true' }));",
        "app.post('/login', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('credential routes on a router mounted where verdict cannot follow make the check unknown naming the file, never a pass', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/app.ts': [
        "import express from 'express';",
        "import rateLimit from 'express-rate-limit';",
        "import { authRouter } from './missing/auth';",
        'const app = express();',
        'app.use(rateLimit({ limit: 100 }));',
        "app.use('/auth', authRouter);",
        "app.post('/orders', (req, res) => res.json({}));",
        'app.listen(3000);',
      ].join('\n'),
      'src/routes/users.ts': "import { Router } from 'express';\nexport const users = Router();\nusers.post('/login', (req, res) => res.json({}));\n",
    }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    const outcome = run.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing');
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/routes/users.ts:3');
  });

  it('NestJS: ThrottlerGuard app-wide covers every route but those under @SkipThrottle(); @Throttle() alone limits nothing', async () => {
    const nest = '{"name":"api","private":true,"dependencies":{"@nestjs/core":"10","@nestjs/common":"10","@nestjs/throttler":"5"}}';
    const auth = (decorator: string) => [
      "import { Body, Controller, Post } from '@nestjs/common';",
      "import { SkipThrottle, Throttle } from '@nestjs/throttler';",
      "@Controller('auth')",
      decorator,
      'export class AuthController {',
      "  @Post('login')",
      '  login(@Body() dto: any) { return this.auth.login(dto); }',
      "  @Post('register')",
      '  @SkipThrottle({ default: false })',
      '  register(@Body() dto: any) { return this.auth.register(dto); }',
      '}',
    ].join('\n');
    const module = [
      "import { Module } from '@nestjs/common';",
      "import { APP_GUARD } from '@nestjs/core';",
      "import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';",
      '@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])], providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }] })',
      'export class AppModule {}',
    ].join('\n');
    // The class skips the throttler; the method's `{ default: false }` undoes it for register only.
    const skipped = await runRule(rule, { 'package.json': nest, 'src/app.module.ts': module, 'src/auth/auth.controller.ts': auth('@SkipThrottle()') });
    expect(at(skipped)).toEqual(['src/auth/auth.controller.ts:6']);
    expect(skipped[0].message).toBe('POST /auth/login (sign-in) needs a rate limit and no rate limiter covers it');
    // Without the skip, the app-wide guard covers both; the pass says where it is provided.
    const covered = await auditFiles({ 'package.json': nest, 'src/app.module.ts': module, 'src/auth/auth.controller.ts': auth('') }, { rules: [rule] });
    expect(covered.findings).toEqual([]);
    expect(covered.outcomes.find((o) => o.ruleId === rule.id)?.reason).toContain('POST /auth/login by ThrottlerGuard (src/app.module.ts:4)');
    // `@Throttle()` with no ThrottlerGuard anywhere sets limits nothing enforces.
    const alone = await runRule(rule, { 'package.json': nest, 'src/auth/auth.controller.ts': auth('@Throttle({ default: { limit: 3, ttl: 60000 } })') });
    expect(alone.map((f) => f.messageId)).toEqual(['noLimiterWithCredentials', 'credentialsUnlimited', 'credentialsUnlimited']);
  });

  it('a limiter built in one file and applied nowhere is the finding, not an unknown registration', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","dependencies":{"express":"4","express-rate-limit":"7"}}',
      'src/lib/limits.ts': "import rateLimit from 'express-rate-limit';\nexport const loginLimiter = rateLimit({ windowMs: 60_000, limit: 5 });\n",
      'src/app.ts': "import express from 'express';\nconst app = express();\napp.post('/orders', async (req, res) => { res.json(req.body); });\napp.listen(3000);\n",
    }, { rules: [rule] });
    expect(run.outcomes.find((o) => o.ruleId === 'security/rate-limit-missing')?.status).toBe('fail');
    expect(run.findings.map((f) => [f.messageId, f.location, f.evidence[0]?.kind === 'file' ? `${f.evidence[0].path}:${f.evidence[0].line}` : null])).toEqual([['noLimiter', null, 'src/app.ts:3']]);
  });
});
