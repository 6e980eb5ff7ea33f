import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { jwtSignerOf, type JwtSigner } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { valueOf } from '../shared/ast.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The object literal an argument is (directly or through one local const), or null when it cannot be read. */
function literalObject(arg: ts.Expression | undefined, scope: Scope): ts.ObjectLiteralExpression | null {
  if (!arg) return null;
  const e = strip(arg);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const init = valueOf(e, scope);
    if (init && ts.isObjectLiteralExpression(strip(init))) return strip(init) as ts.ObjectLiteralExpression;
  }
  return null;
}

/**
 * Whether a read object literal names none of `keys`. A spread or a computed key could bring one in:
 * such an object is not read as lacking it (null).
 */
function lacks(obj: ts.ObjectLiteralExpression, keys: readonly string[]): boolean | null {
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) return null;
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
    if (p.name && !name) return null;
    if (name && keys.includes(name)) return false;
  }
  return true;
}

export default defineSourceRule({
  id: 'security/jwt-no-expiry',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'JWT signed without an expiry',
    rationale: 'A token with no `exp` claim is accepted forever. One that leaks (a log line, browser storage, a lost laptop) opens the account until the signing key is rotated, and rotating it signs every user out.',
    remediation: {
      text: 'Give every token a lifetime: `jwt.sign(payload, key, { expiresIn: \'15m\' })`, `exp` in the payload for hono/jwt, `.setExpirationTime(\'15m\')` with jose; refresh with a separate, revocable refresh token.',
      effort: 'low',
    },
    messages: {
      noExpiry: '{{what}} signs a token with no expiry: no `{{option}}` option and no `exp` in the payload, so the token is valid forever',
      noExpiryChain: 'jose SignJWT signs a token with no expiry: the chain never calls `setExpirationTime()` and the payload has no `exp`',
    },
  },
  triggers: ['jsonwebtoken', 'hono/jwt', '@tsndr/cloudflare-worker-jwt', 'jose'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    /** The signer an identifier (or `ns.member`) refers to, through its import. */
    const signerOf = (callee: ts.Expression): JwtSigner | null => {
      let id: ts.Expression = callee;
      let member: string | undefined;
      if (ts.isPropertyAccessExpression(id)) {
        member = id.name.text;
        id = id.expression;
        if (ts.isPropertyAccessExpression(id) && id.name.text === 'default') id = id.expression;
      }
      if (!ts.isIdentifier(id)) return null;
      const b = ctx.scope.resolve(id);
      const imp = b && (b.kind === 'import' ? b : requireOf(b));
      if (!imp) return null;
      const name = imp.imported;
      if (member && name !== '*' && name !== 'default') return null;
      return jwtSignerOf(imp.from, name, member);
    };
    /** The payload lacks `exp` (true), has it (false), or cannot be read (null). */
    const payloadLacksExp = (arg: ts.Expression | undefined): boolean | null => {
      const obj = literalObject(arg, ctx.scope);
      return obj ? lacks(obj, ['exp']) : null;
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const s = signerOf(call.expression);
        if (!s || s.how !== 'call') return;
        if (payloadLacksExp(call.arguments[s.payloadArg]) !== true) return;
        if (s.optionsArg !== null) {
          const opt = call.arguments[s.optionsArg];
          // A callback in the options' place (`sign(p, k, cb)`) means no options.
          if (opt && !ts.isFunctionLike(strip(opt))) {
            const obj = literalObject(opt, ctx.scope);
            if (!obj || lacks(obj, s.expiryOptions) !== true) return;
          }
        }
        const what = `${s.module} ${s.export}()`;
        ctx.report({ node: call, messageId: 'noExpiry', data: { what, option: s.expiryOptions[0] ?? 'exp' } });
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        const s = signerOf(n.expression);
        if (!s || s.how !== 'chain' || !s.expiryMethod) return;
        if (payloadLacksExp(n.arguments?.[s.payloadArg]) !== true) return;
        // Walk the chain the new object starts: `new SignJWT(p).a().b().sign(k)`.
        let cur: ts.Node = n;
        let signed = false;
        while (ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur && ts.isCallExpression(cur.parent.parent)) {
          const method = cur.parent.name.text;
          if (method === s.expiryMethod) return;
          if (method === 'sign') signed = true;
          cur = cur.parent.parent;
        }
        // Stored in a variable and finished elsewhere: not read.
        if (!signed) return;
        ctx.report({ node: n, messageId: 'noExpiryChain', data: {} });
      },
    };
  },
});
