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
  ],
  invalid: [
    { name: 'a logger named authorStats (auth inside author) guards nothing', files: app('authorStats', logger), layout: pkg, findings: [unguarded] },
    { name: 'the same logger named requestStats', files: app('requestStats', logger), layout: pkg, findings: [unguarded] },
    { name: 'a logger named authGuardStats: its code, not its words, decides', files: app('authGuardStats', logger), layout: pkg, findings: [unguarded] },
  ],
});
