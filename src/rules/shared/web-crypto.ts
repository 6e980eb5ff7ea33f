// Which calls are SubtleCrypto's methods, resolved through the file's scopes (knowledge/web-crypto.ts):
// `crypto.subtle.digest(..)` on the global, `globalThis.crypto.subtle`, Node's `webcrypto.subtle` or
// `subtle` import, and a local bound to any of them. A local or parameter named `crypto` is not it.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { WEB_CRYPTO_ACCESS } from '../../knowledge/index.js';

const MAX_DEPTH = 4;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The module export an identifier is bound to (import or require), or null. */
function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  return b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
}

/** `const { subtle } = crypto` / `const { subtle } = globalThis.crypto`: what the pattern destructures from. */
function destructuredFrom(id: ts.Identifier, scope: Scope): { from: ts.Expression; key: string } | null {
  const b = scope.resolve(id);
  if (b?.kind !== 'destructured') return null;
  const el = b.decl;
  const decl = el.parent.parent;
  if (!ts.isVariableDeclaration(decl) || !decl.initializer) return null;
  const key = (el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : ts.isIdentifier(el.name) ? el.name : null)?.text;
  return key ? { from: decl.initializer, key } : null;
}

/** Whether an expression is the `Crypto` object. */
export function isWebCrypto(e: ts.Expression, scope: Scope, depth = 0): boolean {
  e = strip(e);
  if (depth > MAX_DEPTH) return false;
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (!b) return WEB_CRYPTO_ACCESS.globals.includes(e.text);
    const imp = importOf(e, scope);
    if (imp) return WEB_CRYPTO_ACCESS.modules.some((m) => m.module === imp.from && m.crypto.includes(imp.imported));
    if (b.kind === 'variable' && b.isConst && b.initializer) return isWebCrypto(b.initializer, scope, depth + 1);
    return false;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const owner = strip(e.expression);
    if (e.name.text === 'crypto' && ts.isIdentifier(owner) && !scope.resolve(owner)) return WEB_CRYPTO_ACCESS.globalOwners.includes(owner.text);
    if (e.name.text === 'webcrypto' && ts.isIdentifier(owner)) {
      const imp = importOf(owner, scope);
      return imp !== null && WEB_CRYPTO_ACCESS.modules.some((m) => m.module === imp.from) && (imp.imported === '*' || imp.imported === 'default');
    }
  }
  return false;
}

/** Whether an expression is the `SubtleCrypto` object. */
export function isSubtleCrypto(e: ts.Expression, scope: Scope, depth = 0): boolean {
  e = strip(e);
  if (depth > MAX_DEPTH) return false;
  if (ts.isPropertyAccessExpression(e)) return e.name.text === 'subtle' && isWebCrypto(e.expression, scope, depth + 1);
  if (!ts.isIdentifier(e)) return false;
  const imp = importOf(e, scope);
  if (imp) return WEB_CRYPTO_ACCESS.modules.some((m) => m.module === imp.from && m.subtle.includes(imp.imported));
  const d = destructuredFrom(e, scope);
  if (d) return d.key === 'subtle' && isWebCrypto(d.from, scope, depth + 1);
  const b = scope.resolve(e);
  return b?.kind === 'variable' && b.isConst && b.initializer !== null && isSubtleCrypto(b.initializer, scope, depth + 1);
}

/** The SubtleCrypto method a call invokes (`digest`, `encrypt`, `deriveBits`), or null. */
export function subtleMethodOf(call: ts.CallExpression, scope: Scope): string | null {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e)) return null;
  return isSubtleCrypto(e.expression, scope) ? e.name.text : null;
}
