// Unguarded routes that spend a paid API (knowledge/paid-apis), found through the handler's calls
// across files (link/reach): high with no limiter, medium behind one; email only with no limiter, at medium.
import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{"express":"4",${deps}}}` });

const askFile = {
  'src/ai.ts': [
    "import OpenAI from 'openai';",
    "const client = new OpenAI({ apiKey: process.env.LLM_KEY, baseURL: 'https://api.groq.com/openai/v1' });",
    'export async function ask(q: string) {',
    "  const r = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: q }] });",
    '  return r.choices[0].message.content;',
    '}',
  ].join('\n'),
};

const app = (lines: string[], head: string[] = []) => ({
  'src/app.ts': [
    "import express from 'express';",
    "import rateLimit from 'express-rate-limit';",
    "import { ask } from './ai';",
    ...head,
    'const app = express();',
    'function requireAuth(req: any, res: any, next: any) { if (!req.headers.authorization) return res.status(401).end(); next(); }',
    'const limiter = rateLimit({ windowMs: 60000, max: 10 });',
    ...lines,
    'app.listen(3000);',
  ].join('\n'),
});

const paid = (fs: Awaited<ReturnType<typeof runRule>>) => fs.filter((f) => f.messageId === 'paidApi').map((f) => [f.severity, f.location?.line, /\(([^ ]+) at /.exec(f.message)?.[1]]);

describe('routes that spend a paid API', () => {
  it('an unguarded POST whose imported function calls an OpenAI-compatible client: high, naming the call and its file:line', async () => {
    const fs = await runRule(rule, { ...pkg('"openai":"4","express-rate-limit":"7"'), ...askFile, ...app(["app.post('/ask', async (req, res) => { res.json({ a: await ask(req.body.q) }); });"]) });
    expect(paid(fs)).toEqual([['high', 7, 'openai.chat.completions.create']]);
    expect(fs[0].message).toContain('src/ai.ts:4');
    expect(fs[0].message).toContain('no rate limiter');
  });

  it('behind a limiter only: medium; behind auth: nothing', async () => {
    const fs = await runRule(rule, { ...pkg('"openai":"4","express-rate-limit":"7"'), ...askFile, ...app([
      "app.post('/ask', limiter, async (req, res) => { res.json({ a: await ask(req.body.q) }); });",
      "app.post('/ask2', requireAuth, async (req, res) => { res.json({ a: await ask(req.body.q) }); });",
    ]) });
    expect(paid(fs)).toEqual([['medium', 7, 'openai.chat.completions.create']]);
    expect(fs.find((f) => f.messageId === 'paidApi')?.message).toContain('limiter');
  });

  it('a client the handler calls in place, the AI SDK, Twilio through a client it is handed by a call', async () => {
    const fs = await runRule(rule, {
      ...pkg('"@anthropic-ai/sdk":"0.30","ai":"4","twilio":"5"'),
      'src/app.ts': [
        "import express from 'express';",
        "import Anthropic from '@anthropic-ai/sdk';",
        "import { generateText } from 'ai';",
        "import twilio from 'twilio';",
        'const app = express();',
        'const anthropic = new Anthropic();',
        'const sms = twilio(process.env.SID, process.env.TOKEN);',
        "app.post('/a', async (req, res) => { res.json(await anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [] })); });",
        "app.post('/g', async (req, res) => { const { text } = await generateText({ model: req.body.m, prompt: req.body.p }); res.json({ text }); });",
        "app.post('/s', async (req, res) => { await sms.messages.create({ to: req.body.to, from: '+1', body: 'hi' }); res.json({}); });",
        "app.get('/list', async (req, res) => { res.json(await sms.messages.list()); });",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(paid(fs)).toEqual([['high', 8, '@anthropic-ai/sdk.messages.create'], ['high', 9, 'ai.generateText'], ['high', 10, 'twilio.messages.create']]);
  });

  it('an email sent by an unguarded GET: medium with no limiter, nothing behind one; an unguarded POST stays the generic high', async () => {
    const mail = {
      'src/mail.ts': "import { Resend } from 'resend';\nconst resend = new Resend(process.env.MAIL_KEY);\nexport const sendIt = (to: string) => resend.emails.send({ from: 'a@b.c', to, subject: 'hi', html: 'x' });\n",
    };
    const fs = await runRule(rule, { ...pkg('"resend":"3","express-rate-limit":"7"'), ...mail, ...app([
      "app.get('/invite', async (req, res) => { await sendIt(String(req.query.to)); res.json({}); });",
      "app.get('/invite2', limiter, async (req, res) => { await sendIt(String(req.query.to)); res.json({}); });",
      "app.post('/invite3', async (req, res) => { await sendIt(req.body.to); res.json({}); });",
    ], ["import { sendIt } from './mail';"]) });
    expect(paid(fs)).toEqual([['medium', 8, 'resend.emails.send']]);
    expect(fs.filter((f) => f.messageId === 'unguarded').map((f) => [f.severity, f.location?.line])).toEqual([['high', 10]]);
  });

  it('a paid call met only through a value the handler refers to (an object of callbacks a library is built from) is not claimed', async () => {
    const fs = await runRule(rule, {
      ...pkg('"openai":"4"'),
      ...askFile,
      'src/lib.ts': [
        "import { ask } from './ai';",
        "import { build } from 'some-auth';",
        'const config = { callbacks: { async onCreate(u: string) { await ask(u); } } };',
        'const built = build(config);',
        'export const signIn = built.signIn;',
      ].join('\n'),
      'src/app.ts': [
        "import express from 'express';",
        "import { signIn } from './lib';",
        'const app = express();',
        "app.get('/sso', async (req, res) => { await signIn(String(req.query.org)); res.redirect('/'); });",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(paid(fs)).toEqual([]);
  });

  it('a package that only shares a method name spends nothing', async () => {
    const fs = await runRule(rule, {
      ...pkg('"openai":"4"'),
      'src/app.ts': [
        "import express from 'express';",
        'const app = express();',
        'const local = { chat: { completions: { create: (x: unknown) => x } } };',
        "app.get('/echo', async (req, res) => { res.json(local.chat.completions.create(req.query)); });",
        'app.listen(3000);',
      ].join('\n'),
    });
    expect(paid(fs)).toEqual([]);
  });
});
