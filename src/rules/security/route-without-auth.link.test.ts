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
  return { run, inv, lines: inv.routes.map((r) => `${r.method} ${r.path} [${r.middleware.join(',')}] ${r.auth ?? '-'}`) };
};

describe('route table through the link stage', () => {
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
      'GET /users/:id [express.json,passport.authenticate] passport.authenticate',
      'POST /users [express.json,passport.authenticate] passport.authenticate',
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
});
