import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isDataCallMethod, isSubjectClaim, jwtFunctionOf } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { importedCallee } from '../shared/imported-call.js';
import { isShippedCode, looksMinified, readsRequestInput } from '../shared/names.js';

// Claims that say when a token expires or was issued: reading them decides a refresh, not who the caller is.
const TIMING_CLAIMS = new Set(['exp', 'iat', 'nbf', 'header']);

type Use = { how: 'returned' | 'assigned' | 'stored' | 'data'; text: string };

/** The expression an inner node is part of, through await, parentheses, casts and property reads. */
function climb(n: ts.Expression): { top: ts.Expression; fields: string[] } {
  const fields: string[] = [];
  let top = n;
  for (;;) {
    const p = top.parent;
    if (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p)) top = p;
    else if (ts.isPropertyAccessExpression(p) && p.expression === top) { fields.push(p.name.text); top = p; }
    else if (ts.isElementAccessExpression(p) && p.expression === top) { if (ts.isStringLiteralLike(p.argumentExpression)) fields.push(p.argumentExpression.text); top = p; }
    else return { top, fields };
  }
}

function enclosingFunction(n: ts.Node): ts.SignatureDeclaration | undefined {
  return ts.findAncestor(n.parent, (a) => ts.isFunctionLike(a) && !ts.isTypeNode(a)) as ts.SignatureDeclaration | undefined;
}

/**
 * How the value at `n` is used as an identity: returned, assigned to a property of something other
 * than a local (`req.user = payload`), stored on a context (`c.set('user', payload)`), or passed to a
 * database call (knowledge DATA_CALL_METHODS) as the subject it speaks for: the whole payload or a
 * subject claim (knowledge SUBJECT_CLAIMS: `sub`, `userId`), not `locale` or `theme`. A local alias
 * (`const id = payload.sub`) is followed, keeping whether it holds the subject. Null when it is none of these.
 */
function identityUse(n: ts.Expression, scope: Scope, sf: ts.SourceFile, depth: number, subject = true): Use | null {
  const { top, fields } = climb(n);
  if (fields.some((f) => TIMING_CLAIMS.has(f))) return null;
  const isSubject = fields.length > 0 ? isSubjectClaim(fields[fields.length - 1]) : subject;
  const p = top.parent;
  if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === top)) return { how: 'returned', text: top.getText(sf) };
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === top
    && (ts.isPropertyAccessExpression(p.left) || ts.isElementAccessExpression(p.left)) && p.left.expression.kind !== ts.SyntaxKind.ThisKeyword) {
    return { how: 'assigned', text: p.left.getText(sf) };
  }
  if (ts.isVariableDeclaration(p) && p.initializer === top) return depth < 2 ? usesOfDeclared(p.name, scope, sf, depth + 1, isSubject) : null;
  // An argument, directly or as a property of an object literal argument (`{ where: { id: payload.sub } }`).
  let arg: ts.Node = top;
  while (ts.isPropertyAssignment(arg.parent) || ts.isShorthandPropertyAssignment(arg.parent) || ts.isObjectLiteralExpression(arg.parent) || ts.isArrayLiteralExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  if (ts.isCallExpression(call) && call.arguments.includes(arg as ts.Expression) && ts.isPropertyAccessExpression(call.expression)) {
    const method = call.expression.name.text;
    if (method === 'set' && call.arguments.length === 2 && call.arguments[1] === arg) return { how: 'stored', text: call.getText(sf).slice(0, 80) };
    if (isSubject && isDataCallMethod(method)) return { how: 'data', text: call.expression.getText(sf) };
  }
  return null;
}

