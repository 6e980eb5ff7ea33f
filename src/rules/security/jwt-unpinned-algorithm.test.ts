import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule, { declaredMajor } from './jwt-unpinned-algorithm.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/jwt-unpinned-algorithm', () => {
  it('stays silent when algorithms are pinned, for jose and hono, and for options built elsewhere', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import jwt from 'jsonwebtoken';",
        "import { jwtVerify } from 'jose';",
        "import { verify as honoVerify } from 'hono/jwt';",
        "jwt.verify(token, key, { algorithms: ['HS256'] });",
        "const opts = { algorithms: ['RS256'] as jwt.Algorithm[], issuer: 'me' };",
        'jwt.verify(token, publicKey, opts);',
        'jwt.verify(token, key, makeOptions());',
        "await jwtVerify(token, secret, { algorithms: ['HS256'] });",
        'await honoVerify(token, secret);',
        "jwt.sign(payload, key, { algorithm: 'HS256' });",
        'other.verify(token, key);',
      ].join('\n'),
      'test/auth.test.ts': "import jwt from 'jsonwebtoken';\njwt.verify(token, key);\n",
    });
    expect(findings).toEqual([]);
  });

  it('reports jsonwebtoken verify without algorithms', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/auth.ts': [
        "import jwt from 'jsonwebtoken';",
        "import { verify } from 'jsonwebtoken';",
        'export const a = jwt.verify(token, process.env.JWT_SECRET!);',
        "export const b = jwt.verify(token, key, { issuer: 'me' });",
        'verify(token, key, (err, decoded) => done(err, decoded));',
      ].join('\n'),
      'src/legacy.js': "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.verify(t, KEY);\n",
    });
    expect(at(findings)).toEqual(['src/auth.ts:3', 'src/auth.ts:4', 'src/auth.ts:5', 'src/legacy.js:2']);
    expect(findings.every((f) => f.ruleId === 'security/jwt-unpinned-algorithm' && f.severity === 'high')).toBe(true);
  });

  it('rates it low where the package declares jsonwebtoken 9 or later, high for 8 or an unreadable range', async () => {
    const file = "import jwt from 'jsonwebtoken';\nexport const a = jwt.verify(token, secret);\n";
    const findings = await runRule(rule, {
      'package.json': '{"name":"root","private":true,"workspaces":["apps/*"],"dependencies":{"jsonwebtoken":"8.5.1"}}',
      'src/root.ts': file,
      'apps/web/package.json': '{"name":"web","dependencies":{"jsonwebtoken":"^9.0.3"}}',
      'apps/web/src/auth.ts': file,
      'apps/api/package.json': '{"name":"api","dependencies":{"jsonwebtoken":"github:auth0/node-jsonwebtoken"}}',
      'apps/api/src/auth.ts': file,
      // No declaration of its own: the root's (8) applies.
      'apps/jobs/package.json': '{"name":"jobs"}',
      'apps/jobs/src/auth.ts': file,
    });
    expect(findings.map((f) => `${f.location?.path} ${f.severity}`).sort()).toEqual([
      'apps/api/src/auth.ts high', 'apps/jobs/src/auth.ts high', 'apps/web/src/auth.ts low', 'src/root.ts high',
    ]);
    expect(findings.find((f) => f.severity === 'low')?.message).toMatch(/jsonwebtoken \^9\.0\.3 limits it to the key's algorithm family/);
    expect([declaredMajor('^9.0.3'), declaredMajor('~8.5'), declaredMajor('>=9'), declaredMajor('9'), declaredMajor('latest'), declaredMajor('workspace:*'), declaredMajor(undefined)])
      .toEqual([9, 8, 9, 9, null, null, null]);
  });
});
