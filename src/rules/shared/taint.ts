// Where a value comes from, within one file: followed by scope through variables (their initializer
// and every later write), destructuring, and the parameters of functions this file calls. It answers
// with the path from a request source (HTTP request fields, decorated handler parameters, queue job
// data, socket messages) to the value, or says the value is a caller's and not traced to a request.
// Sanitizers end a path: numeric parsing and the identifier escapers of the SQL libraries.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isSqlStatement } from '../../util/sql.js';
import { JS_GLOBALS, callbackSourceOf, isClientSocketEvent, isConnectionEvent, SOCKET_EVENTS, isCommandLineRead, isRequestDecorator, isRequestRead, allowListBuilders, receivesElements, roleOfImport, sqlExecutorMethods, URL_INPUT_NAMES } from '../../knowledge/index.js';
import { convertsToNumber } from './ast.js';

export interface Origin {
  /**
   * `request`: a path from remote input; `operator`: from the command line (knowledge/requests.ts),
   * input only whoever runs the script gives; `caller`: a parameter whose callers decide.
   */
  kind: 'request' | 'operator' | 'caller' | 'local';
  /** Steps from the source to the value, as short source texts with their line (`req.query.sort (line 3)`). */
  path: string[];
  /**
   * For `caller`: the function is exported, handed on, or has no name of its own, so callers in
   * other files may pass anything (request input included) and this file cannot say what they pass.
   */
  outside?: true;
  /**
   * For `caller`, when this file does not hold every call: the function and parameter the value
   * enters by, for the link stage's callers to answer (rules/shared/callers.ts).
   */
  at?: { fn: ts.SignatureDeclaration; index: number };
}

/**
 * A read of a request object's input field (`req.body`, `c.req.param`, `ctx.request.query`; knowledge/
 * requests.ts), or of a URL's query: the property chain of the node itself, root first.
 */
export function readsRequest(n: ts.Node): boolean {
  if (ts.isIdentifier(n)) return URL_INPUT_NAMES.includes(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n);
  if (!ts.isPropertyAccessExpression(n)) return false;
  if (URL_INPUT_NAMES.includes(n.name.text)) return true;
  const chain: string[] = [];
  let e: ts.Expression = n;
  while (ts.isPropertyAccessExpression(e)) {
    chain.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return false;
  chain.unshift(e.text);
  return isRequestRead(chain);
}

/** `process.argv`, `Deno.args`: the runtime's own object (a global the file does not shadow). */
function readsCommandLine(n: ts.Node, scope: Scope): boolean {
  if (!ts.isPropertyAccessExpression(n) || !ts.isIdentifier(n.expression)) return false;
  return isCommandLineRead([n.expression.text, n.name.text]) && !scope.resolve(n.expression);
}

const SQL_METHODS = new Set(sqlExecutorMethods().keys());

/**
 * The rows a query returns (`await db.prepare('SELECT name FROM t').all()`): the database's values,
 * not the caller's who handed in the connection. Only a call whose text is a written SQL statement counts.
 */
export function readsDatabase(call: ts.CallExpression): boolean {
  for (let e: ts.Expression = call; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e); e = e.expression) {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || !SQL_METHODS.has(e.expression.name.text)) continue;
    const first = e.arguments[0];
    const text = first && ts.isStringLiteralLike(first) ? first.text : first && ts.isTemplateExpression(first) ? first.head.text : '';
    if (isSqlStatement(text)) return true;
  }
  return false;
}

/** Which origin says more about the value: request input, then the command line, then callers. */
export const ORIGIN_RANK = { local: 0, caller: 1, operator: 1.5, request: 2 } as const;


