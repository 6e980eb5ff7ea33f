import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './deprecated-cipher.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/deprecated-cipher', () => {
  it('stays silent on createCipheriv and unrelated createCipher methods', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import crypto from 'node:crypto';",
        "const c = crypto.createCipheriv('aes-256-gcm', key, iv);",
        "const d = crypto.createDecipheriv('aes-256-gcm', key, iv);",
        "const x = vault.createCipher('name');",
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });

  it('reports createCipher and createDecipher from node crypto', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/enc.ts': [
        "import crypto from 'crypto';",
        "import { createDecipher as dec } from 'node:crypto';",
        "export const enc = (s: string) => crypto.createCipher('aes-256-cbc', KEY).update(s, 'utf8', 'hex');",
        "export const decr = (s: string) => dec('aes-256-cbc', KEY).update(s, 'hex', 'utf8');",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/enc.ts:3', 'src/enc.ts:4']);
    expect(findings.every((f) => f.ruleId === 'security/deprecated-cipher' && f.severity === 'high')).toBe(true);
  });
});
