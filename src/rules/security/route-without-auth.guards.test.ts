// Guards judged by what their code does, on the RuleTester with verdict's real collectors in memory.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './route-without-auth.js';

const pkg = { packages: [{ name: 'svc', dependencies: { express: '4', jsonwebtoken: '9' }, frameworks: ['express'] }] };
const app = (name: string, body: string): Record<string, string> => ({
  'src/app.ts': [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    'const app = express();',
    `const ${name} = ${body};`,
    `app.use(${name});`,
    "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
    'app.listen(3000);',
  ].join('\n'),
});
const logger = '(req, res, next) => { console.log(req.method, req.url); next(); }';
const unguarded = { messageId: 'unguarded', path: 'src/app.ts', line: 6, severity: 'high' as const, data: { method: 'POST', path: '/posts' } };

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a guard named anything that verifies a token (jsonwebtoken) and answers 401',
      files: app('gatekeeper', "(req, res, next) => { try { req.user = jwt.verify(req.headers.authorization ?? '', process.env.KEY!); next(); } catch { res.status(401).end(); } }"),
      layout: pkg,
    },
    {
      name: 'a guard named anything that compares an API key header and answers 401',
      files: app('stats', "(req, res, next) => { if (req.get('x-api-key') !== process.env.API_KEY) return res.status(401).json({ error: 'unauthorized' }); next(); }"),
      layout: pkg,
    },
    {
      name: 'a middleware calling a check of its own named for the caller, then answering 403 (low confidence, by the name)',
      files: app('gate', "(req, res, next) => { if (!requireUser(req)) return res.status(403).end(); next(); }"),
      layout: pkg,
    },
  ],
  invalid: [
    { name: 'a logger named authorStats (auth inside author) guards nothing', files: app('authorStats', logger), layout: pkg, findings: [unguarded] },
    { name: 'the same logger named requestStats', files: app('requestStats', logger), layout: pkg, findings: [unguarded] },
    { name: 'a logger named authGuardStats: its code, not its words, decides', files: app('authGuardStats', logger), layout: pkg, findings: [unguarded] },
    {
      // Constructed, not called: a value named for the caller is made, nothing is checked (the `new` is recorded, not guessed from the case).
      name: 'a middleware that constructs a value named for a caller check and answers 403 guards nothing',
      files: app('audit', "(req, res, next) => { const e = new requireUser(req.url); if (!e) return res.status(403).end(); next(); }"),
      layout: pkg, findings: [unguarded],
    },
  ],
});
