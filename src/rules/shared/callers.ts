// Values followed across files. Each file records, for the calls it makes to declarations (imports,
// its own functions and classes, `this`), where every argument comes from (a constant, request input,
// a parameter of the enclosing function, or something else). A finding whose value is a parameter
// then asks the link stage's call graph for the function's callers and reads those records, hop by
// hop, until request input, constants, or the bound.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import type { FactRecord } from '../../collect/index.js';
import type { Link } from '../../link/index.js';
import type { RepoLayout } from '../../discover/index.js';
import type { Evidence, Severity } from '../../model/run.js';
import type { ReviewContext, RuleFinding } from '../api.js';
import { isKnownModule } from '../../knowledge/index.js';
import { isConstantExpr } from './ast.js';
import { declIdOf } from '../../collect/decl-id.js';
import { enclosingParameter, quickOrigin, Tracer, type Origin } from './taint.js';

/** How many calls a trace follows back from the sink's function before it stops and says so. */
export const MAX_HOPS = 4;

/** Where one argument comes from. `param`: the enclosing function's parameter `index` (its declaration id `fn`). */
export type ArgOrigin =
  | { kind: 'request'; path: string[] }
  | { kind: 'operator'; path: string[] }
  | { kind: 'local'; path: string[] }
  | { kind: 'param'; fn: string; index: number; path: string[] }
  | { kind: 'unknown'; why: string };

/** One call a file makes, at the line of its callee; `args[i]` null: a constant or sanitised value. */
export interface CallSite {
  type: 'call';
  line: number;
  /** The callee's own name (`find` in `repo.find(x)`), and the export it imports when it is an import. */
  name: string;
  imported?: string;
  text: string;
  args: Array<ArgOrigin | null>;
}

/** A parameter whose callers decide: the function's declaration id (as collect/symbols names it) and the steps from it to the sink. */
export interface Pending { fn: string; index: number; steps: string[] }

export { declIdOf };

/** `(line 7)` at the end of a step becomes `(src/db.ts:7)`: a path across files names each file. */
export const qualify = (steps: readonly string[], path: string): string[] => steps.map((s) => qualifyStep(s, path));

/**
 * One step of `qualify`, without a regular expression: it runs for every argument of every recorded
 * call. A path holding `$` goes through `replace`, whose replacement string gives `$` patterns a meaning.
 */
const LINE = '(line ';
function qualifyStep(s: string, path: string): string {
  if (path.includes('$')) return s.replace(/\(line (\d+)\)$/, `(${path}:$1)`);
  if (s.charCodeAt(s.length - 1) !== 0x29) return s;
  const at = s.lastIndexOf(LINE);
  if (at < 0 || s.length - 1 - (at + LINE.length) < 1) return s;
  for (let i = at + LINE.length; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return s;
  }
  return `${s.slice(0, at)}(${path}:${s.slice(at + LINE.length, s.length - 1)})`;
}

/** The initializer of the `const` an identifier names, found in the enclosing blocks and the file's statements. */
export function constInit(id: ts.Identifier): ts.Expression | undefined {
  for (let n: ts.Node = id.parent; n; n = n.parent) {
    if (!ts.isBlock(n) && !ts.isSourceFile(n)) continue;
    for (const st of n.statements) {
      if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === id.text) return d.initializer;
    }
    if (ts.isSourceFile(n)) break;
  }
  return undefined;
}

/**
 * Where an argument comes from, for the record (null: constant or sanitised). In a file that reads
 * no source (`sourceless`), what the syntax does not answer is the file's own value, and its scopes
 * are not bound: binding every file that calls another cost more than the rest of the rule.
 */
/** What a rule adds to the tracer for its kind of sink: the calls that end a path, its own sources (Tracer's arguments). */
export interface TraceRules {
  ends?: (call: ts.CallExpression) => boolean; source?: (n: ts.Node) => string | null; stops?: (n: ts.Node) => boolean;
  /** What settles an argument as the code's own before it is traced; by default SQL's view (isConstantExpr: a number is harmless). */
  constant?: (e: ts.Expression) => boolean;
  /**
   * In a file that reads no source, an argument holding a parameter of its function, of any type (read
   * from the syntax: forwardedParam), is that parameter's: its callers decide; the function says which
   * calls end the path there, from their syntax alone (the file's scopes are not bound). Absent: only
   * an untyped or string parameter is (quickOrigin).
   */
  forwards?: (call: ts.CallExpression) => boolean;
}