const lineOf = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
/** A request read widened to the field or call it is part of (`req.query` -> `req.query.sort`, `c.req.param` -> `c.req.param('id')`). */
const widened = (n: ts.Node): ts.Node => {
  const parent = n.parent;
  return parent && (ts.isPropertyAccessExpression(parent) || ts.isCallExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === n ? parent : n;
};
const short = (n: ts.Node) => n.getText().replace(/\s+/g, ' ').slice(0, 60);
const step = (n: ts.Node) => `${short(n)} (line ${lineOf(n)})`;

/** A call that makes any value safe for SQL text: numeric parsing, or an export a descriptor calls an SQL escaper. */
export function sanitizes(call: ts.CallExpression, scope: Scope): boolean {
  if (convertsToNumber(call, scope)) return true;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) {
    const b = scope.resolve(callee);
    return b?.kind === 'import' && roleOfImport(b.from, b.imported)?.role === 'sql-escaper';
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const b = scope.resolve(callee.expression);
    if (b?.kind === 'import') {
      const member = roleOfImport(b.from, b.imported, callee.name.text) ?? (b.imported === '*' ? roleOfImport(b.from, callee.name.text) : null);
      return member?.role === 'sql-escaper';
    }
  }
  return false;
}

/**
 * `z.enum(['asc', 'desc']).parse(x)`: a schema built on a validation library's export that only lets
 * through the values it lists (knowledge/flow.ts); `values` is the list it was given.
 */
export function allowListSchema(call: ts.CallExpression, scope: Scope): ts.Expression | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  // The chain's calls by their member (`enum` -> z.enum([...]), `optional` -> .optional()).
  const calls = new Map<string, ts.CallExpression>();
  let e: ts.Expression = callee.expression;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) calls.set(e.expression.name.text, e);
    e = e.expression;
  }
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  if (b?.kind !== 'import') return null;
  const builder = allowListBuilders(b.from, b.imported, callee.name.text).map((m) => calls.get(m)).find((c) => c !== undefined);
  return builder && builder.arguments.length === 1 ? builder.arguments[0] : null;
}


/** Remote input a parameter receives by how its function is declared or registered, or null. */
function parameterSource(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number, scope: Scope): string | null {
  for (const d of ts.canHaveDecorators(param) ? ts.getDecorators(param) ?? [] : []) {
    const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    const b = ts.isIdentifier(e) ? scope.resolve(e) : null;
    if (b?.kind === 'import' && isRequestDecorator(b.from, b.imported)) return `@${e.getText()}() parameter`;
  }
  const call = fn.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || !call.arguments) return null;
  const arg = call.arguments.indexOf(fn as unknown as ts.Expression);
  if (arg < 0) return null;
  const callee = call.expression;
  const first = call.arguments[0];
  return callbackSourceOf({
    ...(ts.isNewExpression(call) && ts.isIdentifier(callee) ? { ctor: callee.text } : {}),
    ...(ts.isCallExpression(call) && ts.isPropertyAccessExpression(callee) ? { method: callee.name.text } : {}),
    ...(first && ts.isStringLiteralLike(first) ? { event: first.text } : {}),
    arg, args: call.arguments.length, index,
  }) ?? (ts.isCallExpression(call) ? socketEventSource(call, arg, scope) : null);
}

/**
 * `io.on('connection', (socket) => socket.on('rename', (name, ack) => ...))`: a listener of a client's
 * event on the socket a server's `connection` listener is given receives what the client sent
 * (knowledge SOCKET_EVENTS), whatever the event is called; the events the library emits itself do not.
 */
function socketEventSource(call: ts.CallExpression, arg: number, scope: Scope): string | null {
  const callee = call.expression;
  const first = call.arguments[0];
  if (arg < 1 || !ts.isPropertyAccessExpression(callee) || !first || !ts.isStringLiteralLike(first) || !isClientSocketEvent(callee.name.text, first.text)) return null;
  const socket = callee.expression;
  const b = ts.isIdentifier(socket) ? scope.resolve(socket) : null;
  if (b?.kind !== 'parameter' || b.index !== 0) return null;
  const listen = b.fn.parent;
  if (!ts.isCallExpression(listen) || !ts.isPropertyAccessExpression(listen.expression) || !(SOCKET_EVENTS.listen as readonly string[]).includes(listen.expression.name.text)) return null;
  const event = listen.arguments[0];
  if (!event || !ts.isStringLiteralLike(event) || !isConnectionEvent(event.text) || listen.arguments[1] !== (b.fn as unknown as ts.Expression)) return null;
  return `the payload of socket event '${first.text}'`;
}

