import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import { RuleTester } from '../tester.js';
import rule from './unbounded-page-size.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a constant page size', code: "app.get('/posts', async (req, res) => res.json(await prisma.post.findMany({ take: 20, skip: Number(req.query.skip) })));" },
    { name: 'capped with Math.min', code: "app.get('/posts', async (req, res) => {\n  const take = Math.min(Number(req.query.limit) || 20, 100);\n  res.json(await prisma.post.findMany({ take }));\n});" },
    { name: 'compared before use (a refusal)', code: "app.get('/posts', async (req, res) => {\n  const limit = parseInt(req.query.limit, 10);\n  if (limit > 100) return res.status(400).end();\n  res.json(await Post.findAll({ limit }));\n});" },
    { name: 'a conditional that clamps', code: "app.get('/u', async (req, res) => {\n  const n = Number(req.query.limit);\n  res.json(await User.find({}).limit(n > 50 ? 50 : n));\n});" },
    { name: 'parsed by a schema (its bound is the schema\'s)', code: "import { z } from 'zod';\nconst Q = z.object({ limit: z.coerce.number().max(100) });\napp.get('/u', async (req, res) => {\n  const { limit } = Q.parse(req.query);\n  res.json(await db.select().from(users).limit(limit));\n});" },
    { name: 'a validator middleware\'s output (Hono)', code: "app.get('/u', zValidator('query', schema), async (c) => {\n  const { limit } = c.req.valid('query');\n  return c.json(await db.select().from(users).limit(limit));\n});" },
    { name: 'a Fastify route that declares a schema', code: "fastify.get('/u', { schema: { querystring: { type: 'object', properties: { limit: { type: 'integer', maximum: 100 } } } } }, async (request) => {\n  return db('users').select('*').limit(request.query.limit);\n});" },
    { name: 'a NestJS DTO class (its validation decorators run in the pipe)', code: "import { Controller, Get, Query } from '@nestjs/common';\n@Controller('u')\nclass C {\n  @Get()\n  list(@Query() q: ListQuery) { return this.repo.find({ take: q.limit }); }\n}" },
    { name: 'a variable that holds no query', code: "app.get('/x', (req, res) => { const bucket = tokens.get(req.ip); bucket.limit(req.query.n); res.end(); });" },
    { name: 'limit() that begins no query (a rate limiter)', code: "app.get('/x', (req, res) => { limiter.limit(req.query.n); res.end(); });" },
    { name: 'a constant LIMIT in SQL text', code: "app.get('/u', async (req, res) => res.json(await pool.query(`SELECT * FROM users WHERE name = $1 LIMIT ${PAGE}`, [req.query.name])));\nconst PAGE = 20;" },
  ],
  invalid: [
    {
      name: 'Prisma take from the query, parsed to a number only',
      code: "app.get('/posts', async (req, res) => {\n  const take = parseInt(req.query.limit as string) || 20;\n  res.json(await prisma.post.findMany({ take, skip: 0 }));\n});",
      errors: [{ messageId: 'fromRequest', line: 3 }],
    },
    {
      name: 'TypeORM query builder limit from an undecorated-class NestJS query object',
      code: "import { Controller, Get, Query } from '@nestjs/common';\n@Controller('articles')\nclass C {\n  @Get()\n  findAll(@Query() query) {\n    const qb = this.repo.createQueryBuilder('a');\n    if ('offset' in query) qb.offset(query.offset);\n    return qb.orderBy('a.created', 'DESC').limit(query.limit).getMany();\n  }\n}",
      errors: [{ messageId: 'fromRequest', line: 8 }],
    },
    {
      name: 'a query builder held in a variable, its limit set later from the query string',
      code: "router.get('/articles', async (req, res) => {\n  const qb = dataSource.getRepository(Article).createQueryBuilder('a');\n  if ('limit' in req.query) qb.limit(req.query.limit);\n  res.json(await qb.getMany());\n});",
      errors: [{ messageId: 'fromRequest', line: 3 }],
    },
    {
      name: 'Mongoose limit with Math.max (a floor, no ceiling)',
      code: "router.get('/items', async (req, res) => {\n  const size = Math.max(1, Number(req.query.size));\n  res.json(await Item.find({ owner: req.user.id }).limit(size));\n});",
      errors: [{ messageId: 'fromRequest', line: 3 }],
    },
    {
      name: 'Sequelize findAndCountAll limit, Drizzle select limit, Hono query reader, SQL LIMIT interpolation',
      code: "app.get('/a', async (c) => {\n  const limit = Number(c.req.query('limit'));\n  const rows = await db.select().from(users).limit(limit);\n  const all = await Model.findAndCountAll({ limit: limit });\n  const raw = await sql.unsafe(`SELECT * FROM t ORDER BY id LIMIT ${limit}`);\n  return c.json({ rows, all, raw });\n});",
      errors: [{ messageId: 'fromRequest', line: 3 }, { messageId: 'fromRequest', line: 4 }, { messageId: 'fromRequest', line: 5 }],
    },
  ],
});

describe('database/unbounded-page-size on a repository', () => {
  const files = (guard: string) => ({
    'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4', '@prisma/client': '5' } }),
    'src/app.ts': [
      "import express from 'express';",
      "import { PrismaClient } from '@prisma/client';",
      "import { requireUser } from './auth';",
      'const prisma = new PrismaClient();',
      'const app = express();',
      `app.get('/posts', ${guard}async (req, res) => {`,
      '  const take = Number(req.query.limit);',
      '  res.json(await prisma.post.findMany({ take }));',
      '});',
      'app.listen(3000);',
    ].join('\n'),
    'src/auth.ts': "export function requireUser(req, res, next) { if (!req.headers.authorization) return res.status(401).end(); next(); }\n",
  });

  it('is high on a route no guard protects, and names the route', async () => {
    const findings = await runRule(rule, files(''));
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/app.ts:8 high publicRoute']);
    expect(findings[0].message).toContain('on GET /posts (src/app.ts:6), which no guard protects: req.query.limit (line 7)');
  });

  it('stays medium behind a guard', async () => {
    const findings = await runRule(rule, files('requireUser, '));
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/app.ts:8 medium fromRequest']);
  });

  it('follows a parameter to the callers in other files: reported where a route hands it its query, silent where callers pass constants', async () => {
    const files = (arg: string) => ({
      'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4', '@prisma/client': '5' } }),
      'src/users.service.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export async function listUsers(query: any) {',
        '  return prisma.user.findMany({ take: Number(query.limit), orderBy: { id: "asc" } });',
        '}',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { listUsers } from './users.service';",
        'const app = express();',
        `app.get('/users', async (req, res) => res.json(await listUsers(${arg})));`,
        'app.listen(3000);',
      ].join('\n'),
    });
    const found = await runRule(rule, files('req.query'));
    expect(found.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/users.service.ts:4 high publicRoute']);
    expect(found[0].message).toContain('on GET /users (src/app.ts:4), which no guard protects: req.query (src/app.ts:4)');
    expect(await runRule(rule, files('{ limit: 20 }'))).toEqual([]);
  });
});