/**
 * The parameter of the enclosing function an argument holds, read from the syntax alone: an identifier
 * of it, or of a `const` the blocks around declare from it (`const cents = Math.round(total * 100)`), not
 * under a call that `ends` says ends the path.
 */
export function forwardedParam(arg: ts.Expression, ends?: (call: ts.CallExpression) => boolean, depth = 0): { fn: ts.SignatureDeclaration; index: number; name: string } | null {
  let found: { fn: ts.SignatureDeclaration; index: number; name: string } | null = null;
  const visit = (n: ts.Node): void => {
    // A call that ends a path for the rule's sink (a price looked up by the parameter) hands on its own value.
    if (found || ts.isFunctionLike(n) || (ts.isCallExpression(n) && ends?.(n))) return;
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      const at = enclosingParameter(n);
      if (at) found = { fn: at.fn, index: at.index, name: n.text };
      else if (depth < 2) {
        const init = constInit(n);
        if (init) found = forwardedParam(init, ends, depth + 1);
      }
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(arg);
  return found;
}

function argOrigin(arg: ts.Expression, path: string, sourceless: boolean, scope: Scope, isFixed: (e: ts.Expression) => boolean, rules: TraceRules = {}): ArgOrigin | null {
  if (ts.isSpreadElement(arg)) return { kind: 'unknown', why: 'a spread argument' };
  if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) return null;
  // A call that ends a path for the rule's sink (`req.params.x.replace(/[\/\\]/g, '')`) before the syntax reads its request field.
  if (ts.isCallExpression(arg) && rules.ends?.(arg)) return null;
  // A rule that stops at some request reads (fields that hold only strings) asks the Tracer, which knows them.
  const quick = rules.stops ? undefined : quickOrigin(arg);
  if (!quick && sourceless) {
    const fwd = rules.forwards ? forwardedParam(arg, rules.forwards) : null;
    const fn = fwd ? declIdOf(fwd.fn) : null;
    if (fwd && fn !== null) {
      const line = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
      const param = fwd.fn.parameters[fwd.index];
      return { kind: 'param', fn, index: fwd.index, path: qualify([`parameter ${fwd.name} (line ${line(param)})`, `${arg.getText().replace(/\s+/g, ' ').slice(0, 60)} (line ${line(arg)})`], path) };
    }
    const init = ts.isIdentifier(arg) ? constInit(arg) : undefined;
    if (init && literal(init)) return null;
    return { kind: 'local', path: qualify([`${arg.getText().replace(/\s+/g, ' ').slice(0, 60)} (line ${arg.getSourceFile().getLineAndCharacterOfPosition(arg.getStart()).line + 1})`], path) };
  }
  if (!quick && ((rules.constant ? rules.constant(arg) : isConstantExpr(arg, scope)) || isFixed(arg))) return null;
  // The syntax answers most arguments (a request field, the enclosing function's parameter): the file is then not bound.
  const o: Origin = quick ?? new Tracer(scope, isFixed, rules.ends, rules.source, rules.stops).originOf(arg);
  const steps = qualify(o.path, path);
  if (o.kind === 'request' || o.kind === 'operator') return { kind: o.kind, path: steps };
  if (o.kind === 'caller') {
    const fn = o.at ? declIdOf(o.at.fn) : null;
    return fn !== null && o.at ? { kind: 'param', fn, index: o.at.index, path: steps } : { kind: 'unknown', why: `${o.path[o.path.length - 1] ?? 'a caller\'s value'} is passed on by callers verdict does not resolve` };
  }
  return { kind: 'local', path: steps };
}

/** A name at the top of a file that may hold a declaration of the repository: an import (its export name) or the file's own. */
export type Root = { imported: string } | { own: true };

/**
 * The names at the top of a file that may hold a declaration of the repository: imports of modules
 * verdict does not describe (a described package or a Node.js built-in is not the repository's code),
 * and the file's own functions, classes, object literals and instances of them. Read from the
 * statements alone: a call that names none of them is not recorded, and its file is not bound for it.
 */
