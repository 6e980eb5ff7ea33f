// A public create route (a link shortener, a message form) that refuses the request unless a CAPTCHA
// service accepts the visitor's token (knowledge/captcha) is open by design with an anti-abuse gate:
// low, with the check as evidence, not an unguarded write. The check must decide: a call whose answer
// is never tested gates nothing.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });
const prisma = "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n";

/** `POST /api/links` asking Turnstile in the handler; `tested`: the answer's success refuses the request. */
const shortener = (tested: boolean) => ({
  ...pkg('"express":"4","@prisma/client":"5"'),
  'src/db.ts': prisma,
  'src/app.ts': [
    "import express from 'express';",
    "import { db } from './db';",
    'const app = express();',
    "app.post('/api/links', async (req, res) => {",
    "  const check = await fetch('https://challenges.cloudflare.com/turnstile/v0/siteverify', { method: 'POST', body: new URLSearchParams({ secret: process.env.TURNSTILE_SECRET!, response: req.body.token }) });",
    '  const outcome = await check.json();',
    tested ? "  if (!outcome.success) return res.status(400).json({ error: 'captcha failed' });" : "  console.log('captcha', outcome.success);",
    '  const link = await db.link.create({ data: { url: req.body.url } });',
    '  res.json(link);',
    '});',
    'app.listen(3000);',
  ].join('\n'),
});

/** The check in a module of its own: a function answering the service's `success`, tested by the handler; or a middleware that refuses itself. */
const helperModule = {
  ...pkg('"express":"4","@prisma/client":"5","hcaptcha":"0.1"'),
  'src/db.ts': prisma,
  'src/lib/human.ts': [
    "const VERIFY_URL = 'https://www.google.com/recaptcha/api/siteverify';",
    'export async function isHuman(token: string): Promise<boolean> {',
    '  const r = await fetch(VERIFY_URL, { method: \'POST\', body: new URLSearchParams({ secret: process.env.RECAPTCHA_SECRET!, response: token }) });',
    '  const data = (await r.json()) as { success: boolean };',
    '  return data.success;',
    '}',
  ].join('\n'),
  'src/lib/gate.ts': [
    "import type { NextFunction, Request, Response } from 'express';",
    "import { verify } from 'hcaptcha';",
    'export async function needsCaptcha(req: Request, res: Response, next: NextFunction) {',
    '  const result = await verify(process.env.HCAPTCHA_SECRET!, req.body.captcha);',
    "  if (!result.success) return res.status(400).json({ error: 'captcha failed' });",
    '  next();',
    '}',
  ].join('\n'),
  'src/app.ts': [
    "import express from 'express';",
    "import { db } from './db';",
    "import { isHuman } from './lib/human';",
    "import { needsCaptcha } from './lib/gate';",
    'const app = express();',
    "app.post('/api/notes', async (req, res) => {",
    "  if (!(await isHuman(req.body.token))) return res.status(400).json({ error: 'captcha failed' });",
    '  res.json(await db.note.create({ data: { text: req.body.text } }));',
    '});',
    "app.post('/api/messages', needsCaptcha, async (req, res) => {",
    '  res.json(await db.message.create({ data: { text: req.body.text } }));',
    '});',
    "app.post('/api/posts', async (req, res) => {",
    '  isHuman(req.body.token);',
    '  res.json(await db.post.create({ data: { text: req.body.text } }));',
    '});',
    'app.listen(3000);',
  ].join('\n'),
};

const findingsOf = async (files: Record<string, string>) => (await auditFiles(files, { rules: [rule] })).findings.filter((f) => f.ruleId === rule.id);

describe('CAPTCHA-gated public routes', () => {
  it('Turnstile asked in the handler and its success tested before the write: low, the check as evidence; the answer only logged: an unguarded write (high)', async () => {
    const gated = await findingsOf(shortener(true));
    expect(gated.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['captchaGated', 'low', 4]]);
    expect(gated[0].message).toContain('refused unless Cloudflare Turnstile accepts the visitor\'s token');
    expect(gated[0].evidence[0]).toMatchObject({ kind: 'file', path: 'src/app.ts', line: 5 });
    const ignored = await findingsOf(shortener(false));
    expect(ignored.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['unguarded', 'high', 4]]);
  });

  it('a helper module answering reCAPTCHA\'s success tested by the handler, and an hCaptcha middleware that refuses itself, gate; a call of the helper whose answer is ignored does not', async () => {
    const findings = await findingsOf(helperModule);
    expect(findings.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([
      ['unguarded', 'high', 13], ['captchaGated', 'low', 6], ['captchaGated', 'low', 10],
    ]);
    expect(findings[1].evidence[0]).toMatchObject({ kind: 'file', path: 'src/lib/human.ts', line: 3 });
    expect(findings[2].evidence[0]).toMatchObject({ kind: 'file', path: 'src/lib/gate.ts', line: 4 });
    expect(findings[2].message).toContain('hCaptcha');
  });
});
