// A role changed on a record the request names, whatever the value (a constant promotion included), on a
// route that checks only who the caller is: judged by what the code writes (the ORM call's row, or a
// loaded record's role assigned and saved), followed into the services the handler calls. Both ways.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './role-not-enforced.js';

const SCHEMA = 'model User {\n  id String @id @default(cuid())\n  email String @unique\n  role String @default("member")\n  isAdmin Boolean @default(false)\n}\n';

function app(routes: string[], o: { extra?: Record<string, string>; deps?: string; pre?: string[] } = {}): Record<string, string> {
  return {
    'package.json': `{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","@prisma/client":"5"${o.deps ?? ''}}}`,
    'prisma/schema.prisma': SCHEMA,
    'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
    'src/app.ts': [
      "import express from 'express';",
      "import passport from 'passport';",
      "import { prisma } from './db';",
      ...(o.pre ?? []),
      'const app = express();',
      "app.use(passport.authenticate('jwt', { session: false }));",
      ...routes,
      'app.listen(3000);',
    ].join('\n'),
    ...(o.extra ?? {}),
  };
}
const found = async (files: Record<string, string>) => (await runRule(rule, files)).map((f) => `${f.messageId} ${f.location?.path}:${f.location?.line}`);

describe('security/role-not-enforced, role writes', () => {
  it('reports a promotion with a constant on the user the path names (Prisma data.isAdmin)', async () => {
    const findings = await runRule(rule, app([
      "app.post('/users/:id/promote', async (req: any, res: any) => {",
      '  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { isAdmin: true } }));',
      '});',
    ]));
    expect(findings.map((f) => `${f.messageId} ${f.severity} ${f.location?.line}`)).toEqual(['roleWrite high 6']);
    expect(findings[0].message).toContain('`isAdmin`');
    expect(findings[0].message).toContain('req.params.id');
  });

  it('is silent behind a role check: a middleware that reads the caller\'s role and answers 403, or the handler comparing it', async () => {
    const promote = "async (req: any, res: any) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { isAdmin: true } }))";
    expect(await found(app([`app.post('/users/:id/promote', requireAdmin, ${promote});`], { pre: ["const requireAdmin = (req: any, res: any, next: any) => (req.user.role === 'admin' ? next() : res.sendStatus(403));"] }))).toEqual([]);
    expect(await found(app([
      "app.post('/users/:id/promote', async (req: any, res: any) => {",
      "  if (req.user.role !== 'admin') return res.sendStatus(403);",
      '  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { isAdmin: true } }));',
      '});',
    ]))).toEqual([]);
  });

  it('is silent on a write of the caller\'s own record, and on a write that sets no role', async () => {
    expect(await found(app(["app.post('/me/name', async (req: any, res: any) => res.json(await prisma.user.update({ where: { id: req.user.id }, data: { role: 'member' } })));"]))).toEqual([]);
    expect(await found(app(["app.post('/users/:id/rename', async (req: any, res: any) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { email: 'x@y.z' } })));"]))).toEqual([]);
  });

  it('follows the handler into a service in another file that changes the role', async () => {
    const files = app(["app.patch('/users/:id/role', (req: any, res: any) => users.setRole(req.params.id).then((u) => res.json(u)));"], {
      pre: ["import * as users from './users.service';"],
      extra: { 'src/users.service.ts': "import { prisma } from './db';\nexport async function setRole(id: string) {\n  return prisma.user.update({ where: { id }, data: { role: 'moderator' } });\n}\n" },
    });
    const findings = await runRule(rule, files);
    expect(findings.map((f) => f.messageId)).toEqual(['roleWrite']);
    expect(findings[0].message).toContain('src/users.service.ts:3');
  });

  it('reports mongoose: $set of a role, and a loaded document whose role is assigned then saved; not one never saved', async () => {
    const mongo = (handler: string[]) => ({
      'package.json': '{"name":"svc","main":"src/app.js","dependencies":{"express":"4","passport":"0.7","mongoose":"8"}}',
      'src/user.model.js': "import mongoose from 'mongoose';\nconst schema = new mongoose.Schema({ email: String, role: String });\nexport default mongoose.model('User', schema);\n",
      'src/app.js': [
        "import express from 'express';",
        "import passport from 'passport';",
        "import User from './user.model';",
        'const app = express();',
        "app.use(passport.authenticate('jwt', { session: false }));",
        ...handler,
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(await found(mongo(["app.put('/users/:id/role', async (req, res) => { await User.updateOne({ _id: req.params.id }, { $set: { role: 'admin' } }); res.end(); });"])))
      .toEqual(['roleWrite src/app.js:6']);
    expect(await found(mongo(["app.put('/users/:id/ban', async (req, res) => {", '  const user = await User.findById(req.params.id);', "  user.role = 'banned';", '  await user.save();', '  res.end();', '});'])))
      .toEqual(['roleWrite src/app.js:6']);
    expect(await found(mongo(["app.get('/users/:id', async (req, res) => {", '  const user = await User.findById(req.params.id);', "  user.role = undefined;", '  res.json(user);', '});'])))
      .toEqual([]);
  });
});