/** The local name a function is called by, when nothing outside this file can call it. */
function localName(fn: ts.SignatureDeclaration): { name: ts.Identifier; decl: ts.Declaration } | null {
  const holder = fn.parent;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name : undefined;
  if (!name) return null;
  const statement = ts.isFunctionDeclaration(fn) ? fn : holder.parent?.parent;
  if (statement && ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return null;
  return { name, decl: ts.isFunctionDeclaration(fn) ? fn : holder as ts.VariableDeclaration };
}

export class Tracer {
  private readonly seen = new Set<ts.Node>();
  /**
   * Names read on the way that no scope declares and no runtime defines (knowledge JS_GLOBALS): values
   * the trace could not resolve, as steps (`schemas (line 3)`). A `local` origin with none is the code's own.
   */
  readonly unresolved: string[] = [];
  /**
   * `ends`: the calls a path stops at, in place of the SQL sanitizers (numeric parsing, escapers) and
   * database reads; a rule about another kind of sink says what makes a value safe for it.
   */
  constructor(
    private readonly scope: Scope, private readonly isFixed: (e: ts.Expression) => boolean, private readonly ends?: (call: ts.CallExpression) => boolean,
    /** Sources of the rule's own beyond the request reads (an upload's file name): the step that names the source, or null. */
    private readonly source?: (n: ts.Node) => string | null,
    /** Reads that are no source for the rule's sink (a request field that holds only strings, for an operator injection): the path stops there. */
    private readonly stops?: (n: ts.Node) => boolean,
  ) {}

  /** The origin of an expression: `request` wins over `caller`, which wins over `local`. */
  originOf(e: ts.Expression, depth = 0): Origin {
    if (this.isFixed(e)) return { kind: 'local', path: [] };
    if (depth > 8 || this.seen.has(e)) return { kind: 'local', path: [] };
    this.seen.add(e);
    let best: Origin = { kind: 'local', path: [] };
    const consider = (o: Origin): void => { if (ORIGIN_RANK[o.kind] > ORIGIN_RANK[best.kind]) best = o; };
    const visit = (n: ts.Node): void => {
      if (best.kind === 'request') return;
      if (ts.isCallExpression(n) && (this.ends ? this.ends(n) : sanitizes(n, this.scope) || readsDatabase(n))) return;
      if (this.stops?.(n)) return;
      const own = this.source?.(n);
      if (own) {
        best = { kind: 'request', path: [own] };
        return;
      }
      if (readsRequest(n)) {
        best = { kind: 'request', path: [step(widened(n))] };
        return;
      }
      if (readsCommandLine(n, this.scope)) {
        consider({ kind: 'operator', path: [step(widened(n))] });
        return;
      }
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) consider(this.ofIdentifier(n, depth));
      ts.forEachChild(n, visit);
    };
    visit(e);
    return best;
  }

  private ofIdentifier(id: ts.Identifier, depth: number): Origin {
    const b = this.scope.resolve(id);
    if (!b) {
      if (!JS_GLOBALS.has(id.text)) this.unresolved.push(step(id));
      return { kind: 'local', path: [] };
    }
    const via = (o: Origin, here: string): Origin => ({ ...o, path: [...o.path, here] });
    if (b.kind === 'variable') {
      // `for (const t of list)`: the variable holds the elements of what the loop iterates.
      const loop = iterated(b.decl);
      if (loop) {
        const o = this.originOf(loop, depth + 1);
        return o.kind === 'local' ? o : via(o, `${id.text}, an element of ${short(loop)} (line ${lineOf(b.decl)})`);
      }
      const values = [b.initializer, ...this.scope.writes(b.decl)].filter((v): v is ts.Expression => v !== null);
      let best: Origin = { kind: 'local', path: [] };
      for (const v of values) {
        const o = this.originOf(v, depth + 1);
        if (o.kind === 'request') return via(o, `${id.text} (line ${lineOf(b.decl)})`);
        if (ORIGIN_RANK[o.kind] > ORIGIN_RANK[best.kind]) best = via(o, `${id.text} (line ${lineOf(b.decl)})`);
      }
      return best;
    }
    if (b.kind === 'destructured') {
      let n: ts.Node = b.decl;
      while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
      if (ts.isVariableDeclaration(n) && n.initializer) return via(this.originOf(n.initializer, depth + 1), `{ ${id.text} } (line ${lineOf(b.decl)})`);
      const loop = ts.isVariableDeclaration(n) ? iterated(n) : null;
      if (loop) return via(this.originOf(loop, depth + 1), `{ ${id.text} }, of an element of ${short(loop)} (line ${lineOf(b.decl)})`);
      if (ts.isParameter(n) && ts.isFunctionLike(n.parent)) return this.ofParameter(n, n.parent, n.parent.parameters.indexOf(n), id, depth);
      return { kind: 'local', path: [] };
    }
    if (b.kind === 'parameter') return this.ofParameter(b.decl, b.fn, b.index, id, depth);
    if (b.kind === 'function') return this.returnsOf(b.decl, depth);
    return { kind: 'local', path: [] };
  }

  /** What a function of this file returns, when it builds its result from something traced. */
  private returnsOf(fn: ts.FunctionLikeDeclaration, depth: number): Origin {
    if (!fn.body || this.seen.has(fn)) return { kind: 'local', path: [] };
    this.seen.add(fn);
    // A block body is not read: following the returns of every function a traced value names, from each
    // traced argument, took sql-injection from 5 s to 100 s on a large monorepo (React components).
    return ts.isBlock(fn.body) ? { kind: 'local', path: [] } : this.originOf(fn.body, depth + 1);
  }

  private ofParameter(param: ts.ParameterDeclaration, fn: ts.SignatureDeclaration, index: number, id: ts.Identifier, depth: number): Origin {
    if (this.stops?.(param)) return { kind: 'local', path: [] };
    const source = parameterSource(param, fn, index, this.scope);
    if (source) return { kind: 'request', path: [`${source} ${id.text} (line ${lineOf(param)})`] };
    // `rows.map((row) => ...)`: the parameter holds an element of the receiver, and comes from where it does.
    const call = fn.parent;
    if (ts.isCallExpression(call) && call.arguments[0] === (fn as unknown as ts.Expression) && ts.isPropertyAccessExpression(call.expression)
      && receivesElements(call.expression.name.text, index)) {
      const o = this.originOf(call.expression.expression, depth + 1);
      return o.kind === 'local' ? o : { ...o, path: [...o.path, `${id.text}, an element of ${short(call.expression.expression)} (line ${lineOf(param)})`] };
    }
    const here = `parameter ${id.text} of ${fnName(fn)} (line ${lineOf(param)})`;
    const at = { fn, index };
    const local = localName(fn);
    if (!local) return { kind: 'caller', path: [here], outside: true, at };
    // Every call in this file: what each passes decides.
    let best: Origin = { kind: 'local', path: [] };
    let calls = 0;
    const visit = (n: ts.Node): void => {
      if (best.kind === 'request') return;
      if (ts.isIdentifier(n) && n !== local.name && n.text === local.name.text && this.scope.refersTo(n, local.decl)) {
        const call = n.parent;
        if (ts.isCallExpression(call) && call.expression === n) {
          calls++;
          const arg = call.arguments[index];
          if (arg) {
            const o = this.originOf(arg, depth + 1);
            if (ORIGIN_RANK[o.kind] > ORIGIN_RANK[best.kind]) best = { ...o, path: [...o.path, `${short(call)} (line ${lineOf(call)})`, here] };
          }
        } else if (best.kind === 'local') best = { kind: 'caller', path: [`${local.name.text} handed on (line ${lineOf(n)})`, here], outside: true, at };
      }
      ts.forEachChild(n, visit);
    };
    visit(fn.getSourceFile());
    // No call in this file: the function is exported by a list (`export { f }`) or not called at all.
    return calls === 0 && best.kind === 'local' ? { kind: 'caller', path: [here], at } : best;
  }
}

