// What reliability/async-handler-errors reads in a function's body: its awaits outside any try, the
// promises it drops, the answers its catch blocks give, and whether a wrapper hands a rejection on.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { promiseRouteMethodBase } from '../../knowledge/index.js';

/** What an identifier imports (an `import` or a `require`), through its scopes. */
export function importBinding(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/** A module of the repository (relative or through a path alias), as opposed to a package. */
export function isRepoModule(spec: string): boolean {
  return spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#');
}

/** The function a name of the file holds: a function declaration, or a const initialised with one (through wrapping calls). */
export function functionOf(id: ts.Identifier, scope: Scope): ts.FunctionLikeDeclaration | null {
  const b = scope.resolve(id);
  if (b?.kind === 'function') return b.decl.body ? b.decl : null;
  if (b?.kind !== 'variable' || !b.initializer) return null;
  let init: ts.Expression = b.initializer;
  while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
  return ts.isArrowFunction(init) || ts.isFunctionExpression(init) ? init : null;
}

export type Fn = ts.FunctionLikeDeclaration;

/** The methods routers register handlers with (Express, Fastify, Koa routers and the like). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route']);
/** What an Express response is told to answer with: a parameter used so is the handler's response. */
const EXPRESS_ANSWERS = new Set(['json', 'send', 'status', 'sendStatus', 'render', 'redirect', 'end', 'jsonp', 'sendFile', 'download']);

function outer(n: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent)) n = n.parent;
  return n;
}

/** Visits `fn`'s own body: nested functions are theirs, not its. */
export function walkOwn(fn: Fn, visit: (n: ts.Node) => void): void {
  const go = (n: ts.Node): void => {
    visit(n);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, go);
  };
  if (fn.body) ts.forEachChild(fn.body, go);
}

/** The registering call when `fn` is handed to a router method (`router.post('/x', auth, fn)`), through a wrapper call or not. */
export function registration(fn: Fn): { call: ts.CallExpression; wrapper: ts.CallExpression | null } | null {
  const n = outer(fn);
  if (!ts.isCallExpression(n.parent) || !n.parent.arguments.includes(n as ts.Expression)) return null;
  const call = n.parent;
  if (isRouteCall(call)) return { call, wrapper: null };
  const up = outer(call);
  if (ts.isCallExpression(up.parent) && up.parent.arguments.includes(up as ts.Expression) && isRouteCall(up.parent)) return { call: up.parent, wrapper: call };
  return null;
}

/**
 * A call registering handlers: `use`, a router method with a path first (`router.post('/x', ...)`),
 * or one on a route (`router.route('/x').get(...)`). `map.get(key, fn)` is none.
 */
export function isRouteCall(call: ts.CallExpression): boolean {
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const m = promiseRouteMethodBase(call.expression.name.text) ?? call.expression.name.text;
  if (!ROUTE_METHODS.has(m) || m === 'route') return false;
  if (m === 'use') return true;
  const on = call.expression.expression;
  if (ts.isCallExpression(on) && ts.isPropertyAccessExpression(on.expression) && on.expression.name.text === 'route') return true;
  const first = call.arguments[0];
  return call.arguments.length >= 2 && first !== undefined && (ts.isStringLiteralLike(first) || ts.isTemplateExpression(first) || ts.isRegularExpressionLiteral(first) || ts.isArrayLiteralExpression(first));
}

/** Whether `fn` calls its parameter at `index` (`next()`): the shape of a middleware. */
export function callsParameter(fn: Fn, index: number): boolean {
  const p = fn.parameters[index];
  if (!p || !ts.isIdentifier(p.name)) return false;
  const name = p.name.text;
  let yes = false;
  walkOwn(fn, (n) => { if (!yes && ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) yes = true; });
  return yes;
}

/** Whether a route method is one of @awaitjs/express's promise-aware ones (`getAsync`). */
export function isAsyncRouteMethod(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && promiseRouteMethodBase(call.expression.name.text) !== null;
}

/** Marks, in `exportedLocals`, the local a module exports as a whole (`module.exports = f`, `export default f`). */
export const DEFAULT = 'default:';

