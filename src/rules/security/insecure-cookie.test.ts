import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './insecure-cookie.js';

const express = "import express from 'express';\nconst app = express();\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'express: flags set, flags from config, a cookie cleared, cookies that are not sessions, a CSRF cookie for the page',
      code: express + [
        "app.post('/login', (req, res) => {",
        "  res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax' });",
        "  res.cookie('sid', id, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });",
        "  res.cookie('session', '', { maxAge: 0 });",
        "  res.cookie('token', token, { httpOnly: true, secure: true, expires: new Date(0) });",
        "  res.cookie('theme', 'dark');",
        "  res.cookie('locale', req.query.lang, { maxAge: 31536000 });",
        "  res.cookie('XSRF-TOKEN', req.csrfToken());",
        "  res.cookie(name, token);",
        '});',
      ].join('\n'),
    },
    {
      name: 'options held in a local object with both flags',
      code: express + "const opts = { httpOnly: true, secure: true };\napp.post('/l', (req, res) => res.cookie('auth_token', t, opts));\n",
    },
    {
      name: 'a .cookie() method of something that is not a response',
      code: express + "const jar = new CookieJar();\njar.cookie('session', v);\nfunction f(client) { client.cookie('session', v); }\nfunction g(req: Request, client: Client) { client.cookie('session', v); }\n",
    },
    {
      name: 'res.cookie in a file that does not use express (another framework, another method)',
      code: "export function handler(req, res) { res.cookie('session', token); }\n",
    },
    {
      name: 'hono with both flags, or secure through a prefix',
      code: "import { setCookie } from 'hono/cookie';\napp.post('/l', (c) => {\n  setCookie(c, 'session', token, { httpOnly: true, secure: true });\n  setCookie(c, 'session', token, { httpOnly: true, prefix: 'host' });\n});\n",
    },
    {
      name: 'next.js cookies() with both flags, in both call forms',
      code: "import { cookies } from 'next/headers';\nexport async function POST() {\n  const store = await cookies();\n  store.set('session', token, { httpOnly: true, secure: true });\n  (await cookies()).set({ name: 'session', value: token, httpOnly: true, secure: true });\n}\n",
    },
    {
      name: 'a __Host- cookie without secure is refused by the browser, not leaked',
      code: express + "app.post('/l', (req, res) => res.cookie('__Host-session', t, { httpOnly: true, path: '/' }));\n",
    },
    { name: 'tests', path: 'test/login.test.ts', code: express + "app.post('/l', (req, res) => res.cookie('session', t));\n" },
    { name: 'scripts', path: 'scripts/dev-login.ts', code: express + "app.post('/l', (req, res) => res.cookie('session', t));\n" },
    {
      name: 'options spread from a local constant, and returned by a local function, with both flags',
      code: express + "const BASE = { httpOnly: true, secure: process.env.NODE_ENV === 'production', path: '/' };\nfunction cookieOptions() { return { ...BASE, maxAge: 900000 }; }\napp.post('/l', (req, res) => {\n  res.cookie('session', t, { ...BASE, sameSite: 'lax' });\n  res.cookie('refresh_token', r, cookieOptions());\n});\n",
    },
    {
      name: 'options from a config module in another file that sets both flags',
      path: 'src/routes/auth.ts',
      code: express + "import { cookieOptions, config } from '../config';\napp.post('/l', (req, res) => {\n  res.cookie('session', t, cookieOptions);\n  res.cookie('refresh', r, config.refreshCookie);\n});\n",
      files: { 'src/config.ts': "export const cookieOptions = { httpOnly: true, secure: true, sameSite: 'strict' as const };\nexport const config = { port: 3000, refreshCookie: { httpOnly: true, secure: process.env.NODE_ENV !== 'development' } };\n" },
    },
    {
      name: 'a signed token in a cookie with both flags; a non-session cookie whose value is not a token',
      code: "import jwt from 'jsonwebtoken';\nimport express from 'express';\nconst app = express();\napp.post('/l', (req, res) => {\n  const at = jwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '15m' });\n  res.cookie('at', at, { httpOnly: true, secure: true });\n  res.cookie('lang', req.query.lang);\n});\n",
    },
    {
      name: 'fastify reply.setCookie in an autoloaded route file with both flags; a package without fastify',
      path: 'routes/login.js',
      code: "module.exports = async function (fastify) {\n  fastify.post('/login', async (request, reply) => {\n    reply.setCookie('session', id, { httpOnly: true, secure: true, path: '/' });\n  });\n};\n",
      layout: { packages: [{ name: 'api', path: '.', dependencies: { fastify: '4', '@fastify/cookie': '9' } }] },
    },
    {
      name: 'a setCookie on a handler parameter in a package that has no fastify',
      path: 'routes/login.js',
      code: "module.exports = (req, out) => { out.setCookie('session', id); };\n",
      layout: { packages: [{ name: 'api', path: '.', dependencies: { polka: '1' } }] },
    },
    {
      name: 'nest @Res() with both flags',
      path: 'src/auth/auth.controller.ts',
      code: "import { Controller, Post, Res } from '@nestjs/common';\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res) {\n    res.cookie('access_token', this.token, { httpOnly: true, secure: true });\n  }\n}\n",
    },
    {
      name: "express-session with secure on in production or 'auto', cookie-session with secure",
      code: express + "import session from 'express-session';\nimport cookieSession from 'cookie-session';\napp.use(session({ secret: s, cookie: { secure: process.env.NODE_ENV === 'production' } }));\napp.use(session({ secret: s, cookie: { secure: 'auto', maxAge: 1000 } }));\napp.use(cookieSession({ name: 'session', keys, secure: true }));\n",
    },
    {
      name: 'koa ctx.cookies.set with secure (httpOnly is its default)',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => { ctx.cookies.set('session', id, { secure: true, sameSite: 'lax' }); });\n",
    },
  ],
  invalid: [
    {
      name: 'express: httpOnly off, no options, one flag missing',
      path: 'src/auth.ts',
      code: express + [
        "app.post('/login', (req, res) => {",
        "  res.cookie('session', token, { httpOnly: false, secure: true });",
        "  res.cookie('refreshToken', refresh);",
        "  res.cookie('jwt', token, { secure: true, sameSite: 'strict' });",
        "  res.cookie('connect.sid', sid, { httpOnly: true, secure: false });",
        '});',
      ].join('\n'),
      errors: [
        { messageId: 'httpOnlyDisabled', line: 4, severity: 'medium', data: { api: 'express res.cookie()', name: 'session' } },
        { messageId: 'noFlags', line: 5, severity: 'medium', data: { name: 'refreshToken' } },
        { messageId: 'httpOnlyMissing', line: 6, severity: 'medium', data: { name: 'jwt' } },
        { messageId: 'secureOff', line: 7, severity: 'low', data: { name: 'connect.sid' } },
      ],
    },
    {
      name: 'express in a controller that imports only its types, the name in a const',
      path: 'src/controllers/auth.ts',
      code: "import type { Request, Response } from 'express';\nconst SESSION_COOKIE = 'app_session';\nexport function login(req: Request, res: Response) {\n  res.cookie(SESSION_COOKIE, createSession(req.body.user));\n}\n",
      errors: [{ messageId: 'noFlags', line: 4, data: { name: 'app_session' } }],
    },
    {
      name: 'CommonJS express, options in a local object without httpOnly',
      path: 'src/server.js',
      code: "const express = require('express');\nconst opts = { secure: true };\nmodule.exports = (req, res) => res.cookie('authToken', t, opts);\n",
      errors: [{ messageId: 'httpOnlyMissing', line: 3, data: { name: 'authToken' } }],
    },
    {
      name: 'hono setCookie and setSignedCookie',
      path: 'src/app.ts',
      code: "import { setCookie, setSignedCookie } from 'hono/cookie';\napp.post('/l', async (c) => {\n  setCookie(c, 'session_id', id);\n  await setSignedCookie(c, 'session', id, secret, { httpOnly: false });\n});\n",
      errors: [
        { messageId: 'noFlags', line: 3, data: { api: 'hono setCookie()', name: 'session_id' } },
        { messageId: 'httpOnlyDisabled', line: 4, data: { api: 'hono setSignedCookie()' } },
      ],
    },
    {
      name: 'next.js cookies().set without flags, in both call forms',
      path: 'app/api/login/route.ts',
      code: "import { cookies } from 'next/headers';\nexport async function POST() {\n  (await cookies()).set('token', jwt);\n  const store = await cookies();\n  store.set({ name: 'session', value: id, secure: true });\n}\n",
      errors: [
        { messageId: 'noFlags', line: 3, data: { api: 'next/headers cookies().set()', name: 'token' } },
        { messageId: 'httpOnlyMissing', line: 5, data: { name: 'session' } },
      ],
    },
    {
      name: 'cookie.serialize and fastify reply.setCookie',
      path: 'src/cookies.ts',
      code: "import { serialize } from 'cookie';\nimport fastify from 'fastify';\nexport const header = serialize('sessionId', id, { path: '/' });\napp.post('/l', async (request, reply) => { reply.setCookie('auth', t, { httpOnly: true }); });\n",
      errors: [
        { messageId: 'noFlags', line: 3, data: { api: 'cookie.serialize()', name: 'sessionId' } },
        { messageId: 'secureMissing', line: 4, severity: 'low', data: { api: 'fastify reply.setCookie()', name: 'auth' } },
      ],
    },
    {
      name: 'options verdict cannot read are unknown, not a pass: a call to another file, a spread of something unread',
      path: 'src/auth.ts',
      code: express + "import { cookieOptions } from '@acme/cookies';\napp.post('/l', (req, res) => {\n  res.cookie('session', token, cookieOptions());\n  res.cookie('session', token, { ...COOKIE_DEFAULTS, maxAge: 3600 });\n});\n",
      errors: [
        { messageId: 'optionsUnread', line: 5, severity: 'info', data: { name: 'session' } },
        { messageId: 'optionsUnread', line: 6, severity: 'info', data: { name: 'session' } },
      ],
    },
    {
      name: 'options spread from a local constant without httpOnly; a local function whose object lacks secure',
      path: 'src/auth.ts',
      code: express + "const BASE = { secure: true, path: '/' };\nconst cookieOptions = () => ({ httpOnly: true, maxAge: 900000 });\napp.post('/l', (req, res) => {\n  res.cookie('session', t, { ...BASE, sameSite: 'lax' });\n  res.cookie('refresh_token', r, cookieOptions());\n});\n",
      errors: [
        { messageId: 'httpOnlyMissing', line: 6, severity: 'medium', data: { name: 'session' } },
        { messageId: 'secureMissing', line: 7, severity: 'low', data: { name: 'refresh_token' } },
      ],
    },
    {
      name: 'options from a config module in another file without httpOnly, and with secure: false',
      path: 'src/routes/auth.ts',
      code: express + "import { cookieOptions, config } from '../config';\napp.post('/l', (req, res) => {\n  res.cookie('session', t, cookieOptions);\n  res.cookie('refresh', r, config.refreshCookie);\n});\n",
      files: { 'src/config.ts': "export const cookieOptions = { secure: true, sameSite: 'strict' as const };\nexport const config = { port: 3000, refreshCookie: { httpOnly: true, secure: false } };\n" },
      errors: [
        { messageId: 'httpOnlyMissing', line: 5, path: 'src/routes/auth.ts', data: { name: 'session' } },
        { messageId: 'secureOff', line: 6, path: 'src/routes/auth.ts', severity: 'low', data: { name: 'refresh' } },
      ],
    },
    {
      name: 'a cookie whose value is a signed token, whatever its name',
      path: 'src/auth.ts',
      code: "import jwt from 'jsonwebtoken';\nimport express from 'express';\nconst app = express();\napp.post('/l', async (req, res) => {\n  const at = jwt.sign({ sub: 1 }, process.env.JWT_SECRET!, { expiresIn: '15m' });\n  res.cookie('at', at);\n});\n",
      errors: [{ messageId: 'noFlags', line: 6, data: { name: 'at' } }],
    },
    {
      name: 'fastify reply.setCookie in an autoloaded route file that imports nothing of fastify',
      path: 'routes/login.js',
      code: "module.exports = async function (fastify) {\n  fastify.post('/login', async (request, reply) => {\n    reply.setCookie('session', id, { path: '/' });\n  });\n};\n",
      layout: { packages: [{ name: 'api', path: '.', dependencies: { fastify: '4', '@fastify/cookie': '9' } }] },
      errors: [{ messageId: 'noFlags', line: 3, data: { api: 'fastify reply.setCookie()', name: 'session' } }],
    },
    {
      name: 'nest @Res() without a type, and typed with express Response',
      path: 'src/auth/auth.controller.ts',
      code: "import { Controller, Post, Res } from '@nestjs/common';\nimport type { Response } from 'express';\n@Controller('auth')\nexport class AuthController {\n  @Post('login')\n  login(@Res({ passthrough: true }) res) {\n    res.cookie('access_token', this.token, { secure: true });\n  }\n  @Post('refresh')\n  refresh(@Body() dto, @Res() res: Response) {\n    res.cookie('refresh_token', this.token);\n  }\n}\n",
      errors: [
        { messageId: 'httpOnlyMissing', line: 7, data: { name: 'access_token' } },
        { messageId: 'noFlags', line: 11, data: { name: 'refresh_token' } },
      ],
    },
    {
      name: 'express-session: secure: false, secure left to its default (off), httpOnly turned off; cookie-session without secure',
      path: 'src/app.ts',
      code: express + "import session from 'express-session';\nconst cookieSession = require('cookie-session');\napp.use(session({ secret: s, cookie: { secure: false, maxAge: 86400000 } }));\napp.use(session({ secret: s, resave: false }));\napp.use(session({ secret: s, cookie: { httpOnly: false, secure: true } }));\napp.use(cookieSession({ name: 'session', keys }));\n",
      errors: [
        { messageId: 'secureOff', line: 5, severity: 'low', data: { api: 'express-session()' } },
        { messageId: 'secureMissing', line: 6, severity: 'low', data: { api: 'express-session()' } },
        { messageId: 'httpOnlyDisabled', line: 7, severity: 'medium' },
        { messageId: 'secureMissing', line: 8, severity: 'low', data: { api: 'cookie-session()' } },
      ],
    },
    {
      name: 'koa ctx.cookies.set without secure, and with httpOnly turned off',
      path: 'src/auth.ts',
      code: "import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.cookies.set('session', id);\n  ctx.cookies.set('token', t, { httpOnly: false, secure: true });\n});\n",
      errors: [
        { messageId: 'secureMissing', line: 4, severity: 'low', data: { api: 'koa ctx.cookies.set()' } },
        { messageId: 'httpOnlyDisabled', line: 5, severity: 'medium' },
      ],
    },
  ],
});
