import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { requireOf } from '../../collect/scope.js';
import type { RepoLayout } from '../../discover/index.js';
import {
  NEST_RESPONSE_DECORATORS,
  DATA_CALL_METHODS, FILE_SYSTEM_MODULES, fileSinkOf, handlerFrameworkOf, HANDLER_RESPONSES, PATH_MODULES, pathFunctionOf,
  responseFileSinkOf, sourceWords, uploadNameWords, uploadPackages, type FileAccess, type PathFunction,
} from '../../knowledge/index.js';
import { defineSourceRule, type ReviewContext, type RuleFinding } from '../api.js';
import { convertsToNumber } from '../shared/ast.js';
import { bindingsOf } from '../shared/imports.js';
import { callableRoots, callSiteOf, declIdOf, PENDING, qualify, reviewAcrossFiles, type Pending, type Root, type TraceRules } from '../shared/callers.js';
import { exits, isFixed, strip } from '../shared/fixed-values.js';
import { isShippedCode, looksMinified } from '../shared/names.js';
import { JOB_DATA } from '../shared/queue-jobs.js';
import { charactersRemoved } from '../shared/regex-chars.js';
import { allowListSchema, Tracer, type Origin } from '../shared/taint.js';
import { BASE_NAME_ONLY, uploadNameRead } from '../shared/upload-names.js';

/** What a callee is an export (or a member of an export) of: `fs.promises.readFile` -> fs `promises#readFile`. */
function exportOf(callee: ts.Expression, scope: Scope): { from: string; name: string } | null {
  const imported = (id: ts.Identifier) => {
    const b = scope.resolve(id);
    return b?.kind === 'import' ? { from: b.from, imported: b.imported } : b ? requireOf(b) : null;
  };
  if (ts.isIdentifier(callee)) {
    const i = imported(callee);
    return i && i.imported !== '*' && i.imported !== 'default' ? { from: i.from, name: i.imported } : null;
  }
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const member = callee.name.text;
  const on = callee.expression;
  if (ts.isIdentifier(on)) {
    const i = imported(on);
    if (!i) return null;
    return { from: i.from, name: i.imported === '*' || i.imported === 'default' ? member : `${i.imported}#${member}` };
  }
  if (ts.isPropertyAccessExpression(on) && ts.isIdentifier(on.expression)) {
    const i = imported(on.expression);
    return i && (i.imported === '*' || i.imported === 'default') ? { from: i.from, name: `${on.name.text}#${member}` } : null;
  }
  return null;
}

function pathFunction(call: ts.CallExpression, scope: Scope): PathFunction | null {
  const e = exportOf(call.expression, scope);
  return e ? pathFunctionOf(e.from, e.name) : null;
}

/** `name.replace(/[^\w.-]/g, '_')`: a global replace whose pattern removes every `/` and `\` and whose replacement adds none. */
function stripsSeparators(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression) || call.arguments.length !== 2) return false;
  const method = call.expression.name.text;
  const [pattern, by] = call.arguments;
  if ((method !== 'replace' && method !== 'replaceAll') || !ts.isRegularExpressionLiteral(pattern) || !ts.isStringLiteralLike(by)) return false;
  const text = pattern.text;
  const slash = text.lastIndexOf('/');
  if (!text.slice(slash + 1).includes('g') || /[/\\]/.test(by.text)) return false;
  return charactersRemoved(text.slice(1, slash), ['/', '\\']).length === 2;
}

const STORE_READS = new Set<string>([...DATA_CALL_METHODS.reads, 'first', 'query', 'execute']);

/**
 * Calls that end a path for a file path: numeric parsing, `path.basename`, a replace that strips the
 * separators, a schema that only lets listed values through, and a read of the data store (the row's
 * value is the server's, whatever the requester's key that chose the row).
 */
function endsPath(call: ts.CallExpression, scope: Scope): boolean {
  if (convertsToNumber(call, scope) || stripsSeparators(call) || allowListSchema(call, scope)) return true;
  if (pathFunction(call, scope)?.effect === 'last-component') return true;
  return ts.isPropertyAccessExpression(call.expression) && STORE_READS.has(call.expression.name.text);
}

