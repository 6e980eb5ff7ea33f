import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './insecure-random.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'randomness that need not be unguessable, and crypto generators',
      code: [
        "import { randomBytes, randomInt } from 'node:crypto';",
        'const delay = Math.floor(Math.random() * 1000);',
        'const jitter = base * (1 + Math.random());',
        "export const token = randomBytes(32).toString('base64url');",
        'export const otp = randomInt(0, 1_000_000);',
        'const color = COLORS[Math.floor(Math.random() * COLORS.length)];',
        'const maxTokens = Math.round(Math.random() * 100);',
        'if (Math.random() < 0.1) sample();',
        'const requestId = Math.random().toString(36).slice(2);',
      ].join('\n'),
    },
    { name: 'tests', path: 'src/app.test.ts', code: 'const token = Math.random().toString(36);' },
    // Sample data for development databases.
    { name: 'seed data', path: 'packages/prisma/seed/initial-seed.ts', code: 'await prisma.recipient.create({ data: { token: Math.random().toString(36).slice(2, 9) } });' },
    { name: 'a seed script', path: 'prisma/seed.ts', code: 'const token = Math.random().toString(36);' },
  ],
  invalid: [{
    name: 'tokens, codes, salts, session ids and api keys',
    path: 'src/auth.ts',
    code: [
      'export const resetToken = Math.random().toString(36).substring(2);',
      'const user = { verificationCode: Math.floor(100000 + Math.random() * 900000) };',
      'function makeSalt() {',
      '  return Math.random().toString(16).slice(2);',
      '}',
      'session.sessionId = `${Date.now()}-${Math.random()}`;',
      'export const generateApiKey = () => Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);',
    ].join('\n'),
    errors: [
      { messageId: 'securityValue', line: 1, severity: 'high', data: { name: 'resetToken' } },
      { messageId: 'securityValue', line: 2, data: { name: 'verificationCode' } },
      { messageId: 'securityValue', line: 4, data: { name: 'makeSalt' } },
      { messageId: 'securityValue', line: 6, data: { name: 'sessionId' } },
      { messageId: 'securityValue', line: 7, data: { name: 'generateApiKey' } },
      { messageId: 'securityValue', line: 7, data: { name: 'generateApiKey' } },
    ],
  }],
});
