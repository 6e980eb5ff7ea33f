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

  it('is silent behind a role check (a middleware of the chain, or a 403 in the handler), or when the role is a constant on the caller\'s own record', async () => {
    const admin = "const requireAdmin = (req, res, next) => (req.user.role === 'admin' ? next() : res.sendStatus(403));";
    expect(await found(app("async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }))", "passport.authenticate('jwt', { session: false }), requireAdmin", [admin]))).toEqual([]);
    expect(await found(app("async (req, res) => { if (req.user.role !== 'admin') return res.sendStatus(403); res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } })); }"))).toEqual([]);
    // A constant is no grant from the body; on the record the path names it still changes anyone's role (role-not-enforced.writes.test.ts).
    expect(await found(app("async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: 'member', name: req.body.name } }))")))
      .toEqual(['roleWrite high src/app.ts:6 6']);
    expect(await found(app("async (req, res) => res.json(await prisma.user.update({ where: { id: req.user.id }, data: { role: 'member', name: req.body.name } }))"))).toEqual([]);
  });

  // A middleware given arguments is no role check for that: what it is (a library's role check) or what its code does decides.
  const update = "async (req, res) => res.json(await prisma.user.update({ where: { id: req.params.id }, data: { role: req.body.role } }))";
  const withMw = (chain: string, imports: string[], files: Record<string, string>) => ({ ...app(update, chain, imports), ...files, 'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","passport":"0.7","@prisma/client":"5","express-rate-limit":"7","multer":"1","express-jwt-authz":"2"}}' });
  const roleMw = "export const only = (...roles) => (req, res, next) => (roles.includes(req.user.role) ? next() : res.status(403).json({ error: 'forbidden' }));\n";
  const validateMw = "export const validate = (schema) => (req, res, next) => { const r = schema.safeParse(req.body); if (!r.success) return res.status(400).json(r.error); next(); };\n";

  it('reports a chain whose middleware take arguments but check no role: a validator, a limiter, an upload parser', async () => {
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), validate('user')", ["import { validate } from './validate';"], { 'src/validate.ts': validateMw }))).toEqual(['roleGrant high src/app.ts:7 7']);
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), rateLimit({ windowMs: 60000, max: 5 })", ["import rateLimit from 'express-rate-limit';"], {}))).toEqual(['roleGrant high src/app.ts:7 7']);
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), upload.single('file')", ["import multer from 'multer';", "const upload = multer();"], {}))).toHaveLength(1);
    // The repository's own middleware, named for a role, whose code checks none: its code decides, not its name.
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), authorize('admin')", ["import { validate as authorize } from './validate';"], { 'src/validate.ts': validateMw }))).toEqual(['roleGrant high src/app.ts:7 7']);
  });

  it('is silent behind a role check by its code (an imported factory reading req.user.role, or destructuring it) or a library role check', async () => {
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), only('admin')", ["import { only } from './roles';"], { 'src/roles.ts': roleMw }))).toEqual([]);
    const destructured = "export function gate(req, res, next) { const { permissions } = req.user; if (!permissions.includes('users:write')) return res.sendStatus(403); next(); }\n";
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), gate", ["import { gate } from './roles';"], { 'src/roles.ts': destructured }))).toEqual([]);
    // passport's callback hands the verified user to a function of the file that checks its role (the parameter's role field).
    const callback = "const check = (req, reject, rights) => async (err, user) => { if (!rights.includes(user.role)) return reject(new Error('Forbidden')); };\nexport default function auth(...rights) { return (req, res, next) => new Promise((resolve, reject) => passport.authenticate('jwt', { session: false }, check(req, reject, rights))(req, res, next)).then(() => next()); }\n";
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), auth('manageUsers')", ["import auth from './auth';"], { 'src/auth.ts': `import passport from 'passport';\n${callback}` }))).toEqual([]);
    expect(await found(withMw("passport.authenticate('jwt', { session: false }), jwtAuthz(['write:users'])", ["import jwtAuthz from 'express-jwt-authz';"], {}))).toEqual([]);
  });
});
