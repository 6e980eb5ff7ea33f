import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './weak-password-hash.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/weak-password-hash', () => {
  it('stays silent on slow password hashes and fast hashes of non-passwords', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { createHash, scryptSync } from 'node:crypto';",
        "import bcrypt from 'bcrypt';",
        'export const etag = (body: string) => createHash(\'md5\').update(body).digest(\'hex\');',
        "export const fileSum = createHash('sha1').update(buf).digest('hex');",
        'export const hashPassword = (password: string) => scryptSync(password, salt, 64);',
        'export const hashed = await bcrypt.hash(password, 12);',
        "const digest = createHash('sha256').update(providedPassword).digest();",
        "const gravatar = md5(email.trim().toLowerCase());",
      ].join('\n'),
      'test/auth.test.ts': "createHash('md5').update(password).digest('hex');\n",
      // A breach check against Have I Been Pwned's range API, which takes the SHA-1's first 5 digits.
      'src/auth/hibp.ts': [
        'export async function isPwned(password: string) {',
        "  const sha1 = createHash('sha1').update(password).digest('hex').toUpperCase();",
        '  const res = await fetch(`https://api.pwnedpasswords.com/range/${sha1.slice(0, 5)}`);',
        '  return (await res.text()).includes(sha1.slice(5));',
        '}',
      ].join('\n'),
      // An HTTP Digest client: RFC 7616 defines HA1 as the MD5 of user:realm:password (hoppscotch).
      'src/helpers/auth/digest.ts': [
        'export function digestResponse(username: string, password: string, realm: string, nonce: string, qop: string) {',
        '  const cnonce = randomHex(16);',
        '  const ha1 = md5(`${username}:${realm}:${password}`);',
        "  const ha1b = createHash('md5').update(`${username}:${realm}:${password}`).digest('hex');",
        '  return md5(`${ha1}:${nonce}:00000001:${cnonce}:${qop}:${ha1b}`);',
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports md5/sha1 over passwords', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/users.ts': [
        "import crypto from 'crypto';",
        'export function save(user: { password: string }) {',
        "  const hash = crypto.createHash('md5').update(user.password).digest('hex');",
        "  const passwordHash = crypto.createHash('sha1').update(salt + input).digest('hex');",
        '  return md5(password);',
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/users.ts:3', 'src/users.ts:4', 'src/users.ts:5']);
    expect(findings.every((f) => f.ruleId === 'security/weak-password-hash' && f.severity === 'high')).toBe(true);
  });
});
