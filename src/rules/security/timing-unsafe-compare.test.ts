import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './timing-unsafe-compare.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [{
    // One file, as the text triggers see it: each line alone might not trigger a parse at all.
    name: 'timingSafeEqual, presence and type checks, token-to-token comparisons in parsers, values that are not secrets',
    code: [
      "import { timingSafeEqual } from 'node:crypto';",
      'const ok = a.length === b.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));',
      "if (token === undefined || token === null || token === '') throw new Error();",
      "if (typeof apiKey !== 'string') throw new Error();",
      'if (signature.length !== expectedSignature.length) return false;',
      'if (token.type === TokenType.Identifier) next();',
      'if (prevToken === token) break;',
      'if (currentToken !== nextToken) advance();',
      'if (precedingToken === getSwitchCaseColonToken(node, sourceCode)) return;',
      'if (token === sourceCode.getTokenBefore(node) && commaToken !== closingBraceToken) skip();',
      'if (user.id === session.userId) allow();',
      'if (password !== confirmPassword) fail();',
      "const ERROR_DIGEST = 'NEXT_REDIRECT';",
      'if (err.digest === ERROR_DIGEST) redirect();',
      'if (a.hash === b.hash) same();',
      'if (savedHash === hash) return;',
      'if (expectedHash !== actualHash) res.statusCode = 412;',
    ].join('\n'),
  }],
  invalid: [{
    name: 'signatures, api keys, digests and tokens compared with === / !==',
    path: 'src/webhook.ts',
    code: [
      'export function verify(req: any, body: string) {',
      "  const expected = createHmac('sha256', secret).update(body).digest('hex');",
      "  if (req.headers['x-signature'] !== expected) throw new Error('bad signature');",
      '  if (req.headers["x-api-key"] === process.env.API_KEY) return true;',
      '  if (digest !== expectedDigest) return false;',
      '  return providedToken === storedToken;',
      '}',
    ].join('\n'),
    errors: [
      { messageId: 'unsafeCompare', line: 3, severity: 'medium', data: { right: 'expected', operator: '!==' } },
      { messageId: 'unsafeCompare', line: 4, severity: 'medium', data: { operator: '===' } },
      { messageId: 'unsafeCompare', line: 5, severity: 'medium', data: { left: 'digest', right: 'expectedDigest' } },
      { messageId: 'unsafeCompare', line: 6, severity: 'medium', data: { left: 'providedToken', right: 'storedToken' } },
    ],
  }],
});
