import ts from 'typescript';
import { configDefaultArg, ENV_CONFIG_READERS, isSecretName, jwtRegistrationOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { constInitializer } from '../shared/ast.js';
import { receiverClass } from '../shared/jwt-keys.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { sinkCallValues } from '../../collect/secret-sinks.js';
import type { Scope } from '../../collect/scope.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/**
 * The environment variable an expression reads: `process.env.X`, `process.env['X']`,
 * `import.meta.env.X`, `Bun.env.X`. `process`, `Bun` and `import.meta` must be the globals, not
 * local names.
 */
function envName(e: ts.Expression, scope: Scope): string | null {
  e = strip(e);
  // `const { JWT_SECRET } = process.env`, then `JWT_SECRET || 'dev'`: the name is the variable's.
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    return b?.kind === 'destructured' ? destructuredEnv(b.decl, scope) : null;
  }
  // Nest `config.get('JWT_SECRET')` on a ConfigService (knowledge ENV_CONFIG_READERS): reads that variable.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    const method = e.expression.name.text;
    const cls = receiverClass(e.expression.expression, scope);
    const reader = cls && ENV_CONFIG_READERS.find((r) => r.module === cls.from && r.class === cls.imported && (r.methods as readonly string[]).includes(method));
    return reader ? e.arguments[0].text : null;
  }
  let key: string | null = null;
  let holder: ts.Expression | null = null;
  if (ts.isPropertyAccessExpression(e)) [key, holder] = [e.name.text, e.expression];
  else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) [key, holder] = [e.argumentExpression.text, e.expression];
  if (!key || !holder || !ts.isPropertyAccessExpression(holder) || holder.name.text !== 'env') return null;
  const root = holder.expression;
  if (ts.isMetaProperty(root)) return key;
  if (ts.isIdentifier(root) && (root.text === 'process' || root.text === 'Bun') && !scope.resolve(root)) return key;
  return null;
}

/** The variable a binding of `const { X } = process.env` (or `{ X: local }`) reads, or null for any other destructuring. */
function destructuredEnv(el: ts.BindingElement, scope: Scope): string | null {
  const pattern = el.parent;
  const decl = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(decl) || !decl.initializer || el.dotDotDotToken) return null;
  const holder = strip(decl.initializer);
  const key = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : null) : ts.isIdentifier(el.name) ? el.name.text : null;
  if (!key || !ts.isPropertyAccessExpression(holder) || holder.name.text !== 'env') return null;
  const root = holder.expression;
  return ts.isMetaProperty(root) || (ts.isIdentifier(root) && (root.text === 'process' || root.text === 'Bun') && !scope.resolve(root)) ? key : null;
}

/** The string a fallback gives (empty included), through a local const. */
function literalOf(e: ts.Expression, scope: Parameters<typeof constInitializer>[1]): { text: string; node: ts.Node } | null {
  e = strip(e);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    return init ? literalOf(init, scope) : null;
  }
  return ts.isStringLiteralLike(e) ? { text: e.text, node: e } : null;
}

/** The variables a default's left side reads: `process.env.A ?? process.env.B ?? ''` reads A and B. */
function envNames(e: ts.Expression, scope: Parameters<typeof envName>[1]): string[] {
  e = strip(e);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
    return [...envNames(e.left, scope), ...envNames(e.right, scope)];
  }
  const name = envName(e, scope);
  return name ? [name] : [];
}

/**
 * Whether a value is the signing key of a JWT module registration (knowledge INJECTED_JWT_SIGNERS:
 * `JwtModule.register({ secret: v })`, or the object `registerAsync`'s factory returns): whatever the
 * variable is called, it is the secret the tokens are signed with.
 */
function jwtModuleKey(v: ts.Expression, scope: Scope): boolean {
  const prop = v.parent;
  if (!ts.isPropertyAssignment(prop) || prop.initializer !== v || !(ts.isIdentifier(prop.name) || ts.isStringLiteralLike(prop.name))) return false;
  const key = prop.name.text;
  let obj: ts.Node = prop.parent;
  if (!ts.isObjectLiteralExpression(obj)) return false;
  // `useFactory: (config) => ({ secret })` / `useFactory: () => { return { secret }; }`: the factory's options object.
  let outer: ts.Node = obj.parent;
  while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
  if (ts.isReturnStatement(outer)) outer = ts.findAncestor(outer, ts.isFunctionLike) ?? outer;
  let factoryKey: string | null = null;
  if (ts.isArrowFunction(outer) || ts.isFunctionExpression(outer)) {
    const fp = outer.parent;
    if (!ts.isPropertyAssignment(fp) || !(ts.isIdentifier(fp.name) || ts.isStringLiteralLike(fp.name)) || !ts.isObjectLiteralExpression(fp.parent)) return false;
    factoryKey = fp.name.text;
    obj = fp.parent;
  }
  const call = obj.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== obj || !ts.isPropertyAccessExpression(call.expression) || !ts.isIdentifier(call.expression.expression)) return false;
  const b = scope.resolve(call.expression.expression);
  const signer = b?.kind === 'import' ? jwtRegistrationOf(b.from, b.imported) : null;
  if (!signer || !signer.keyOptions.includes(key)) return false;
  const method = call.expression.name.text;
  return factoryKey === null ? signer.registration.methods.includes(method) : signer.registration.asyncMethods.includes(method) && factoryKey === signer.registration.factoryKey;
}