/** The expression a `for…of` / `for…in` loop declaring this variable iterates, or null. */
function iterated(decl: ts.Node): ts.Expression | null {
  const loop = ts.isVariableDeclaration(decl) ? decl.parent?.parent : undefined;
  return loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) ? loop.expression : null;
}

function fnName(fn: ts.SignatureDeclaration): string {
  if (fn.name && ts.isIdentifier(fn.name)) return `${fn.name.text}()`;
  const holder = fn.parent;
  if (holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name)) return `${holder.name.text}()`;
  return 'a function';
}

/** The parameter an identifier names, found by walking up the tree, or null when a declaration on the way may shadow it. */
export function enclosingParameter(id: ts.Identifier): { param: ts.ParameterDeclaration; fn: ts.SignatureDeclaration; index: number } | null {
  const declares = (s: ts.Statement): boolean => (ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => !ts.isIdentifier(d.name) || d.name.text === id.text))
    || ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === id.text);
  for (let n: ts.Node = id.parent; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.isBlock(n) && n.statements.some(declares)) return null;
    if (ts.isCatchClause(n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) return null;
    if (!ts.isFunctionLike(n)) continue;
    const index = n.parameters.findIndex((p) => !ts.isIdentifier(p.name) || p.name.text === id.text);
    if (index < 0) continue;
    const param = n.parameters[index];
    return ts.isIdentifier(param.name) ? { param, fn: n, index } : null;
  }
  return null;
}

