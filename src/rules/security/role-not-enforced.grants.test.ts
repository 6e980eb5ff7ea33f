// A route that sets a user's role from the request body, reachable by any signed-in caller: a self-promotion.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './role-not-enforced.js';

const app = (handler: string, chain = "passport.authenticate('jwt', { session: false })", extra: string[] = []): Record<string, string> => ({
  'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","@prisma/client":"5"}}',
  'src/app.ts': [
    "import express from 'express';",
    "import passport from 'passport';",
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'const app = express();',
    ...extra,
    `app.patch('/users/:id', ${chain}, ${handler});`,
    'app.listen(3000);',
  ].join('\n'),
});
const found = async (files: Record<string, string>) => (await runRule(rule, files)).map((f) => `${f.messageId} ${f.severity} ${f.location?.path}:${f.location?.line} ${f.evidence?.find((e) => e.kind === 'file')?.line}`);

describe('security/role-not-enforced, role grants', () => {
  it('reports a role taken from the body on a route only authentication guards: assigned, or destructured into a Prisma update', async () => {
    expect(await found(app('async (req, res) => { const user = await prisma.user.findUnique({ where: { id: req.params.id } }); user.role = req.body.role; res.json(user); }')))
      .toEqual(['roleGrant high src/app.ts:6 6']);
    expect(await found(app('async (req, res) => {\n  const { name, role } = req.body;\n  res.json(await prisma.user.update({ where: { id: req.params.id }, data: { name, role } }));\n}')))
      .toEqual(['roleGrant high src/app.ts:6 8']);
  });

  it('is silent behind a role check (a middleware of the chain, or a 403 in the handler), or when the role is a constant', async () => {
    const admin = "const requireAdmin = (req, res, next) => (req.user.role === 'admin' ? next() : res.sendStatus(403));";
    expect(await found(app("async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }))", "passport.authenticate('jwt', { session: false }), requireAdmin", [admin]))).toEqual([]);
    expect(await found(app("async (req, res) => { if (req.user.role !== 'admin') return res.sendStatus(403); res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } })); }"))).toEqual([]);
    expect(await found(app("async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: 'member', name: req.body.name } }))"))).toEqual([]);
  });
});
