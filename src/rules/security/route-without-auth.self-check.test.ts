// A handler that refuses a caller the middleware did not identify checks the caller itself: after an
// optional session middleware (which guards nothing), `if (!c.get('user')) return c.json(..., 401)` or
// `if (!req.user) return res.status(401)...` is the guard (link/handlers checksCaller; knowledge
// CONTEXT_VARIABLES, IDENTITY_FIELDS). A handler that reads the user but never refuses is not guarded.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './route-without-auth.js';

const honoPkg = { packages: [{ name: 'svc', dependencies: { hono: '4', '@hono/node-server': '1' }, frameworks: ['hono'] }] };
const expressPkg = { packages: [{ name: 'svc', dependencies: { express: '4' }, frameworks: ['express'] }] };

const honoSession = [
  "import type { Context, Next } from 'hono';",
  "import { getCookie } from 'hono/cookie';",
  "import { validateSessionToken } from './auth';",
  'export async function sessionMiddleware(c: Context, next: Next) {',
  "  const token = getCookie(c, 'session') ?? null;",
  "  if (token === null) { c.set('user', null); return next(); }",
  '  const { user } = await validateSessionToken(token);',
  "  c.set('user', user);",
  '  return next();',
  '}',
].join('\n');
const honoIndex = [
  "import { Hono } from 'hono';",
  "import { serve } from '@hono/node-server';",
  "import { sessionMiddleware } from './session';",
  "import notes from './notes';",
  'const app = new Hono();',
  "app.use('*', sessionMiddleware);",
  "app.route('/api/notes', notes);",
  'serve({ fetch: app.fetch, port: 3000 });',
].join('\n');
const honoNotes = (handler: string): Record<string, string> => ({
  'src/session.ts': honoSession,
  'src/auth.ts': 'export async function validateSessionToken(t: string) { return { user: await lookup(t) }; }',
  'src/index.ts': honoIndex,
  'src/notes.ts': [
    "import { Hono } from 'hono';",
    "import { db } from './db';",
    'const app = new Hono();',
    `app.delete('/:id', async (c) => {`,
    handler,
    "  await db.delete(db.notes).where({ id: c.req.param('id') });",
    '  return c.json({ ok: true });',
    '});',
    'export default app;',
  ].join('\n'),
});
const honoDelete = { messageId: 'unguarded', path: 'src/notes.ts', line: 4, severity: 'high' as const, data: { method: 'DELETE', path: '/api/notes/:id' } };

const expressApp = (handler: string): Record<string, string> => ({
  'src/app.ts': [
    "import express from 'express';",
    'const app = express();',
    "app.use((req, res, next) => { req.user = lookup(req.headers.cookie) ?? null; next(); });",
    "app.delete('/notes/:id', async (req, res) => {",
    handler,
    '  await db.delete(notes).where(eq(notes.id, req.params.id));',
    '  res.json({ ok: true });',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});
const expressDelete = { messageId: 'unguarded', path: 'src/app.ts', line: 4, severity: 'high' as const, data: { method: 'DELETE', path: '/notes/:id' } };

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: "Hono: c.get('user') then 401 without one: the handler checks the caller", files: honoNotes("  const user = c.get('user');\n  if (!user) return c.json({ error: 'unauthorized' }, 401);"), layout: honoPkg },
    { name: 'Hono: c.var.user then 401 without one: the handler checks the caller', files: honoNotes("  if (!c.var.user) return c.json({ error: 'no' }, 401);"), layout: honoPkg },
    { name: 'Express: if (!req.user) 401 after an optional session middleware', files: expressApp('  if (!req.user) return res.status(401).json({ error: "login" });'), layout: expressPkg },
  ],
  invalid: [
    { name: 'Hono: no check in the handler behind an optional session middleware', files: honoNotes('  const n = 1;'), layout: honoPkg, findings: [honoDelete] },
    { name: "Hono: reads c.get('user') but never answers 401", files: honoNotes("  const user = c.get('user');\n  console.log(user?.id);"), layout: honoPkg, findings: [honoDelete] },
    { name: "Hono: answers 401 on another context variable than the caller's", files: honoNotes("  if (!c.get('tenant')) return c.json({ error: 'no' }, 401);"), layout: honoPkg, findings: [honoDelete] },
    { name: 'Express: reads req.user but never answers 401', files: expressApp('  console.log(req.user?.id);'), layout: expressPkg, findings: [expressDelete] },
  ],
});
