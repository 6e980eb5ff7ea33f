// Cloudflare Workers `fetch` routing written by hand (`url.pathname === '/x'`, `switch (pathname)`,
// `pathname.startsWith('/api/')`), WebSocket upgrades in Workers, and `ws` servers.
import ts from 'typescript';
import type { SourceContext } from '../host.js';
import { functionBodyFacts, nodeFacts, type BodyFacts } from './body-facts.js';
import { bodyFacts, describeMiddleware, lineCount, type Imports, type Mw } from './routes-ast.js';
import { clientIdentity, type ClientIdentity } from './socket-identity.js';

const FETCH_FILE = /new URL\(\s*(request|req|c\.req\.raw|r)\.url|addEventListener\(\s*['"]fetch['"]|\bfetch\s*\(\s*(request|req)\b[^)]*\)\s*[:{]/;
const PATHNAME = /(^|\.)pathname$/;
const UPGRADE = /headers\.get\(\s*['"]upgrade['"]\s*\)/i;

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | null {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && 'body' in p) return p as ts.FunctionLikeDeclaration;
  return null;
}

function inClass(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (ts.isClassDeclaration(p) || ts.isClassExpression(p)) return true;
  return false;
}

/** What the enclosing function does before a node: a check written before the routing applies to it. */
function factsBefore(n: ts.Node, ctx: SourceContext): BodyFacts | undefined {
  const fn = enclosingFunction(n);
  if (!fn?.body) return undefined;
  const facts = nodeFacts(fn.body, ctx.scope, fn.parameters, 1, n.getStart(ctx.sourceFile));
  return facts.calls.length > 0 || Object.keys(facts).length > 1 ? facts : undefined;
}

function methodIn(cond: string): string {
  return /method\s*[!=]==?\s*['"](GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)['"]/.exec(cond)?.[1] ?? 'ALL';
}

export function workersRoutes(ctx: SourceContext, _imports: Imports): Array<Record<string, unknown>> {
  if (!FETCH_FILE.test(ctx.text)) return [];
  const sf = ctx.sourceFile;
  const out: Array<Record<string, unknown>> = [];
  const add = (path: string, method: string, at: ts.Node, body: ts.Node, guard: ts.Node) => {
    const facts = bodyFacts(`inline (${lineCount(sf.text, body.getStart(sf), body.end)} lines)`, body, sf, ctx.scope, undefined, enclosingFunction(guard)?.parameters ?? []);
    const preamble = factsBefore(guard, ctx);
    out.push({ kind: 'route', framework: 'workers', receiver: null, method, url: path, line: ctx.lineOf(at), middleware: [], ...facts, ...(preamble ? { preamble } : {}) });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isIfStatement(n)) {
      const cond = n.expression.getText(sf);
      const upgrade = UPGRADE.test(cond) && !inClass(n);
      if (!upgrade) for (const m of cond.matchAll(/([\w.]*pathname)\s*===?\s*['"`](\/[^'"`]*)['"`]|([\w.]*pathname)\.startsWith\(\s*['"`](\/[^'"`]*)['"`]/g)) {
        if (cond[(m.index ?? 0) - 1] === '!') continue; // `!pathname.startsWith('/api/')` is everything else
        const path = m[2] ?? `${m[4].replace(/\/$/, '')}/*`;
        add(path, methodIn(cond), n, n.thenStatement, n);
      }
      if (upgrade) {
        // The whole `if`: a check may sit in either branch (`if (upgrade) { if (!ok) return 401 } else ...`).
        const preamble = factsBefore(n, ctx);
        const facts = bodyFacts('websocket upgrade', n.thenStatement, sf, ctx.scope, undefined, enclosingFunction(n)?.parameters ?? []);
        out.push({
          kind: 'route', framework: 'workers', receiver: null, method: 'WS', url: /pathname\s*===?\s*['"`](\/[^'"`]*)/.exec(cond)?.[1] ?? enclosingPath(n, sf) ?? '*', line: ctx.lineOf(n),
          middleware: [], ...facts, body: nodeFacts(n, ctx.scope, enclosingFunction(n)?.parameters ?? []), websocket: true, ...(preamble ? { preamble } : {}),
        });
      }
    }
    if (ts.isSwitchStatement(n) && PATHNAME.test(n.expression.getText(sf))) {
      for (const clause of n.caseBlock.clauses) {
        if (!ts.isCaseClause(clause) || !ts.isStringLiteralLike(clause.expression) || !clause.expression.text.startsWith('/')) continue;
        add(clause.expression.text, methodIn(clause.statements.map((s) => s.getText(sf)).join('\n').slice(0, 200)), clause, clause, n);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function enclosingPath(n: ts.Node, sf: ts.SourceFile): string | null {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isIfStatement(p)) {
      const m = /pathname\s*===?\s*['"`](\/[^'"`]*)['"`]/.exec(p.expression.getText(sf));
      if (m) return m[1];
    }
    if (ts.isCaseClause(p) && ts.isStringLiteralLike(p.expression)) return p.expression.text;
  }
  return null;
}

/** `new WebSocketServer(...)` / `new WebSocket.Server(...)` from `ws`: one upgrade route per server. */
export function wsServers(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const fromWs = [...imports.values()].some((i) => i.from === 'ws');
  if ([...imports.values()].some((i) => i.from === 'socket.io')) return socketIo(ctx, imports);
  if (!fromWs) return [];
  const out: Array<Record<string, unknown>> = [];
  const sf = ctx.sourceFile;
  const visit = (n: ts.Node): void => {
    if (ts.isNewExpression(n) && /^(WebSocketServer|WebSocket\.Server|Server|WSServer)$/.test(n.expression.getText(sf))) {
      const opts = n.arguments?.[0];
      const path = stringOption(opts, 'path') ?? '*';
      out.push({
        kind: 'route', framework: 'ws', receiver: null, method: 'WS', url: path, line: ctx.lineOf(n), middleware: [],
        handler: 'ws server', websocket: true, calls: [], health: null,
        socket: { options: optionNames(n.arguments ?? []), ...listeners(ctx, 'upgrade', 'upgrade'), ...listeners(ctx, 'connection', 'connection'), ...identityOf(ctx) },
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** socket.io: `new Server(httpServer)`; authenticated by an `io.use((socket, next) => ...)` check or `allowRequest`. */
function socketIo(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const names = new Set([...imports].filter(([, i]) => i.from === 'socket.io').map(([local]) => local));
  const out: Array<Record<string, unknown>> = [];
  const sf = ctx.sourceFile;
  const visit = (n: ts.Node): void => {
    const callee = ts.isNewExpression(n) || ts.isCallExpression(n) ? n.expression.getText(sf) : '';
    if ((ts.isNewExpression(n) && names.has(callee)) || (ts.isCallExpression(n) && names.has(callee) && imports.get(callee)?.imported === 'default')) {
      const call = n as ts.NewExpression | ts.CallExpression;
      const args = call.arguments ?? [];
      const on = serverReceiver(call, ctx);
      const path = args.map((a) => stringOption(a, 'path')).find((p) => p !== null) ?? '/socket.io';
      out.push({
        kind: 'route', framework: 'socket.io', receiver: null, method: 'WS', url: path, line: ctx.lineOf(n), middleware: useMiddleware(ctx, imports, on),
        handler: 'socket.io server', websocket: true, calls: [], health: null,
        socket: { options: optionNames(args), ...listeners(ctx, 'use', 'upgrade', on), ...listeners(ctx, 'connection', 'connection', on), ...identityOf(ctx, on) },
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** `{ path: '/ws' }` -> '/ws' for key `path`; null when the option is absent or not a string literal. */
function stringOption(e: ts.Expression | undefined, key: string): string | null {
  if (!e || !ts.isObjectLiteralExpression(e)) return null;
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === key && ts.isStringLiteralLike(p.initializer)) return p.initializer.text;
  }
  return null;
}

/** The option names given to a server in object literals (`verifyClient`, `allowRequest`). */
function optionNames(args: readonly ts.Expression[]): string[] {
  return args.flatMap((a) => (ts.isObjectLiteralExpression(a) ? a.properties.flatMap((p) => (p.name && !ts.isComputedPropertyName(p.name) ? [p.name.getText()] : [])) : []));
}

/**
 * What the file's listeners do: `wss.on('upgrade', (req, socket) => ...)` and `.on('connection', ...)`,
 * or socket.io's `io.use((socket, next) => ...)` (`on` is the method; for `use` no event name).
 */
function listeners(ctx: SourceContext, event: string, as: 'upgrade' | 'connection', on: Receiver = anyReceiver): Partial<Record<'upgrade' | 'connection', BodyFacts>> {
  const fn = listenerOf(ctx, event, on);
  return fn ? { [as]: functionBodyFacts(fn, ctx.scope) } : {};
}

/** The first listener of the file for `event` (`use`: `io.use`'s function), written in place or as a function of the file. */
function listenerOf(ctx: SourceContext, event: string, on: Receiver = anyReceiver): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && on(n.expression.expression)) {
      const method = n.expression.name.text;
      const [first, second] = n.arguments;
      const fn = event === 'use' ? (method === 'use' ? first : undefined) : method === 'on' && first && ts.isStringLiteralLike(first) && first.text === event ? second : undefined;
      const local = fn ? localFunction(fn, ctx) : undefined;
      if (local) {
        found = local;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  return found;
}

/** Whether a call's receiver is the server a listener or middleware belongs to. */
type Receiver = (e: ts.Expression) => boolean;
const anyReceiver: Receiver = () => true;

/**
 * The receivers that are this socket.io server: the variable it is kept in (`io.use`, `io.on`), its
 * namespaces (`io.of('/chat').on`) and `io.sockets`. A server kept elsewhere (`this.io`) is matched by any receiver.
 */
function serverReceiver(server: ts.Node, ctx: SourceContext): Receiver {
  let p = server.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) p = p.parent;
  if (!p || !ts.isVariableDeclaration(p) || !ts.isIdentifier(p.name)) return anyReceiver;
  const decl = p;
  const isServer = (e: ts.Expression): boolean => {
    if (ts.isIdentifier(e)) return ctx.scope.refersTo(e, decl);
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'sockets') return isServer(e.expression);
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'of') return isServer(e.expression.expression);
    return false;
  };
  return isServer;
}

/** A function written in place, or the function of this file an identifier refers to (by scope). */
function localFunction(e: ts.Expression, ctx: SourceContext): ts.FunctionLikeDeclaration | undefined {
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  const b = ctx.scope.resolve(e);
  if (b?.kind === 'function') return b.decl;
  if (b?.kind === 'variable' && b.initializer && (ts.isArrowFunction(b.initializer) || ts.isFunctionExpression(b.initializer))) return b.initializer;
  return undefined;
}

/**
 * socket.io's `io.use(authenticate)` with a function imported from another file: a middleware of the
 * server's chain, judged by the link stage from its declaration like any route middleware.
 */
function useMiddleware(ctx: SourceContext, imports: Imports, on: Receiver): Mw[] {
  const out: Mw[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && n.arguments.length === 1 && on(n.expression.expression)) {
      const a = n.arguments[0];
      if (!localFunction(a, ctx) && !ts.isArrowFunction(a) && !ts.isFunctionExpression(a)) {
        const mw = describeMiddleware(a, imports, ctx.scope);
        if (mw.some((m) => m.from !== null && m.from.startsWith('.'))) out.push(...mw);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  return out;
}

/**
 * What the connection listener takes from the client as the user's identity: the handshake, the
 * upgrade's URL query, or the payload of an event it listens to (`socket.on('join', (data) => data.userId)`).
 */
function identityOf(ctx: SourceContext, on: Receiver = anyReceiver): { identity?: ClientIdentity[] } {
  const fn = listenerOf(ctx, 'connection', on);
  if (!fn?.body) return {};
  const payloads: ts.ParameterDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'on' && n.arguments[1]) {
      const h = localFunction(n.arguments[1], ctx);
      if (h?.parameters[0]) payloads.push(h.parameters[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  const identity = clientIdentity(fn.body, ctx.scope, (n) => ctx.lineOf(n), payloads);
  return identity.length > 0 ? { identity } : {};
}
