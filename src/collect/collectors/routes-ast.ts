// Syntax helpers of the route collector: imports, middleware descriptions and handler facts.
import ts from 'typescript';
import { DEPENDENCY_KEYS, exportFact, isKoaRouterPackage, KOA_APP_PACKAGE, OK_VALUES, passThroughOption, RESPONDERS, UNLESS_HELPER } from '../../knowledge/index.js';
import { requireOf as requireBinding, type Scope } from '../scope.js';
import { functionBodyFacts, functionOf, nodeFacts, NodeFactsWalk, wrappedFunction, type BodyFacts, type RequestParam } from './body-facts.js';
import type { Mw, SwitchRef } from '../facts/routes.js';
import { alwaysByDefault, importedSwitchOf } from '../conditions.js';

export type { Mw } from '../facts/routes.js';

/** A file's imports by local name, with the file's scopes (what a name refers to where it is used). */
export type Imports = Map<string, { from: string; imported: string; line: number }> & { scope: Scope };

/**
 * A record of collect/routes in the form it is stored and cached (facts/routes.ts): `websocket` only
 * when true, the handler's calls as one space-separated string (a callee's text holds no whitespace),
 * and the health summary of a handler that claims nothing as just its call count. A warm run parses
 * and keeps every route record (26k in the bench corpus): this is a third fewer bytes and half the objects.
 */
export function storedRecord(r: Record<string, unknown>): Record<string, unknown> {
  if (r.kind !== 'route') return r;
  if (r.websocket === false) delete r.websocket;
  if (r.body === undefined) delete r.body;
  if (Array.isArray(r.calls)) r.calls = r.calls.join(' ');
  const h = r.health as HandlerFacts['health'] | undefined;
  if (h === null) delete r.health;
  else if (h && h.claims.length === 0) r.health = h.calls;
  return r;
}

export function importsOf(sf: ts.SourceFile, scope: Scope): Imports {
  const out: Imports = Object.assign(new Map<string, { from: string; imported: string; line: number }>(), { scope });
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier) && stmt.importClause) {
      const from = stmt.moduleSpecifier.text;
      const c = stmt.importClause;
      if (c.name) out.set(c.name.text, { from, imported: 'default', line: line(stmt) });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.set(c.namedBindings.name.text, { from, imported: '*', line: line(stmt) });
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const el of c.namedBindings.elements) out.set(el.name.text, { from, imported: (el.propertyName ?? el.name).text, line: line(stmt) });
      }
    } else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) {
        const from = requireOf(d.initializer);
        if (!from) continue;
        // `const verify = require('./auth').verify`: that export, as `import { verify }` would bind it.
        const member = d.initializer && ts.isPropertyAccessExpression(d.initializer) && ts.isCallExpression(d.initializer.expression) && isRequire(d.initializer.expression)
          ? d.initializer.name.text : null;
        if (ts.isIdentifier(d.name)) out.set(d.name.text, { from, imported: member ?? 'default', line: line(stmt) });
        else if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (ts.isIdentifier(el.name)) out.set(el.name.text, { from, imported: el.propertyName?.getText(sf) ?? el.name.text, line: line(stmt) });
          }
        }
      }
    }
  }
  return out;
}

function requireOf(e: ts.Expression | undefined): string | null {
  while (e && (ts.isPropertyAccessExpression(e) || (ts.isCallExpression(e) && !isRequire(e)))) e = e.expression;
  return e && ts.isCallExpression(e) && isRequire(e) ? (e.arguments[0] as ts.StringLiteral).text : null;
}

function isRequire(e: ts.CallExpression): boolean {
  return ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0]);
}

/** Server frameworks the file imports. */
export function frameworkOf(imports: Imports, text: string): string[] {
  const found = new Set<string>();
  for (const { from } of imports.values()) {
    if (from === 'hono/client') continue; // the typed client of a Hono API, not a server
    if (from === 'hono' || from.startsWith('hono/') || from.startsWith('@hono/')) found.add('hono');
    else if (from === 'express') found.add('express');
    else if (from === 'fastify' || from === 'fastify-plugin' || from.startsWith('@fastify/')) found.add('fastify');
    else if (from === 'itty-router') found.add('itty-router');
    else if (from === KOA_APP_PACKAGE || isKoaRouterPackage(from)) found.add('koa');
  }
  if (/\bFastifyInstance\b|\bFastifyPluginAsync\b|\bFastifyPluginCallback\b/.test(text)) found.add('fastify');
  return [...found].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
}
const ORDER = ['hono', 'express', 'fastify', 'itty-router', 'koa'];

