// Routers loaded from a folder listing (collect/routes-folders, link/routes `loads`): a loop over
// `fs.readdirSync`, `glob.sync` or `require-directory` that requires each module and mounts it. The
// listing is resolved against the tree; a folder verdict cannot read makes the check unknown, naming the load.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const pkg = { 'package.json': '{"name":"svc","main":"src/app.js","dependencies":{"koa":"2","@koa/router":"12","koa-jwt":"4","glob":"10","require-directory":"2"}}' };
const ADMIN = [
  "const Router = require('@koa/router');",
  "const db = require('../db');",
  "const router = new Router({ prefix: '/admin' });",
  "router.delete('/users/:id', async (ctx) => { await db.users.deleteOne({ id: ctx.params.id }); ctx.status = 204; });",
  'module.exports = router;',
].join('\n');
const DB = "module.exports = { users: { deleteOne: async () => {} } };\n";

const app = (loop: string, auth = false) => [
  "const Koa = require('koa');",
  "const fs = require('fs');",
  "const path = require('path');",
  "const glob = require('glob');",
  "const requireDirectory = require('require-directory');",
  "const jwt = require('koa-jwt');",
  'const app = new Koa();',
  ...(auth ? ['app.use(jwt({ secret: process.env.JWT_SECRET }));'] : []),
  loop,
  'app.listen(3000);',
].join('\n');

const run = async (appJs: string) => {
  const r = await auditFiles({ ...pkg, 'src/app.js': appJs, 'src/routes/admin.js': ADMIN, 'src/db.js': DB }, { rules: [rule] });
  const inv = RouteInventory.parse(r.inventory.routes);
  return { findings: r.findings.filter((f) => f.ruleId === 'security/route-without-auth'), outcomes: r.outcomes.filter((o) => o.ruleId === 'security/route-without-auth'), paths: inv.routes.map((x) => `${x.method} ${x.path}`) };
};

describe('route-without-auth: routers loaded from a folder listing', () => {
  it('fs.readdirSync(path.join(__dirname, "routes")) with require(path.join(...)).routes(): the admin route is mounted and found unguarded', async () => {
    const { findings, paths } = await run(app("fs.readdirSync(path.join(__dirname, 'routes')).forEach((file) => {\n  const router = require(path.join(__dirname, 'routes', file));\n  app.use(router.routes());\n});"));
    expect(paths).toEqual(['DELETE /admin/users/:id']);
    expect(findings.map((f) => [f.location?.path, f.location?.line])).toEqual([['src/routes/admin.js', 4]]);
  });

  it('the same loop after app.use(jwt(...)): guarded, no finding', async () => {
    const { findings, outcomes } = await run(app("fs.readdirSync(path.join(__dirname, 'routes')).forEach((file) => {\n  const router = require(path.join(__dirname, 'routes', file));\n  app.use(router.routes());\n});", true));
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['pass']);
  });

  it('glob.sync with a cwd, in a for...of: the matched router is mounted', async () => {
    const { findings, paths } = await run(app("for (const f of glob.sync('routes/*.js', { cwd: __dirname })) {\n  app.use(require('./' + f).routes());\n}"));
    expect(paths).toEqual(['DELETE /admin/users/:id']);
    expect(findings.map((f) => f.location?.line)).toEqual([4]);
  });

  it('require-directory: Object.values(requireDirectory(module, "./routes")) mounted in a loop', async () => {
    const { findings } = await run(app("Object.values(requireDirectory(module, './routes')).forEach((r) => app.use(r.routes()));"));
    expect(findings.map((f) => [f.location?.path, f.location?.line])).toEqual([['src/routes/admin.js', 4]]);
  });

  it('a folder computed from configuration: no finding and no pass, unknown naming the load', async () => {
    const { findings, outcomes } = await run(app("fs.readdirSync(process.env.ROUTES_DIR).forEach((file) => {\n  app.use(require(process.env.ROUTES_DIR + '/' + file).routes());\n});"));
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(outcomes[0].reason).toContain('src/routes/admin.js:4');
    expect(outcomes[0].reason).toMatch(/src\/app\.js:\d+ loads modules by a computed path verdict could not resolve/);
  });
});

describe('route-without-auth: an Express routes/index.js that mounts its siblings by name', () => {
  const files = (guard: string) => ({
    'package.json': '{"name":"svc","main":"src/app.js","dependencies":{"express":"4"}}',
    'src/app.js': "const express = require('express');\nconst app = express();\napp.use('/api', require('./routes'));\napp.listen(3000);\n",
    'src/routes/index.js': [
      "const fs = require('fs');",
      "const router = require('express').Router();",
      ...(guard ? [guard] : []),
      "fs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((f) => {",
      "  const name = f.replace('.js', '');",
      "  router.use('/' + name, require('./' + f));",
      '});',
      'module.exports = router;',
    ].join('\n'),
    'src/routes/orders.js': "const router = require('express').Router();\nrouter.post('/:id/refund', (req, res) => db.orders.update({ id: req.params.id }).then(() => res.end()));\nmodule.exports = router;\n",
    'src/auth.js': "module.exports = (req, res, next) => { if (!req.headers.authorization) return res.status(401).end(); next(); };\n",
  });
  it('the sibling is mounted under its file name, its write found unguarded', async () => {
    const r = await auditFiles(files(''), { rules: [rule] });
    expect(RouteInventory.parse(r.inventory.routes).routes.map((x) => `${x.method} ${x.path}`)).toEqual(['POST /api/orders/:id/refund']);
    expect(r.findings.filter((f) => f.ruleId === rule.id).map((f) => [f.location?.path, f.location?.line])).toEqual([['src/routes/orders.js', 2]]);
  });
  it('with router.use(auth) before the loop: guarded', async () => {
    const r = await auditFiles(files("const auth = require('../auth');\nrouter.use(auth);"), { rules: [rule] });
    expect(r.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
  });
  it('with router.use(require("../auth")) in place: the required function is the chain\'s middleware, judged by its body', async () => {
    const guarded = await auditFiles(files("router.use(require('../auth'));"), { rules: [rule] });
    expect(guarded.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    const open = await auditFiles({ ...files("router.use(require('../auth'));"), 'src/auth.js': 'module.exports = (req, res, next) => next();\n' }, { rules: [rule] });
    expect(open.findings.filter((f) => f.ruleId === rule.id).map((f) => f.location?.line)).toEqual([2]);
  });
});
