import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { declIdOf } from '../shared/callers.js';
import { keyOf } from '../../link/index.js';

/** Error messages that say "this was never written". */
const STUB = /\bnot\s+(yet\s+)?implemented\b|\bunimplemented\b|^\s*(todo|stub|fixme)\b/i;
/** Messages that lead with it; anywhere in a function these are stubs. */
const LEADING = /^\s*((method|function|endpoint|route)\s+)?(is\s+)?(not\s+(yet\s+)?implemented|unimplemented|todo|stub|fixme)\b/i;
/** Abstract-method guards: the base class expects an override. */
const ABSTRACT = /subclass|override|must implement|abstract/i;
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'route', 'on', 'options', 'head', 'handle']);
const RESPONSE_CALLS = new Set(['json', 'text', 'send', 'html', 'body']);

type Fn = ts.FunctionLikeDeclaration;

/** The finding's data key holding the stub's declaration id, read and removed by the review. */
const DECL = 'decl';

/** A helper whose name says it throws (`notImplemented()`, `throwUnsupported()`): its callers may be stubs, it is none. */
const THROWER_NAME = /^(throw|raise|fail)?_?(not_?(yet_?)?implemented|unimplemented|not_?supported|unsupported)$/i;

function nameOf(fn: Fn): string | null {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) && ts.isIdentifier(p.name)) return p.name.text;
  return null;
}

function enclosingFunction(n: ts.Node): Fn | null {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && 'body' in p) return p as Fn;
  return null;
}

const modifiers = (n: ts.Node) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) ?? [] : []);
const exported = (n: ts.Node) => modifiers(n).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Why a function is reachable from outside its file (exported, a route handler, a worker handler), or null. */
function reachable(fn: Fn): string | null {
  if (ts.isFunctionDeclaration(fn)) return exported(fn) ? 'exported function' : null;
  const p = fn.parent;
  if (ts.isMethodDeclaration(fn) && ts.isClassLike(p)) {
    if (modifiers(fn).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword) || ts.isPrivateIdentifier(fn.name)) return null;
    return exported(p) || ts.isExportAssignment(p.parent) ? 'method of an exported class' : null;
  }
  if (ts.isVariableDeclaration(p)) return exported(p.parent.parent) ? 'exported function' : null;
  if (ts.isCallExpression(p) && p.arguments.includes(fn as ts.Expression)) {
    const callee = p.expression;
    if (ts.isPropertyAccessExpression(callee) && ROUTE_METHODS.has(callee.name.text)) return `route handler (.${callee.name.text})`;
  }
  if (ts.isBinaryExpression(p) && /^(module\.)?exports\b/.test(p.left.getText())) return 'exported function';
  const obj = ts.isMethodDeclaration(fn) ? p : ts.isPropertyAssignment(p) ? p.parent : null;
  if (obj && ts.isObjectLiteralExpression(obj)) {
    const holder = obj.parent;
    if (ts.isExportAssignment(holder)) return 'handler of the default export';
    if (ts.isVariableDeclaration(holder) && exported(holder.parent.parent)) return 'member of an exported object';
  }
  return null;
}

/** The whole body is this statement (ignoring `void arg;` lines). */
function isWholeBody(fn: Fn, stmt: ts.Statement): boolean {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return false;
  const rest = body.statements.filter((s) => !(ts.isExpressionStatement(s) && ts.isVoidExpression(s.expression)));
  return rest.length === 1 && rest[0] === stmt;
}

function errorMessage(e: ts.Expression): { cls: string; text: string | null } | null {
  if (!ts.isNewExpression(e) && !ts.isCallExpression(e)) return null;
  const cls = e.expression.getText();
  if (!/Error$|^Error$/.test(cls)) return null;
  const a = e.arguments?.[0];
  return { cls, text: a && ts.isStringLiteralLike(a) ? a.text : null };
}