/** A regular expression of `unless` that could backtrack without bound (a quantified group): not run, as if unread. */
const NESTED_QUANTIFIER = /\)[*+{]/;

/**
 * `.unless({ path: [...] })` (knowledge UNLESS_HELPER): the paths the middleware is skipped for, as
 * written: strings, regular expressions (`/^\/public/`), and the text of what verdict cannot read.
 */
function unlessOf(call: ts.CallExpression): NonNullable<Mw['unless']> {
  const out: NonNullable<Mw['unless']> = { paths: [], patterns: [] };
  const opts = call.arguments[0];
  const prop = opts && ts.isObjectLiteralExpression(opts)
    ? opts.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === UNLESS_HELPER.option) : undefined;
  if (!prop) {
    // No `path` option: skipped by method, extension or a function of the request, which verdict does not follow.
    out.unread = (opts?.getText() ?? '').replace(/\s+/g, ' ').slice(0, 80) || '()';
    return out;
  }
  const items = ts.isArrayLiteralExpression(prop.initializer) ? [...prop.initializer.elements] : [prop.initializer];
  for (const item of items) {
    if (ts.isStringLiteralLike(item)) out.paths.push(item.text);
    else if (ts.isRegularExpressionLiteral(item) && item.text.length <= 200 && !NESTED_QUANTIFIER.test(item.text)) out.patterns.push(item.text);
    else out.unread ??= item.getText().replace(/\s+/g, ' ').slice(0, 80);
  }
  return out;
}

/** `jwt({ secret, passthrough: true })`, `expressjwt({ credentialsRequired: false })`: a middleware factory of a module whose pass-through option is set (knowledge PASS_THROUGH_OPTIONS). */
function passesThrough(call: ts.CallExpression, from: string | null): boolean {
  const option = from ? passThroughOption(from) : null;
  const opts = call.arguments[0];
  const literal = option?.value ? ts.SyntaxKind.TrueKeyword : ts.SyntaxKind.FalseKeyword;
  return !!option && !!opts && ts.isObjectLiteralExpression(opts)
    && opts.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === option.key && p.initializer.kind === literal);
}

export function describeMiddleware(e: ts.Expression, imports: Imports, scope: Scope): Mw[] {
  // A cast changes nothing at run time: `helmet() as unknown as RequestHandler` is helmet().
  while (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  // `jwt({ secret }).unless({ path: [...] })`: the middleware, skipped for those paths.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === UNLESS_HELPER.method && ts.isCallExpression(e.expression.expression)) {
    const unless = unlessOf(e);
    return describeMiddleware(e.expression.expression, imports, scope).map((m) => ({ ...m, unless }));
  }
  // `asRequestHandler(rateLimit({...}))`: a function of this file that returns its argument as it is
  // (a type cast) is no middleware of its own: the argument is.
  if (ts.isCallExpression(e) && e.arguments.length === 1 && ts.isIdentifier(e.expression) && returnsItsArgument(functionOf(e.expression, scope))) {
    return describeMiddleware(e.arguments[0], imports, scope);
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.flatMap((x) => describeMiddleware(x, imports, scope));
  if (ts.isSpreadElement(e)) return describeMiddleware(e.expression, imports, scope);
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return [{ name: 'inline', from: null, imported: null, body: functionBodyFacts(e, scope) }];
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    return [{ name: 'require', from: e.arguments[0].text, imported: 'default' }];
  }
  // `fastify.register(import('@fastify/rate-limit'), opts)`: the module's default export, loaded when the plugin is registered.
  if (ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) {
    return [{ name: e.arguments[0].text, from: e.arguments[0].text, imported: 'default' }];
  }
  const target = ts.isCallExpression(e) ? e.expression : e;
  const name = target.getText().replace(/\s+/g, '');
  let root: ts.Expression = target;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  const imp = ts.isIdentifier(root) ? importOf(root, imports, scope) : null;
  const mw: Mw = { name, from: imp?.from ?? null, imported: imp ? (target === root ? imp.imported : `${imp.imported}#${name.slice(name.indexOf('.') + 1)}`) : null };
  // A limiter whose skip option lets every request through unless the environment says otherwise.
  const built = ts.isCallExpression(e) && imp && target === root ? { call: e, imp } : ts.isIdentifier(target) && !imp ? builtByImport(target, imports, scope) : null;
  // `const auth = expressjwt({ ..., credentialsRequired: false })` of this file, as the call in place.
  if (ts.isCallExpression(e) ? passesThrough(e, mw.from) : built !== null && passesThrough(built.call, built.imp.from)) mw.passThrough = true;
  const skipped = built ? limiterSkipOf(built.call, built.imp.from, built.imp.imported, scope) : null;
  if (skipped) mw.skipped = skipped;
  // A function of this file, found through the scopes the reference is in: its body is what it does.
  // A middleware a wrapper makes of a function (`createMiddleware(async (c, next) => ...)`): that function's body.
  const fn = ts.isIdentifier(target) && !imp ? functionOf(target, scope) : ts.isCallExpression(e) && imp ? wrappedFunction(e, scope) : null;
  if (fn) mw.body = functionBodyFacts(fn, scope);
  return [mw];
}

