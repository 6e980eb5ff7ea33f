import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isSecretName, roleOfImport, unsetConfigReadOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isConstantExpr, valueOf } from '../shared/ast.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { quickOrigin, Tracer } from '../shared/taint.js';

// A function, not a Set built at load time: TypeScript loads only when a file is parsed.
function isEquality(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken
    || kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `process.env.API_KEY` -> ['process', 'env', 'API_KEY']; `env['SECRET']` -> ['env', 'SECRET']; else null. */
function chainOf(e: ts.Expression): string[] | null {
  e = strip(e);
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) { const c = chainOf(e.expression); return c ? [...c, e.name.text] : null; }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) { const c = chainOf(e.expression); return c ? [...c, e.argumentExpression.text] : null; }
  return null;
}

/** A configured value (knowledge/environment.ts) whose key names a secret (knowledge/words.ts). */
function configuredSecret(chain: readonly string[]): boolean {
  return unsetConfigReadOf(chain) !== null && isSecretName(chain[chain.length - 1]);
}

/** Whether a call invokes an export the crypto descriptors call a MAC (`createHmac`), resolved through imports. */
function isMacCall(call: ts.CallExpression, scope: Scope): boolean {
  const ref = importedCallee(call, scope);
  if (!ref) return false;
  const fact = ref.member
    ? roleOfImport(ref.module, ref.name, ref.member) ?? roleOfImport(ref.module, ref.member)
    : roleOfImport(ref.module, ref.name);
  return fact?.role === 'mac';
}

/** Whether the receiver of `.digest()` is a MAC built by a MAC call: `createHmac(k).update(b)`, or a variable holding one. */
function fromMac(e: ts.Expression, scope: Scope, depth: number): boolean {
  e = strip(e);
  if (depth > 6) return false;
  if (ts.isCallExpression(e)) return isMacCall(e, scope) || (ts.isPropertyAccessExpression(e.expression) && fromMac(e.expression.expression, scope, depth + 1));
  if (ts.isIdentifier(e)) { const v = valueOf(e, scope); return v !== null && fromMac(v, scope, depth + 1); }
  return false;
}

/** Calls that hand on the same characters: comparing their result compares the secret. */
const PASS_THROUGH_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase']);

/**
 * What secret an expression holds, or null: a configured secret (`process.env.WEBHOOK_SECRET`,
 * `c.env.API_KEY`, destructured or through local variables), a MAC's digest (`createHmac(...).digest()`),
 * or a string built around one (`Bearer ${process.env.API_TOKEN}`). A function of this file that
 * returns one holds it too.
 */
function secretOf(e: ts.Expression, scope: Scope, depth = 0): string | null {
  if (depth > 6) return null;
  e = strip(e);
  const sf = e.getSourceFile();
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      if (callee.name.text === 'digest' && fromMac(callee.expression, scope, 0)) return `an HMAC (${e.getText(sf).replace(/\s+/g, ' ').slice(0, 60)})`;
      if (PASS_THROUGH_METHODS.has(callee.name.text)) return secretOf(callee.expression, scope, depth + 1);
      // `Buffer.from(secret)`: the global Buffer, not a local of that name.
      if (callee.name.text === 'from' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Buffer' && !scope.resolve(callee.expression) && e.arguments[0]) {
        return secretOf(e.arguments[0], scope, depth + 1);
      }
    }
    if (ts.isIdentifier(callee)) {
      if (callee.text === 'String' && !scope.resolve(callee) && e.arguments[0]) return secretOf(e.arguments[0], scope, depth + 1);
      const b = scope.resolve(callee);
      const fn = b?.kind === 'function' ? b.decl : b?.kind === 'variable' && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer)) ? b.initializer : null;
      if (fn?.body) return returnedSecret(fn, scope, depth);
    }
    return null;
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(e.operatorToken.kind)) {
    return secretOf(e.left, scope, depth + 1) ?? secretOf(e.right, scope, depth + 1);
  }
  if (ts.isTemplateExpression(e)) {
    for (const s of e.templateSpans) { const found = secretOf(s.expression, scope, depth + 1); if (found) return found; }
    return null;
  }
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable') { const v = valueOf(e, scope); return v ? secretOf(v, scope, depth + 1) : null; }
    if (b?.kind === 'destructured') {
      // `const { API_KEY } = process.env`: the key read is the property the element names.
      const el = b.decl;
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : null;
      const decl = el.parent.parent;
      const from = ts.isVariableDeclaration(decl) && decl.initializer ? chainOf(decl.initializer) : null;
      return key && from && ts.isObjectBindingPattern(el.parent) && configuredSecret([...from, key]) ? `configured secret ${[...from, key].join('.')}` : null;
    }
    return null;
  }
  const chain = chainOf(e);
  return chain && configuredSecret(chain) ? `configured secret ${e.getText(sf)}` : null;
}

/** The secret a function of this file returns, from any of its own `return`s (or its expression body). */
function returnedSecret(fn: ts.FunctionLikeDeclaration, scope: Scope, depth: number): string | null {
  if (!fn.body) return null;
  if (!ts.isBlock(fn.body)) return secretOf(fn.body, scope, depth + 1);
  let found: string | null = null;
  const visit = (n: ts.Node): void => {
    if (found || (ts.isFunctionLike(n) && n !== fn)) return;
    if (ts.isReturnStatement(n) && n.expression) found = secretOf(n.expression, scope, depth + 1);
    else ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return found;
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
    messages: { unsafeCompare: '{{secret}} is compared with {{operator}} to `{{request}}`, which comes from the request ({{path}}): the comparison leaks how many leading characters match' },
  },
  // A configured secret is read through an `env` object; a computed signature through an HMAC.
  triggers: ['env', 'Hmac'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    let tracer: Tracer | null = null;
    const fromRequest = (e: ts.Expression): string[] | null => {
      const quick = quickOrigin(e);
      const o = quick ?? (tracer ??= new Tracer(ctx.scope, (x) => isConstantExpr(x, ctx.scope))).originOf(e);
      return o.kind === 'request' ? o.path : null;
    };
    const judge = (node: ts.Node, a: ts.Expression, b: ts.Expression, operator: string): void => {
      for (const [secretSide, other] of [[a, b], [b, a]] as const) {
        const secret = secretOf(secretSide, ctx.scope);
        if (!secret) continue;
        const path = fromRequest(other);
        if (!path) continue;
        ctx.report({ node, messageId: 'unsafeCompare', data: { secret, operator, request: strip(other).getText(ctx.sourceFile).replace(/\s+/g, ' ').slice(0, 60), path: path.join(' → ') } });
        return;
      }
    };
    return {
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        if (!isEquality(b.operatorToken.kind)) return;
        judge(b, b.left, b.right, b.operatorToken.getText(ctx.sourceFile));
      },
      // `a.equals(b)` on Buffers stops at the first difference too.
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(c.expression) || c.expression.name.text !== 'equals' || c.arguments.length !== 1) return;
        judge(c, c.expression.expression, c.arguments[0], '.equals()');
      },
    };
  },
});