/** `x.startsWith(base)` on the variable `decl`. */
function startsWithOn(c: ts.Expression, decl: ts.Declaration, scope: Scope): boolean {
  c = strip(c);
  return ts.isCallExpression(c) && ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === 'startsWith' && c.arguments.length >= 1
    && ts.isIdentifier(strip(c.expression.expression)) && scope.refersTo(strip(c.expression.expression) as ts.Identifier, decl);
}

/** A condition that is false when the variable does not start with the base: `!p.startsWith(base)`, alone or in a `||` chain. */
function refusesOutside(c: ts.Expression, decl: ts.Declaration, scope: Scope): boolean {
  c = strip(c);
  if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken) return startsWithOn(c.operand, decl, scope);
  return ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.BarBarToken && (refusesOutside(c.left, decl, scope) || refusesOutside(c.right, decl, scope));
}

function requiresInside(c: ts.Expression, decl: ts.Declaration, scope: Scope): boolean {
  c = strip(c);
  if (startsWithOn(c, decl, scope)) return true;
  return ts.isBinaryExpression(c) && c.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && (requiresInside(c.left, decl, scope) || requiresInside(c.right, decl, scope));
}

/**
 * A resolved path (`path.resolve`/`join`/`normalize`, `realpath`) held in a variable, checked with
 * `startsWith(base)` before the use: an earlier `if (!p.startsWith(base)) return/throw` in an
 * enclosing block, or the use inside `if (p.startsWith(base)) { ... }`.
 */
function guardedByPrefix(e: ts.Expression, scope: Scope): boolean {
  e = strip(e);
  if (!ts.isIdentifier(e)) return false;
  const b = scope.resolve(e);
  if (b?.kind !== 'variable' || !b.initializer) return false;
  const init = strip(ts.isAwaitExpression(strip(b.initializer)) ? (strip(b.initializer) as ts.AwaitExpression).expression : b.initializer);
  if (!ts.isCallExpression(init) || pathFunction(init, scope)?.effect !== 'resolves' || scope.writes(b.decl).length > 0) return false;
  let child: ts.Node = e;
  for (let n: ts.Node | undefined = e.parent; n && !ts.isSourceFile(n); child = n, n = n.parent) {
    if (ts.isIfStatement(n) && n.thenStatement === child && requiresInside(n.expression, b.decl, scope)) return true;
    if (ts.isBlock(n)) {
      for (const stmt of n.statements) {
        if (stmt === child) break;
        if (ts.isIfStatement(stmt) && exits(stmt.thenStatement) && refusesOutside(stmt.expression, b.decl, scope)) return true;
      }
    }
    if (ts.isFunctionLike(n)) break;
  }
  return false;
}

/**
 * The parts a path is built from, each traced on its own (a path joined from two parameters depends on
 * the callers of both): the arguments of `path.join`/`resolve`, a template's values, the operands of `+`,
 * through consts that hold such a path.
 */
function pathParts(e: ts.Expression, scope: Scope, fixed: (x: ts.Expression) => boolean, depth = 0): ts.Expression[] {
  e = strip(e);
  if (depth > 4 || fixed(e)) return depth === 0 ? [e] : [];
  if (ts.isCallExpression(e) && pathFunction(e, scope)?.effect === 'resolves') return e.arguments.flatMap((a) => pathParts(a, scope, fixed, depth + 1));
  if (ts.isTemplateExpression(e)) return e.templateSpans.flatMap((sp) => pathParts(sp.expression, scope, fixed, depth + 1));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...pathParts(e.left, scope, fixed, depth + 1), ...pathParts(e.right, scope, fixed, depth + 1)];
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.isConst && b.initializer && !ts.isForOfStatement(b.decl.parent.parent)) {
      const inner = pathParts(b.initializer, scope, fixed, depth + 1);
      if (inner.length > 1) return inner;
    }
  }
  return [e];
}

interface Sink { fn: string; access: FileAccess; paths: readonly number[]; serves: boolean }

