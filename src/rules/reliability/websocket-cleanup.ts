import ts from 'typescript';
import { defineSourceRule } from '../api.js';
import { calleeName } from '../shared/ast.js';

const CLOSE = /\.(on|once|addListener)\(\s*['"](close|disconnect)['"]|addEventListener\(\s*['"]close['"]|\.onclose\s*=|\bonClose\s*[:(]|\bwebSocketClose\s*\(/;
const ERROR = /\.(on|once|addListener)\(\s*['"]error['"]|addEventListener\(\s*['"]error['"]|\.onerror\s*=/;

/** A collection the socket is put in: `clients.add(ws)`, `rooms.set(id, ws)`, `list.push(ws)`, `map[id] = ws`. */
function storesSocket(body: string, names: string[]): string | null {
  for (const n of names) {
    const re = new RegExp(`([\\w.$]+)\\.(add|push)\\(\\s*${n}\\b|([\\w.$]+)\\.set\\([^,()]+,\\s*${n}\\b|([\\w.$]+)\\[[^\\]]+\\]\\s*=\\s*${n}\\b`);
    const m = re.exec(body);
    if (m) return m[1] ?? m[3] ?? m[4];
  }
  return null;
}

function paramNames(fn: ts.SignatureDeclaration): string[] {
  return fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : '')).filter(Boolean);
}

export default defineSourceRule({
  id: 'reliability/websocket-cleanup',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'WebSocket handler without close/error cleanup',
    rationale: 'A socket kept in a collection but never removed on close leaks memory and keeps broadcasting to dead peers; with the `ws` library, a socket error without an `error` listener throws and takes the process down.',
    remediation: { text: 'Register `close` (and, for `ws`, `error`) handlers on every accepted socket and remove it from every collection there (`ws.on(\'close\', () => clients.delete(ws))`, Hono `onClose`, Workers `addEventListener(\'close\', ...)`).', effort: 'low' },
    messages: {
      notRemoved: 'WebSocket handler: the socket is added to {{store}} but never removed on close: the collection grows with every connection',
      noErrorListener: 'WebSocket handler: no \'error\' listener on the socket: an error event throws and crashes the process',
      notRemovedNoErrorListener: 'WebSocket handler: the socket is added to {{store}} but never removed on close: the collection grows with every connection; no \'error\' listener on the socket: an error event throws and crashes the process',
    },
  },
  triggers: ['connection', 'upgradeWebSocket', 'WebSocketPair'],
  appliesTo: (f) => f.role === 'service' || f.role === 'example',
  create(ctx) {
    const usesWs = /from\s+['"]ws['"]|require\(['"]ws['"]\)/.test(ctx.text);
    const check = (node: ts.Node, body: string, sockets: string[], wsLib: boolean) => {
      const store = storesSocket(body, sockets);
      const leaks = store !== null && !CLOSE.test(body);
      const noError = wsLib && !ERROR.test(body);
      if (leaks || noError) {
        ctx.report({ node, messageId: leaks && noError ? 'notRemovedNoErrorListener' : leaks ? 'notRemoved' : 'noErrorListener', data: { store: store ?? '' } });
      }
    };
    return {
      CallExpression(node) {
        const call = node as ts.CallExpression;
        const name = calleeName(call);
        const handler = call.arguments.find((a): a is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
        if (!handler) return;
        if ((name === 'on' || name === 'once') && call.arguments[0] && ts.isStringLiteralLike(call.arguments[0]) && call.arguments[0].text === 'connection' && handler.parameters.length > 0) {
          const recv = ts.isPropertyAccessExpression(call.expression) ? call.expression.expression.getText(ctx.sourceFile) : '';
          if (!/ws|wss|io|socket|server|sockets/i.test(recv)) return;
          check(call, handler.body.getText(ctx.sourceFile), paramNames(handler).slice(0, 1), usesWs && !/\bio\b/.test(recv));
        }
        if (name === 'upgradeWebSocket') {
          const body = handler.body.getText(ctx.sourceFile);
          const inner = [...body.matchAll(/on(?:Open|Message)\s*[:(]\s*(?:async\s*)?\(?\s*\w+\s*,\s*(\w+)/g)].map((m) => m[1]);
          check(call, body, inner.length ? inner : ['ws'], false);
        }
      },
      NewExpression(node) {
        const n = node as ts.NewExpression;
        if (n.expression.getText(ctx.sourceFile) !== 'WebSocketPair') return;
        let decl: ts.Node | undefined = n.parent;
        while (decl && (ts.isCallExpression(decl) || ts.isParenthesizedExpression(decl) || ts.isAsExpression(decl))) decl = decl.parent;
        if (!decl || !ts.isVariableDeclaration(decl)) return;
        let fn: ts.Node | undefined = n.parent;
        while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
        if (!fn) return;
        const names = ts.isArrayBindingPattern(decl.name)
          ? decl.name.elements.map((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? e.name.text : '')).filter(Boolean)
          : [];
        const cls = fn.parent && ts.isClassDeclaration(fn.parent) ? fn.parent.getText(ctx.sourceFile) : fn.getText(ctx.sourceFile);
        check(n, cls, names, false);
      },
    };
  },
});
