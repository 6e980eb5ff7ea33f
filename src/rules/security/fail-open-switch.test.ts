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
  ],
  invalid: [
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