const RESPONSE_METHODS = new Set([...HANDLER_RESPONSES.flatMap((h) => h.methods), 'pipe']);
const BODY_PROPERTIES = new Set(HANDLER_RESPONSES.flatMap((h) => (h.bodyProperty ? [h.bodyProperty] : [])));

/** Whether a read's result goes back to the requester: into a response method, `.pipe(res)`, Koa's `ctx.body`, or returned by a handler. */
function servedBack(call: ts.CallExpression, scope: Scope): boolean {
  const sent = (u: ts.Expression): boolean => {
    let n: ts.Node = u;
    while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    if (ts.isCallExpression(p) && p.arguments.includes(n as ts.Expression) && ts.isPropertyAccessExpression(p.expression) && RESPONSE_METHODS.has(p.expression.name.text)) return true;
    if (ts.isPropertyAccessExpression(p) && p.expression === n && p.name.text === 'pipe') return true;
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(p.left) && BODY_PROPERTIES.has(p.left.name.text)) return true;
    const fn = ts.findAncestor(p, ts.isFunctionLike);
    const handler = fn !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent);
    return handler && (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n));
  };
  if (sent(call)) return true;
  let n: ts.Node = call;
  while (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const decl = n.parent;
  if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
  const fn = ts.findAncestor(decl, ts.isFunctionLike) ?? decl.getSourceFile();
  let found = false;
  const visit = (x: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(x) && x !== decl.name && x.text === (decl.name as ts.Identifier).text && scope.refersTo(x, decl) && sent(x)) found = true;
    ts.forEachChild(x, visit);
  };
  visit(fn);
  return found;
}

/** The response parameter of an Express handler (`(req, res)`, or a Nest `@Res()`): `res.sendFile`, `res.download`. */
function isResponseParam(e: ts.Expression, scope: Scope): boolean {
  if (!ts.isIdentifier(e)) return false;
  const b = scope.resolve(e);
  if (b?.kind !== 'parameter') return false;
  const express = HANDLER_RESPONSES.find((h) => h.framework === 'express')!;
  // A Nest `@Res()`/`@Response()`: the decorator resolved to @nestjs/common's export (knowledge), under any local name.
  const decorated = (ts.getDecorators(b.decl) ?? []).some((d) => {
    const callee = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const from = ts.isIdentifier(callee) ? scope.resolve(callee) : null;
    return from?.kind === 'import' && from.from === NEST_RESPONSE_DECORATORS.package && (NEST_RESPONSE_DECORATORS.decorators as readonly string[]).includes(from.imported);
  });
  if (decorated) return true;
  // A handler: given to a call (a route's registration), or in a file of Express's.
  const express_ = bindingsOf(e.getSourceFile(), ['express']);
  const handler = ts.isCallExpression(b.fn.parent) || express_.whole.size > 0 || express_.named.size > 0;
  return handler && (b.index === express.response || b.index === express.errorResponse);
}

/** The `root` option of a response sink's options, given as a literal or a const. */
function hasRootOption(call: ts.CallExpression, indexes: readonly number[], option: string, scope: Scope): boolean {
  return indexes.some((i) => {
    let o = call.arguments[i];
    if (o && ts.isIdentifier(o)) {
      const b = scope.resolve(o);
      o = b?.kind === 'variable' && b.initializer ? b.initializer : o;
    }
    return o !== undefined && ts.isObjectLiteralExpression(o) && o.properties.some((p) => p.name !== undefined && p.name.getText() === option);
  });
}

function sinkOf(call: ts.CallExpression, scope: Scope, fastify: boolean): Sink | null {
  const e = exportOf(call.expression, scope);
  const fs = e ? fileSinkOf(e.from, e.name) : null;
  if (fs) return { fn: call.expression.getText().replace(/\s+/g, ''), access: fs.access, paths: fs.paths, serves: false };
  if (fastify || !ts.isPropertyAccessExpression(call.expression) || !isResponseParam(call.expression.expression, scope)) return null;
  const r = responseFileSinkOf(call.expression.name.text);
  if (!r || hasRootOption(call, r.optionArgs, r.rootOption, scope)) return null;
  return { fn: call.expression.getText().replace(/\s+/g, ''), access: 'read', paths: [r.path], serves: true };
}

