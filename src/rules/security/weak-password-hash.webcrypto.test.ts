import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './weak-password-hash.js';

// Web Crypto's digest on Workers, Deno and Node: the global `crypto`, `globalThis.crypto`, Node's webcrypto.
new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'PBKDF2 through Web Crypto, a digest of a file, a key derived from a digest, a local named crypto',
      path: 'src/auth/keys.ts',
      code: [
        'export async function hashPassword(password: string, salt: Uint8Array) {',
        "  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);",
        "  return crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 600000, hash: 'SHA-256' }, key, 256);",
        '}',
        'export async function etag(body: ArrayBuffer) {',
        "  const h = await crypto.subtle.digest('SHA-256', body);",
        '  return [...new Uint8Array(h)].map((b) => b.toString(16)).join(\'\');',
        '}',
        'export async function keyFrom(password: string) {',
        "  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));",
        "  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);",
        '}',
        'export async function other(crypto: { subtle: { digest(a: string, b: unknown): Promise<ArrayBuffer> } }, password: string) {',
        "  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));",
        '}',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a password digested with SHA-256 (twice, no salt) and returned, stored, compared',
      path: 'src/auth/password.ts',
      code: [
        "const ALGO = 'SHA-256';",
        'export async function hashPassword(password: string) {',
        '  const data = new TextEncoder().encode(password);',
        '  const first = await crypto.subtle.digest(ALGO, data);',
        '  const second = await crypto.subtle.digest(ALGO, first);',
        '  return btoa(String.fromCharCode(...new Uint8Array(second)));',
        '}',
        'export async function register(db: any, email: string, password: string) {',
        "  const buf = await globalThis.crypto.subtle.digest({ name: 'SHA-1' }, new TextEncoder().encode(password));",
        "  const hex = Array.from(new Uint8Array(buf)).map((b) => b.toString(16).padStart(2, '0')).join('');",
        '  await db.insert({ email, passwordHash: hex });',
        '}',
        'export async function check(user: { password_hash: string }, password: string) {',
        "  const h = await self.crypto.subtle.digest('SHA-256', new TextEncoder().encode(password));",
        '  return toHex(h) === user.password_hash;',
        '}',
      ].join('\n'),
      errors: [
        { messageId: 'fastStored', line: 5, severity: 'high', data: { fn: 'crypto.subtle.digest', algorithm: 'SHA-256', use: 'returned by hashPassword()' } },
        { messageId: 'fastStored', line: 9, severity: 'high', data: { algorithm: 'SHA-1', use: 'stored as passwordHash' } },
        { messageId: 'fastStored', line: 14, severity: 'high', data: { use: 'compared with user.password_hash' } },
      ],
    },
    {
      name: "Node's webcrypto and subtle imports",
      path: 'src/auth/node.ts',
      code: [
        "import { webcrypto } from 'node:crypto';",
        "import { subtle } from 'crypto';",
        'export const hashA = async (password: string) => Buffer.from(await webcrypto.subtle.digest(\'SHA-512\', Buffer.from(password))).toString(\'hex\');',
        "export const hashB = async (password: string) => Buffer.from(await subtle.digest('SHA-256', Buffer.from(password))).toString('hex');",
      ].join('\n'),
      errors: [
        { messageId: 'fastStored', line: 3, data: { algorithm: 'SHA-512', use: 'returned by hashA()' } },
        { messageId: 'fastStored', line: 4, data: { algorithm: 'SHA-256', use: 'returned by hashB()' } },
      ],
    },
  ],
});
