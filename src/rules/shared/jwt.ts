// JWT libraries whose sign/verify take the key as their second argument.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { injectedJwtSignerOf, jwtSignerOf, type InjectedJwtSigner } from '../../knowledge/index.js';
import { constInitializer, valueOf } from './ast.js';
import { bindingsOf, callsExport } from './imports.js';

export const JSONWEBTOKEN = ['jsonwebtoken'];
export const HONO_JWT = ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/jwt'];
export const EXPRESS_JWT = ['express-jwt'];

/** `jwt.sign` / `jwt.verify` of jsonwebtoken or hono/jwt: the library and the function, or null. */
export function jwtCall(call: ts.CallExpression, sf: ts.SourceFile): { lib: 'jsonwebtoken' | 'hono/jwt'; fn: string } | null {
  const a = callsExport(call, sf, JSONWEBTOKEN, ['sign', 'verify']);
  if (a) return { lib: 'jsonwebtoken', fn: a };
  const b = callsExport(call, sf, HONO_JWT, ['sign', 'verify']);
  if (b) return { lib: 'hono/jwt', fn: b };
  if (ts.isPropertyAccessExpression(call.expression) && ['sign', 'verify'].includes(call.expression.name.text)) {
    const obj = call.expression.expression;
    if (ts.isIdentifier(obj) && bindingsOf(sf, HONO_JWT).named.get(obj.text) === 'Jwt') return { lib: 'hono/jwt', fn: call.expression.name.text };
  }
  return null;
}

/** A JWT signing call resolved through its import (knowledge/jwt-signers.ts): its payload and key, as written. */
export interface SignSite {
  module: string;
  /** The call that signs (for a jose chain, the final `.sign(key)`). */
  call: ts.CallExpression;
  payload: ts.Expression | undefined;
  /** The key argument; for an injected signer, the `secret` option's value or undefined (the registered default). */
  key: ts.Expression | undefined;
  /** The options object as written (an injected signer's second argument), or undefined. */
  options: ts.Expression | undefined;
  /** For a jose chain, the methods called on it (`setAudience`, `setExpirationTime`). */
  chain: readonly string[];
}

function stripAwait(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The import an identifier (or the object of `ns.member`) is bound to, with the member called. */
function importedCallee(callee: ts.Expression, scope: Scope): { from: string; imported: string; member?: string } | null {
  let id = callee;
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(id)) {
    member = id.name.text;
    id = id.expression;
    if (ts.isPropertyAccessExpression(id) && id.name.text === 'default') id = id.expression;
  }
  if (!ts.isIdentifier(id)) return null;
  const b = scope.resolve(id);
  const imp = b && (b.kind === 'import' ? b : requireOf(b));
  if (!imp) return null;
  if (member && imp.imported !== '*' && imp.imported !== 'default') return null;
  return { from: imp.from, imported: imp.imported, ...(member ? { member } : {}) };
}

/** The injected signer `this.<field>` is: a constructor parameter property or a field typed with the signer's class. */
export function injectedSignerOf(e: ts.Expression, scope: Scope): InjectedJwtSigner | null {
  if (!ts.isPropertyAccessExpression(e) || e.expression.kind !== ts.SyntaxKind.ThisKeyword) return null;
  const cls = ts.findAncestor(e, ts.isClassLike);
  if (!cls) return null;
  const field = e.name.text;
  let type: ts.TypeNode | undefined;
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === field) type = m.type;
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.isIdentifier(p.name) && p.name.text === field && ts.getModifiers(p)?.length) type = p.type;
    }
  }
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return null;
  const b = scope.resolve(type.typeName);
  return b?.kind === 'import' ? injectedJwtSignerOf(b.from, b.imported) : null;
}

/** A property's initializer in an object literal written at the call (or held by a local const), or undefined. */
function optionValue(options: ts.Expression | undefined, keys: readonly string[], scope: Scope): ts.Expression | undefined {
  let o = options && stripAwait(options);
  if (o && ts.isIdentifier(o)) o = valueOf(o, scope) ?? undefined;
  if (!o || !ts.isObjectLiteralExpression(o)) return undefined;
  const p = o.properties.find((x) => x.name && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && keys.includes(x.name.text));
  if (!p) return undefined;
  return ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
}

/** The signing call an expression is (awaited or not): a library's sign, a jose chain's final sign, an injected signer's method. */
export function signSiteOf(e: ts.Expression, scope: Scope): SignSite | null {
  const call = stripAwait(e);
  if (!ts.isCallExpression(call)) return null;
  const callee = call.expression;
  const imp = importedCallee(callee, scope);
  if (imp) {
    const s = jwtSignerOf(imp.from, imp.imported, imp.member);
    if (s && s.how === 'call') return { module: s.module, call, payload: call.arguments[s.payloadArg], key: call.arguments[s.keyArg], options: s.optionsArg === null ? undefined : call.arguments[s.optionsArg], chain: [] };
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const injected = injectedSignerOf(callee.expression, scope);
  if (injected && injected.methods.includes(callee.name.text)) {
    const options = call.arguments[injected.optionsArg];
    return { module: injected.module, call, payload: call.arguments[injected.payloadArg], key: optionValue(options, injected.keyOptions, scope), options, chain: [] };
  }
  if (callee.name.text !== 'sign') return null;
  // `new SignJWT(payload).setX()...sign(key)`: walk down the chain to the constructor.
  const chain: string[] = [];
  let cur: ts.Expression = callee.expression;
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
    chain.unshift(cur.expression.name.text);
    cur = cur.expression.expression;
  }
  if (!ts.isNewExpression(cur)) return null;
  const ctor = importedCallee(cur.expression, scope);
  const s = ctor ? jwtSignerOf(ctor.from, ctor.imported, ctor.member) : null;
  if (!s || s.how !== 'chain') return null;
  return { module: s.module, call, payload: cur.arguments?.[s.payloadArg], key: call.arguments[s.keyArg], options: undefined, chain };
}

/** Whether a value is a signed token: a signing call, or a variable that holds one. */
export function holdsSignedToken(e: ts.Expression, scope: Scope, depth = 0): boolean {
  const x = stripAwait(e);
  if (ts.isIdentifier(x) && depth < 4) {
    const init = valueOf(x, scope);
    return init !== null && holdsSignedToken(init, scope, depth + 1);
  }
  return signSiteOf(x, scope) !== null;
}

/** A value the code fixes: a number or string literal, arithmetic of them, or a const bound to one; else null. */
export function fixedValue(e: ts.Expression, scope: Scope, depth = 0): string | number | null {
  e = stripAwait(e);
  if (depth > 4) return null;
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init ? fixedValue(init, scope, depth + 1) : null;
  }
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.PlusToken].includes(e.operatorToken.kind)) {
    const a = fixedValue(e.left, scope, depth + 1);
    const b = fixedValue(e.right, scope, depth + 1);
    if (typeof a !== 'number' || typeof b !== 'number') return null;
    return e.operatorToken.kind === ts.SyntaxKind.AsteriskToken ? a * b : a + b;
  }
  return null;
}
