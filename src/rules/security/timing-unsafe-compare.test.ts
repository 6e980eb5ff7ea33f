import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './timing-unsafe-compare.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/timing-unsafe-compare', () => {
  it('stays silent on timingSafeEqual, presence checks and token-to-token comparisons in parsers', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { timingSafeEqual } from 'node:crypto';",
        'const ok = a.length === b.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));',
        'if (token === undefined || token === null || token === \'\') throw new Error();',
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
    });
    expect(findings).toEqual([]);
  });

  it('reports signatures, tokens and api keys compared with === / !==', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/webhook.ts': [
        'export function verify(req: any, body: string) {',
        "  const expected = createHmac('sha256', secret).update(body).digest('hex');",
        "  if (req.headers['x-signature'] !== expected) throw new Error('bad signature');",
        '  if (req.headers["x-api-key"] === process.env.API_KEY) return true;',
        '  if (digest !== expectedDigest) return false;',
        '  return providedToken === storedToken;',
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/webhook.ts:3', 'src/webhook.ts:4', 'src/webhook.ts:5', 'src/webhook.ts:6']);
    expect(findings.every((f) => f.ruleId === 'security/timing-unsafe-compare' && f.severity === 'medium')).toBe(true);
  });
});
