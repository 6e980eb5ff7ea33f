import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { isConstantExpr } from '../shared/ast.js';
import { isShippedCode, looksMinified, terminalName } from '../shared/names.js';

const SECRETISH = /(signature|sig|hmac|secret|apikey|token|otp|totp|hotp|passcode)s?$/;
/** Names that are secrets only next to an expected value (`digest` is also an error code). */
const WEAK_SECRETISH = /(digest|mac)$/;
const EXPECTED = /^(expected|computed|calculated|stored|valid|actual|correct|known|real|server|configured|required|saved|hashed)/;
/** Lexers and parsers compare tokens to tokens: not secrets. */
const NOT_SECRET = /^(prev|previous|preceding|following|leading|trailing|next|current|cur|last|first|start|end|open|close|closing|opening|parent|child|peek|lookahead|other|this|that|left|right)|(colon|comma|semi|semicolon|paren|brace|bracket|arrow|operator|punctuator|keyword|dot|equals?|question|whitespace|eof)token$|type$|kind$|length$|count$|tokens$/;
// A function, not a Set built at load time: TypeScript loads only when a file is parsed.
function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken
    || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

function isConstantSide(e: ts.Expression, scope: Scope): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return isConstantExpr(e, scope) || ts.isLiteralExpression(e) || ts.isNoSubstitutionTemplateLiteral(e) || ts.isTypeOfExpression(e) || ts.isPrefixUnaryExpression(e)
    || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword
    || (ts.isIdentifier(e) && e.text === 'undefined')
    || (ts.isPropertyAccessExpression(e) && ['length', 'size', 'type', 'kind'].includes(e.name.text))
    || (ts.isPropertyAccessExpression(e) && /^[A-Z]/.test(e.expression.getText()) && /^[A-Z]/.test(e.name.text));
}

export default defineSourceRule({
  id: 'security/timing-unsafe-compare',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Secret compared with === instead of a constant-time comparison',
    rationale: '`===` stops at the first differing character, so response times reveal how much of a guessed signature, token or API key is right.',
    remediation: {
      text: 'Compare with `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))` after checking the lengths match (or compare HMACs of both values).',
      effort: 'low',
    },
    messages: { unsafeCompare: '`{{left}}` and `{{right}}` compared with {{operator}}, which leaks how many leading characters match' },
  },
  // `token` and `sig` are common words (tokenizers, signals, sign-up): for them, only next to an equality.
  triggers: ['ignature', 'IGNATURE', 'ecret', 'ECRET', 'hmac', 'Hmac', 'HMAC', 'igest', 'IGEST', 'piKey', 'pi_key', 'pi-key', 'PI_KEY', 'otp', 'OTP', 'asscode',
    'oken ==', 'oken !=', 'oken===', 'oken!==', 'OKEN ==', 'OKEN !=', '== token', '!= token', '==token', '!=token',
    'ig ==', 'ig !=', 'ig===', 'ig!==', '== sig', '!= sig'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (!isEquality(b.operatorToken.kind)) return;
        const l = terminalName(b.left);
        const r = terminalName(b.right);
        if (!l || !r) return;
        const [nl, nr] = [normalise(l), normalise(r)];
        if (NOT_SECRET.test(nl) || NOT_SECRET.test(nr)) return;
        const ls = SECRETISH.test(nl);
        const rs = SECRETISH.test(nr);
        const lw = ls || WEAK_SECRETISH.test(nl);
        const rw = rs || WEAK_SECRETISH.test(nr);
        if (!(ls && rs) && !(lw && EXPECTED.test(nr)) && !(rw && EXPECTED.test(nl))) return;
        if (isConstantSide(b.left, ctx.scope) || isConstantSide(b.right, ctx.scope)) return;
        ctx.report({ node: b, messageId: 'unsafeCompare', data: { left: l, right: r, operator: b.operatorToken.getText(ctx.sourceFile) } });
      },
    };
  },
});
