import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './static-iv.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a fresh IV per message (getRandomValues, randomBytes, filled after it is made), a parameter, ECB',
      path: 'src/crypto/seal.ts',
      code: [
        "import { createCipheriv, randomBytes, randomFillSync } from 'node:crypto';",
        'export async function seal(key: CryptoKey, data: Uint8Array) {',
        '  const iv = crypto.getRandomValues(new Uint8Array(12));',
        "  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);",
        '  return { iv, ct };',
        '}',
        'export async function seal2(key: CryptoKey, data: Uint8Array) {',
        '  const iv = new Uint8Array(12);',
        '  crypto.getRandomValues(iv);',
        "  return crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);",
        '}',
        'export function node(key: Buffer, data: Buffer) {',
        '  const iv = randomBytes(12);',
        "  const c = createCipheriv('aes-256-gcm', key, iv);",
        '  const nonce = Buffer.alloc(16);',
        '  randomFillSync(nonce);',
        "  createCipheriv('aes-256-cbc', key, nonce);",
        '  return Buffer.concat([iv, c.update(data), c.final(), c.getAuthTag()]);',
        '}',
        "export const withIv = (key: Buffer, iv: Buffer) => createCipheriv('aes-256-gcm', key, iv);",
        "export const ecb = (key: Buffer) => createCipheriv('aes-128-ecb', key, null);",
        'export async function local(crypto: any, key: CryptoKey, data: Uint8Array) {',
        "  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);",
        '}',
      ].join('\n'),
    },
    { name: 'tests', path: 'test/seal.test.ts', code: "await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);" },
  ],
  invalid: [
    {
      name: 'Web Crypto AES-GCM/CTR/CBC with a module constant, literal bytes, encoded text',
      path: 'src/crypto/box.ts',
      code: [
        "const IV = new TextEncoder().encode('fixed-iv-123');",
        'const COUNTER = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);',
        "const PARAMS = { name: 'AES-GCM', iv: IV };",
        'export async function encrypt(key: CryptoKey, data: Uint8Array) {',
        '  return globalThis.crypto.subtle.encrypt(PARAMS, key, data);',
        '}',
        "export const ctr = (key: CryptoKey, d: Uint8Array) => crypto.subtle.encrypt({ name: 'AES-CTR', counter: COUNTER, length: 64 }, key, d);",
        "export const cbc = (key: CryptoKey, d: Uint8Array) => crypto.subtle.encrypt({ name: 'aes-cbc', iv: new Uint8Array(16) }, key, d);",
      ].join('\n'),
      errors: [
        { messageId: 'fixedIv', line: 5, severity: 'high', data: { api: 'crypto.subtle.encrypt()', algorithm: 'AES-GCM', what: 'IV', where: 'src/crypto/box.ts:1' } },
        { messageId: 'fixedIv', line: 7, data: { algorithm: 'AES-CTR', what: 'counter block', where: 'src/crypto/box.ts:2' } },
        { messageId: 'fixedIv', line: 8, data: { algorithm: 'AES-CBC', where: 'src/crypto/box.ts:8' } },
      ],
    },
    {
      name: "Node createCipheriv with Buffer.from('literal'), a zero buffer, a const object's member, an environment variable",
      path: 'src/crypto/node.ts',
      code: [
        "const crypto = require('crypto');",
        "const CONFIG = { algorithm: 'aes-256-gcm', iv: Buffer.from('0123456789ab') };",
        'const ZERO = Buffer.alloc(16, 0);',
        'export function a(key: Buffer) { return crypto.createCipheriv(CONFIG.algorithm, key, CONFIG.iv); }',
        "export function b(key: Buffer) { return crypto.createCipheriv('aes-256-cbc', key, ZERO); }",
        "export function c(key: Buffer) { return crypto.createCipheriv('aes-256-ctr', key, Buffer.from(process.env.ENCRYPTION_IV!, 'hex')); }",
        "export function d(key: Buffer) { const iv = Buffer.from('abcdefghijklmnop'); crypto.createDecipheriv('aes-256-cbc', key, iv); return crypto.createCipheriv('aes-256-cbc', key, iv); }",
      ].join('\n'),
      errors: [
        { messageId: 'fixedIv', line: 4, data: { api: 'createCipheriv()', what: 'nonce', where: 'src/crypto/node.ts:2' } },
        { messageId: 'fixedIv', line: 5, data: { algorithm: 'aes-256-cbc', what: 'IV', where: 'src/crypto/node.ts:3' } },
        { messageId: 'configuredIv', line: 6, data: { algorithm: 'aes-256-ctr', what: 'nonce' } },
        { messageId: 'fixedIv', line: 7, data: { algorithm: 'aes-256-cbc', where: 'src/crypto/node.ts:7' } },
      ],
    },
    {
      name: 'an IV exported by another module of the repository (decided by the review)',
      path: 'src/crypto/use.ts',
      code: [
        "import { createCipheriv } from 'node:crypto';",
        "import { IV, SALT } from './constants';",
        "export const enc = (key: Buffer) => createCipheriv('aes-256-gcm', key, Buffer.from(IV, 'hex'));",
        "export const ok = (key: Buffer) => createCipheriv('aes-256-gcm', key, SALT);",
      ].join('\n'),
      files: { 'src/crypto/constants.ts': "import { randomBytes } from 'node:crypto';\nexport const IV = '000102030405060708090a0b';\nexport const SALT = randomBytes(12);\n" },
      errors: [{ messageId: 'fixedIv', line: 3, data: { algorithm: 'aes-256-gcm', where: 'src/crypto/constants.ts:2' } }],
    },
  ],
});
