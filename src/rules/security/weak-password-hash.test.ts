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
    {
      name: 'HMACs of tokens and a key derived from a password: no stored password',
      path: 'src/auth/tokens.ts',
      code: [
        "import { createCipheriv, createHash, createHmac } from 'node:crypto';",
        'export function signToken(token: string) {',
        "  const tokenHash = createHmac('sha256', process.env.KEY!).update(token).digest('hex');",
        '  return { tokenHash };',
        '}',
        "export const resetHash = (resetPasswordToken: string) => createHash('sha256').update(resetPasswordToken).digest('hex');",
        'export function seal(password: string, data: Buffer, iv: Buffer) {',
        "  const key = createHash('sha256').update(password).digest();",
        "  return createCipheriv('aes-256-gcm', key, iv).update(data);",
        '}',
      ].join('\n'),
    },
    {
      name: "a SHA-256 pre-hash handed to bcrypt (its 72-byte limit): bcrypt's hash is what is stored",
      path: 'src/auth/password.ts',
      code: [
        "import { createHash } from 'crypto';",
        "import bcrypt from 'bcrypt';",
        "const prehash = (password: string) => createHash('sha256').update(password).digest('base64');",
        'export const hashPassword = (password: string) => bcrypt.hash(prehash(password), 12);',
      ].join('\n'),
    },
  ],
  invalid: [{
    name: 'an HMAC / SHA-256 of the password returned by a helper, stored, or compared at sign-in',
    path: 'src/utils/crypto.ts',
    code: [
      "import crypto from 'crypto';",
      "import CryptoJS from 'crypto-js';",
      'export function hashPassword(password: string) {',
      "  return crypto.createHmac('sha256', process.env.PASSWORD_KEY!).update(password).digest('hex');",
      '}',
      'export async function register(db: any, body: { email: string; password: string }) {',
      "  const hashed = crypto.createHash('sha512').update(body.password).digest('hex');",
      '  await db.user.create({ data: { email: body.email, password: hashed } });',
      '}',
      'export function login(user: { password: string }, pwd: string) {',
      '  if (CryptoJS.HmacSHA256(pwd, process.env.KEY!).toString() !== user.password) throw new Error();',
      '}',
      'export function change(user: { passwordHash: string }, password: string) {',
      '  user.passwordHash = CryptoJS.SHA256(password).toString();',
      '}',
    ].join('\n'),
    errors: [
      { messageId: 'fastStored', line: 4, severity: 'high', data: { fn: 'crypto.createHmac', algorithm: 'sha256', kind: 'keyed hash (HMAC)', use: 'returned by hashPassword()' } },
      { messageId: 'fastStored', line: 7, severity: 'high', data: { algorithm: 'sha512', use: 'stored as password' } },
      { messageId: 'fastStored', line: 11, severity: 'high', data: { fn: 'crypto-js.HmacSHA256', use: 'compared with user.password' } },
      { messageId: 'fastStored', line: 14, severity: 'high', data: { fn: 'crypto-js.SHA256', use: 'stored as passwordHash' } },
    ],
  }, {
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
