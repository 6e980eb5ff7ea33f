import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './jwt-decoded-not-verified.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'the same token is verified in the same function',
      path: 'src/auth/session.ts',
      code: [
        "import jwt from 'jsonwebtoken';",
        'export function currentAccount(req) {',
        "  const bearer = req.headers.authorization.slice(7);",
        "  const head = jwt.decode(bearer, { complete: true });",
        "  jwt.verify(bearer, keys[head.header.kid], { algorithms: ['RS256'] });",
        '  return head.payload;',
        '}',
      ].join('\n'),
    },
    {
      name: 'jose: decodeJwt only to read exp for a refresh; jwtVerify elsewhere in the function',
      path: 'src/auth/refresh.ts',
      code: [
        "import { decodeJwt, jwtVerify } from 'jose';",
        'export async function needsRefresh(c) {',
        "  const raw = c.req.header('x-session');",
        '  const { exp } = decodeJwt(raw);',
        '  return exp * 1000 < Date.now() + 60_000;',
        '}',
        'export async function who(c) {',
        "  const raw = c.req.header('x-session');",
        '  const claims = decodeJwt(raw);',
        '  logger.info(claims.sub);',
        '  const { payload } = await jwtVerify(raw, key);',
        '  return payload.sub;',
        '}',
      ].join('\n'),
    },
    {
      name: 'a browser reading its own stored token to show the name',
      path: 'src/ui/profile.ts',
      code: "import { jwtDecode } from 'jwt-decode';\nexport function displayName() {\n  return jwtDecode(localStorage.getItem('t')).name;\n}\n",
    },
    {
      name: 'decoded only to log',
      path: 'src/mw/trace.ts',
      code: "import jwt from 'jsonwebtoken';\nexport const trace = (req, _res, next) => {\n  const p = jwt.decode(req.cookies.session);\n  console.log('caller', p);\n  next();\n};\n",
    },
    { name: 'tests', path: 'test/auth.test.ts', code: "import jwt from 'jsonwebtoken';\nexport const f = (req) => jwt.decode(req.headers.authorization);\n" },
  ],
  invalid: [
    {
      name: 'jsonwebtoken decode of the bearer token assigned to req.user, no verify in the file',
      path: 'src/middleware/user.ts',
      code: [
        "import jwt from 'jsonwebtoken';",
        'export function attachUser(req, res, next) {',
        "  const token = req.headers.authorization?.split(' ')[1];",
        '  const claims = jwt.decode(token);',
        '  req.user = claims;',
        '  next();',
        '}',
      ].join('\n'),
      errors: [{ messageId: 'trusted', line: 4, severity: 'critical' }],
    },
    {
      name: 'jwt-decode default export (CommonJS), its sub passed to a data call',
      path: 'src/routes/orders.js',
      code: [
        "const decodeToken = require('jwt-decode');",
        "router.get('/orders', async (req, res) => {",
        '  const { sub } = decodeToken(req.cookies.auth);',
        '  const rows = await db.order.findMany({ where: { ownerId: sub } });',
        '  res.json(rows);',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'trusted', line: 3, severity: 'critical' }],
    },
    {
      name: 'hono decode stored on the context; cloudflare-worker-jwt decode returned',
      path: 'src/worker.ts',
      code: [
        "import { decode } from 'hono/jwt';",
        "import cfjwt from '@tsndr/cloudflare-worker-jwt';",
        'export const mw = async (c, next) => {',
        "  const { payload } = decode(c.req.header('Authorization').replace('Bearer ', ''));",
        "  c.set('account', payload);",
        '  await next();',
        '};',
        "export const whoami = (request: Request) => cfjwt.decode(request.headers.get('cookie')).payload.userId;",
      ].join('\n'),
      errors: [{ messageId: 'trusted', line: 4, severity: 'critical' }, { messageId: 'trusted', line: 8, severity: 'critical' }],
    },
    {
      name: 'a verify of another token in the file, or a token parameter: medium',
      path: 'src/services/identity.ts',
      code: [
        "import * as jwt from 'jsonwebtoken';",
        'export function fromRefresh(req) {',
        '  return jwt.decode(req.body.refreshToken).userId;',
        '}',
        'export function fromAccess(req) {',
        "  return jwt.verify(req.headers.authorization, secret, { algorithms: ['HS256'] });",
        '}',
      ].join('\n'),
      errors: [{ messageId: 'verifiedElsewhere', line: 3, severity: 'medium' }],
    },
    {
      name: 'a token parameter: medium',
      path: 'src/services/users.ts',
      code: "import { decodeJwt } from 'jose';\nexport async function userFor(token: string) {\n  const { sub } = decodeJwt(token);\n  return users.findById(sub);\n}\n",
      errors: [{ messageId: 'trusted', line: 3, severity: 'medium' }],
    },
  ],
});