/** Whether a value is written as the option of a signing sink (knowledge SECRET_SINKS) in the call's own options object. */
function atSigningOption(v: ts.Expression, scope: Scope): boolean {
  let n: ts.Node = v;
  // `secret: { private: X }` is two objects deep; an options object deeper than that is not the call's.
  for (let depth = 0; depth < 2 && ts.isPropertyAssignment(n.parent) && ts.isObjectLiteralExpression(n.parent.parent); depth++) {
    n = n.parent.parent;
    const call = n.parent;
    if (ts.isCallExpression(call) && call.arguments.includes(n as ts.Expression)) {
      return sinkCallValues(call, scope).some(({ sink, value }) => sink.kind === 'signing' && sink.option !== undefined && value === v);
    }
  }
  return false;
}

export default defineSourceRule({
  id: 'security/fallback-secret',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'A secret falls back to a value written in the code',
    rationale: 'When the variable is unset the service runs with a secret anyone who reads the code knows: tokens can be forged, data decrypted. It fails open instead of refusing to start.',
    remediation: { text: 'Read the secret without a default and refuse to start when it is missing (validate the environment at startup, e.g. with zod or envalid).', effort: 'low' },
    messages: {
      fallback: '{{name}} falls back to a literal in the code when the variable is unset ({{operator}} {{value}})',
      emptyFallback: '{{name}} falls back to an empty string when the variable is unset ({{operator}} \'\'): a missing secret is found at the first call that needs it, not at startup',
    },
  },
  triggers: ['env', 'ConfigService'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    return {
      // `const { JWT_SECRET = 'dev-secret' } = process.env`: the default is the fallback.
      BindingElement(node) {
        const el = node as ts.BindingElement;
        const name = el.initializer ? destructuredEnv(el, ctx.scope) : null;
        if (!name || !isSecretName(name)) return;
        const lit = literalOf(el.initializer!, ctx.scope);
        if (!lit) return;
        if (lit.text.trim() === '') {
          ctx.report({ node: el, messageId: 'emptyFallback', severity: 'medium', data: { name, operator: '=' } });
          return;
        }
        ctx.report({ node: el, messageId: 'fallback', data: { name, operator: '=', value: `"${lit.text.slice(0, 4)}…" (${lit.text.length} chars)` }, secret: lit.text });
      },
      // Nest `config.get('JWT_SECRET', 'dev')`: the reader's default argument (knowledge ENV_CONFIG_READERS
      // defaultArg) is what the service runs with when the variable is unset, the same fallback as `||`.
      CallExpression(node) {
        const c = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(c.expression) || !c.arguments[0] || !ts.isStringLiteralLike(c.arguments[0])) return;
        const cls = receiverClass(c.expression.expression, ctx.scope);
        const idx = cls ? configDefaultArg(cls.from, cls.imported, c.expression.name.text) : null;
        const dflt = idx === null ? undefined : c.arguments[idx];
        if (!dflt) return;
        const name = c.arguments[0].text;
        if (!isSecretName(name) && !jwtModuleKey(c, ctx.scope)) return;
        const lit = literalOf(dflt, ctx.scope);
        if (!lit) return;
        const operator = `${c.expression.name.text}(k, d)`;
        if (lit.text.trim() === '') {
          ctx.report({ node: c, messageId: 'emptyFallback', severity: 'medium', data: { name, operator } });
          return;
        }
        ctx.report({ node: c, messageId: 'fallback', data: { name, operator, value: `"${lit.text.slice(0, 4)}…" (${lit.text.length} chars)` }, secret: lit.text });
      },
      BinaryExpression(node) {
        const b = node as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return;
        // The outermost default of a chain speaks for it: `A ?? B ?? ''` is one finding, at its line.
        if (ts.isBinaryExpression(b.parent) && b.parent.left === b && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(b.parent.operatorToken.kind)) return;
        const name = envNames(b.left, ctx.scope).find(isSecretName) ?? (jwtModuleKey(b, ctx.scope) ? envNames(b.left, ctx.scope)[0] : undefined);
        if (!name) return;
        const lit = literalOf(b.right, ctx.scope);
        if (!lit) return;
        const operator = op === ts.SyntaxKind.BarBarToken ? '||' : '??';
        // Not open but late: the service starts and the first payment, signature or query fails (medium).
        if (lit.text.trim() === '') {
          ctx.report({ node: b, messageId: 'emptyFallback', severity: 'medium', data: { name, operator } });
          return;
        }
        // Passed straight into a call (jwt.sign(p, process.env.S || 'x')), or as the option of a library that
        // signs with it (`session({ secret: process.env.S || 'x' })`): security/hardcoded-jwt-secret judges it there.
        if (ts.isCallExpression(b.parent) && b.parent.arguments.includes(b)) return;
        if (atSigningOption(b, ctx.scope)) return;
        ctx.report({
          node: b,
          messageId: 'fallback',
          data: { name, operator, value: `"${lit.text.slice(0, 4)}…" (${lit.text.length} chars)` },
          secret: lit.text,
        });
      },
    };
  },
});
