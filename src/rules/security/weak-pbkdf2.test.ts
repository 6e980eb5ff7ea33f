import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './weak-pbkdf2.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/weak-pbkdf2', () => {
  it('stays silent at 100,000 iterations or more, and when the count is not in the code', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { pbkdf2Sync } from 'node:crypto';",
        'const ITERATIONS = 600_000;',
        "pbkdf2Sync(pw, salt, ITERATIONS, 32, 'sha256');",
        "crypto.pbkdf2(pw, salt, 100000, 64, 'sha512', cb);",
        "pbkdf2Sync(pw, salt, config.iterations, 32, 'sha256');",
        "await crypto.subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 310000, hash: 'SHA-256' }, key, 256);",
        "const opts = { name: 'scrypt', iterations: 10 };",
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports low iteration counts in node crypto and Web Crypto', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/kdf.ts': [
        "import crypto from 'crypto';",
        'const ROUNDS = 10 * 1000;',
        "export const a = crypto.pbkdf2Sync(pw, salt, 1000, 64, 'sha512');",
        "export const b = crypto.pbkdf2Sync(pw, salt, ROUNDS, 64, 'sha512');",
        'export const c = await crypto.subtle.deriveKey(',
        "  { name: 'PBKDF2', salt, iterations: 50_000, hash: 'SHA-256' }, base, aes, false, ['encrypt']);",
        "const KDF = 'PBKDF2';",
        "export const d = await crypto.subtle.deriveBits({ name: KDF, salt, iterations: 1000, hash: 'SHA-256' }, base, 256);",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/kdf.ts:3', 'src/kdf.ts:4', 'src/kdf.ts:6', 'src/kdf.ts:8']);
    expect(findings[0].message).toContain('1,000 iterations');
  });
});