/** The local names a module exports by name after declaring them (`export { a }`, `module.exports = { a }`, `exports.b = a`, `export default a`). */
export function exportedLocals(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const ids = (e: ts.Expression): void => {
    if (ts.isIdentifier(e)) out.add(e.text);
    else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isShorthandPropertyAssignment(p)) out.add(p.name.text);
        else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) out.add(p.initializer.text);
      }
    }
  };
  for (const st of sf.statements) {
    const whole = ts.isExportAssignment(st) ? st.expression
      : ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && st.expression.left.getText(sf) === 'module.exports' ? st.expression.right : null;
    if (whole && ts.isIdentifier(whole)) out.add(`${DEFAULT}${whole.text}`);
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) out.add((el.propertyName ?? el.name).text);
    } else if (ts.isExportAssignment(st)) ids(st.expression);
    else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = st.expression.left.getText(sf);
      if (left === 'module.exports' || left.startsWith('exports.') || left.startsWith('module.exports.')) ids(st.expression.right);
    }
  }
  return out;
}

/**
 * The name `fn` is exported under from its module, or the member name when it is a method of a class
 * or an object literal (a controller registered elsewhere): null for a function only its file uses.
 */
export function exportedName(fn: Fn | ts.CallExpression, locals: ReadonlySet<string>): string | null {
  const n = outer(fn);
  const has = (x: ts.Node) => ts.canHaveModifiers(x) && (ts.getModifiers(x) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (ts.isFunctionDeclaration(fn)) return has(fn) || (fn.name && locals.has(fn.name.text)) ? fn.name?.text ?? 'default' : null;
  if (ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent)) return ts.isIdentifier(fn.name) ? fn.name.text : null;
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) return ts.isIdentifier(fn.name) ? fn.name.text : null;
  if (ts.isPropertyDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  if (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) {
    const stmt = n.parent.parent.parent;
    return (ts.isVariableStatement(stmt) && has(stmt)) || locals.has(n.parent.name.text) ? n.parent.name.text : null;
  }
  if (ts.isPropertyAssignment(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
  if (ts.isBinaryExpression(n.parent) && n.parent.right === n && ts.isPropertyAccessExpression(n.parent.left)) return n.parent.left.name.text;
  if (ts.isExportAssignment(n.parent)) return 'default';
  return null;
}

/** The call a function is defined through when it is no route's (`export const get = catchAsync(async (req, res) => ...)`). */
export function definingCall(fn: Fn): ts.CallExpression | null {
  const n = outer(fn);
  if (!ts.isCallExpression(n.parent) || !n.parent.arguments.includes(n as ts.Expression) || isRouteCall(n.parent)) return null;
  return n.parent;
}

/** The line a declaration of `fn` is named on (what the link calls its line). */
export function declLine(fn: Fn | ts.CallExpression, sf: ts.SourceFile): number {
  const n = outer(fn);
  const at = ts.isVariableDeclaration(n.parent) || ts.isPropertyAssignment(n.parent) || ts.isPropertyDeclaration(n.parent) ? n.parent : fn;
  return sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1;
}

/** The parameter `fn` answers through (`res`, `reply`): its parameter at `index` that calls an answer method. */
export function answersThrough(fn: Fn, index: number, methods: ReadonlySet<string> = EXPRESS_ANSWERS): ts.Identifier | null {
  const p = fn.parameters[index];
  if (!p || !ts.isIdentifier(p.name)) return null;
  const name = p.name.text;
  let used = false;
  walkOwn(fn, (n) => {
    if (used || !ts.isCallExpression(n)) return;
    let e: ts.Expression = n.expression;
    if (!ts.isPropertyAccessExpression(e) || !methods.has(e.name.text)) return;
    e = e.expression;
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
    if (ts.isIdentifier(e) && e.text === name) used = true;
  });
  return used ? p.name : null;
}

function insideTry(n: ts.Node, fn: Fn): boolean {
  for (let p = n.parent; p && p !== fn; p = p.parent) {
    if (ts.isTryStatement(p) && p.catchClause) return true;
  }
  return false;
}

/** A `.catch(f)` or `.then(_, f)` on the promise: its rejection is handled. */
function caught(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return false;
  const m = e.expression.name.text;
  if (m === 'catch' && e.arguments.length > 0) return true;
  if (m === 'then' && e.arguments.length > 1) return true;
  return (m === 'then' || m === 'finally') && caught(e.expression.expression);
}

/**
 * Whether an async function waits on anything that can fail: an await, or a promise it returns from a
 * call. One that only runs synchronous code (`async add(x) { this.queue.push(x); }`) rejects no more
 * often than a plain function throws.
 */
export function waitsOnSomething(fn: Fn): boolean {
  if (fn.body && !ts.isBlock(fn.body)) return true;
  let yes = false;
  walkOwn(fn, (n) => {
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) yes = true;
    if (ts.isReturnStatement(n) && n.expression && ts.isCallExpression(n.expression)) yes = true;
  });
  return yes;
}

/** The lines of `fn`'s awaits that no try/catch of its body surrounds and no `.catch` handles. */
export function unguardedAwaits(fn: Fn, sf: ts.SourceFile): number[] {
  const lines: number[] = [];
  walkOwn(fn, (n) => {
    if (ts.isAwaitExpression(n) && !caught(n.expression) && !insideTry(n, fn)) lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
    if (ts.isForOfStatement(n) && n.awaitModifier && !insideTry(n, fn)) lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
  });
  return lines;
}

/** Calls in `fn`'s body whose promise is dropped: a statement of its own, not awaited, returned, or caught (`void` included). */
export function droppedCalls(fn: Fn): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  walkOwn(fn, (n) => {
    if (!ts.isExpressionStatement(n)) return;
    let e = n.expression;
    if (ts.isVoidExpression(e)) e = e.expression;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e) || caught(e)) return;
    // `p.then(ok)` and `p.finally(f)` still drop the rejection: the call judged is the promise's.
    let call: ts.CallExpression = e;
    while (ts.isPropertyAccessExpression(call.expression) && (call.expression.name.text === 'then' || call.expression.name.text === 'finally') && ts.isCallExpression(call.expression.expression)) call = call.expression.expression;
    out.push(call);
  });
  return out;
}

