import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './unbounded-fan-out.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'an array the code holds', code: "const TABLES = ['a', 'b'];\napp.post('/x', async (req, res) => res.json(await Promise.all(TABLES.map((t) => db.count(t)))));" },
    { name: 'rows the server read (a query ends the path)', code: "app.post('/x', async (req, res) => {\n  const rows = await prisma.item.findMany({ where: { owner: req.user.id }, take: 50 });\n  res.json(await Promise.all(rows.map((r) => enrich(r))));\n});" },
    { name: 'a length refused above a bound', code: "app.post('/bulk', async (req, res) => {\n  const { ids } = req.body;\n  if (ids.length > 100) return res.status(400).end();\n  await Promise.all(ids.map((id) => prisma.item.delete({ where: { id } })));\n  res.end();\n});" },
    { name: 'sliced to a bound', code: "app.post('/bulk', async (req, res) => {\n  await Promise.all(req.body.ids.slice(0, 50).map((id) => prisma.item.delete({ where: { id } })));\n  res.end();\n});" },
    { name: 'parsed by a schema (its max is the bound)', code: "import { z } from 'zod';\nconst Body = z.object({ ids: z.array(z.string()).max(100) });\napp.post('/bulk', async (req, res) => {\n  const { ids } = Body.parse(req.body);\n  await Promise.all(ids.map((id) => prisma.item.delete({ where: { id } })));\n  res.end();\n});" },
    { name: 'a NestJS DTO class (@ArrayMaxSize runs in the pipe)', code: "import { Body, Controller, Post } from '@nestjs/common';\n@Controller('x')\nclass C {\n  @Post()\n  async bulk(@Body() dto: BulkDto) { return Promise.all(dto.ids.map((id) => this.repo.delete(id))); }\n}" },
    { name: 'a Hono validator\'s output', code: "app.post('/bulk', zValidator('json', schema), async (c) => {\n  const { ids } = c.req.valid('json');\n  return c.json(await Promise.all(ids.map((id) => db.delete(items).where(eq(items.id, id)))));\n});" },
    { name: 'a local named Promise (a library\'s)', code: "import Promise from 'bluebird';\napp.post('/bulk', async (req, res) => res.json(await Promise.all(req.body.ids.map((id) => load(id)))));" },
  ],
  invalid: [
    {
      name: 'ids from the body, one delete each',
      code: "app.post('/bulk', async (req, res) => {\n  const { ids } = req.body;\n  await Promise.all(ids.map((id) => prisma.item.delete({ where: { id } })));\n  res.end();\n});",
      errors: [{ messageId: 'fanOut', line: 3, severity: 'medium', data: { work: '`prisma.item.delete`' } }],
    },
    {
      name: 'URLs from the query string through filter, fetched all at once (allSettled)',
      code: "router.get('/preview', async (req, res) => {\n  const urls = String(req.query.urls).split(',');\n  const jobs = req.body.urls.filter(Boolean).map(async (u) => { const r = await fetch(u); return r.status; });\n  res.json(await Promise.allSettled(jobs));\n});",
      errors: [{ messageId: 'fanOut', line: 4, data: { combinator: 'Promise.allSettled', work: '`fetch`' } }],
    },
  ],
});
