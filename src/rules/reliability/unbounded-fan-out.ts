import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isFanOut, LENGTH_KEEPING_METHODS } from '../../knowledge/index.js';
import { defineSourceRule } from '../api.js';
import { constInitializer } from '../shared/ast.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { comparedIn, enclosingFunctions, hasRouteSchema, pathNames, validatedInput } from '../shared/request-bounds.js';
import { readsRequest, Tracer } from '../shared/taint.js';

const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};
const SPREADERS = new Set(['map', 'flatMap']);
/** Globals that copy an array or an object's entries as they are (`Array.from(ids)`, `Object.values(body)`). */
const COPIES = new Set(['Array.from', 'Object.values', 'Object.keys', 'Object.entries']);

/**
 * Where a path from the request stops: at any call but those that keep the array as long as it came
 * (knowledge LENGTH_KEEPING_METHODS: `map`, `filter`; `Array.from`) and the request's own readers. A
 * `slice`, a schema's `parse`, a helper: what they return is theirs to bound.
 */
function endsPath(call: ts.CallExpression): boolean {
  if (readsRequest(call.expression)) return false;
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && LENGTH_KEEPING_METHODS.includes(callee.name.text)) return false;
  return !COPIES.has(callee.getText().replace(/\s+/g, ''));
}

/** The array and the per-element function of `Promise.all(arr.map(fn))`, through a `const` holding the mapped array. */
function mappedArray(arg: ts.Expression, scope: Scope): { array: ts.Expression; fn: ts.Expression } | null {
  let e = unwrap(arg);
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    if (!init) return null;
    e = unwrap(init);
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !SPREADERS.has(e.expression.name.text)) return null;
  const fn = e.arguments[0];
  return fn ? { array: e.expression.expression, fn } : null;
}

/** The first call the per-element function makes (`prisma.item.delete`), as the message names the work. */
function firstCall(fn: ts.Expression): string | null {
  let found: string | null = null;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) found = n.expression.getText().replace(/\s+/g, '').slice(0, 60);
    else ts.forEachChild(n, visit);
  };
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) visit(fn.body);
  else found = fn.getText().slice(0, 60);
  return found;
}

export default defineSourceRule({
  id: 'reliability/unbounded-fan-out',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'One concurrent call per element of an array the request sizes',
    rationale: '`Promise.all(req.body.ids.map((id) => db.item.update(...)))` starts as many queries or outbound requests at once as the caller sends ids: one request with 100,000 of them exhausts the connection pool, the upstream\'s rate limit and the process\'s memory, and holds every other request up behind it.',
    remediation: {
      text: 'Bound the array in its schema (`z.array(z.string()).max(100)`, class-validator `@ArrayMaxSize(100)`, a JSON schema `maxItems`) or refuse longer ones (`if (ids.length > 100) return res.status(400)...`); for large batches use one query (`deleteMany({ where: { id: { in: ids } } })`) or limit concurrency (p-limit, p-map `{ concurrency }`).',
      effort: 'low',
    },
    messages: {
      fanOut: '{{combinator}} runs {{work}} once per element of an array the request sizes, all at once and with no bound on its length: {{flow}}',
    },
  },
  triggers: ['Promise.all'],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const fixed = (e: ts.Expression) => ts.isArrayLiteralExpression(unwrap(e)) || ts.isStringLiteralLike(unwrap(e));
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || !isFanOut(`${callee.expression.text}.${callee.name.text}`)) return;
        // `Promise` the runtime's, not a library's or a local of that name.
        if (ctx.scope.resolve(callee.expression)) return;
        const arg = call.arguments[0];
        const mapped = arg ? mappedArray(arg, ctx.scope) : null;
        if (!mapped) return;
        const origin = new Tracer(ctx.scope, fixed, endsPath, undefined, validatedInput).originOf(mapped.array);
        if (origin.kind !== 'request') return;
        const fns = enclosingFunctions(call);
        const names = pathNames(origin.path);
        for (const n of [...names]) names.add(`${n}.length`);
        names.add(`${mapped.array.getText().replace(/\s+/g, '')}.length`);
        if (hasRouteSchema(fns) || comparedIn(fns, names)) return;
        const work = firstCall(mapped.fn);
        if (!work) return;
        const flow = [...origin.path, `${callee.getText()}(… .map) (line ${ctx.lineOf(call)})`].join(' → ');
        ctx.report({ node: call, messageId: 'fanOut', data: { combinator: `${callee.expression.text}.${callee.name.text}`, work: `\`${work}\``, flow } });
      },
    };
  },
});
