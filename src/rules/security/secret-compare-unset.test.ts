import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './secret-compare-unset.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the secret is checked for presence first', code: "const auth = async (c, next) => {\n  if (!c.env.API_SECRET) return c.json({ error: 'misconfigured' }, 500);\n  if (c.req.header('Authorization') !== c.env.API_SECRET) return c.json({ message: 'Unauthorized' }, 401);\n  return next();\n};" },
    { name: 'the request value is checked for presence first', code: "export default { async fetch(request, env) {\n  const key = request.headers.get('x-key');\n  const token = c.req.header('Authorization');\n  if (!token) return new Response('no', { status: 401 });\n  if (token !== env.TOKEN) return new Response('no', { status: 401 });\n} };" },
    { name: 'a comparison that denies nothing', code: "app.get('/', (c) => {\n  if (c.req.query('lang') === c.env.DEFAULT_LANG) return c.text('default');\n  return c.text('other');\n});" },
    { name: 'a comparison with something that is not configuration', code: "const auth = (c, next) => {\n  if (c.req.header('Authorization') !== expected) return c.json({}, 401);\n  return next();\n};" },
    { name: 'both checked in one condition', code: "const auth = (req, res, next) => {\n  if (!process.env.ADMIN_KEY || req.headers['x-admin-key'] !== process.env.ADMIN_KEY) return res.status(403).end();\n  next();\n};" },
  ],
  invalid: [
    {
      name: 'a Hono middleware comparing a header with a binding (nothing validates Worker bindings at startup)',
      code: "const auth = async (c, next) => {\n  const authHeader = c.req.header('Authorization');\n  if (authHeader !== c.env.WORKER_SECRET) {\n    return c.json({ message: 'Unauthorized' }, 401);\n  }\n  return next();\n};",
      errors: [{ messageId: 'unset', line: 3, severity: 'high' }],
    },
    {
      name: 'Express with process.env (medium: a Node service can validate at startup), and === with the denial in else',
      code: "function admin(req, res, next) {\n  if (req.headers['x-api-key'] === process.env.API_KEY) next();\n  else res.status(403).json({ error: 'Forbidden' });\n}",
      errors: [{ messageId: 'unset', line: 2, severity: 'medium' }],
    },
    {
      name: 'a NestJS guard denying with UnauthorizedException',
      code: "export class ApiKeyGuard {\n  canActivate(ctx) {\n    const req = ctx.switchToHttp().getRequest();\n    if (req.headers['x-api-key'] !== process.env.API_KEY) throw new UnauthorizedException();\n    return true;\n  }\n}",
      errors: [{ messageId: 'unset', line: 4, severity: 'medium' }],
    },
  ],
});
