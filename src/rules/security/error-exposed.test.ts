import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './error-exposed.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a generic message, the error logged', code: "app.get('/x', async (req, res) => {\n  try { await work(); } catch (err) {\n    logger.error(err);\n    res.status(500).json({ error: 'internal error' });\n  }\n});" },
    { name: 'a status code chosen for the client', code: "app.get('/x', async (req, res) => {\n  try { await work(); } catch (err) {\n    res.status(err.status ?? 500).json({ code: err.code });\n  }\n});" },
    { name: 'error text sent somewhere that is no response', code: "async function f(queue) {\n  try { await work(); } catch (e) {\n    queue.send({ failed: String(e) });\n  }\n}" },
    { name: 'a local variable named res that is no handler parameter', code: "try { await work(); } catch (e) {\n  const res = makeLog();\n  res.write(e.message);\n}" },
    { name: 'a local class named Response', code: "class Response { constructor(public body: string) {} }\ntry { run(); } catch (e) {\n  new Response(`${e}`);\n}" },
    {
      name: 'in an Express file, a one-parameter callback is no handler response whatever its name; a stream named res handed as the first argument',
      path: 'src/routes/export.ts',
      code: [
        "import express from 'express';",
        'streams.forEach((c) => {',
        '  try { c.write(render()); } catch (e) { c.write(e.message); }',
        '});',
        'function pipeTo(res, rows) {',
        '  try { res.write(csv(rows)); } catch (err) { res.end(String(err)); }',
        '}',
      ].join('\n'),
    },
    {
      name: 'an Express error handler sending the stack unless production, and the Dockerfile sets production',
      code: "import express from 'express';\nconst app = express();\napp.use((err, req, res, next) => {\n  res.status(500).json({ message: 'error', stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });\n});",
      files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\n' },
    },
    {
      name: 'a stack sent only in development: off by default',
      code: "import express from 'express';\nconst app = express();\nconst isDev = process.env.NODE_ENV === 'development';\napp.use((err, req, res, next) => {\n  res.status(500).json({ message: 'error', ...(isDev && { stack: err.stack }) });\n});",
    },
    { name: 'not in a catch', code: "app.use((err, req, res, next) => {\n  res.status(500).json({ message: err.message });\n});" },
  ],
  invalid: [
    {
      name: 'an Express error handler sending the stack unless production, where nothing sets NODE_ENV',
      code: "import express from 'express';\nconst app = express();\napp.use((err, req, res, next) => {\n  res.status(500).json({ message: 'error', stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });\n});",
      errors: [{ messageId: 'stackByEnv', line: 4, severity: 'medium' }],
    },
    {
      name: 'a stack sent under if (NODE_ENV !== production) in a catch',
      code: "import express from 'express';\nconst router = express.Router();\nrouter.get('/x', async (req, res) => {\n  try { await work(); } catch (e) {\n    if (process.env.NODE_ENV !== 'production') {\n      return res.status(500).json({ error: 'failed', stack: e.stack });\n    }\n    res.status(500).json({ error: 'failed' });\n  }\n});",
      errors: [{ messageId: 'stackByEnv', line: 6 }],
    },
    {
      name: 'a Worker answering with the exception text',
      code: "export default {\n  async fetch(request: Request) {\n    try {\n      return await handle(request);\n    } catch (e) {\n      return new Response(`${e}`);\n    }\n  },\n};",
      errors: [{ messageId: 'exposed', line: 6, severity: 'low' }],
    },
    {
      name: 'Express message and stack, Hono c.json, Response.json',
      code: [
        "router.post('/a', async (req, res) => {",
        '  try { await work(); } catch (err: any) {',
        '    res.status(500).json({ error: err.message, stack: err.stack });',
        '  }',
        '});',
        "app.get('/b', async (c) => {",
        '  try { return c.json(await work()); } catch (e) { return c.json({ error: String(e) }, 500); }',
        '});',
        'export async function GET() {',
        '  try { return Response.json(await work()); } catch (error) { return Response.json({ error }, { status: 500 }); }',
        '}',
      ].join('\n'),
      errors: [{ messageId: 'exposed', line: 3 }, { messageId: 'exposed', line: 7 }, { messageId: 'exposed', line: 10 }],
    },
    {
      name: 'the response parameter found by its position, not its name: Express (request, resp) and an error handler; Koa ctx.body in a catch',
      path: 'src/server.ts',
      code: [
        "import express from 'express';",
        "app.get('/a', async (request, resp) => {",
        '  try { await work(); } catch (problem) { resp.status(500).send(problem.message); }',
        '});',
        'app.use(async (err, request, out, next) => {',
        '  try { await report(err); } catch (e) { out.json({ e }); }',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'exposed', line: 3 }, { messageId: 'exposed', line: 6 }],
    },
    {
      name: 'Koa: the error assigned to ctx.body',
      path: 'src/koa.ts',
      code: "import Router from '@koa/router';\nrouter.get('/a', async (ctx) => {\n  try { await work(); } catch (e) { ctx.status = 500; ctx.body = { error: e.message }; }\n});\n",
      errors: [{ messageId: 'exposed', line: 3 }],
    },
    {
      name: "NestJS: the parameter decorated @Res(), in any position; a service method's first parameter is no response",
      path: 'src/users/users.controller.ts',
      code: [
        "import { Controller, Get, Res, Req } from '@nestjs/common';",
        '@Controller()',
        'export class UsersController {',
        '  @Get() async list(@Req() req, @Res() out) {',
        '    try { out.json(await this.users.all()); } catch (e) { out.status(500).json({ error: e.message }); }',
        '  }',
        '  async notify(client) {',
        '    try { await work(); } catch (e) { client.send(e.message); }',
        '  }',
        '}',
      ].join('\n'),
      errors: [{ messageId: 'exposed', line: 5 }],
    },
  ],
});