/** The first identity use of any name a declaration binds (`const payload = …`, `const { sub } = …`). */
function usesOfDeclared(name: ts.BindingName, scope: Scope, sf: ts.SourceFile, depth: number, subject: boolean): Use | null {
  const ids: Array<{ id: ts.Identifier; subject: boolean }> = [];
  const collect = (b: ts.BindingName, holds: boolean): void => {
    if (ts.isIdentifier(b)) ids.push({ id: b, subject: holds });
    else for (const el of b.elements) {
      if (ts.isOmittedExpression(el)) continue;
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
      // `{ payload }` of a decode that returns header and payload keeps the whole payload.
      if (!TIMING_CLAIMS.has(key)) collect(el.name, ts.isArrayBindingPattern(b) || key === 'payload' ? holds : isSubjectClaim(key));
    }
  };
  collect(name, subject);
  const fn = enclosingFunction(name) ?? sf;
  for (const { id, subject: holds } of ids) {
    const decl = id.parent as ts.Declaration;
    let found: Use | null = null;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n) && n !== id && scope.refersTo(n, decl)) {
        found = identityUse(n, scope, sf, depth, holds);
        if (found) return;
      }
      ts.forEachChild(n, visit);
    };
    visit(fn);
    if (found) return found;
  }
  return null;
}

/** The declaration a token expression names, when it is a plain variable; else its text. */
function tokenKey(e: ts.Expression, scope: Scope, sf: ts.SourceFile): ts.Declaration | string {
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b) return b.decl;
  }
  return e.getText(sf).replace(/\s+/g, '');
}

export default defineSourceRule({
  id: 'security/jwt-decoded-not-verified',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'JWT payload decoded without verifying the signature, then trusted as the caller',
    rationale: "A decode-only function (jsonwebtoken's `decode`, jose's `decodeJwt`, `jwt-decode`) base64-decodes the payload and checks nothing: anyone can write a token saying `sub: <any user>` and be served as that user.",
    remediation: {
      text: "Verify the token before trusting it: `jwt.verify(token, key, { algorithms: ['HS256'] })` (jsonwebtoken), `await jwtVerify(token, key)` (jose), `await verify(token, secret)` (hono/jwt); use the payload the verifying call returns.",
      effort: 'low',
    },
    messages: {
      trusted: '{{fn}}() reads the token without checking its signature, and its payload is {{how}} ({{use}}); nothing in this file verifies that token',
      verifiedElsewhere: '{{fn}}() reads the token without checking its signature, and its payload is {{how}} ({{use}}); this file verifies a token, but not visibly this one',
    },
  },
  triggers: ['jsonwebtoken', 'jose', 'jwt-decode', 'cloudflare-worker-jwt', 'hono/jwt', 'hono/utils/jwt'],
  appliesTo: isShippedCode,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const decodes: Array<{ call: ts.CallExpression; fn: string }> = [];
    const verifies: ts.CallExpression[] = [];
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const ref = importedCallee(call, ctx.scope);
        const hit = ref ? jwtFunctionOf(ref) : null;
        if (!hit || call.arguments.length === 0) return;
        if (hit.does === 'verify') verifies.push(call);
        else decodes.push({ call, fn: call.expression.getText(ctx.sourceFile) });
      },
      'file:end'() {
        const sf = ctx.sourceFile;
        for (const { call, fn } of decodes) {
          const token = call.arguments[0];
          // A token the request carries: anyone can write it. A token handed in as a parameter may be
          // one the caller read from the request; said as medium.
          const fromRequest = readsRequestInput(token, sf, ctx.scope);
          const b = ts.isIdentifier(token) ? ctx.scope.resolve(token) : null;
          const fromParameter = !fromRequest && b?.kind === 'parameter';
          if (!fromRequest && !fromParameter) continue;
          const use = identityUse(call, ctx.scope, sf, 0);
          if (!use) continue;
          const key = tokenKey(token, ctx.scope, sf);
          const own = enclosingFunction(call);
          // The same token verified anywhere in the file, or any verification in the same function: trusted.
          if (verifies.some((v) => tokenKey(v.arguments[0], ctx.scope, sf) === key || (own && enclosingFunction(v) === own))) continue;
          const how = { returned: 'returned', assigned: 'assigned', stored: 'stored on the context', data: 'passed to a data call' }[use.how];
          const unsure = verifies.length > 0 || fromParameter;
          ctx.report({
            node: call,
            messageId: verifies.length > 0 ? 'verifiedElsewhere' : 'trusted',
            severity: unsure ? 'medium' : 'critical',
            data: { fn, how, use: use.text.slice(0, 60) },
            evidence: fromParameter ? [{ kind: 'note', text: `the token is the parameter ${token.getText(sf)}: its callers were not followed to the request` }] : [],
          });
        }
      },
    };
  },
});