export function callableRoots(sf: ts.SourceFile): Map<string, Root> {
  const roots = new Map<string, Root>();
  const own = (e: ts.Expression | undefined): boolean => e !== undefined && (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e)
    || ts.isObjectLiteralExpression(e) || (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && roots.has(e.expression.text)));
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && !isKnownModule(st.moduleSpecifier.text)) {
      const c = st.importClause;
      if (c?.name) roots.set(c.name.text, { imported: 'default' });
      const b = c?.namedBindings;
      if (b && ts.isNamespaceImport(b)) roots.set(b.name.text, { imported: '*' });
      else if (b) for (const e of b.elements) roots.set(e.name.text, { imported: (e.propertyName ?? e.name).text });
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) roots.set(st.name.text, { own: true });
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        // `const x = require('./x')`: the module's exports, by the same rule as an import.
        const init = d.initializer;
        const required = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require'
          && init.arguments.length === 1 && ts.isStringLiteral(init.arguments[0]) && !isKnownModule(init.arguments[0].text);
        if (required) roots.set(d.name.text, { imported: '*' });
        else if (own(init)) roots.set(d.name.text, { own: true });
      }
      // `const { f, g: h } = require('./x')`: each name is the module's export, as a named import is.
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (!ts.isObjectBindingPattern(d.name) || !init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require'
          || init.arguments.length !== 1 || !ts.isStringLiteral(init.arguments[0]) || isKnownModule(init.arguments[0].text)) continue;
        for (const el of d.name.elements) {
          if (ts.isIdentifier(el.name) && !el.dotDotDotToken) roots.set(el.name.text, { imported: (el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName : el.name).text });
        }
      }
    }
  }
  return roots;
}

/**
 * `const service = new Service(db); service.find(x)`: a local constant holding an instance of a class
 * the file imports or declares is that class (collect/symbols names the call the same way).
 */
function localInstance(id: ts.Identifier, roots: ReadonlyMap<string, Root>): Root | undefined {
  for (let n: ts.Node = id.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (!ts.isBlock(n)) continue;
    const consts = blockConsts(n);
    if (consts.has(id.text)) {
      const init = consts.get(id.text);
      return init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) ? roots.get(init.expression.text) : undefined;
    }
  }
  return undefined;
}

/**
 * The `const`s a block declares, by name, first declaration first (what a scan of its statements
 * finds first). Read once per block: every call of a file asks the blocks around it, and scanning
 * their statements again for each call cost more than the rest of the record.
 */
const blockConstsCache = new WeakMap<ts.Block, Map<string, ts.Expression | undefined>>();
function blockConsts(block: ts.Block): Map<string, ts.Expression | undefined> {
  let consts = blockConstsCache.get(block);
  if (consts) return consts;
  consts = new Map();
  for (const st of block.statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && !consts.has(d.name.text)) consts.set(d.name.text, d.initializer);
  }
  blockConstsCache.set(block, consts);
  return consts;
}

/**
 * Where a call is, for its record. Functions, asked only for a call that is recorded: most calls name
 * no declaration of the repository, and the file's text scans and the line lookup are then not paid.
 */
export interface CallPlace {
  path: string;
  roots: ReadonlyMap<string, Root>;
  /** The line of the callee. */
  line(): number;
  /** Whether the file runs SQL itself (its own calls may reach a sink). */
  ownCalls(): boolean;
  /** Whether the file reads no request or command-line source at all. */
  sourceless(): boolean;
}

/** An argument whose value the syntax alone fixes: a literal, a function, `undefined`. */
const literal = (e: ts.Expression): boolean => ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || ts.isArrowFunction(e) || ts.isFunctionExpression(e)
  || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword
  || (ts.isIdentifier(e) && e.text === 'undefined');

/**
 * The record of a call to a declaration of the repository, or null for other calls (globals, methods
 * of parameters such as `res.json`, packages' exports, calls without arguments): those are not in the call graph.
 */
