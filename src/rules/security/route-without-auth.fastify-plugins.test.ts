import { describe, expect, it } from 'vitest';
import { at, auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{"fastify":"4",${deps}}}` });

/** A Fastify app registering a plugin in app.ts and declaring its routes in another file. */
const app = (deps: string, register: string[], routes: string[]) => ({
  ...pkg(deps),
  'src/app.ts': [
    "import Fastify from 'fastify';",
    "import users from './users';",
    ...register,
    "app.register(users, { prefix: '/users' });",
    'app.listen({ port: 3000 });',
  ].join('\n'),
  'src/users.ts': [
    "import type { FastifyInstance } from 'fastify';",
    'export default async function users(app: FastifyInstance) {',
    ...routes.map((r) => `  ${r}`),
    '}',
  ].join('\n'),
});

const jwt = [
  "import fastifyJwt from '@fastify/jwt';",
  'const app = Fastify();',
  'app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });',
  "app.decorate('authenticate', async (request, reply) => { await request.jwtVerify(); });",
];

async function run(files: Record<string, string>) {
  const r = await auditFiles(files, { rules: [rule] });
  const inv = RouteInventory.parse(r.inventory.routes);
  return { findings: at(r.findings.filter((f) => f.ruleId === rule.id)), routes: inv.routes.map((x) => `${x.method} ${x.path} ${x.auth ?? '-'}`) };
}

describe('security/route-without-auth: a registered Fastify auth plugin only decorates', () => {
  it('@fastify/jwt registered, routes without a hook: the writing route is unauthenticated', async () => {
    const { findings, routes } = await run(app('"@fastify/jwt":"8"', jwt, [
      "app.post('/', async (request) => db.insert(users).values(request.body));",
      "app.post('/login', async (request) => ({ token: app.jwt.sign({ sub: 1 }) }));",
    ]));
    expect(findings).toEqual(['src/users.ts:3']);
    expect(routes).toEqual(['POST /users -', 'POST /users/login -']);
  });

  it('@fastify/jwt with onRequest: [app.authenticate] whose body calls request.jwtVerify(): authenticated', async () => {
    const { findings, routes } = await run(app('"@fastify/jwt":"8"', jwt, [
      "app.post('/', { onRequest: [app.authenticate] }, async (request) => db.insert(users).values(request.body));",
    ]));
    expect(findings).toEqual([]);
    expect(routes).toEqual(['POST /users app.authenticate']);
  });

  it('a hook naming an app decorator whose body verifies nothing: the writing route is unauthenticated', async () => {
    const { findings, routes } = await run(app('"@fastify/jwt":"8"', [...jwt.slice(0, 3), "app.decorate('authenticate', async (request) => { request.log.info('seen'); });"], [
      "app.post('/', { onRequest: [app.authenticate] }, async (request) => db.insert(users).values(request.body));",
    ]));
    expect(findings).toEqual(['src/users.ts:3']);
    expect(routes).toEqual(['POST /users -']);
  });

  it('@fastify/jwt with an onRequest hook that calls request.jwtVerify(): authenticated', async () => {
    const { findings } = await run(app('"@fastify/jwt":"8"', [...jwt, "app.addHook('onRequest', async (req) => req.jwtVerify());"], [
      "app.post('/', async (request) => db.insert(users).values(request.body));",
    ]));
    expect(findings).toEqual([]);
  });

  it('@fastify/jwt registered next to the routes, in the same file: the writing route is unauthenticated', async () => {
    const r = await auditFiles({
      ...pkg('"@fastify/jwt":"8"'),
      'src/app.ts': [
        "import Fastify from 'fastify';",
        "import fastifyJwt from '@fastify/jwt';",
        'const app = Fastify();',
        'app.register(fastifyJwt, { secret: process.env.JWT_SECRET! });',
        "app.post('/users', async (request) => db.insert(users).values(request.body));",
        'app.listen({ port: 3000 });',
      ].join('\n'),
    }, { rules: [rule] });
    expect(at(r.findings.filter((f) => f.ruleId === rule.id))).toEqual(['src/app.ts:5']);
  });
});

/** One file: the plugin registered, then a route without a hook and one naming the plugin's decorator. */
const single = (deps: string, lines: string[]) => ({
  ...pkg(deps),
  'src/app.ts': ["import Fastify from 'fastify';", ...lines, 'app.listen({ port: 3000 });'].join('\n'),
});

describe('security/route-without-auth: what other Fastify auth plugins do when registered', () => {
  it('@fastify/basic-auth only decorates fastify.basicAuth: the route without it is found, the one hooking it is not', async () => {
    const { findings, routes } = await run(single('"@fastify/basic-auth":"5"', [
      "import basicAuth from '@fastify/basic-auth';",
      'const app = Fastify();',
      'app.register(basicAuth, { validate, authenticate: true });',
      "app.post('/users', async (request) => db.insert(users).values(request.body));",
      "app.post('/items', { onRequest: app.basicAuth }, async (request) => db.insert(items).values(request.body));",
    ]));
    expect(findings).toEqual(['src/app.ts:5']);
    expect(routes).toEqual(['POST /users -', 'POST /items app.basicAuth']);
  });

  it('@fastify/bearer-auth hooks every route of its context, unless registered with addHook: false', async () => {
    const hooked = await run(single('"@fastify/bearer-auth":"9"', [
      "import bearerAuth from '@fastify/bearer-auth';",
      'const app = Fastify();',
      "app.register(bearerAuth, { keys: new Set([process.env.API_KEY!]) });",
      "app.post('/users', async (request) => db.insert(users).values(request.body));",
    ]));
    expect(hooked.findings).toEqual([]);
    const decorated = await run(single('"@fastify/bearer-auth":"9"', [
      "import bearerAuth from '@fastify/bearer-auth';",
      'const app = Fastify();',
      "app.register(bearerAuth, { keys: new Set([process.env.API_KEY!]), addHook: false });",
      "app.post('/users', async (request) => db.insert(users).values(request.body));",
      "app.post('/items', { preHandler: app.verifyBearerAuth }, async (request) => db.insert(items).values(request.body));",
    ]));
    expect(decorated.findings).toEqual(['src/app.ts:5']);
    expect(decorated.routes).toEqual(['POST /users -', 'POST /items app.verifyBearerAuth']);
  });

  it('@fastify/auth and @fastify/oauth2 registered check no route', async () => {
    const { findings } = await run(single('"@fastify/auth":"4","@fastify/oauth2":"7"', [
      "import fastifyAuth from '@fastify/auth';",
      "import OAuth from '@fastify/oauth2';",
      'const app = Fastify();',
      'app.register(fastifyAuth);',
      "app.register(OAuth, { name: 'github', startRedirectPath: '/login/github' });",
      "app.post('/users', async (request) => db.insert(users).values(request.body));",
    ]));
    expect(findings).toEqual(['src/app.ts:7']);
  });
});
