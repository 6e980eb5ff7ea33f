import ts from 'typescript';
import type { VisitorHost } from '../../collect/host.js';
import type { Scope } from '../../collect/scope.js';
import { TriggerIndex } from '../../collect/triggers.js';
import { isUnboundedNumeric, pageSizeChain, pageSizeChainMethods, pageSizeMethods, pageSizeOptions, sourceWords } from '../../knowledge/index.js';
import { isSqlStatement } from '../../util/sql.js';
import { defineSourceRule, type RuleFinding } from '../api.js';
import { constInitializer } from '../shared/ast.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { readsRequest, Tracer } from '../shared/taint.js';
import { comparedIn, enclosingFunctions, hasRouteSchema, pathNames } from '../shared/request-bounds.js';
import { callableRoots, callSiteOf, declIdOf, PENDING, qualify, reviewAcrossFiles, type Root } from '../shared/callers.js';

const lineOf = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
const RELATIONAL = new Set([ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken]);
const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/**
 * Where a path from the request stops: at any call but the numeric conversions that leave a value
 * unbounded (knowledge/page-sizes) and the request's own readers (`c.req.query('limit')`). `Math.min`,
 * a clamp helper, a schema's `parse` all end it: what they return is theirs to bound, and verdict does
 * not claim it is not.
 */
function endsPath(call: ts.CallExpression): boolean {
  if (readsRequest(call.expression)) return false;
  return !isUnboundedNumeric(call.expression.getText().replace(/\s+/g, ''));
}

/**
 * A value bounded where it stands: a constant; a conditional that compares (`n > 100 ? 100 : n`); what a
 * validator middleware checked (`c.req.valid('query')`); a field of a decorated handler parameter typed
 * with a class (a NestJS DTO: its validation decorators, `@Max()` among them, run in the pipe).
 */
function bounded(e: ts.Expression, scope: Scope): boolean {
  e = unwrap(e);
  // Not isConstantExpr: it counts `parseInt(x)` as fixed (no SQL text), which is what is asked here.
  if (ts.isNumericLiteral(e) || ts.isStringLiteralLike(e)) return true;
  if (ts.isConditionalExpression(e)) {
    const c = unwrap(e.condition);
    if (ts.isBinaryExpression(c) && RELATIONAL.has(c.operatorToken.kind)) return true;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'valid' && readsRequest(e.expression)) return true;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e, scope);
    if (init && (ts.isNumericLiteral(unwrap(init)) || ts.isStringLiteralLike(unwrap(init)))) return true;
  }
  let root: ts.Expression = e;
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
  if (root !== e && ts.isIdentifier(root)) {
    const b = scope.resolve(root);
    if (b?.kind === 'parameter') {
      const decorated = (ts.canHaveDecorators(b.decl) ? ts.getDecorators(b.decl) ?? [] : []).length > 0;
      const t = b.decl.type;
      if (decorated && t && ts.isTypeReferenceNode(t) && !['Record', 'Partial', 'any'].includes(t.typeName.getText())) return true;
    }
  }
  return false;
}

const CHAIN_METHODS = pageSizeChainMethods();

/** The page-size expression a call takes, and what takes it (`findMany({ take })`, `.limit()`), or null. */
function pageSizeOf(call: ts.CallExpression, scope: Scope): { value: ts.Expression; via: string } | null {
  if (!ts.isPropertyAccessExpression(call.expression)) return null;
  const method = call.expression.name.text;
  const options = pageSizeOptions(method);
  if (options.length > 0) {
    for (const arg of call.arguments) {
      if (!ts.isObjectLiteralExpression(arg)) continue;
      for (const p of arg.properties) {
        const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
        if (!name || !options.includes(name)) continue;
        if (ts.isPropertyAssignment(p)) return { value: p.initializer, via: `${method}({ ${name} })` };
        if (ts.isShorthandPropertyAssignment(p)) return { value: p.name, via: `${method}({ ${name} })` };
      }
    }
  }
  const first = call.arguments[0];
  // Most calls are of no paging method: their receiver chain is not walked (nor their file's scopes bound for it).
  if (!first || call.arguments.length !== 1 || !CHAIN_METHODS.has(method)) return null;
  // The calls the query was begun and built with, along the receiver chain.
  // A receiver held in a variable (`const qb = repo.createQueryBuilder('a'); ... qb.limit(n)`) is read
  // through its initializer and every later assignment.
  const started = new Set<string>();
  const walk = (from: ts.Expression, depth: number): void => {
    let e = from;
    for (; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e); e = e.expression) {
      if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) started.add(e.expression.name.text);
    }
    if (!ts.isIdentifier(e) || depth > 2) return;
    const b = scope.resolve(e);
    if (b?.kind !== 'variable') return;
    for (const v of [b.initializer, ...scope.writes(b.decl)]) if (v) walk(v, depth + 1);
  };
  walk(call.expression.expression, 0);
  const libraries = pageSizeChain(method, started);
  return libraries.length > 0 ? { value: first, via: `.${method}() of a ${libraries.join(' / ')} query` } : null;
}

/** `LIMIT ${n}` in SQL text: the interpolated value that follows the keyword. */
function sqlLimits(t: ts.TemplateExpression): ts.Expression[] {
  if (!isSqlStatement(t.head.text)) return [];
  const out: ts.Expression[] = [];
  let before = t.head.text;
  for (const span of t.templateSpans) {
    if (/\blimit\s*$/i.test(before)) out.push(span.expression);
    before = span.literal.text;
  }
  return out;
}

