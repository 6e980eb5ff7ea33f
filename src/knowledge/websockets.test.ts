import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { clientIdentity } from '../collect/collectors/socket-identity.js';
import { isClientIdentityField, LISTEN_METHODS, NEST_GATEWAY, QUERY_TIMEOUTS, SOCKET_APIS } from './index.js';

/** Method names called, classes constructed, methods declared and string arguments of an example. */
function shape(code: string) {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const calls: string[] = [], news: string[] = [], methods: string[] = [], listened: string[] = [], props: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      calls.push(n.expression.name.text);
      const ev = n.arguments[0];
      if (LISTEN_METHODS.includes(n.expression.name.text) && ev && ts.isStringLiteralLike(ev)) listened.push(ev.text);
    }
    if (ts.isNewExpression(n)) news.push(n.expression.getText(sf));
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) methods.push(n.name.text);
    if (ts.isPropertyAccessExpression(n)) props.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { calls, news, methods, listened, props };
}

describe('WebSocket APIs', () => {
  it('each example accepts a connection the way the entry says and handles each end it lists', () => {
    for (const api of SOCKET_APIS) {
      const s = shape(api.example);
      expect(api.accepts.some((a) => (a.how === 'method' ? s.calls : s.news).includes(a.name)), api.id).toBe(true);
      for (const end of api.ends.filter((e) => e.how !== 'property')) {
        expect(end.how === 'class-method' ? s.methods : s.listened, `${api.id} ${end.name}`).toContain(end.name);
      }
      expect(api.source).toMatch(/^https:\/\//);
    }
  });
  it('every API names a close and an error end', () => {
    for (const api of SOCKET_APIS) expect(new Set(api.ends.map((e) => e.event))).toEqual(new Set(['close', 'error']));
  });
});

describe('query timeouts', () => {
  it('one entry per library, each with its source', () => {
    const libs = QUERY_TIMEOUTS.map((q) => q.library);
    expect(new Set(libs).size).toBe(libs.length);
    for (const q of QUERY_TIMEOUTS) expect(q.source).toMatch(/^https:\/\//);
  });
});

describe('identity a socket client claims', () => {
  const claims = (code: string, payload = false) => {
    const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const fn = (sf.statements[0] as ts.FunctionDeclaration);
    return clientIdentity(fn.body!, lazyScope(() => sf), (n) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, payload ? fn.parameters.slice(0, 1) : []).map((c) => `${c.via}.${c.field}`);
  };

  it('identity fields are user ids however they are spelled; a token is no identity claim', () => {
    for (const f of ['userId', 'user_id', 'UserID', 'senderId', 'uid']) expect(isClientIdentityField(f), f).toBe(true);
    for (const f of ['token', 'roomId', 'text', 'authorization']) expect(isClientIdentityField(f), f).toBe(false);
    expect(NEST_GATEWAY.source).toMatch(/^https:\/\//);
  });

  it('reads the handshake, the URL query and a payload, through destructuring and local variables', () => {
    expect(claims('function f(socket) { return socket.handshake.query.userId; }')).toEqual(['socket.handshake.query.userId']);
    expect(claims("function f(socket) { const { user_id: id } = socket.handshake.auth; const q = socket.handshake.query; return [id, q['uid']]; }"))
      .toEqual(['socket.handshake.auth.user_id', 'socket.handshake.query.uid']);
    expect(claims("function f(ws, req) { return new URL(req.url, 'http://x').searchParams.get('userId'); }")).toEqual(['URL query.userId']);
    expect(claims('function f(data) { return data.senderId; }', true)).toEqual(['message payload.senderId']);
    expect(claims('function f({ userId }) { return userId; }', true)).toEqual(['message payload.userId']);
    expect(claims('function f(userId) { return rooms.join(userId); }', true)).toEqual(['message payload.userId']);
    const sf = ts.createSourceFile('g.ts', "class G { f(@MessageBody('senderId') id: string) { return id; } }", ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const method = (sf.statements[0] as ts.ClassDeclaration).members[0] as ts.MethodDeclaration;
    expect(clientIdentity(method.body!, lazyScope(() => sf), () => 1, method.parameters).map((c) => c.field)).toEqual(['senderId']);
  });

  it('a token, a field of something else, or a payload not marked as one is no claim', () => {
    expect(claims('function f(socket) { return verify(socket.handshake.auth.token); }')).toEqual([]);
    expect(claims('function f(socket) { return socket.data.userId; }')).toEqual([]);
    expect(claims('function f(data) { return data.userId; }')).toEqual([]);
  });
});

describe('knowledge/websockets: client socket events', () => {
  it('any event a client emits is its data; the library\'s own events are not', async () => {
    const { isClientSocketEvent, isConnectionEvent } = await import('./websockets.js');
    expect(isClientSocketEvent('on', 'rename')).toBe(true);
    expect(isClientSocketEvent('once', 'join')).toBe(true);
    expect(isClientSocketEvent('on', 'disconnect')).toBe(false);
    expect(isClientSocketEvent('on', 'error')).toBe(false);
    expect(isClientSocketEvent('emit', 'rename')).toBe(false);
    expect(isConnectionEvent('connection')).toBe(true);
    expect(isConnectionEvent('message')).toBe(false);
  });
});