export default defineSourceRule({
  id: 'completeness/stub',
  meta: {
    category: 'completeness',
    severity: 'medium',
    title: '"Not implemented" stubs in service code',
    rationale: 'A stub compiles, passes review as "done" and fails at runtime for the first user who reaches it.',
    remediation: { text: 'Implement the function, or remove it and the route or export that reaches it; track the work in an issue, not in shipped code.', effort: 'medium' },
    messages: {
      throws: 'stub: throws {{stub}}',
      throwsReachable: 'stub: throws {{stub}}; reachable as {{reachable}}',
      responds: 'stub: responds {{stub}}',
      respondsReachable: 'stub: responds {{stub}}; reachable as {{reachable}}',
      throwsUnreached: 'stub: throws {{stub}}; {{reachable}}, but no production entry reaches it ({{reach}})',
      respondsUnreached: 'stub: responds {{stub}}; {{reachable}}, but no production entry reaches it ({{reach}})',
    },
  },
  /**
   * Exported, a method of an exported class, a handler: reachable by its shape. The link says whether
   * anything does reach it: a stub no production entry reaches fails nobody yet (low, with the callers
   * found); one it reaches, or one the link cannot place, stays high.
   */
  review(finding, _layout, ctx) {
    const decl = finding.data?.[DECL];
    if (typeof decl !== 'string' || finding.path === null) return finding;
    const { [DECL]: _, ...data } = finding.data!;
    const reach = ctx.link.reach(keyOf(finding.path, decl));
    if (reach !== 'none' && reach !== 'tests') return { ...finding, data };
    const messageId = finding.messageId === 'respondsReachable' ? 'respondsUnreached' : 'throwsUnreached';
    const callers = reach === 'tests' ? 'called from tests only' : '0 callers from production entries';
    return { ...finding, messageId, severity: 'low', data: { ...data, reach: callers } };
  },
  triggers: ['mplemented', 'TODO', 'todo', 'stub', 'Stub', 'FIXME'],
  appliesTo: (f) => f.role === 'service',
  create(ctx) {
    const report = (node: ts.Node, [id, idReachable]: readonly [string, string], stub: string, fn: Fn | null) => {
      const why = fn ? reachable(fn) : null;
      // The declaration, for the review to ask the link whether a production entry reaches it.
      const decl = why && fn ? declIdOf(fn) : null;
      ctx.report({
        node,
        messageId: why ? idReachable : id,
        data: { stub, reachable: why ?? '', ...(decl ? { [DECL]: decl } : {}) },
        severity: why ? 'high' : 'medium',
      });
    };
    return {
      ThrowStatement(node) {
        const t = node as ts.ThrowStatement;
        const err = errorMessage(t.expression);
        if (!err) return;
        const fn = enclosingFunction(t);
        const byClass = /NotImplemented|Unimplemented/.test(err.cls);
        if (!byClass && (err.text === null || !STUB.test(err.text))) return;
        if (err.text && ABSTRACT.test(err.text)) return;
        if (fn && THROWER_NAME.test(nameOf(fn) ?? '')) return;
        // `@abstract` in the doc comment: the method exists to be overridden.
        if (fn && /@abstract\b/.test(ctx.text.slice(fn.pos, fn.getStart(ctx.sourceFile)))) return;
        if (fn && ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) {
          const cls = fn.parent;
          if (modifiers(cls).some((m) => m.kind === ts.SyntaxKind.AbstractKeyword) || /^(Abstract|Base)[A-Z]/.test(cls.name?.text ?? '')) return;
        }
        if (!byClass && !LEADING.test(err.text!) && !(fn && isWholeBody(fn, t))) return;
        report(t, ['throws', 'throwsReachable'], `${err.cls}(${err.text !== null ? JSON.stringify(err.text) : ''})`, fn);
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const e = c.expression;
        if (!ts.isPropertyAccessExpression(e) || !RESPONSE_CALLS.has(e.name.text)) return;
        const texts = c.arguments.flatMap((a) => ts.isStringLiteralLike(a) ? [a.text]
          : ts.isObjectLiteralExpression(a) ? a.properties.flatMap((p) => ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) ? [p.initializer.text] : []) : []);
        const hit = texts.find((t) => /^\s*(not (yet )?implemented|unimplemented)( yet)?[.!]?\s*$/i.test(t));
        if (hit) report(c, ['responds', 'respondsReachable'], JSON.stringify(hit), enclosingFunction(c));
      },
    };
  },
});