/** `const limiter = rateLimit({...})` of this file: the call and the import it calls. */
function builtByImport(id: ts.Identifier, imports: Imports, scope: Scope): { call: ts.CallExpression; imp: { from: string; imported: string } } | null {
  const b = scope.resolve(id);
  if (b?.kind !== 'variable' || !b.isConst || !b.initializer) return null;
  let init = b.initializer;
  while (ts.isAsExpression(init) || ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init)) init = init.expression;
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return null;
  const imp = importOf(init.expression, imports, scope);
  return imp ? { call: init, imp } : null;
}

/**
 * The skip option (knowledge ExportFact.skip) of a limiter factory's call, when it lets every request
 * through in the default configuration: its condition as written and its line.
 */
export function limiterSkipOf(call: ts.CallExpression, from: string, imported: string, scope: Scope | null = null): Mw['skipped'] | null {
  const fact = exportFact(`${from}#${imported}`);
  const option = fact?.skip;
  if (!option) return null;
  const sf = call.getSourceFile();
  for (const a of call.arguments) {
    if (!ts.isObjectLiteralExpression(a)) continue;
    for (const p of a.properties) {
      if (!p.name || p.name.getText(sf) !== option) continue;
      // `skip: shouldSkip`: the function the name is bound to in this file, read with the file's scope
      // (a name bound to the environment counts as the read itself).
      const named = ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) && scope ? functionOf(p.initializer, scope) : null;
      const written = ts.isShorthandPropertyAssignment(p) && scope ? functionOf(p.name, scope) : null;
      const fn = named ?? written ?? (ts.isPropertyAssignment(p) ? p.initializer : ts.isMethodDeclaration(p) ? p : null);
      // alwaysByDefault reads functions only (an accessor or a constructor answers null).
      const condition = fn ? alwaysByDefault(fn as ts.Expression, sf, scope) : null;
      if (condition) return { condition: `${option}: ${condition}`, line: sf.getLineAndCharacterOfPosition(p.getStart(sf)).line + 1 };
      // `skip: () => !config.rateLimit.enabled` with `config` imported: the link stage decides it in that module.
      const ref = fn && scope ? importedSwitch(fn as ts.Expression, scope) : null;
      if (ref) return { condition: `${option}: ${(fn as ts.Node).getText(sf).replace(/\s+/g, ' ').slice(0, 120)}`, line: sf.getLineAndCharacterOfPosition(p.getStart(sf)).line + 1, ref };
    }
  }
  // `max: 0`: off in the versions below a major (knowledge ExportFact.zeroDisables); the link stage decides by the version installed.
  const zero = fact.zeroDisables;
  for (const a of zero ? call.arguments : []) {
    if (!ts.isObjectLiteralExpression(a)) continue;
    for (const p of a.properties) {
      if (!ts.isPropertyAssignment(p) || !zero!.options.includes(p.name.getText(sf)) || !ts.isNumericLiteral(p.initializer) || Number(p.initializer.text) !== 0) continue;
      return { condition: `${p.name.getText(sf)}: 0`, line: sf.getLineAndCharacterOfPosition(p.getStart(sf)).line + 1, onlyBelow: { package: fact.package, major: zero!.below } };
    }
  }
  return null;
}

/** What importedSwitchOf reads, when its root is an import of this file (not a parameter, not a local). */
function importedSwitch(fn: ts.Expression, scope: Scope): NonNullable<Mw['skipped']>['ref'] | null {
  return importedRead(importedSwitchOf(fn), scope);
}

/** A value read on an imported name (conditions.ts importedSwitchOf, importedConditionOf) as the import, its export and the member path. */
export function importedRead(read: { root: ts.Identifier; members: string[]; negate: boolean } | null, scope: Scope): SwitchRef | null {
  const b = read ? scope.resolve(read.root) : null;
  const imp = b?.kind === 'import' ? { from: b.from, imported: b.imported } : b ? requireBinding(b) : null;
  if (!read || !imp) return null;
  // `import * as config`: the first member is the export.
  const [imported, members] = imp.imported === '*' && read.members.length > 0 ? [read.members[0], read.members.slice(1)] : [imp.imported, read.members];
  return imported === '*' ? null : { from: imp.from, imported, members, negate: read.negate };
}