export function callSiteOf(
  call: ts.CallExpression, at: CallPlace,
  scope: Scope, isFixed: (e: ts.Expression) => boolean, rules: TraceRules = {},
): CallSite | null {
  if (call.arguments.length === 0) return null;
  let root: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(root) || ts.isNonNullExpression(root) || ts.isParenthesizedExpression(root)) root = root.expression;
  // Calls of the file's own declarations matter only where a sink may be, in a file that runs SQL.
  const named = ts.isIdentifier(root) ? at.roots.get(root.text) ?? localInstance(root, at.roots) : undefined;
  if (root.kind === ts.SyntaxKind.ThisKeyword ? !at.ownCalls() : !named || ('own' in named && !at.ownCalls())) return null;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
  if (!ts.isIdentifier(callee) && !ts.isPrivateIdentifier(callee)) return null;
  const text = call.expression.getText().replace(/\s+/g, ' ').slice(0, 60);
  const imported = named && 'imported' in named && root === call.expression ? named.imported : undefined;
  if (call.arguments.every(literal)) return { type: 'call', line: at.line(), name: callee.text, ...(imported ? { imported } : {}), text, args: call.arguments.map(() => null) };
  return {
    type: 'call', line: at.line(), name: callee.text, ...(imported ? { imported } : {}), text,
    args: call.arguments.map((a) => (literal(a) ? null : argOrigin(a, at.path, at.sourceless(), scope, isFixed, rules))),
  };
}

/** What the callers of a parameter pass, worst first: request input, unresolved, other values, constants only. */
export type Verdict =
  | { kind: 'request'; path: string[] }
  | { kind: 'unresolved'; why: string }
  | { kind: 'operator'; path: string[] }
  | { kind: 'local'; path: string[] }
  | { kind: 'fixed' };

const RANK = { fixed: 0, local: 1, operator: 2, unresolved: 3, request: 4 } as const;
const worse = (a: Verdict, b: Verdict): Verdict => (RANK[b.kind] > RANK[a.kind] ? b : a);

/** Call sites by file and line, built once per run from the records every file made. */
export function callSiteIndex(records: readonly FactRecord[]): Map<string, Map<number, CallSite[]>> {
  const index = new Map<string, Map<number, CallSite[]>>();
  for (const r of records) {
    if (r.type !== 'call') continue;
    const site = r as unknown as CallSite & { path: string };
    let byLine = index.get(site.path);
    if (!byLine) index.set(site.path, (byLine = new Map()));
    const list = byLine.get(site.line) ?? [];
    list.push(site);
    byLine.set(site.line, list);
  }
  return index;
}

export interface CallerWorld {
  link: Link;
  sites: ReadonlyMap<string, ReadonlyMap<number, readonly CallSite[]>>;
  /** Whether a caller in this file counts (release code and scripts; tests, examples and copies do not). */
  counts(path: string): boolean;
}

/**
 * What the callers in the repository pass as parameter `index` of the function `fn` declared in
 * `path`, followed back through parameters up to MAX_HOPS calls. `steps` lead from the parameter to the sink.
 */
export function tracePending(world: CallerWorld, path: string, p: Pending, hops = 1, seen = new Set<string>()): Verdict {
  const key = `${path}#${p.fn}`;
  if (seen.has(key)) return { kind: 'fixed' };
  if (hops > MAX_HOPS) return { kind: 'unresolved', why: `the trace stopped after ${MAX_HOPS} calls (the bound verdict follows)` };
  const decl = world.link.decl(key);
  if (!decl) return { kind: 'unresolved', why: `${p.fn}() is not in the call graph` };
  const tail = p.fn.slice(p.fn.lastIndexOf('.') + 1);
  const callers = world.link.callers(key).filter((c) => world.counts(c.from.slice(0, c.from.lastIndexOf('#'))));
  if (callers.length === 0) return { kind: 'unresolved', why: `no call of ${p.fn}() was found in the release code` };
  const inner = new Set(seen).add(key);
  let verdict: Verdict = { kind: 'fixed' };
  for (const c of callers) {
    const from = c.from.slice(0, c.from.lastIndexOf('#'));
    const sites = (world.sites.get(from)?.get(c.line) ?? []).filter((s) => s.name === tail || s.imported === tail || (s.imported !== undefined && decl.exports.includes(s.imported)));
    if (sites.length === 0) {
      verdict = worse(verdict, { kind: 'unresolved', why: `${p.fn}() is referenced at ${from}:${c.line} other than by a call verdict reads` });
      continue;
    }
    for (const s of sites) {
      const arg = s.args[p.index];
      const hop = `${s.text}() call (${from}:${s.line})`;
      if (!arg) continue;
      if (arg.kind === 'request') return { kind: 'request', path: [...arg.path, hop, ...p.steps] };
      if (arg.kind === 'unknown') verdict = worse(verdict, { kind: 'unresolved', why: `${arg.why} at ${from}:${s.line}` });
      else if (arg.kind === 'local' || arg.kind === 'operator') verdict = worse(verdict, { kind: arg.kind, path: [...arg.path, hop, ...p.steps] });
      else {
        const up = tracePending(world, from, { fn: arg.fn, index: arg.index, steps: [...arg.path, hop, ...p.steps] }, hops + 1, inner);
        if (up.kind === 'request') return up;
        verdict = worse(verdict, up);
      }
    }
  }
  return verdict;
}

