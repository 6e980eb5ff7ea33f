import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { isShippedCode, looksMinified } from '../shared/names.js';

/** Response-writing methods of the handler objects of Express, Fastify, Hono and Koa (`res.json`, `reply.send`, `c.text`). */
const RESPONSE_METHODS = new Set(['json', 'send', 'text', 'html', 'end', 'write']);
/** The names frameworks give the response-side handler parameter: the last resort, and only for a parameter. */
const RESPONSE_PARAMS = new Set(['res', 'response', 'reply', 'c', 'ctx']);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

export default defineSourceRule({
  id: 'security/error-exposed',
  meta: {
    category: 'security',
    severity: 'low',
    title: 'Error text sent to the client',
    rationale: 'Exception messages and stacks name files, queries, tables, hosts and library versions; sent to the caller they map the service for an attacker, and database errors can echo data.',
    remediation: { text: 'Log the error with its stack on the server and answer with a generic message and a request id; send the message only for errors made to be shown (validation errors).', effort: 'low' },
    messages: {
      exposed: 'The caught error `{{error}}` is sent to the client in the response: its text (and stack) goes to whoever called',
      stack: 'An error stack is sent to the client in the response',
    },
  },
  triggers: ['catch'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    /** The caught error a value carries: the catch variable itself, its message, `${e}`, `String(e)`, `e.toString()`; or a stack. */
    const carried = (e: ts.Node, found: { error: string | null; stack: boolean }): void => {
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'stack') found.stack = true;
      if (ts.isIdentifier(e)) {
        const b = ctx.scope.resolve(e);
        if (b && ts.isVariableDeclaration(b.decl) && ts.isCatchClause(b.decl.parent)) {
          // `e.status`, `e.code`: a field chosen for the client, not the error's text.
          const p = e.parent;
          const field = p && ts.isPropertyAccessExpression(p) && p.expression === e ? p.name.text : null;
          if (field === null || field === 'message' || field === 'stack' || field === 'toString') found.error ??= e.text;
        }
      }
      ts.forEachChild(e, (c) => carried(c, found));
    };
    /** Whether a call writes a response: the global `Response`, or a response method on a handler parameter. */
    const writesResponse = (call: ts.CallExpression | ts.NewExpression): boolean => {
      const callee = unwrap(call.expression);
      if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && callee.text === 'Response' && !ctx.scope.resolve(callee);
      if (!ts.isPropertyAccessExpression(callee) || !RESPONSE_METHODS.has(callee.name.text)) return false;
      let root: ts.Expression = callee.expression;
      while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) root = root.expression.expression; // res.status(500).json(...)
      if (ts.isIdentifier(root) && root.text === 'Response' && !ctx.scope.resolve(root)) return callee.name.text === 'json';
      if (!ts.isIdentifier(root) || !RESPONSE_PARAMS.has(root.text)) return false;
      return ctx.scope.resolve(root)?.kind === 'parameter';
    };
    const check = (call: ts.CallExpression | ts.NewExpression, args: readonly ts.Expression[]) => {
      // Only inside a catch: an error handler's `err.stack` is usually sent under a development-only condition.
      if (!ts.findAncestor(call, ts.isCatchClause)) return;
      if (!writesResponse(call)) return;
      const found = { error: null as string | null, stack: false };
      for (const a of args.slice(0, 1)) carried(a, found);
      if (found.error) ctx.report({ node: call, messageId: 'exposed', data: { error: found.error } });
      else if (found.stack) ctx.report({ node: call, messageId: 'stack' });
    };
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        check(c, c.arguments);
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        check(n, n.arguments ?? []);
      },
    };
  },
});
