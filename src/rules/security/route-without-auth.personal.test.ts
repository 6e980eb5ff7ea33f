// Unguarded reads that send rows of a model holding personal data (Prisma schema fields named as an
// email, a phone number, a stored credential), tied to the route by the function the response is in.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const schema = [
  'model User {',
  '  id    Int     @id @default(autoincrement())',
  '  email String  @unique',
  '  name  String',
  '  posts Post[]',
  '}',
  'model Product {',
  '  id    Int    @id',
  '  title String',
  '  price Int',
  '}',
  'model Post {',
  '  id       Int  @id',
  '  authorId Int',
  '  author   User @relation(fields: [authorId], references: [id])',
  '}',
].join('\n');

const repo = (routes: string[], extra: Record<string, string> = {}) => ({
  'package.json': '{"name":"svc","dependencies":{"express":"4","@prisma/client":"5"}}',
  'prisma/schema.prisma': schema,
  'src/app.ts': [
    "import express from 'express';",
    "import { PrismaClient } from '@prisma/client';",
    'const prisma = new PrismaClient();',
    'const app = express();',
    'function requireAuth(req: any, res: any, next: any) { if (!req.headers.authorization) return res.status(401).end(); next(); }',
    ...routes,
    'app.listen(3000);',
  ].join('\n'),
  ...extra,
});

const seen = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => [f.messageId, f.severity, f.location?.line]);

describe('unguarded reads of personal rows', () => {
  it('GET /users with no guard sending the rows: high, naming the model, its fields, the query and the send', async () => {
    const fs = await runRule(rule, repo([
      "app.get('/users', async (req, res) => {",
      '  const users = await prisma.user.findMany();',
      '  res.json(users);',
      '});',
    ]));
    expect(seen(fs)).toEqual([['personalRows', 'high', 6]]);
    expect(fs[0].message).toContain('User rows with their `email`');
    expect(fs[0].message).toContain('prisma.user.findMany() at src/app.ts:7');
    expect(fs[0].message).toContain('src/app.ts:8');
  });

  it('the same behind the guard: nothing; a public catalogue, or users selected without their email: the read stays medium', async () => {
    const fs = await runRule(rule, repo([
      "app.get('/users', requireAuth, async (req, res) => { res.json(await prisma.user.findMany()); });",
      "app.get('/products', async (req, res) => { res.json(await prisma.product.findMany()); });",
      "app.get('/names', async (req, res) => { res.json(await prisma.user.findMany({ select: { id: true, name: true } })); });",
      "app.get('/lean', async (req, res) => { res.json(await prisma.user.findMany({ omit: { email: true } })); });",
    ]));
    expect(seen(fs)).toEqual([['unguarded', 'medium', 7], ['unguarded', 'medium', 8], ['unguarded', 'medium', 9]]);
  });

  it('a handler declared in the file is tied by its declaration, not by a nearby route', async () => {
    const fs = await runRule(rule, repo([
      'async function list(req: any, res: any) {',
      '  const rows = await prisma.user.findMany();',
      '  res.json(rows);',
      '}',
      'async function catalogue(req: any, res: any) { res.json(await prisma.product.findMany()); }',
      "app.get('/people', list);",
      "app.get('/catalogue', catalogue);",
    ]));
    expect(seen(fs).filter(([, s]) => s === 'high')).toEqual([['personalRows', 'high', 11]]);
  });
});
