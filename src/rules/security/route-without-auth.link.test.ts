// The route table across files as the link stage resolves modules: tsconfig path aliases, barrels,
// and Hono sub-apps whose own `use('*', guard)` guards their routes.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });
const routesOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  const inv = RouteInventory.parse(run.inventory.routes);
  return { run, inv, lines: inv.routes.map((r) => `${r.method} ${r.path} [${r.middleware.join(',')}] ${r.auth ?? '-'}${r.authBy ? ` ${r.authBy}` : ''}`) };
};

describe('route table through the link stage', () => {
  it('an imported guard exported with `export { }` at the end of its file is read by its code: it refuses without a token (400 "Unauthorized")', async () => {
    const files = (guardBody: string) => ({
      ...pkg('"express":"4","jsonwebtoken":"9"'),
      'src/middleware/auth.ts': [
        "import { verifyToken } from '../utils/jwt';",
        'const protect = async (request, response, next) => {',
        '  const header = request.headers.authorization;',
        guardBody,
        '};',
        'export { protect };',
      ].join('\n'),
      'src/utils/jwt.ts': "import jwt from 'jsonwebtoken';\nexport const verifyToken = (t) => jwt.verify(t, process.env.JWT_SECRET);\n",
      'src/app.ts': [
        "import express from 'express';",
        "import { protect } from './middleware/auth';",
        'const app = express();',
        "app.delete('/items/:id', protect, (req, res) => db.item.delete({ where: { id: req.params.id } }).then(() => res.end()));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const guarded = await routesOf(files("  if (!header) return response.status(400).json({ message: 'Unauthorized - you need to login' });\n  request.user = verifyToken(header.slice(7));\n  next();"));
    expect(guarded.run.findings.filter((f) => f.ruleId === 'security/route-without-auth')).toEqual([]);
    // The same export whose code checks nothing is no guard.
    const open = await routesOf(files('  next();'));
    expect(open.run.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => f.location?.line)).toEqual([4]);
  });

  it('an imported guard exported with `export default name` (a const arrow function of the file) is read by its code', async () => {
    const files = (guardBody: string) => ({
      ...pkg('"express":"4","jsonwebtoken":"9"'),
      'src/middleware/staff.js': [
        "import jwt from 'jsonwebtoken';",
        'const requireStaff = async (req, res, next) => {',
        guardBody,
        '};',
        'export default requireStaff;',
      ].join('\n'),
      'src/app.js': [
        "import express from 'express';",
        "import requireStaff from './middleware/staff.js';",
        'const app = express();',
        "app.delete('/items/:id', requireStaff, (req, res) => db.item.delete({ where: { id: req.params.id } }).then(() => res.end()));",
        'app.listen(3000);',
      ].join('\n'),
    });
    const guarded = await routesOf(files("  try { req.staff = jwt.verify(req.cookies.staffToken, process.env.JWT_SECRET); next(); }\n  catch { return res.status(401).json({ ok: false }); }"));
    expect(guarded.run.findings.filter((f) => f.ruleId === 'security/route-without-auth')).toEqual([]);
    expect(guarded.lines).toEqual(['DELETE /items/:id [requireStaff] requireStaff body']);
    // The same default export whose code checks nothing is no guard, whatever it is called.
    const open = await routesOf(files('  next();'));
    expect(open.run.findings.filter((f) => f.ruleId === 'security/route-without-auth').map((f) => f.location?.line)).toEqual([4]);
  });

  it('follows a router through a tsconfig path alias and a barrel, with the app-level chain', async () => {
    const { run, inv, lines } = await routesOf({
      ...pkg('"express":"4","passport":"0.7"'),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/app.ts': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import { usersRouter } from '@/routes';",
        'const app = express();',
        'app.use(express.json());',
        "app.use(passport.authenticate('jwt', { session: false }));",
        "app.use('/users', usersRouter);",
        'app.listen(3000);',
      ].join('\n'),
      'src/routes/index.ts': "export { usersRouter } from './users';\n",
      'src/routes/users.ts': [
        "import { Router } from 'express';",
        'export const usersRouter = Router();',
        "usersRouter.get('/:id', async (req, res) => res.json(await db.user.findUnique({ where: { id: req.params.id } })));",
        "usersRouter.post('/', async (req, res) => res.json(await db.user.create({ data: req.body })));",
      ].join('\n'),
    });
    expect(lines).toEqual([
      'GET /users/:id [express.json,passport.authenticate] passport.authenticate library',
      'POST /users [express.json,passport.authenticate] passport.authenticate library',
    ]);
    expect(inv.routes.every((r) => r.file === 'src/routes/users.ts')).toBe(true);
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('the same router without the alias in tsconfig is not mounted: its prefix is unknown', async () => {
    const { lines } = await routesOf({
      ...pkg('"express":"4"'),
      'src/app.ts': [
        "import express from 'express';",
        "import { usersRouter } from '@/routes';",
        'const app = express();',
        "app.use('/users', usersRouter);",
        'app.listen(3000);',
      ].join('\n'),
      'src/routes/index.ts': "export { usersRouter } from './users';\n",
      'src/routes/users.ts': [
        "import { Router } from 'express';",
        'export const usersRouter = Router();',
        "usersRouter.post('/', async (req, res) => res.json(await db.user.create({ data: req.body })));",
      ].join('\n'),
    });
    expect(lines).toEqual(['POST ?/ [] -']);
  });

  // Names that say nothing (gatekeeper, stats) or mislead (authorStats): the code decides.
  const hono = (name: string, body: string, subInIndex: boolean) => {
    const sub = [
      'const api = new Hono();',
      `const ${name} = ${body};`,
      `api.use('*', ${name});`,
      "api.post('/x', async (c) => c.json(await c.env.DB.prepare('INSERT INTO x VALUES (1)').run()));",
    ];
    return {
      ...pkg('"hono":"4"'),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { verify } from 'hono/jwt';",
        ...(subInIndex ? sub : ["import { api } from './api';"]),
        'const app = new Hono();',
        "app.route('/api', api);",
        'export default app;',
      ].join('\n'),
      ...(subInIndex ? {} : { 'src/api.ts': ["import { Hono } from 'hono';", "import { verify } from 'hono/jwt';", ...sub.map((l) => (l.startsWith('const api') ? `export ${l}` : l))].join('\n') }),
    };
  };
  const jwtGuard = "async (c, next) => { const token = c.req.header('Authorization')?.slice(7) ?? ''; try { c.set('user', await verify(token, c.env.SECRET)); } catch { return c.json({ error: 'unauthorized' }, 401); } await next(); }";
  const handGuard = "async (c, next) => { if (c.req.header('x-api-key') !== c.env.API_KEY) return c.text('unauthorized', 401); await next(); }";
  const logger = 'async (c, next) => { console.log(c.req.method, c.req.url); await next(); }';

  for (const subInIndex of [true, false]) {
    const where = subInIndex ? 'in the same file' : 'across files';
    it(`a Hono sub-app's use('*', guard) guards its routes (${where}): a guard verifying a token with hono/jwt`, async () => {
      const { run, lines } = await routesOf(hono('gatekeeper', jwtGuard, subInIndex));
      expect(lines).toEqual(['POST /api/x [gatekeeper] gatekeeper body']);
      expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    });
    it(`a Hono sub-app's use('*', guard) guards its routes (${where}): a hand-written guard answering 401`, async () => {
      const { run, lines } = await routesOf(hono('stats', handGuard, subInIndex));
      expect(lines).toEqual(['POST /api/x [stats] stats body']);
      expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    });
    it(`a logger named authorStats on a Hono sub-app guards nothing (${where})`, async () => {
      const { run, lines } = await routesOf(hono('authorStats', logger, subInIndex));
      expect(lines).toEqual(['POST /api/x [authorStats] -']);
      expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual([`src/${subInIndex ? 'index' : 'api'}.ts:6`]);
    });
  }

  it('a Hono sub-app guarded by a middleware imported through a path alias and a renaming barrel', async () => {
    const { run, lines } = await routesOf({
      ...pkg('"hono":"4"'),
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/index.ts': [
        "import { Hono } from 'hono';",
        "import { api } from '@/api';",
        'const app = new Hono();',
        "app.route('/api', api);",
        'export default app;',
      ].join('\n'),
      'src/api/index.ts': [
        "import { Hono } from 'hono';",
        "import { gate } from '@/middleware';",
        'export const api = new Hono();',
        "api.use('*', gate);",
        "api.post('/x', async (c) => c.json(await c.env.DB.prepare('INSERT INTO x VALUES (1)').run()));",
      ].join('\n'),
      'src/middleware/index.ts': "export { checkKey as gate } from './key';\n",
      'src/middleware/key.ts': "export const checkKey = async (c, next) => { if (c.req.header('x-api-key') !== c.env.API_KEY) return c.text('unauthorized', 401); await next(); };\n",
    });
    expect(lines).toEqual(['POST /api/x [gate] gate body']);
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('a Hono sub-app exported by a workspace package, mounted by the server package without node_modules', async () => {
    const { run, lines } = await routesOf({
      'package.json': '{"name":"mono","private":true,"workspaces":["apps/*","packages/*"]}',
      'apps/server/package.json': '{"name":"server","dependencies":{"hono":"4","@acme/api":"workspace:*"},"scripts":{"start":"node dist/index.js"}}',
      'apps/server/src/index.ts': [
        "import { Hono } from 'hono';",
        "import { api } from '@acme/api';",
        'const app = new Hono();',
        "app.route('/api', api);",
        'export default app;',
      ].join('\n'),
      'packages/api/package.json': '{"name":"@acme/api","main":"dist/index.js","dependencies":{"hono":"4"}}',
      'packages/api/src/index.ts': [
        "import { Hono } from 'hono';",
        "import { verify } from 'hono/jwt';",
        'export const api = new Hono();',
        "api.use('*', async (c, next) => { try { c.set('user', await verify(c.req.header('Authorization')?.slice(7) ?? '', c.env.SECRET)); } catch { return c.json({ error: 'unauthorized' }, 401); } await next(); });",
        "api.delete('/items/:id', async (c) => c.json(await c.env.DB.prepare('DELETE FROM items WHERE id = ?').bind(c.req.param('id')).run()));",
      ].join('\n'),
    });
    expect(lines).toEqual(['DELETE /api/items/:id [inline] inline body']);
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });

  it('a handler registered earlier for the same path and method that takes `next` is in the later route\'s chain', async () => {
    const { run, lines } = await routesOf({
      ...pkg('"hono":"4","express":"4"'),
      'src/worker.ts': [
        "import { Hono } from 'hono';",
        "import { basicAuth } from 'hono/basic-auth';",
        'const app = new Hono();',
        "app.put('/upload', async (c, next) => {",
        '  const auth = basicAuth({ username: c.env.USER, password: c.env.PASS });',
        '  await auth(c, next);',
        '});',
        "app.put('/upload', async (c) => { await c.env.BUCKET.put('k', await c.req.parseBody()); return c.text('k'); });",
        // Another method of the path is not behind it.
        "app.delete('/upload', async (c) => { await c.env.BUCKET.delete('k'); return c.text('k'); });",
        'export default app;',
      ].join('\n'),
      'src/server.ts': [
        "import express from 'express';",
        'const app = express();',
        // Logs and passes on: a middleware of the route after it, but no guard.
        "app.post('/notes', (req, res, next) => { console.log(req.path); next(); });",
        "app.post('/notes', async (req, res) => res.json(await db.note.create({ data: req.body })));",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(lines).toEqual([
      'POST /notes [] -',
      'POST /notes [inline (1 line)] -',
      'PUT /upload [] check in handler body',
      'PUT /upload [inline (4 lines)] inline (4 lines) body',
      'DELETE /upload [] -',
    ]);
    expect(run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual(['src/server.ts:4', 'src/worker.ts:9']);
  });

  it('routing-controllers routes and type-graphql operations carry their class and method guards; an open operation where others are guarded is high', async () => {
    const { run, lines } = await routesOf({
      ...pkg('"express":"4","routing-controllers":"0.10","type-graphql":"1"'),
      'src/api/controllers/PetController.ts': [
        "import { Authorized, Delete, Get, JsonController, Param } from 'routing-controllers';",
        '@Authorized()',
        "@JsonController('/pets')",
        'export class PetController {',
        "  @Get('/') public find() { return this.petService.find(); }",
        "  @Delete('/:id') public delete(@Param('id') id: string) { return this.petService.delete(id); }",
        '}',
      ].join('\n'),
      'src/api/resolvers/PetResolver.ts': [
        "import { Arg, Authorized, Mutation, Query, Resolver } from 'type-graphql';",
        '@Resolver()',
        'export class PetResolver {',
        '  @Query() public pets() { return this.petRepository.findAll(); }',
        "  @Mutation() public addPet(@Arg('pet') pet: PetInput) { return this.petService.create(pet); }",
        "  @Authorized() @Mutation() public removePet(@Arg('id') id: string) { return this.petService.delete(id); }",
        '}',
      ].join('\n'),
    });
    expect(lines).toEqual([
      'GET /pets [Authorized] Authorized library',
      'DELETE /pets/:id [Authorized] Authorized library',
      'GET /graphql/pets [] -',
      'POST /graphql/addPet [] -',
      'POST /graphql/removePet [Authorized] Authorized library',
    ]);
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line} ${f.severity}`)).toEqual([
      'src/api/resolvers/PetResolver.ts:4 high',
      'src/api/resolvers/PetResolver.ts:5 high',
    ]);
  });

  it('a class declaring routes with decorators verdict does not read makes the check unknown, naming the file', async () => {
    const { run } = await routesOf({
      ...pkg('"express":"4","@overnightjs/core":"1"'),
      'src/controllers/UserController.ts': [
        "import { Controller, Delete } from '@overnightjs/core';",
        "@Controller('api/users')",
        'export class UserController {',
        "  @Delete(':id') private remove(req, res) { return res.json(db.user.delete(req.params.id)); }",
        '}',
      ].join('\n'),
    });
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => `${o.status} ${o.reason}`)).toEqual([
      'unknown routes declared with decorators verdict does not read: src/controllers/UserController.ts:2 (@overnightjs/core): not checked',
    ]);
  });
});
