import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './timing-unsafe-compare.js';

// A stored password hash compared with === to a fast hash of the password given (low).
new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "a file's checksum against a stored hash, bcrypt's compare, a digest of a token",
      path: 'src/files.ts',
      code: [
        "import { createHash } from 'node:crypto';",
        "import bcrypt from 'bcrypt';",
        "export const same = (buf: Buffer, file: { hash: string }) => createHash('sha256').update(buf).digest('hex') === file.hash;",
        'export const ok = (user: { passwordHash: string }, password: string) => bcrypt.compare(password, user.passwordHash);',
        "export const tok = async (token: string, row: { hash: string }) => toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))) === row.hash;",
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a Web Crypto digest of the password (through a helper of the file) compared to the stored hash',
      path: 'src/auth.ts',
      code: [
        'async function hashPassword(password: string) {',
        "  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));",
        "  return Array.from(new Uint8Array(buf)).map((b) => b.toString(16).padStart(2, '0')).join('');",
        '}',
        'export async function login(user: { password_hash: string }, password: string) {',
        '  const hash = await hashPassword(password);',
        '  if (hash !== user.password_hash) throw new Error(\'invalid\');',
        "  return createHashLike(password) === user['password'];",
        '}',
      ].join('\n'),
      errors: [{ messageId: 'hashCompare', line: 7, severity: 'low', data: { stored: 'user.password_hash', operator: '!==' } }],
    },
  ],
});
