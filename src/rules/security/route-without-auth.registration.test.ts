// Registration functions of a file that imports no framework (`export function registerRoutes(app)`,
// `module.exports = (app) => {...}`, `export default (app) => {...}`): their parameter is the app each
// caller hands them, so their routes and middleware are mounted on that app, in the order Express runs
// them (at the call's line), once per caller; a parameter no caller hands an app gives no route.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { RouteInventory } from '../../model/routes.js';
import rule from './route-without-auth.js';

const base = {
  'package.json': '{"name":"svc","dependencies":{"express":"4","@prisma/client":"5"}}',
  'src/auth.js': [
    'function requireUser(req, res, next) {',
    "  if (!req.headers.authorization) return res.status(401).json({ error: 'Unauthorized' });",
    '  next();',
    '}',
    'module.exports = { requireUser };',
  ].join('\n'),
  'src/db.js': "const { PrismaClient } = require('@prisma/client');\nmodule.exports = { prisma: new PrismaClient() };\n",
};

const audited = async (files: Record<string, string>) => {
  const run = await auditFiles({ ...base, ...files }, { rules: [rule] });
  const inv = RouteInventory.parse(run.inventory.routes);
  return {
    lines: inv.routes.map((r) => `${r.framework} ${r.method} ${r.path} ${r.file}:${r.line} ${r.auth ?? '-'}`),
    at: run.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.location?.path}:${f.location?.line}`),
  };
};

describe('registration functions with an untyped app parameter', () => {
  it('an exported function called with the app: its routes are the app\'s, its `use` guards the routes after it', async () => {
    const r = await audited({
      'src/server.js': [
        "const express = require('express');",
        "const { registerRoutes } = require('./routes');",
        'const app = express();',
        'registerRoutes(app);',
        'app.listen(3000);',
      ].join('\n'),
      'src/routes.js': [
        "const { requireUser } = require('./auth');",
        "const { prisma } = require('./db');",
        'exports.registerRoutes = function (app) {',
        "  app.post('/orders', (req, res) => prisma.order.create({ data: req.body }));",
        "  app.use('/api', requireUser);",
        "  app.post('/api/notes', (req, res) => prisma.note.create({ data: req.body }));",
        '};',
      ].join('\n'),
    });
    expect(r.lines).toEqual(['express POST /orders src/routes.js:4 -', 'express POST /api/notes src/routes.js:6 requireUser']);
    expect(r.at).toEqual(['src/routes.js:4']);
  });

  it('`module.exports = (app) => {...}` called as `require(...)(app)`: the caller\'s middleware applies by the call\'s line', async () => {
    const r = await audited({
      'src/server.js': [
        "const express = require('express');",
        "const { requireUser } = require('./auth');",
        'const app = express();',
        "require('./public-routes')(app);",
        'app.use(requireUser);',
        "require('./private-routes')(app);",
        'app.listen(3000);',
      ].join('\n'),
      'src/public-routes.js': "const { prisma } = require('./db');\nmodule.exports = (app) => {\n  app.post('/signup-interest', (req, res) => prisma.lead.create({ data: req.body }));\n};\n",
      'src/private-routes.js': "const { prisma } = require('./db');\nmodule.exports = (app) => {\n  app.delete('/notes/:id', (req, res) => prisma.note.delete({ where: { id: req.params.id } }));\n};\n",
    });
    expect(r.lines).toEqual(['express DELETE /notes/:id src/private-routes.js:3 requireUser', 'express POST /signup-interest src/public-routes.js:3 -']);
    expect(r.at).toEqual(['src/public-routes.js:3']);
  });

  it('`export default (app) => {...}` called with two apps: the routes are mounted on each, judged there', async () => {
    const r = await audited({
      'src/server.ts': [
        "import express from 'express';",
        "import { requireUser } from './auth';",
        "import registerItems from './items';",
        'const app = express();',
        'const admin = express.Router();',
        'admin.use(requireUser);',
        'registerItems(admin);',
        "app.use('/admin', admin);",
        'registerItems(app);',
        'app.listen(3000);',
      ].join('\n'),
      'src/items.ts': "import { prisma } from './db';\nexport default (app) => {\n  app.delete('/items/:id', (req, res) => prisma.item.delete({ where: { id: req.params.id } }));\n};\n",
    });
    expect(r.lines).toEqual(['express DELETE /admin/items/:id src/items.ts:3 requireUser', 'express DELETE /items/:id src/items.ts:3 -']);
    expect(r.at).toEqual(['src/items.ts:3']);
  });

  it('a parameter no caller hands an app is no app: its `get` calls are no routes', async () => {
    const r = await audited({
      'src/server.js': "const express = require('express');\nconst { warm } = require('./warm');\nconst app = express();\nwarm(new Map());\napp.listen(3000);\n",
      'src/warm.js': "exports.warm = function (store) {\n  store.get('/home', () => 1);\n  store.delete('/stale', () => 0);\n};\n",
    });
    expect(r.lines).toEqual([]);
    expect(r.at).toEqual([]);
  });
});