/**
 * Whether a wrapper's body hands a rejection to the `next` it is given: `Promise.resolve(fn(req, res,
 * next)).catch(next)`, `fn(...).catch((e) => next(e))`, or a try/catch whose catch calls a parameter.
 */
export function handsRejectionOn(wrapper: Fn, scope: Scope): boolean {
  let found = false;
  const callsParameter = (body: ts.Node): boolean => {
    let yes = false;
    const go = (n: ts.Node): void => {
      if (yes) return;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && scope.resolve(n.expression)?.kind === 'parameter') yes = true;
      ts.forEachChild(n, go);
    };
    go(body);
    return yes;
  };
  const go = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'catch' && n.arguments[0]) {
      const a = n.arguments[0];
      if ((ts.isIdentifier(a) && scope.resolve(a)?.kind === 'parameter') || ((ts.isArrowFunction(a) || ts.isFunctionExpression(a)) && callsParameter(a.body))) found = true;
    }
    if (ts.isTryStatement(n) && n.catchClause && callsParameter(n.catchClause.block)) found = true;
    ts.forEachChild(n, go);
  };
  if (wrapper.body) go(wrapper.body);
  return found;
}

/** `return call()` directly in a try block that has a catch: the promise leaves the try before it settles, so the catch never sees its rejection. */
export function returnedFromTry(fn: Fn): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  walkOwn(fn, (n) => {
    if (!ts.isReturnStatement(n) || !n.expression) return;
    let e = n.expression;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e) || caught(e)) return;
    for (let p: ts.Node = n.parent; p && p !== fn; p = p.parent) {
      if (ts.isTryStatement(p)) {
        if (p.catchClause && isInsideBlock(n, p.tryBlock)) out.push(e);
        return;
      }
    }
  });
  return out;
}

function isInsideBlock(n: ts.Node, block: ts.Block): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) if (p === block) return true;
  return false;
}