/** The source words (knowledge/requests.ts) as one automaton, built on first use. */
const SOURCE_HOSTS: VisitorHost[] = [{ id: 'source', triggers: sourceWords() }];
let sourceIndex: TriggerIndex | null = null;

export default defineSourceRule({
  id: 'database/unbounded-page-size',
  meta: {
    category: 'database',
    severity: 'medium',
    title: 'Page size taken from the request with no upper bound',
    rationale: 'A list query whose row count the caller chooses (`?limit=1000000`) reads and serialises as much of the table as asked: one request can exhaust the database, the process\'s memory and the response, and scrape every row.',
    remediation: { text: 'Cap the value before the query (`Math.min(Number(limit) || 20, 100)`) or in the validation schema (`z.coerce.number().max(100)`, Joi `.max(100)`, class-validator `@Max(100)`, a JSON schema `maximum`).', effort: 'low' },
    messages: {
      fromRequest: '{{via}} takes a page size from request input with no upper bound: {{flow}}',
      publicRoute: '{{via}} takes a page size from request input with no upper bound, on {{route}}, which no guard protects: {{flow}}',
    },
  },
  // Sinks by their method's word; the calls recorded for the callers of other files' functions need an import.
  triggers: [...pageSizeMethods(), 'LIMIT', 'limit', 'import', 'require('],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'script' && f.role !== 'config',
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const fixed = (x: ts.Expression) => bounded(x, ctx.scope);
    const judge = (node: ts.Node, value: ts.Expression, via: string): void => {
      if (bounded(value, ctx.scope)) return;
      const origin = new Tracer(ctx.scope, fixed, endsPath).originOf(value);
      const fns = enclosingFunctions(node);
      const sink = `${via} (line ${ctx.lineOf(node)})`;
      if (origin.kind === 'caller' && origin.at) {
        // A parameter of a function other files call (a service's `findAll(query)` a controller hands
        // its query to): the review follows the callers through the link and keeps the finding only
        // where request input reaches it.
        const fn = declIdOf(origin.at.fn);
        if (fn === null || comparedIn(fns, pathNames(origin.path))) return;
        const pending = { targets: [{ fn, index: origin.at.index, steps: qualify([...origin.path, sink], ctx.file.path) }], rest: null };
        ctx.report({ node, messageId: 'fromRequest', data: { via, flow: '', fnLines: '', route: '', [PENDING]: JSON.stringify(pending) } });
        return;
      }
      if (origin.kind !== 'request') return;
      if (hasRouteSchema(fns) || comparedIn(fns, pathNames(origin.path))) return;
      const flow = [...origin.path, sink].join(' → ');
      ctx.report({ node, messageId: 'fromRequest', data: { via, flow, fnLines: fns.map(lineOf).join(','), route: '' } });
    };
    // Calls to the repository's own functions, with where each argument comes from: what the review of
    // another file's finding reads to follow a parameter to its callers (rules/shared/callers.ts).
    let roots: Map<string, Root> | null = null;
    let at: ts.CallExpression | null = null;
    // Whether the file reads a request or command-line source at all: one scan of its text, made the
    // first time a recorded call asks (each source word's own `includes` over every file cost 0.9% of a cold run).
    let hasSource: boolean | null = null;
    const place = {
      path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression),
      ownCalls: () => true,
      sourceless: () => !(hasSource ??= (sourceIndex ??= new TriggerIndex(SOURCE_HOSTS)).match(ctx.text, SOURCE_HOSTS).length > 0),
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        place.roots = roots ??= callableRoots(ctx.sourceFile);
        at = call;
        const site = callSiteOf(call, place, ctx.scope, fixed);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        const size = pageSizeOf(call, ctx.scope);
        if (size) judge(call, size.value, size.via);
      },
      TemplateExpression(node) {
        for (const value of sqlLimits(node as ts.TemplateExpression)) judge(value, value, 'SQL LIMIT');
      },
    };
  },
  // On a route no guard protects, anyone can ask for the whole table: high.
  review(finding: RuleFinding, layout, ctx): RuleFinding | null {
    let routeFile = finding.path;
    let lines = new Set(String(finding.data?.fnLines ?? '').split(',').filter(Boolean).map(Number));
    if (typeof finding.data?.[PENDING] === 'string') {
      // Kept only where request input reaches the parameter through its callers; the route is the
      // handler the path starts in (`@Query() parameter query (src/a.controller.ts:25)`).
      const reviewed = reviewAcrossFiles(finding, layout, ctx);
      if (!reviewed || !String(reviewed.data?.origin ?? '').startsWith('; request input reaches it')) return null;
      const note = reviewed.evidence.find((e) => e.kind === 'note' && e.text.startsWith('source → sink: '));
      const flow = note && note.kind === 'note' ? note.text.slice('source → sink: '.length) : '';
      const { origin: _origin, ...data } = reviewed.data!;
      finding = { ...reviewed, severity: undefined, data: { ...data, flow } };
      const first = /\(([^()]+):(\d+)\)/.exec(flow.split(' → ')[0] ?? '');
      if (!first) return finding;
      routeFile = first[1];
      const line = Number(first[2]);
      lines = new Set([line, line - 1, line - 2, line - 3]);
    }
    if (lines.size === 0 || !routeFile) return finding;
    const route = ctx.link.routes.routes.find((r) => r.file === routeFile && !r.unresolved && (lines.has(r.line) || (r.handlerLine !== undefined && lines.has(r.handlerLine))));
    if (!route || route.auth) return finding;
    const where = `${route.method} ${route.path} (${route.file}:${route.line})`;
    return {
      ...finding, severity: 'high', messageId: 'publicRoute', data: { ...finding.data, route: where },
    };
  },
});
