// Optional authentication: a middleware that verifies a token when there is one and hands the request
// on either way guards nothing. Judged by its body (collectors/continuation, link/guards passesUnverified),
// whatever it is called; library middleware by the knowledge.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './route-without-auth.js';

const pkg = { packages: [{ name: 'svc', dependencies: { express: '4', jsonwebtoken: '9', passport: '0.7', 'express-jwt': '8' }, frameworks: ['express'] }] };
const app = (name: string, body: string, extra: string[] = []): Record<string, string> => ({
  'src/app.ts': [
    "import express from 'express';",
    "import jwt from 'jsonwebtoken';",
    'const app = express();',
    `const ${name} = ${body};`,
    `app.use(${name});`,
    "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
    'app.listen(3000);',
    ...extra,
  ].join('\n'),
});
const unguarded = { messageId: 'unguarded', path: 'src/app.ts', line: 6, severity: 'high' as const, data: { method: 'POST', path: '/posts' } };

const missingPasses = "(req, res, next) => { const token = req.headers.authorization?.split(' ')[1]; if (!token) return next(); try { req.user = jwt.verify(token, process.env.KEY!); } catch {} next(); }";
const missingRefused = "(req, res, next) => { const token = req.headers.authorization?.split(' ')[1]; if (!token) return res.status(401).end(); try { req.user = jwt.verify(token, process.env.KEY!); } catch { return res.status(401).end(); } next(); }";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'named optionalAuth, but its body refuses a missing or bad token: a guard', files: app('optionalAuth', missingRefused), layout: pkg },
    {
      name: 'a swallowed failure followed by a refusal when no user was set still guards',
      files: app('requireAuth', "(req, res, next) => { try { req.user = jwt.verify(req.headers.authorization ?? '', process.env.KEY!); } catch (e) { console.error(e); } if (!req.user) return res.status(401).end(); next(); }"),
      layout: pkg,
    },
    {
      name: 'passport.authenticate with a callback that refuses a missing user guards',
      files: {
        'src/app.ts': [
          "import express from 'express';",
          "import passport from 'passport';",
          'const app = express();',
          "const requireJwt = (req, res, next) => passport.authenticate('jwt', { session: false }, (err, user) => { if (err || !user) return res.status(401).end(); req.user = user; next(); })(req, res, next);",
          'app.use(requireJwt);',
          "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
        ].join('\n'),
      },
      layout: pkg,
    },
    {
      name: 'the same exported middleware, refusing a missing token, guards the routes that import it',
      files: {
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nexport const optionalAuth = ${missingRefused};\n`,
        'src/app.ts': [
          "import express from 'express';",
          "import { optionalAuth } from './auth';",
          'const app = express();',
          'app.use(optionalAuth);',
          '',
          "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
        ].join('\n'),
      },
      layout: pkg,
    },
    {
      name: 'hono/jwt wrapped, its failure answered 401',
      files: {
        'src/app.ts': [
          "import { Hono } from 'hono';",
          "import { jwt } from 'hono/jwt';",
          'const app = new Hono();',
          "app.use('/api/*', async (c, next) => { try { await jwt({ secret: 'k' })(c, next); } catch { return c.json({ error: 'unauthorized' }, 401); } });",
          '',
          "app.post('/api/posts', async (c) => c.json(await c.env.DB.prepare('insert into posts (t) values (?)').bind('x').run()));",
        ].join('\n'),
      },
      layout: { packages: [{ name: 'svc', dependencies: { hono: '4' }, frameworks: ['hono'] }] },
    },
    { name: 'express-jwt with credentials required (the default) guards', files: app('auth', "expressjwt({ secret: 'k', algorithms: ['HS256'] })", ["import { expressjwt } from 'express-jwt';"]), layout: pkg },
  ],
  invalid: [
    { name: 'named requireAuth, a missing token goes on (if (!token) return next())', files: app('requireAuth', missingPasses), layout: pkg, findings: [unguarded] },
    {
      name: 'the same middleware exported from another file and imported by the routes',
      files: {
        'src/auth.ts': `import jwt from 'jsonwebtoken';\nexport const requireAuth = ${missingPasses};\n`,
        'src/app.ts': [
          "import express from 'express';",
          "import { requireAuth } from './auth';",
          'const app = express();',
          'app.use(requireAuth);',
          '',
          "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
        ].join('\n'),
      },
      layout: pkg, findings: [unguarded],
    },
    {
      name: 'hono/jwt wrapped so that its failure calls next()',
      files: {
        'src/app.ts': [
          "import { Hono } from 'hono';",
          "import { jwt } from 'hono/jwt';",
          'const app = new Hono();',
          "app.use('/api/*', async (c, next) => { try { await jwt({ secret: 'k' })(c, next); } catch { await next(); } });",
          '',
          "app.post('/api/posts', async (c) => c.json(await c.env.DB.prepare('insert into posts (t) values (?)').bind('x').run()));",
        ].join('\n'),
      },
      layout: { packages: [{ name: 'svc', dependencies: { hono: '4' }, frameworks: ['hono'] }] },
      findings: [{ ...unguarded, data: { method: 'POST', path: '/api/posts' } }],
    },
    {
      name: 'a verifier whose failure is swallowed, then next(): a bad token goes on',
      files: app('authenticate', "(req, res, next) => { try { req.user = jwt.verify(req.headers.authorization ?? '', process.env.KEY!); } catch (e) { console.warn(e); } next(); }"),
      layout: pkg, findings: [unguarded],
    },
    {
      name: 'verifying only when a token is there, with next() after (if (token) {...})',
      files: app('jwtAuth', "(req, res, next) => { const header = req.get('Authorization'); if (header) { req.user = jwt.verify(header.slice(7), process.env.KEY!); } next(); }"),
      layout: pkg, findings: [unguarded],
    },
    {
      name: 'passport.authenticate with a callback that calls next() whatever the user',
      files: {
        'src/app.ts': [
          "import express from 'express';",
          "import passport from 'passport';",
          'const app = express();',
          "const requireJwt = (req, res, next) => passport.authenticate('jwt', { session: false }, (err, user) => { if (user) req.user = user; next(); })(req, res, next);",
          'app.use(requireJwt);',
          "app.post('/posts', async (req, res) => res.json(await db.insert(posts).values(req.body)));",
        ].join('\n'),
      },
      layout: pkg, findings: [unguarded],
    },
    {
      name: 'express-jwt with credentialsRequired: false lets callers without a token through',
      files: app('auth', "expressjwt({ secret: 'k', algorithms: ['HS256'], credentialsRequired: false })", ["import { expressjwt } from 'express-jwt';"]),
      layout: pkg, findings: [unguarded],
    },
  ],
});
