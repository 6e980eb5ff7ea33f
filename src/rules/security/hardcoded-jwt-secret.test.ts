import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './hardcoded-jwt-secret.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/hardcoded-jwt-secret', () => {
  it('stays silent when the key comes from the environment or a key store', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import jwt from 'jsonwebtoken';",
        "import { jwt as honoJwt } from 'hono/jwt';",
        'const secret = process.env.JWT_SECRET;',
        "if (!secret) throw new Error('JWT_SECRET is required');",
        'jwt.sign(payload, secret);',
        "jwt.sign(payload, privateKey, { algorithm: 'RS256' });",
        'jwt.verify(token, config.jwt.secret);',
        'app.use(honoJwt({ secret: c.env.JWT_SECRET }));',
        "other.sign(payload, 'not-a-jwt-library');",
      ].join('\n'),
      'test/auth.test.ts': "import jwt from 'jsonwebtoken';\njwt.sign({}, 'test-secret');\n",
    });
    expect(findings).toEqual([]);
  });

  it('reports literal keys, const literals and literal fallbacks, masked', async () => {
    const k1 = `s${randomBytes(8).toString('hex')}`;
    const k2 = `c${randomBytes(8).toString('hex')}`;
    const k3 = `f${randomBytes(8).toString('hex')}`;
    const findings = await runRule(rule, {
      ...pkg,
      'src/auth.ts': [
        "import jwt from 'jsonwebtoken';",
        "import { sign, jwt as honoJwt } from 'hono/jwt';",
        `export const issue = (sub: string) => jwt.sign({ sub }, '${k1}');`,
        `const SECRET = '${k2}';`,
        'export const check = (t: string) => jwt.verify(t, SECRET);',
        `const key = process.env.JWT_SECRET || '${k3}';`,
        'export const honoIssue = (sub: string) => sign({ sub }, key);',
        `app.use('/api/*', honoJwt({ secret: '${k1}' }));`,
      ].join('\n'),
    });
    expect(at(findings).map((a, i) => `${a} ${findings[i].messageId}`).sort()).toEqual([
      'src/auth.ts:3 literalSecret', 'src/auth.ts:5 literalSecret', 'src/auth.ts:7 fallbackSecret', 'src/auth.ts:8 literalSecret',
    ]);
    expect(at(findings).map((a, i) => `${a} ${findings[i].severity}`).sort()).toEqual([
      'src/auth.ts:3 critical', 'src/auth.ts:5 critical', 'src/auth.ts:7 high', 'src/auth.ts:8 critical',
    ]);
    const text = JSON.stringify(findings);
    for (const k of [k1, k2, k3]) expect(text).not.toContain(k);
    expect(findings[1].evidence[0]).toMatchObject({ kind: 'file', line: 4 });
  });
});
