import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './weak-password-hash.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'slow password hashes, fast hashes of what is not a password',
      code: [
        "import { createHash, scryptSync } from 'node:crypto';",
        "import bcrypt from 'bcrypt';",
        "export const etag = (body: string) => createHash('md5').update(body).digest('hex');",
        "export const fileSum = createHash('sha1').update(buf).digest('hex');",
        'export const hashPassword = (password: string) => scryptSync(password, salt, 64);',
        'export const hashed = await bcrypt.hash(password, 12);',
        "const digest = createHash('sha256').update(providedPassword).digest();",
        'const gravatar = md5(email.trim().toLowerCase());',
      ].join('\n'),
    },
    { name: 'tests', path: 'test/auth.test.ts', code: "createHash('md5').update(password).digest('hex');" },
    {
      name: "a breach check against Have I Been Pwned's range API (the SHA-1's first 5 digits)",
      path: 'src/auth/hibp.ts',
      code: [
        'export async function isPwned(password: string) {',
        "  const sha1 = createHash('sha1').update(password).digest('hex').toUpperCase();",
        '  const res = await fetch(`https://api.pwnedpasswords.com/range/${sha1.slice(0, 5)}`);',
        '  return (await res.text()).includes(sha1.slice(5));',
        '}',
      ].join('\n'),
    },
    {
      name: 'an HTTP Digest client: RFC 7616 defines HA1 as the MD5 of user:realm:password',
      path: 'src/helpers/auth/digest.ts',
      code: [
        'export function digestResponse(username: string, password: string, realm: string, nonce: string, qop: string) {',
        '  const cnonce = randomHex(16);',
        '  const ha1 = md5(`${username}:${realm}:${password}`);',
        "  const ha1b = createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');",
        '  return md5(`${ha1}:${nonce}:00000001:${cnonce}:${qop}:${ha1b}`);',
        '}',
      ].join('\n'),
    },
  ],
  invalid: [{
    name: 'md5 / sha1 over passwords',
    path: 'src/users.ts',
    code: [
      "import crypto from 'crypto';",
      'export function save(user: { password: string }) {',
      "  const hash = crypto.createHash('md5').update(user.password).digest('hex');",
      "  const passwordHash = crypto.createHash('sha1').update(salt + input).digest('hex');",
      '  return md5(password);',
      '}',
    ].join('\n'),
    errors: [
      { messageId: 'createHash', line: 3, severity: 'high', data: { algorithm: 'md5' } },
      { messageId: 'createHash', line: 4, severity: 'high', data: { algorithm: 'sha1' } },
      { messageId: 'hashFunction', line: 5, severity: 'high', data: { fn: 'md5' } },
    ],
  }],
});
