import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './fail-open-switch.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'a guard applied unconditionally', code: "import basicAuth from 'express-basic-auth';\napp.get('/monitor', basicAuth({ users }), page);" },
    { name: 'on by default, off only in tests', code: "import rateLimit from 'express-rate-limit';\nif (process.env.NODE_ENV !== 'test') app.use(rateLimit({ limit: 100 }));" },
    { name: 'a switch between two guards', code: "import basicAuth from 'express-basic-auth';\napp.use(env.admin ? basicAuth({ users }) : basicAuth({ users: other }));" },
    { name: 'a pass-through beside something that is no protection', code: "import morgan from 'morgan';\napp.use(env.LOG ? morgan('dev') : (req, res, next) => next());" },
    { name: 'an if/else that applies something either way', code: "import rateLimit from 'express-rate-limit';\nif (env.STRICT) app.use(rateLimit({ limit: 10 })); else app.use(rateLimit({ limit: 100 }));" },
    {
      name: 'a middleware that skips its guard for a request path (an exception, not a setting)',
      code: "import { bearerAuth } from 'hono/bearer-auth';\nexport const auth = async (c, next) => {\n  if (c.req.path === '/health') return next();\n  return bearerAuth({ token: c.env.TOKEN })(c, next);\n};",
    },
    {
      name: 'an environment check that does more than pass the request on',
      code: "import { bearerAuth } from 'hono/bearer-auth';\nexport const auth = async (c, next) => {\n  if (c.env.ENVIRONMENT === 'development') { console.warn('dev'); c.set('user', devUser); return next(); }\n  return bearerAuth({ token: c.env.TOKEN })(c, next);\n};",
    },
    {
      name: 'an environment check before a middleware that is no guard',
      code: "import { logger } from 'hono/logger';\nexport const log = async (c, next) => {\n  if (c.env.ENVIRONMENT === 'test') return next();\n  return logger()(c, next);\n};",
    },
  ],
  invalid: [
    {
      name: 'a guard built per request, skipped in development',
      code: "import { bearerAuth } from 'hono/bearer-auth';\nexport async function auth(c, next) {\n  if (c.env.ENVIRONMENT === 'development') {\n    return await next();\n  }\n  const guard = bearerAuth({ token: c.env.TOKEN });\n  return guard(c, next);\n}",
      errors: [{ messageId: 'skippedIf', line: 3, severity: 'medium', data: { what: 'an auth guard', name: 'bearerAuth', condition: "c.env.ENVIRONMENT === 'development'" } }],
    },
    {
      name: 'passport applied only outside a flag held in a const, written the other way round',
      code: "const passport = require('passport');\nconst skipAuth = process.env.SKIP_AUTH === '1';\napp.use((req, res, next) => !skipAuth ? passport.authenticate('jwt')(req, res, next) : next());",
      errors: [{ messageId: 'skippedIf', line: 3, data: { name: 'passport.authenticate', condition: 'skipAuth' } }],
    },
    {
      name: 'basic auth only when a username is set; otherwise next()',
      code: "import basicAuth from 'express-basic-auth';\napp.get(\n  env.monitor.route,\n  env.monitor.username ? basicAuth({\n    users: { [env.monitor.username]: env.monitor.password },\n  }) : (req, res, next) => next(),\n  page,\n);",
      errors: [{ messageId: 'passThrough', line: 6, severity: 'medium', data: { what: 'an auth guard', name: 'basicAuth', condition: 'env.monitor.username' } }],
    },
    {
      name: 'a limiter mounted only in production, held in a const',
      code: "const rateLimit = require('express-rate-limit');\nconst authLimiter = rateLimit({ windowMs: 60000, max: 20 });\nif (config.env === 'production') {\n  app.use('/v1/auth', authLimiter);\n}",
      errors: [{ messageId: 'mountedIf', line: 3, data: { what: 'a rate limiter', name: 'rateLimit', condition: "config.env === 'production'", byName: '' } }],
    },
    {
      name: 'the repository\'s own limiter, known by its name only',
      code: "import { authLimiter } from './middlewares/rateLimiter';\nif (config.env === 'production') {\n  app.use('/v1/auth', authLimiter);\n}",
      errors: [{ messageId: 'mountedIf', line: 2, data: { name: 'authLimiter', byName: ' (known as a limiter by its name only)' } }],
    },
  ],
});
