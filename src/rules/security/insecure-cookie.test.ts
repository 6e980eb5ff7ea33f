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
        "  res.cookie('session', token, cookieOptions());",
        "  res.cookie('session', token, { ...COOKIE_DEFAULTS, maxAge: 3600 });",
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
        { messageId: 'secureMissing', line: 7, severity: 'low', data: { name: 'connect.sid' } },
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
  ],
});
