import ts from 'typescript';
import { CONNECTION_LIFECYCLES, connectionLifecycleOf, returnsClient, type ConnectionLifecycle } from '../../knowledge/index.js';
import { defineSourceRule, type RuleFinding } from '../api.js';
import { declIdOf } from '../../collect/decl-id.js';
import type { Scope } from '../../collect/scope.js';
import { connectionOpenerAt } from '../shared/connections.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { perRequest, registeredAt, routeOf } from '../shared/per-request.js';

const PACKAGES = [...new Set(CONNECTION_LIFECYCLES.map((l) => l.package))];

type Use = 'open' | 'closed' | 'kept';

const wraps = (n: ts.Node): boolean => ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isAwaitExpression(n) || ts.isSatisfiesExpression(n);

/** The function a node runs in: null at a module's top level or in a class's field initializer (made once, with the module or the instance). */
function enclosingFunction(n: ts.Node): ts.SignatureDeclaration | null {
  for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isPropertyDeclaration(p) || ts.isClassStaticBlockDeclaration(p)) return null;
    if (ts.isFunctionLike(p)) return p;
  }
  return null;
}

/**
 * What becomes of a client made at `made` inside `fn`: closed there, kept beyond the call (a cache, a
 * field, a module variable, handed to another object or returned to the caller), or left open.
 */
function useOf(made: ts.Expression, fn: ts.SignatureDeclaration, life: ConnectionLifecycle, scope: Scope): Use {
  let top: ts.Node = made;
  for (;;) {
    const p = top.parent;
    if (wraps(p)) top = p;
    else if (ts.isPropertyAccessExpression(p) && p.expression === top && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      if (life.close.includes(p.name.text)) return 'closed';
      // Another method's result is not the client: the client itself is dropped.
      if (!returnsClient(p.name.text)) return 'open';
      top = p.parent;
    } else break;
  }
  const p = top.parent;
  if (ts.isExpressionStatement(p)) return 'open';
  if (ts.isVariableDeclaration(p) && p.initializer === top && ts.isIdentifier(p.name)) return localUse(p.name, p, fn, life, scope);
  if (ts.isBinaryExpression(p) && p.right === top && [ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken].includes(p.operatorToken.kind)) {
    if (!ts.isIdentifier(p.left)) return 'kept';
    const b = scope.resolve(p.left);
    const decl = b && 'decl' in b ? (b.decl as ts.Node) : null;
    // A variable of an outer scope (`if (!client) client = new Pool()`): a cache that outlives the call.
    if (!decl || !ts.isVariableDeclaration(decl) || enclosingFunction(decl) !== fn || !ts.isIdentifier(decl.name)) return 'kept';
    return localUse(decl.name, decl, fn, life, scope);
  }
  // Returned, handed to a call or an object, a fallback after `??`: whoever receives it owns it.
  return 'kept';
}

/** A client held in a variable of the function: closed by one of its close methods, kept when it leaves the function, else open. */
function localUse(name: ts.Identifier, decl: ts.VariableDeclaration, fn: ts.SignatureDeclaration, life: ConnectionLifecycle, scope: Scope): Use {
  let use: Use = 'open';
  const visit = (n: ts.Node): void => {
    if (use !== 'open') return;
    if (ts.isIdentifier(n) && n !== name && n.text === name.text && scope.refersTo(n, decl)) {
      let at: ts.Node = n;
      while (wraps(at.parent)) at = at.parent;
      const p = at.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === at) {
        if (life.close.includes(p.name.text)) use = 'closed';
      } else if (!(ts.isBinaryExpression(p) && p.left === at) && !ts.isIfStatement(p) && !ts.isPrefixUnaryExpression(p) && !ts.isTypeOfExpression(p)) {
        use = 'kept';
      }
    }
    ts.forEachChild(n, visit);
  };
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (body) visit(body);
  return use;
}

export default defineSourceRule({
  id: 'reliability/connection-per-request',
  meta: {
    category: 'reliability',
    severity: 'high',
    title: 'A database, cache or queue client is opened for each request and never closed',
    rationale: 'A client made inside a request handler, or a function each request calls, opens its own pool or connection every time. Nothing closes it, so each request holds one more connection until the database or Redis refuses new ones and the service stops answering.',
    remediation: {
      text: 'Create the client once, at module level or in the service\'s constructor (one `PrismaClient`, one `Pool`, one `Queue` per process), or cache it (`client ??= new Redis(url)`), and reuse it in handlers. A connection that must be per request is closed in a `finally` block (`await client.end()`).',
      effort: 'low',
    },
    messages: {
      perRequest: '{{client}} opens a new {{kind}} connection each time {{fn}} runs, which is on every request ({{path}}), and nothing there closes it ({{close}}): each request holds one more connection until the server refuses them.',
    },
  },
  triggers: PACKAGES.flatMap((p) => [`'${p}'`, `"${p}"`]),
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const judge = (made: ts.NewExpression | ts.CallExpression, how: 'new' | 'call'): void => {
      const opener = connectionOpenerAt(made.expression, how, ctx.scope);
      const life = opener ? connectionLifecycleOf(opener) : null;
      if (!life) return;
      const fn = enclosingFunction(made);
      if (!fn || ts.isConstructorDeclaration(fn)) return;
      if (useOf(made, fn, life, ctx.scope) !== 'open') return;
      const id = declIdOf(fn);
      const client = `${how === 'new' ? 'new ' : ''}${made.expression.getText(ctx.sourceFile)}()`;
      ctx.report({
        node: made, messageId: 'perRequest',
        data: { client, kind: life.kind, fn: id ? `${id}()` : 'the handler', path: '', close: life.close.map((m) => `.${m}()`).join(', '), decl: id ?? '', registered: JSON.stringify(registeredAt(fn, ctx.lineOf)) },
        ...(life.kind === 'database' ? {} : { severity: 'medium' as const }),
      });
    };
    return {
      NewExpression: (node) => judge(node as ts.NewExpression, 'new'),
      CallExpression: (node) => judge(node as ts.CallExpression, 'call'),
    };
  },
  review(finding: RuleFinding, _layout, ctx): RuleFinding | null {
    if (!finding.path) return null;
    const { decl, registered, ...data } = finding.data ?? {};
    const world = ctx.memo('per-request', () => perRequest(ctx.link));
    const path = routeOf(world, finding.path, registered, decl);
    if (!path) return null;
    return { ...finding, data: { ...data, path: [...path, `${data.client} (${finding.path}:${finding.line})`].join(' → ') } };
  },
});