/** A function whose only effect is to return its first parameter, unchanged but for casts: `(m) => m as RequestHandler`. */
function returnsItsArgument(fn: ts.SignatureDeclaration | null): boolean {
  if (!fn || !('body' in fn) || !fn.body) return false;
  const param = fn.parameters[0]?.name;
  if (!param || !ts.isIdentifier(param)) return false;
  let out: ts.Node = fn.body as ts.Node;
  if (ts.isBlock(out)) {
    if (out.statements.length !== 1 || !ts.isReturnStatement(out.statements[0]) || !out.statements[0].expression) return false;
    out = out.statements[0].expression;
  }
  while (ts.isAsExpression(out) || ts.isParenthesizedExpression(out) || ts.isSatisfiesExpression(out) || ts.isTypeAssertionExpression(out) || ts.isNonNullExpression(out)) out = out.expression;
  return ts.isIdentifier(out) && out.text === param.text;
}

/** What an identifier imports, through the scopes it is in (a local of the same name shadows the import). */
function importOf(id: ts.Identifier, imports: Imports, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  const req = requireBinding(b);
  if (req) return req;
  // A `require` wrapped in a call or a property (`require('x').y`) is read by importsOf only.
  const known = imports.get(id.text);
  return known && b.kind === 'variable' && b.decl.parent.parent.parent?.kind === ts.SyntaxKind.SourceFile ? { from: known.from, imported: known.imported } : null;
}

export interface HandlerFacts {
  handler: string;
  websocket: boolean;
  calls: string[];
  /** For a would-be health handler: dependencies it reports as fine by constant, and how many calls it makes besides building the answer. */
  health: { claims: string[]; calls: number } | null;
  /** What the handler's body does, when verdict can see it. */
  body?: BodyFacts;
  /** A named function of the file the route hands the request to (`handler: onStatus`): the line it is declared on. */
  handlerLine?: number;
}

/**
 * Where a handler's body lies ahead in the shared traversal, its walk is left to that traversal:
 * `handlerFacts` registers it here and the collector feeds it the nodes it visits.
 */
export type DeferWalk = (walk: BodyWalk) => void;

export function handlerFacts(handler: ts.Expression, sf: ts.SourceFile, scope: Scope, defer?: DeferWalk): HandlerFacts {
  let body: ts.Node | null = null;
  let name: string;
  let inside = false;
  let params: readonly ts.ParameterDeclaration[] = [];
  // `controller.update.bind(controller)`: the method itself is the handler.
  if (ts.isCallExpression(handler) && ts.isPropertyAccessExpression(handler.expression) && handler.expression.name.text === 'bind'
    && (ts.isIdentifier(handler.expression.expression) || ts.isPropertyAccessExpression(handler.expression.expression))) handler = handler.expression.expression;
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    body = handler.body;
    params = handler.parameters;
    inside = true;
    const lines = lineCount(sf.text, handler.getStart(sf), handler.end);
    name = `inline (${lines} line${lines === 1 ? '' : 's'})`;
  } else if (ts.isIdentifier(handler)) {
    const fn = functionOf(handler, scope);
    body = fn?.body ?? null;
    params = fn?.parameters ?? [];
    name = handler.text;
  } else if (ts.isCallExpression(handler)) {
    body = handler;
    inside = true;
    name = `${handler.expression.getText(sf)}(...)`;
  } else name = handler.getText(sf).slice(0, 60);
  const facts = bodyFacts(name, body, sf, scope, inside ? defer : undefined, params);
  if (ts.isIdentifier(handler) && body) facts.handlerLine = sf.getLineAndCharacterOfPosition(body.parent.getStart(sf)).line + 1;
  if (ts.isCallExpression(handler) && /upgradeWebSocket/.test(handler.expression.getText(sf))) facts.websocket = true;
  return facts;
}