/** The catch clauses of `fn`'s own body whose try block awaits: a failure of I/O, not of parsing. */
export function catchesOfAwaits(fn: Fn): ts.CatchClause[] {
  const out: ts.CatchClause[] = [];
  walkOwn(fn, (n) => {
    if (!ts.isTryStatement(n) || !n.catchClause) return;
    let awaits = false;
    const go = (x: ts.Node): void => {
      if (awaits) return;
      if (ts.isAwaitExpression(x)) awaits = true;
      else if (!ts.isFunctionLike(x)) ts.forEachChild(x, go);
    };
    go(n.tryBlock);
    if (awaits) out.push(n.catchClause);
  });
  return out;
}

/** Methods that send the status line and headers at once: after them no error status can follow (a stream, server-sent events). */
const HEADER_SENDERS = new Set(['write', 'writeHead', 'flushHeaders', 'pipe']);

/** Whether the try block of a catch clause starts the response (`res.write`, `res.flushHeaders()`, `stream.pipe(res)`): its status is gone. */
export function streamsBefore(clause: ts.CatchClause, res: string): boolean {
  const tryBlock = (clause.parent as ts.TryStatement).tryBlock;
  let yes = false;
  const go = (n: ts.Node): void => {
    if (yes) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && HEADER_SENDERS.has(n.expression.name.text)) {
      const on = n.expression.expression;
      if ((ts.isIdentifier(on) && on.text === res) || n.arguments.some((a) => ts.isIdentifier(a) && a.text === res)) yes = true;
    }
    // A helper handed the response (`sendSSE(res, ...)`) may have written it.
    if (ts.isCallExpression(n) && !ts.isPropertyAccessExpression(n.expression) && n.arguments.some((a) => ts.isIdentifier(a) && a.text === res)) yes = true;
    ts.forEachChild(n, go);
  };
  go(tryBlock);
  return yes;
}

/** A status argument that may say failure: anything but a number below 400. */
function errorStatus(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  return !(ts.isNumericLiteral(e) && Number(e.text) < 400);
}

/**
 * The first answer a catch block gives through `res` with no error status set before it in the block
 * or on the chain: `res.json(...)`, `reply.send(...)`, `ctx.body = ...`. Null when it sets one, throws
 * before answering, or hands the error on.
 */
export function successAnswer(clause: ts.CatchClause, res: string, kind: 'express' | 'fastify' | 'koa'): ts.Node | null {
  let status = false;
  let answer: ts.Node | null = null;
  const statusMethods = kind === 'express' ? ['status', 'sendStatus'] : ['code', 'status'];
  const sends = kind === 'express' ? ['json', 'send', 'jsonp'] : ['send'];
  const rootIs = (e: ts.Expression): boolean => {
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) e = e.expression.expression;
    return ts.isIdentifier(e) && e.text === res;
  };
  const chainSetsStatus = (e: ts.Expression): boolean => {
    while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
      if (statusMethods.includes(e.expression.name.text) && errorStatus(e.arguments[0])) return true;
      e = e.expression.expression;
    }
    return false;
  };
  const go = (n: ts.Node): void => {
    if (answer || status || ts.isFunctionLike(n)) return;
    if (ts.isThrowStatement(n)) { status = true; return; }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && ts.isIdentifier(n.left.expression) && n.left.expression.text === res) {
      const field = n.left.name.text;
      if (field === 'status' || field === 'statusCode') { if (errorStatus(n.right)) status = true; return; }
      if (kind === 'koa' && field === 'body') { answer = n; return; }
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const m = n.expression.name.text;
      // Koa's ctx.throw(500) / ctx.assert answer with an error status.
      if (kind === 'koa' && (m === 'throw' || m === 'assert') && rootIs(n.expression.expression)) { status = true; return; }
      if (statusMethods.includes(m) && rootIs(n.expression.expression) && errorStatus(n.arguments[0])) {
        if (m === 'sendStatus' || chainSetsStatus(n)) { status = true; return; }
      }
      if (kind !== 'koa' && sends.includes(m) && rootIs(n.expression.expression)) {
        if (chainSetsStatus(n.expression.expression)) { status = true; return; }
        answer = n;
        return;
      }
    }
    ts.forEachChild(n, go);
  };
  go(clause.block);
  return status ? null : answer;
}
