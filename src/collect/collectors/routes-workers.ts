// Cloudflare Workers `fetch` routing written by hand (`url.pathname === '/x'`, `switch (pathname)`,
// `pathname.startsWith('/api/')`), WebSocket upgrades in Workers, and `ws` servers.
import ts from 'typescript';
import type { SourceContext } from '../host.js';
import { bodyFacts, lineCount, type Imports } from './routes-ast.js';
import { checksAuth } from './routes-vocab.js';

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

/** Text of the enclosing function up to a node: a guard written before the routing applies to it. */
function textBefore(n: ts.Node, sf: ts.SourceFile): string {
  const fn = enclosingFunction(n);
  if (!fn?.body) return '';
  return sf.text.slice(fn.body.getStart(sf), n.getStart(sf));
}

function methodIn(cond: string): string {
  return /method\s*[!=]==?\s*['"](GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)['"]/.exec(cond)?.[1] ?? 'ALL';
}

export function workersRoutes(ctx: SourceContext, _imports: Imports): Array<Record<string, unknown>> {
  if (!FETCH_FILE.test(ctx.text)) return [];
  const sf = ctx.sourceFile;
  const out: Array<Record<string, unknown>> = [];
  const add = (path: string, method: string, at: ts.Node, body: ts.Node, guard: ts.Node) => {
    const facts = bodyFacts(`inline (${lineCount(sf.text, body.getStart(sf), body.end)} lines)`, body, sf, ctx.scope);
    const before = textBefore(guard, sf);
    out.push({
      kind: 'route', framework: 'workers', receiver: null, method, url: path, line: ctx.lineOf(at), middleware: [], ...facts,
      authInHandler: facts.authInHandler || checksAuth(before), limitInHandler: facts.limitInHandler || /\.limit\(/.test(before),
    });
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
        const before = textBefore(n, sf);
        out.push({
          kind: 'route', framework: 'workers', receiver: null, method: 'WS', url: /pathname\s*===?\s*['"`](\/[^'"`]*)/.exec(cond)?.[1] ?? enclosingPath(n, sf) ?? '*', line: ctx.lineOf(n),
          middleware: [], ...bodyFacts('websocket upgrade', n.thenStatement, sf, ctx.scope), websocket: true,
          authInHandler: checksAuth(before) || checksAuth(n.thenStatement.getText(sf)) || checksAuth(n.elseStatement?.getText(sf) ?? ''),
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
      const optsText = opts?.getText(sf) ?? '';
      const path = /path\s*:\s*['"`]([^'"`]+)['"`]/.exec(optsText)?.[1] ?? '*';
      const upgrade = /\.on\(\s*['"]upgrade['"][\s\S]*/.exec(ctx.text)?.[0] ?? '';
      const connection = /\.on\(\s*['"]connection['"][\s\S]{0,2000}/.exec(ctx.text)?.[0] ?? '';
      const auth = /verifyClient/.test(optsText) || checksAuth(upgrade) || /verify|jwt|token|session|auth/i.test(connection) && /close\(\s*(1008|4001|4401|4403)|terminate\(|destroy\(/.test(connection);
      out.push({
        kind: 'route', framework: 'ws', receiver: null, method: 'WS', url: path, line: ctx.lineOf(n), middleware: [],
        handler: 'ws server', touchesData: false, authInHandler: auth, signature: false, limitInHandler: false, websocket: true, calls: [], health: null,
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
  const middleware = [...ctx.text.matchAll(/\.use\(\s*(?:async\s*)?\(?\s*socket\b[\s\S]{0,1500}/g)].map((m) => m[0]).join('\n');
  const visit = (n: ts.Node): void => {
    const callee = ts.isNewExpression(n) || ts.isCallExpression(n) ? n.expression.getText(sf) : '';
    if ((ts.isNewExpression(n) && names.has(callee)) || (ts.isCallExpression(n) && names.has(callee) && imports.get(callee)?.imported === 'default')) {
      const call = n as ts.NewExpression | ts.CallExpression;
      const optsText = call.arguments?.map((a) => a.getText(sf)).join(' ') ?? '';
      const path = /path\s*:\s*['"`]([^'"`]+)['"`]/.exec(optsText)?.[1] ?? '/socket.io';
      const auth = /allowRequest/.test(optsText) || checksAuth(middleware) || (/handshake\.(auth|headers)/.test(middleware) && /next\(\s*new Error/.test(middleware));
      out.push({
        kind: 'route', framework: 'socket.io', receiver: null, method: 'WS', url: path, line: ctx.lineOf(n), middleware: [],
        handler: 'socket.io server', touchesData: false, authInHandler: auth, signature: false, limitInHandler: false, websocket: true, calls: [], health: null,
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