/** Lines spanned by text[start, end): `split('\n').length` without the copies. */
export function lineCount(text: string, start: number, end: number): number {
  let n = 1;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Facts about a handler body (null when it is defined elsewhere). With `defer`, `calls` and `health`
 * are filled by the walk registered there (see `BodyWalk.fill`); without, the body is walked now.
 * `params`: the parameters of the handler function, for the body facts' `requestCalls`.
 */
export function bodyFacts(name: string, body: ts.Node | null, sf: ts.SourceFile, scope: Scope, defer?: DeferWalk, params: readonly ts.ParameterDeclaration[] = [], requests?: readonly RequestParam[]): HandlerFacts {
  const facts: HandlerFacts = { handler: name, websocket: false, calls: [], health: null };
  if (!body) return facts;
  const text = body.getText(sf);
  facts.websocket = /\bupgradeWebSocket\b|WebSocketPair|handleUpgrade/.test(text);
  // Deferred, the body's facts are gathered from the same feed as its calls: no walk of their own.
  const nodes = defer ? new NodeFactsWalk(body, scope, params, 1, requests) : null;
  facts.body = nodes ? PENDING_BODY : nodeFacts(body, scope, params, 1, Infinity, requests);
  const walk = new BodyWalk(body, sf, HEALTHY.test(text), nodes);
  if (defer) defer(walk);
  else {
    const visit = (n: ts.Node): void => {
      walk.add(n);
      ts.forEachChild(n, visit);
    };
    visit(body);
    walk.fill(facts);
  }
  return facts;
}

/** A deferred body's facts until its walk fills them in (the key keeps its place in the record). */
const PENDING_BODY: BodyFacts = Object.freeze({ calls: [] }) as BodyFacts;

/** Words of a health answer: a body without any is no health handler. */
const HEALTHY = /ok|up|healthy|status/i;

/**
 * The walk over a handler body, fed its nodes in traversal order: the names it calls (first 40, for
 * signup and configured guards) and, for a would-be health handler, the dependencies it reports as
 * fine by constant and how many calls it makes besides building the answer.
 */
export class BodyWalk {
  private readonly names = new Set<string>();
  private readonly claims: string[] = [];
  private checks = 0;

  constructor(readonly body: ts.Node, private readonly sf: ts.SourceFile, private readonly health: boolean, private readonly nodes: NodeFactsWalk | null = null) {}

  /** Whether a node the traversal visits now lies in the body (the traversal goes in source order). */
  contains(n: ts.Node): boolean {
    return n === this.body || (n.pos >= this.body.pos && n.end <= this.body.end && n.pos < this.body.end);
  }

  /** The traversal has gone past the body. */
  passed(n: ts.Node): boolean {
    return n.pos >= this.body.end && n !== this.body;
  }

  add(n: ts.Node): void {
    const kind = n.kind;
    // Fed by a traversal that set parent pointers (the routes collector binds the file).
    this.nodes?.add(n, n.parent);
    if (kind === ts.SyntaxKind.CallExpression || kind === ts.SyntaxKind.NewExpression) {
      if (this.names.size >= 40 && !this.health) return; // nothing left to record
      const full = calleeText((n as ts.CallExpression | ts.NewExpression).expression, this.sf);
      if (this.names.size < 40) this.names.add(full.length > 60 ? full.slice(-60) : full);
      if (this.health && !RESPONDERS.has(full) && !RESPONDERS.has(full.slice(full.lastIndexOf('.') + 1))) this.checks++;
    } else if (this.health && kind === ts.SyntaxKind.PropertyAssignment) {
      const v = (n as ts.PropertyAssignment).initializer;
      if ((ts.isStringLiteralLike(v) && OK_VALUES.includes(v.text.toLowerCase())) || v.kind === ts.SyntaxKind.TrueKeyword) {
        const key = (n as ts.PropertyAssignment).name.getText(this.sf).replace(/['"]/g, '');
        if (DEPENDENCY_KEYS.includes(key.toLowerCase())) this.claims.push(key);
      }
    }
  }

  fill(facts: { calls?: unknown; health?: unknown; body?: unknown }): void {
    if (this.nodes) facts.body = this.nodes.facts();
    facts.calls = [...this.names];
    facts.health = this.health ? { claims: this.claims, calls: this.checks } : null;
  }
}

/** A callee as written, without whitespace: `c.env.DB.prepare`. */
function calleeText(e: ts.Node, sf: ts.SourceFile): string {
  if (e.kind === ts.SyntaxKind.Identifier) {
    // As written unless spelled with escapes (`\u0061`): then the text below.
    const name = (e as ts.Identifier).text;
    if (sf.text.startsWith(name, e.end - name.length)) return name;
  }
  const t = sf.text.slice(e.getStart(sf), e.end);
  return /\s/.test(t) ? t.replace(/\s+/g, '') : t;
}

/** The initializer of a top-level `const`/`let` of the file (`as`/`satisfies` set aside), or null. */
export function topLevelConst(id: ts.Identifier): ts.Expression | null {
  for (const stmt of id.getSourceFile().statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const d of stmt.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === id.text && d.initializer) {
        let e = d.initializer;
        while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
        return e;
      }
    }
  }
  return null;
}
