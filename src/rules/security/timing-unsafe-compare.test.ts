import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './timing-unsafe-compare.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'timingSafeEqual on a request header and an HMAC, length checks, presence checks',
      path: 'src/webhook.ts',
      code: [
        "import { createHmac, timingSafeEqual } from 'node:crypto';",
        "app.post('/hook', (req, res) => {",
        "  const expected = createHmac('sha256', process.env.HOOK_SECRET!).update(req.rawBody).digest('hex');",
        "  const given = String(req.headers['x-hub-signature'] ?? '');",
        '  if (given.length !== expected.length) return res.sendStatus(401);',
        '  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return res.sendStatus(401);',
        '  if (process.env.API_KEY === undefined) throw new Error("API_KEY is required");',
        "  if (process.env.API_KEY.length === 0 || process.env.API_KEY === '') throw new Error();",
        '  res.sendStatus(204);',
        '});',
      ].join('\n'),
    },
    {
      name: 'names that read as secrets but hold no configured secret or MAC: parser tokens, a hash of content, a password check result',
      path: 'src/lexer.ts',
      code: [
        "import bcrypt from 'bcrypt';",
        "import { createHash } from 'node:crypto';",
        'export function step(prevToken: string, token: string) { if (prevToken === token) return; }',
        "app.post('/login', async (req, res) => {",
        '  const ok = await bcrypt.compare(req.body.password, user.passwordHash);',
        '  if (ok === false) return res.sendStatus(401);',
        "  const etag = createHash('sha1').update(body).digest('hex');",
        "  if (req.headers['if-none-match'] === etag) return res.sendStatus(304);",
        "  if (req.body.signature === expectedSignature) return res.send('same');",
        "  if (req.query.mode === process.env.MODE) return res.send('mode');",
        '});',
      ].join('\n'),
    },
    {
      name: 'a configured secret compared with something that is not request input',
      path: 'src/boot.ts',
      code: [
        'const token = process.env.API_TOKEN;',
        "if (token === 'changeme') throw new Error('set API_TOKEN');",
        'if (process.env.ADMIN_SECRET === process.env.OLD_ADMIN_SECRET) console.warn("rotate");',
      ].join('\n'),
    },
    {
      name: 'a digest of something that is no MAC: a local function named createHmac is not the crypto export',
      path: 'src/fake.ts',
      code: [
        'function createHmac(s: string) { return { digest: () => s }; }',
        "app.post('/x', (req, res) => { if (req.headers.sig === createHmac('a').digest()) res.send('y'); });",
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a request header compared with === to an HMAC computed by crypto.createHmac (default import, through a variable)',
      path: 'src/webhook.ts',
      code: [
        "import crypto from 'crypto';",
        "app.post('/hook', (req, res) => {",
        "  const mac = crypto.createHmac('sha256', secret);",
        '  mac.update(req.rawBody);',
        "  const expected = mac.digest('hex');",
        "  if (req.headers['x-signature'] !== expected) return res.sendStatus(401);",
        '  res.sendStatus(204);',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'unsafeCompare', line: 6, severity: 'medium', data: { operator: '!==', request: "req.headers['x-signature']" } }],
    },
    {
      name: 'an API key from the environment (destructured, and through a bearer template) compared with a request header or body field',
      path: 'src/auth.ts',
      code: [
        'const { API_KEY } = process.env;',
        'export function guard(req, res, next) {',
        "  const given = req.header('x-api-key');",
        '  if (given === API_KEY) return next();',
        '  if (req.headers.authorization == `Bearer ${process.env.SERVICE_TOKEN}`) return next();',
        '  if (req.body.secret === process.env.CRON_SECRET) return next();',
        '  res.sendStatus(401);',
        '}',
      ].join('\n'),
      errors: [
        { messageId: 'unsafeCompare', line: 4, data: { secret: 'configured secret process.env.API_KEY', request: 'given' } },
        { messageId: 'unsafeCompare', line: 5, data: { secret: 'configured secret process.env.SERVICE_TOKEN', operator: '==' } },
        { messageId: 'unsafeCompare', line: 6, data: { secret: 'configured secret process.env.CRON_SECRET' } },
      ],
    },
    {
      name: 'a Hono binding secret compared with a header; an HMAC returned by a local function and compared with Buffer.equals',
      path: 'src/worker.ts',
      code: [
        "import { createHmac } from 'node:crypto';",
        "const sign = (body: string) => createHmac('sha256', key).update(body).digest();",
        "app.post('/in', async (c) => {",
        "  if (c.req.header('x-secret') !== c.env.WEBHOOK_SECRET) return c.text('no', 401);",
        "  if (!sign(await c.req.text()).equals(Buffer.from(c.req.header('x-sig') ?? '', 'hex'))) return c.text('no', 401);",
        "  return c.text('ok');",
        '});',
      ].join('\n'),
      errors: [
        { messageId: 'unsafeCompare', line: 4, data: { secret: 'configured secret c.env.WEBHOOK_SECRET' } },
        { messageId: 'unsafeCompare', line: 5, data: { operator: '.equals()' } },
      ],
    },
  ],
});
