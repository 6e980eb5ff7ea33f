import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './insecure-random.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/insecure-random', () => {
  it('stays silent on non-security randomness and crypto generators', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { randomBytes, randomInt } from 'node:crypto';",
        'const delay = Math.floor(Math.random() * 1000);',
        'const jitter = base * (1 + Math.random());',
        'export const token = randomBytes(32).toString(\'base64url\');',
        'export const otp = randomInt(0, 1_000_000);',
        'const color = COLORS[Math.floor(Math.random() * COLORS.length)];',
        'const maxTokens = Math.round(Math.random() * 100);',
        'if (Math.random() < 0.1) sample();',
        'const requestId = Math.random().toString(36).slice(2);',
      ].join('\n'),
      'src/app.test.ts': 'const token = Math.random().toString(36);\n',
      // Sample data for development databases (documenso's packages/prisma/seed/*.ts).
      'packages/prisma/seed/initial-seed.ts': 'await prisma.recipient.create({ data: { token: Math.random().toString(36).slice(2, 9) } });\n',
      'prisma/seed.ts': 'const token = Math.random().toString(36);\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports Math.random for tokens, codes, salts and session ids', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/auth.ts': [
        'export const resetToken = Math.random().toString(36).substring(2);',
        'const user = { verificationCode: Math.floor(100000 + Math.random() * 900000) };',
        'function makeSalt() {',
        '  return Math.random().toString(16).slice(2);',
        '}',
        'session.sessionId = `${Date.now()}-${Math.random()}`;',
        'export const generateApiKey = () => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/auth.ts:1', 'src/auth.ts:2', 'src/auth.ts:4', 'src/auth.ts:6', 'src/auth.ts:7', 'src/auth.ts:7']);
    expect(findings.every((f) => f.ruleId === 'security/insecure-random')).toBe(true);
  });
});