const VERBS: Record<FileAccess, string> = { read: 'reads', list: 'lists', write: 'writes', delete: 'deletes' };

/** The message and severity for a path from a remote party to this sink. */
type Level = 'high' | 'medium';
function judged(sink: { access: FileAccess; serves: boolean }, first: string): { messageId: string; severity: Level } {
  if (first.includes(BASE_NAME_ONLY)) return { messageId: 'clientName', severity: 'medium' };
  if (first.startsWith(JOB_DATA)) return { messageId: 'fromJob', severity: 'medium' };
  if (sink.access === 'write' || sink.access === 'delete') return { messageId: 'writes', severity: 'high' };
  return sink.serves ? { messageId: 'serves', severity: 'high' } : { messageId: 'reads', severity: 'medium' };
}

/** Files that read a source: the callers a sink in another file waits on. */
const SOURCE_WORDS = [...sourceWords(), ...uploadNameWords()];
const FILE_WORDS = [...FILE_SYSTEM_MODULES.flatMap((m) => [`'${m}'`, `"${m}"`]), 'sendFile', '.download('];

const SINK_DATA = 'sink';

/**
 * A sink whose path is a parameter: the callers across files decide (rules/shared/callers.ts). Request
 * input at a caller gets the sink's own message and severity; a command-line value, none; callers
 * that pass only the server's own values settle it; callers verdict cannot resolve leave it at low, said so.
 */