/** The finding's data key that holds what the review is to follow (JSON: `{ targets: Pending[], rest }`). */
export const PENDING = 'callers';

interface PendingData { targets: Pending[]; rest: Severity | null }

const RELEASE_ROLES = new Set(['service', 'script']);

/**
 * A source rule's review for a value that enters by a parameter: the callers in the repository decide.
 * Request input at any caller is critical with the path; callers that all pass constants or sanitised
 * values settle it (no finding); other values are medium; callers not found keep the rule's severity
 * and say so. `data.origin` is rewritten to say which.
 */
export interface ReviewOptions {
  /**
   * `silent`: callers that pass only the code's own values (not traced to a source) settle the finding,
   * as constants do; by default they make it medium.
   */
  ownValues?: 'silent' | 'medium';
}

export function reviewAcrossFiles(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext, options: ReviewOptions = {}): RuleFinding | null {
  const raw = finding.data?.[PENDING];
  if (typeof raw !== 'string' || finding.path === null) return finding;
  const { [PENDING]: _, ...data } = finding.data!;
  const pending = JSON.parse(raw) as PendingData;
  const world: CallerWorld = {
    link: ctx.link,
    sites: ctx.memo('call-sites', () => callSiteIndex(ctx.records())),
    counts: (path) => RELEASE_ROLES.has(layout.roles.of(path)),
  };
  let verdict: Verdict = { kind: 'fixed' };
  for (const t of pending.targets) {
    verdict = worse(verdict, tracePending(world, finding.path, t));
    if (verdict.kind === 'request') break;
  }
  const note = (label: string, path: readonly string[]): Evidence => ({ kind: 'note', text: `${label}: ${path.join(' → ')}` });
  const kept = finding.evidence.filter((e) => !(e.kind === 'note' && e.text.startsWith('path: ')));
  if (verdict.kind === 'request') {
    return { ...finding, severity: undefined, data: { ...data, origin: `; request input reaches it through its callers: ${verdict.path[0]}` }, evidence: [...kept, note('source → sink', verdict.path)] };
  }
  if (verdict.kind === 'local' && options.ownValues === 'silent') verdict = { kind: 'fixed' };
  if (verdict.kind === 'fixed' && pending.rest === null) return null;
  if (verdict.kind === 'unresolved') {
    return { ...finding, data: { ...data, origin: `${String(data.origin ?? '')}; its callers could not be resolved (${verdict.why})` } };
  }
  // What is left untraced beside callers' constants keeps the rule's own severity for it (`rest`).
  const severity = pending.rest === 'high' ? 'high' : verdict.kind === 'fixed' && pending.rest === 'low' ? 'low' : 'medium';
  const said = verdict.kind === 'operator' ? `; a command-line argument reaches it through its callers: ${verdict.path[0]} (the input of whoever runs it, not a request's)`
    : verdict.kind === 'local' ? `; its callers pass values not traced to request input (${verdict.path[0]})` : '; its callers pass only constants or sanitised values';
  const evidence = verdict.kind === 'fixed' ? finding.evidence : [...kept, note(verdict.kind === 'operator' ? 'source → sink' : 'path', verdict.path)];
  return { ...finding, severity, data: { ...data, origin: `${said}${pending.rest ? ', but another part of the text is not traced' : ''}` }, evidence };
}