/**
 * The origin of an argument when the syntax alone answers, without binding the file's scopes: a
 * request field read as it stands (`req.query.id`), or a parameter of an enclosing function that only
 * other files call (undecorated, not a callback a framework feeds). Undefined: ask the Tracer.
 */
export function quickOrigin(arg: ts.Expression): Origin | undefined {
  // `req.query.id`, `c.req.param('id')`, `req.body[field]`: a request read with fields or a call on top.
  for (let e: ts.Expression = arg; ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e); e = e.expression) {
    if (readsRequest(e)) return { kind: 'request', path: [step(arg)] };
    if (ts.isCallExpression(e) && e !== arg) return undefined;
  }
  if (!ts.isIdentifier(arg)) return undefined;
  const at = enclosingParameter(arg);
  if (!at || (ts.canHaveDecorators(at.param) && (ts.getDecorators(at.param)?.length ?? 0) > 0)) return undefined;
  // A parameter typed as a number or as literals is fixed by the rule's own judgement (isFixed): not answered here.
  const t = at.param.type;
  if (t && !(t.kind === ts.SyntaxKind.StringKeyword || t.kind === ts.SyntaxKind.AnyKeyword || t.kind === ts.SyntaxKind.UnknownKeyword)) return undefined;
  const call = at.fn.parent;
  if (ts.isCallExpression(call) || ts.isNewExpression(call)) return undefined;
  if (localName(at.fn)) return undefined;
  return { kind: 'caller', path: [`parameter ${arg.text} of ${fnName(at.fn)} (line ${lineOf(at.param)})`], outside: true, at: { fn: at.fn, index: at.index } };
}
