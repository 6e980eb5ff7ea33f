import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './ssrf.js';

// A URL the server stored itself: judged by who may write the column it is read from.
const files = (writer: string): Record<string, string> => ({
  'package.json': '{"name":"svc","main":"src/app.ts","dependencies":{"express":"4","@prisma/client":"5","jsonwebtoken":"9"}}',
  'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
  'src/auth.ts': [
    "import jwt from 'jsonwebtoken';",
    'export function requireAuth(req, res, next) {',
    "  const token = req.headers.authorization?.slice(7);",
    "  if (!token) return res.status(401).end();",
    '  req.user = jwt.verify(token, process.env.JWT_SECRET);',
    '  next();',
    '}',
    'export function requireAdmin(req, res, next) {',
    "  if (req.user.role !== 'admin') return res.status(403).end();",
    '  next();',
    '}',
  ].join('\n'),
  'src/app.ts': [
    "import express from 'express';",
    "import { prisma } from './db';",
    "import { requireAuth, requireAdmin } from './auth';",
    'const app = express();',
    writer,
    "app.post('/hooks/:id/test', requireAuth, async (req, res) => {",
    '  const hook = await prisma.webhook.findUnique({ where: { id: req.params.id } });',
    "  await fetch(hook.url, { method: 'POST', body: '{}' });",
    '  res.end();',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});

describe('security/ssrf on a URL read from a stored record', () => {
  it('the column is written from the body by a route any signed-in user may call: high, with the writer', async () => {
    const [f, ...rest] = await runRule(rule, files("app.post('/hooks', requireAuth, async (req, res) => res.json(await prisma.webhook.create({ data: { url: req.body.url, name: req.body.name } })));"));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'high', messageId: 'storedOpen', location: { path: 'src/app.ts', line: 8 } });
    expect(f.message).toContain('POST /hooks (src/app.ts:5)');
  });

  it('the column is written only behind a role check: no finding', async () => {
    const found = await runRule(rule, files("app.post('/hooks', requireAuth, requireAdmin, async (req, res) => {\n  const { url } = req.body;\n  res.json(await prisma.webhook.create({ data: { url } }));\n});"));
    expect(found).toEqual([]);
  });

  it('the column is written on an admin router whose use() checks the role: no finding; on a sibling router without one: high', async () => {
    const writer = (guard: string) => [
      'const adminRouter = express.Router();',
      guard,
      "adminRouter.post('/hooks', async (req, res) => res.json(await prisma.webhook.create({ data: { url: req.body.url } })));",
      "app.use('/admin', requireAuth, adminRouter);",
    ].join('\n');
    expect(await runRule(rule, files(writer('adminRouter.use(requireAdmin);')))).toEqual([]);
    const [f] = await runRule(rule, files(writer('const other = express.Router();\nother.use(requireAdmin);\napp.use(\'/ops\', other);')));
    expect(f).toMatchObject({ severity: 'high', messageId: 'storedOpen' });
  });

  it('no route writes the column from request input: low, who chooses it not verified', async () => {
    const [f] = await runRule(rule, files("app.get('/health', (req, res) => res.json({ ok: true }));"));
    expect(f).toMatchObject({ severity: 'low', messageId: 'storedUnknown' });
  });

  it('a record read by the request id does not make its URL request input; a URL from the body still is', async () => {
    const found = await runRule(rule, files("app.post('/preview', requireAuth, async (req, res) => res.send(await (await fetch(req.body.url)).text()));"));
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['fromRequest', 'high'], ['storedUnknown', 'low']]);
  });
});