function review(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null {
  if (typeof finding.data?.[PENDING] !== 'string') return finding;
  const { [SINK_DATA]: rawSink, ...rest } = finding.data;
  const sink = JSON.parse(String(rawSink)) as { access: FileAccess; serves: boolean };
  const r = reviewAcrossFiles({ ...finding, data: rest }, layout, ctx);
  if (!r) return null;
  const note = r.evidence.find((e) => e.kind === 'note' && e.text.startsWith('source → sink: '));
  const flow = note && note.kind === 'note' ? note.text.slice('source → sink: '.length) : '';
  const origin = String(r.data?.origin ?? '');
  if (origin.startsWith('; request input reaches it through its callers')) {
    const j = judged(sink, flow);
    return { ...r, messageId: j.messageId, severity: j.severity, data: { ...r.data, flow } };
  }
  // A command-line argument names files for the person who runs the program (see create): not a traversal.
  if (origin.includes('a command-line argument')) return null;
  if (origin.includes('could not be resolved')) return { ...r, severity: 'low' };
  return null;
}

export default defineSourceRule({
  id: 'security/path-traversal',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'File path built from request input (path traversal)',
    rationale: 'A path the requester chooses reaches a file-system call: `../` in it reads, overwrites or deletes files outside the directory the code meant.',
    remediation: {
      text: 'Name stored files yourself (a UUID), or keep only `path.basename()` of the input; when a sub-path is needed, resolve it and refuse it unless `resolved.startsWith(baseDir + path.sep)`; serve with `res.sendFile(name, { root })`.',
      effort: 'low',
    },
    messages: {
      writes: '{{fn}}() {{verb}} a file at a path built from request input: {{flow}}',
      serves: '{{fn}}() sends back the file at a path built from request input: {{flow}}',
      reads: '{{fn}}() {{verb}} a path built from request input: {{flow}}',
      clientName: '{{fn}}() {{verb}} a file named by the uploading client: {{flow}}; the parser keeps only the base name, so the name stays in the directory but chooses which file there is replaced',
      fromJob: '{{fn}}() {{verb}} a path built from queue job data: {{flow}}; whoever enqueues the job chooses the path',
      unresolved: '{{fn}}() {{verb}} a path that callers in other files pass{{origin}}: {{flow}}',
    },
  },
  // Sinks need a file-system import or a response's sendFile/download; the calls recorded for sinks in
  // other files need a source read (a request field, an upload's name) or an upload parser in the caller.
  triggers: [...FILE_WORDS, ...PATH_MODULES.flatMap((m) => [`'${m}'`, `"${m}"`]), ...uploadPackages(), ...SOURCE_WORDS],
  appliesTo: (f) => isShippedCode(f) && f.role !== 'config' && f.role !== 'migration',
  review,
  create(ctx) {
    if (looksMinified(ctx.text)) return {};
    const scope = ctx.scope;
    const fixed = (e: ts.Expression) => isFixed(e, scope) || guardedByPrefix(e, scope);
    const rules: TraceRules = { ends: (c) => endsPath(c, scope), source: (n) => uploadNameRead(n, scope) };
    const ownSinks = FILE_WORDS.some((w) => ctx.text.includes(w));
    // A scan of the whole text for a list of words: made when a call first asks.
    let sourceless: boolean | undefined;
    let roots: Map<string, Root> | null = null;
    let fastify: boolean | null = null;
    let at: ts.CallExpression | null = null;
    const place = { path: ctx.file.path, roots: new Map<string, Root>(), line: () => ctx.lineOf(at!.expression), ownCalls: () => ownSinks, sourceless: () => (sourceless ??= !SOURCE_WORDS.some((w) => ctx.text.includes(w))) };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        place.roots = roots ??= callableRoots(ctx.sourceFile);
        at = call;
        const site = callSiteOf(call, place, scope, fixed, rules);
        if (site) ctx.emit(site as unknown as Record<string, unknown>);
        if (!ownSinks || call.arguments.length === 0) return;
        fastify ??= handlerFrameworkOf(ctx.sourceFile.statements.flatMap((s) => (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) ? [s.moduleSpecifier.text] : [])))?.framework === 'fastify';
        const sink = sinkOf(call, scope, fastify);
        if (!sink) return;
        const tracer = new Tracer(scope, fixed, rules.ends, rules.source);
        for (const i of sink.paths) {
          const arg = call.arguments[i];
          if (!arg || fixed(arg)) continue;
          const origins = pathParts(arg, scope, fixed).map((x) => tracer.originOf(x));
          const chosen: Origin = origins.find((o) => o.kind === 'request') ?? origins.find((o) => o.kind === 'operator')
            ?? origins.find((o) => o.kind === 'caller' && o.at !== undefined) ?? { kind: 'local', path: [] };
          // The whole argument traced again gives the steps through the variables the parts were read from.
          const whole = chosen.kind === 'request' || chosen.kind === 'operator' ? new Tracer(scope, fixed, rules.ends, rules.source).originOf(arg) : null;
          const origin: Origin = whole && whole.kind === chosen.kind ? whole : chosen;
          const here = `${sink.fn}() (line ${ctx.lineOf(call)})`;
          const flow = [...origin.path, here].join(' → ');
          const serves = sink.serves || (sink.access === 'read' && servedBack(call, scope));
          const data = { fn: sink.fn, verb: VERBS[sink.access], flow };
          if (origin.kind === 'request') {
            const j = judged({ access: sink.access, serves }, origin.path[0] ?? '');
            const offline = ctx.file.role === 'script';
            ctx.report({
              node: call, messageId: j.messageId, severity: offline ? 'medium' : j.severity, data,
              evidence: [{ kind: 'note', text: `source → sink: ${flow}` }],
            });
          } else if (origin.kind === 'operator') {
            // A command-line argument is chosen by whoever runs the program, who can already read and
            // write those files: a CLI's path argument is its purpose, not a traversal. Settled, no finding.
            break;
          } else if (origin.kind === 'caller') {
            // Every part that a parameter brings in: each function's callers are followed.
            const targets: Pending[] = origins.flatMap((o) => {
              const fn = o.kind === 'caller' && o.at ? declIdOf(o.at.fn) : null;
              return fn !== null && o.at ? [{ fn, index: o.at.index, steps: qualify([...o.path, here], ctx.file.path) }] : [];
            });
            if (targets.length === 0) continue;
            const pending: { targets: Pending[]; rest: null } = { targets, rest: null };
            ctx.report({
              node: call, messageId: 'unresolved', severity: 'low',
              data: { ...data, origin: '', [PENDING]: JSON.stringify(pending), [SINK_DATA]: JSON.stringify({ access: sink.access, serves }) },
              evidence: [{ kind: 'note', text: `path: ${flow}` }],
            });
          } else continue;
          break;
        }
      },
    };
  },
});
