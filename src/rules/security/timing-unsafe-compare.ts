import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { fastHashOf, isPasswordField, isSecretName, isStoredCredentialField, roleOfImport, SUBTLE_CRYPTO, unsetConfigReadOf, type FastHash } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { isConstantExpr, valueOf } from '../shared/ast.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { quickOrigin, Tracer } from '../shared/taint.js';
import { subtleMethodOf } from '../shared/web-crypto.js';

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

/** Whether an expression holds a value named as the password itself (knowledge PASSWORD_FIELDS), through consts. */
function carriesPassword(e: ts.Node, scope: Scope, depth = 0): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit || ts.isFunctionLike(n)) return;
    if (ts.isIdentifier(n) && isPasswordField(n.text)) hit = true;
    else if (ts.isIdentifier(n) && depth < 3) { const v = valueOf(n, scope); if (v && carriesPassword(v, scope, depth + 1)) hit = true; }
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return hit;
}

/** The fast hash a call is (knowledge FAST_HASHES, Web Crypto's digest), with the data it hashes. */
function fastHashCall(call: ts.CallExpression, scope: Scope): { hash: FastHash; data: ts.Expression | undefined } | null {
  const ref = importedCallee(call, scope);
  const subtle = ref ? null : subtleMethodOf(call, scope);
  const hash = ref ? fastHashOf(ref.module, ref.name, ref.member) : subtle ? fastHashOf(SUBTLE_CRYPTO, subtle) : null;
  if (!hash) return null;
  if (hash.dataArg !== 'update') return { hash, data: call.arguments[hash.dataArg] };
  const p = call.parent;
  return { hash, data: ts.isPropertyAccessExpression(p) && p.name.text === 'update' && ts.isCallExpression(p.parent) ? p.parent.arguments[0] : undefined };
}

/**
 * Whether an expression is a fast hash of a password: the hash call itself, a method chain on it
 * (`.update(pw).digest('hex')`), bytes re-encoded from it (`toHex(h)`, `Buffer.from(h)`), a local
 * holding one, or a function of this file returning one.
 */
function passwordDigest(e: ts.Expression, scope: Scope, depth = 0): boolean {
  e = strip(e);
  if (depth > 12) return false;
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable') { const v = valueOf(e, scope); return v !== null && passwordDigest(v, scope, depth + 1); }
    return false;
  }
  if (ts.isNewExpression(e)) return (e.arguments ?? []).some((a) => passwordDigest(a, scope, depth + 1));
  if (!ts.isCallExpression(e)) return false;
  const fast = fastHashCall(e, scope);
  if (fast) return fast.data !== undefined && carriesPassword(fast.data, scope);
  const callee = e.expression;
  if (ts.isPropertyAccessExpression(callee) && passwordDigest(callee.expression, scope, depth + 1)) return true;
  if (ts.isIdentifier(callee)) {
    const b = scope.resolve(callee);
    const fn = b?.kind === 'function' ? b.decl : b?.kind === 'variable' && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer)) ? b.initializer : null;
    if (fn?.body) {
      if (!ts.isBlock(fn.body)) return passwordDigest(fn.body, scope, depth + 1);
      let found = false;
      const visit = (n: ts.Node): void => {
        if (found || (ts.isFunctionLike(n) && n !== fn)) return;
        if (ts.isReturnStatement(n) && n.expression) found = passwordDigest(n.expression, scope, depth + 1);
        else ts.forEachChild(n, visit);
      };
      visit(fn.body);
      if (found) return true;
    }
  }
  return e.arguments.some((a) => passwordDigest(a, scope, depth + 1));
}

/** A stored password hash read from a record (`user.password_hash`, knowledge STORED_CREDENTIAL_FIELDS), or null. */
function storedHashRead(e: ts.Expression, scope: Scope, depth = 0): string | null {
  e = strip(e);
  if (ts.isPropertyAccessExpression(e)) return isStoredCredentialField(e.name.text) ? e.getText() : null;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return isStoredCredentialField(e.argumentExpression.text) ? e.getText() : null;
  if (ts.isIdentifier(e) && depth < 3) { const v = valueOf(e, scope); return v ? storedHashRead(v, scope, depth + 1) : null; }
  return null;
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
    messages: {
      unsafeCompare: '{{secret}} is compared with {{operator}} to `{{request}}`, which comes from the request ({{path}}): the comparison leaks how many leading characters match',
      hashCompare: 'the stored password hash `{{stored}}` is compared with {{operator}} to a fast hash of the password given: the comparison leaks how many leading characters of the hash match',
    },
  },
  // A configured secret is read through an `env` object; a computed signature through an HMAC; a password's digest.
  triggers: ['env', 'Hmac', 'digest', 'createHash', 'crypto-js', 'js-sha', 'md5'],
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
        const operator = b.operatorToken.getText(ctx.sourceFile);
        for (const [stored, other] of [[b.left, b.right], [b.right, b.left]] as const) {
          const read = storedHashRead(stored, ctx.scope);
          if (read && passwordDigest(other, ctx.scope)) {
            ctx.report({ node: b, messageId: 'hashCompare', severity: 'low', data: { stored: read.slice(0, 60), operator } });
            return;
          }
        }
        judge(b, b.left, b.right, operator);
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
