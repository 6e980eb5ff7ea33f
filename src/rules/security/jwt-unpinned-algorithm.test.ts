import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule, { declaredMajor } from './jwt-unpinned-algorithm.js';

const verifyUnpinned = "import jwt from 'jsonwebtoken';\nexport const a = jwt.verify(token, publicKey);\n";
const monorepo = {
  packages: [
    { name: 'root', path: '.', private: true, dependencies: { jsonwebtoken: '8.5.1' } },
    { name: 'web', path: 'apps/web', dependencies: { jsonwebtoken: '^9.0.3' } },
    { name: 'api', path: 'apps/api', dependencies: { jsonwebtoken: 'github:auth0/node-jsonwebtoken' } },
    // No declaration of its own: the root's (8) applies.
    { name: 'jobs', path: 'apps/jobs' },
  ],
};

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'algorithms pinned, jose and hono, options built elsewhere',
      code: [
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
    },
    { name: 'tests', path: 'test/auth.test.ts', code: "import jwt from 'jsonwebtoken';\njwt.verify(token, key);\n" },
  ],
  invalid: [
    {
      name: 'jsonwebtoken verify without algorithms',
      path: 'src/auth.ts',
      code: [
        "import jwt from 'jsonwebtoken';",
        "import { verify } from 'jsonwebtoken';",
        'export const a = jwt.verify(token, process.env.JWT_SECRET!);',
        "export const b = jwt.verify(token, key, { issuer: 'me' });",
        'verify(token, key, (err, decoded) => done(err, decoded));',
      ].join('\n'),
      errors: [
        { messageId: 'unpinnedSecret', line: 3, severity: 'medium' },
        { messageId: 'unpinned', line: 4, severity: 'high' },
        { messageId: 'unpinned', line: 5, severity: 'high' },
      ],
    },
    {
      name: 'a shared secret (a literal, a name ending in secret) limits jsonwebtoken 8 to HS algorithms: medium; a PEM literal does not',
      code: "import jwt from 'jsonwebtoken';\nconst SECRET = 'secret-key';\nconst PEM = '-----BEGIN PUBLIC KEY-----';\njwt.verify(t, SECRET);\njwt.verify(t, config.jwt.secret);\njwt.verify(t, PEM);\n",
      errors: [{ messageId: 'unpinnedSecret', line: 4, severity: 'medium' }, { messageId: 'unpinnedSecret', line: 5, severity: 'medium' }, { messageId: 'unpinned', line: 6, severity: 'high' }],
    },
    { name: 'CommonJS', path: 'src/legacy.js', code: "const jwt = require('jsonwebtoken');\nmodule.exports = (t) => jwt.verify(t, KEY);\n", errors: [{ messageId: 'unpinned', line: 2, severity: 'high' }] },
    // jsonwebtoken 9 limits the algorithms to the key's family: low where the package declares it.
    { name: 'a package on jsonwebtoken 9', path: 'apps/web/src/auth.ts', layout: monorepo, code: verifyUnpinned, errors: [{ messageId: 'unpinnedKeyFamily', line: 2, severity: 'low', data: { range: '^9.0.3' } }] },
    { name: 'the root on jsonwebtoken 8', path: 'src/root.ts', layout: monorepo, code: verifyUnpinned, errors: [{ messageId: 'unpinned', line: 2, severity: 'high' }] },
    { name: 'an unreadable range', path: 'apps/api/src/auth.ts', layout: monorepo, code: verifyUnpinned, errors: [{ messageId: 'unpinned', line: 2, severity: 'high' }] },
    // Not declared (used through @nestjs/jwt or passport-jwt): the root lockfile's installed version decides.
    {
      name: 'an undeclared jsonwebtoken the lockfile installs at 9',
      path: 'src/auth.ts', layout: { packages: [{ name: 'svc', path: '.', dependencies: { '@nestjs/jwt': '^10.2.0' } }], lockfiles: ['package-lock.json'] },
      documents: { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'svc' }, 'node_modules/jsonwebtoken': { version: '9.0.2' } } }) },
      code: "import * as jwt from 'jsonwebtoken';\nexport const a = jwt.verify(token, secretString);\n",
      errors: [{ messageId: 'unpinnedKeyFamily', line: 2, severity: 'low', data: { range: '9.0.2 (locked)' } }],
    },
    {
      name: 'an undeclared jsonwebtoken the lockfile installs at 8',
      path: 'src/auth.ts', layout: { packages: [{ name: 'svc', path: '.', dependencies: {} }], lockfiles: ['package-lock.json'] },
      documents: { 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'svc' }, 'node_modules/jsonwebtoken': { version: '8.5.1' } } }) },
      code: "import * as jwt from 'jsonwebtoken';\nexport const a = jwt.verify(token, secretString);\n",
      errors: [{ messageId: 'unpinned', line: 2, severity: 'high' }],
    },
    { name: "a package without its own declaration takes the root's", path: 'apps/jobs/src/auth.ts', layout: monorepo, code: verifyUnpinned, errors: [{ messageId: 'unpinned', line: 2, severity: 'high' }] },
  ],
});

describe('declaredMajor', () => {
  it('reads the major a range names, null when it names none', () => {
    expect([declaredMajor('^9.0.3'), declaredMajor('~8.5'), declaredMajor('>=9'), declaredMajor('9'), declaredMajor('latest'), declaredMajor('workspace:*'), declaredMajor(undefined)])
      .toEqual([9, 8, 9, 9, null, null, null]);
  });
});

describe('an unread jsonwebtoken version', () => {
  it('keeps the severity and says the version was not verified; a lockfile at 9 lowers it', async () => {
    const code = "import jwt from 'jsonwebtoken';\nexport const a = jwt.verify(token, publicKey);\n";
    const unread = await runSourceCase(rule, { code, path: 'src/auth.ts', layout: { packages: [{ name: 'svc', path: '.', dependencies: {} }] } });
    expect(unread.findings.map((f) => f.severity ?? rule.meta.severity)).toEqual(['high']);
    expect(unread.findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'note', text: expect.stringContaining('not verified') }));
    const locked = await runSourceCase(rule, {
      code, path: 'src/auth.ts', layout: { packages: [{ name: 'svc', path: '.', dependencies: {} }], lockfiles: ['pnpm-lock.yaml'] },
      documents: { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      jsonwebtoken:\n        specifier: ^9.0.0\n        version: 9.0.2\n" },
    });
    expect(locked.findings.map((f) => `${f.severity} ${f.message}`)).toEqual([expect.stringMatching(/^low .*9\.0\.2 \(locked\)/)]);
  });
});
