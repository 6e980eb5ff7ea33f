// Role checks a router applies to all its routes (`adminRouter.use(requireRole('admin'))`) count for the
// routes of that router wherever it is mounted, and only for them: a sibling router mounted at another
// prefix is not covered by it. Tested both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ownership-unchecked.js';

function app(mounts: string[], extra: string[] = []): Record<string, string> {
  return {
    'package.json': '{"name":"shop","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
    'src/app.js': [
      "import express from 'express';",
      "import passport from 'passport';",
      "import adminRouter from './admin.routes';",
      "import userRouter from './user.routes';",
      'const app = express();',
      "app.use(passport.authenticate('jwt', { session: false }));",
      ...mounts,
      'app.listen(3000);',
    ].join('\n'),
    'src/admin.routes.js': [
      "import { Router } from 'express';",
      "import { requireRole } from './roles';",
      "import Order from './order.model';",
      'const adminRouter = Router();',
      ...extra,
      "adminRouter.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));",
      'export default adminRouter;',
    ].join('\n'),
    'src/user.routes.js': [
      "import { Router } from 'express';",
      "import Order from './order.model';",
      'const userRouter = Router();',
      "userRouter.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));",
      'export default userRouter;',
    ].join('\n'),
    'src/roles.js': "export const requireRole = (role) => (req, res, next) => (req.user.role === role ? next() : res.status(403).end());\n",
    'src/order.model.js': [
      "import mongoose from 'mongoose';",
      'const schema = new mongoose.Schema({ user: { type: mongoose.Schema.Types.ObjectId, ref: "User" }, status: String });',
      "export default mongoose.model('Order', schema);",
    ].join('\n'),
  };
}

const where = (fs: Array<{ location: { path: string; line: number } | null }>) => fs.map((f) => `${f.location?.path}:${f.location?.line}`).sort();

describe('security/ownership-unchecked: role checks of sibling routers', () => {
  it("the admin router's own use(requireRole('admin')) covers its routes; the user router's route is reported", async () => {
    const found = await runRule(rule, app(["app.use('/admin', adminRouter);", "app.use('/api', userRouter);"], ["adminRouter.use(requireRole('admin'));"]));
    expect(where(found)).toEqual(['src/user.routes.js:4']);
  });
  it('a role check applied where the admin router is mounted covers it, not the sibling mounted at another prefix', async () => {
    const found = await runRule(rule, app(["import { requireRole } from './roles';", "app.use('/admin', requireRole('admin'), adminRouter);", "app.use('/api', userRouter);"]));
    expect(where(found)).toEqual(['src/user.routes.js:4']);
  });
  it('a role check on a path prefix the user router is not under does not cover it', async () => {
    const found = await runRule(rule, app(["import { requireRole } from './roles';", "app.use('/admin', requireRole('admin'));", "app.use('/admin', adminRouter);", "app.use('/api', userRouter);"]));
    expect(where(found)).toEqual(['src/user.routes.js:4']);
  });
  it('without any role check both routes are reported', async () => {
    const found = await runRule(rule, app(["app.use('/admin', adminRouter);", "app.use('/api', userRouter);"]));
    expect(where(found)).toEqual(['src/admin.routes.js:5', 'src/user.routes.js:4']);
  });
  it('two routers of one file: the role middleware of one does not cover the other, mounted in a parent router', async () => {
    const files = app(["import api from './api';", "app.use('/api', api);"]);
    files['src/api.js'] = [
      "import { Router } from 'express';",
      "import { requireRole } from './roles';",
      "import Order from './order.model';",
      'const admin = Router();',
      'const mine = Router();',
      "admin.use(requireRole('admin'));",
      "admin.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));",
      "mine.delete('/orders/:id', async (req, res) => res.json(await Order.findByIdAndDelete(req.params.id)));",
      'const api = Router();',
      "api.use('/admin', admin);",
      "api.use('/me', mine);",
      'export default api;',
    ].join('\n');
    const found = await runRule(rule, files);
    expect(where(found)).toEqual(['src/api.js:8']);
  });
});
