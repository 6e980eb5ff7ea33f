// How a server accepts a WebSocket connection and where the code hears that the connection ended. A
// socket kept in a set or map after it closed or failed is a leak: "WebSocket cleanup on close/error" is
// decided by the handlers for those ends and what they release, never by the words.

/** One end of a connection and how its handler is written for this API. */
export interface SocketEnd {
  event: 'close' | 'error';
  /**
   * `class-method`: a method of the class that accepted the socket, called by the runtime
   * (`webSocketClose(ws)`); `listener`: `socket.addEventListener('close', fn)` / `socket.on('close', fn)`
   * with this event name; `property`: `socket.onclose = fn`.
   */
  how: 'class-method' | 'listener' | 'property';
  name: string;
}

export interface SocketApi {
  id: string;
  /**
   * What accepts a server-side connection: a method call by name, or a `new` of a class as written. The
   * first API whose accept a file holds is the one its handlers are read for (hibernation before standard:
   * both make a `WebSocketPair`).
   */
  accepts: ReadonlyArray<{ how: 'method' | 'new'; name: string }>;
  ends: readonly SocketEnd[];
  example: string;
  source: string;
}

export const SOCKET_APIS: readonly SocketApi[] = [
  {
    id: 'durable-object-hibernation',
    accepts: [{ how: 'method', name: 'acceptWebSocket' }],
    ends: [{ event: 'close', how: 'class-method', name: 'webSocketClose' }, { event: 'error', how: 'class-method', name: 'webSocketError' }],
    example: 'class Room { fetch() { const [c, s] = Object.values(new WebSocketPair()); this.ctx.acceptWebSocket(s); } webSocketClose(ws) {} webSocketError(ws, e) {} }',
    source: 'https://developers.cloudflare.com/durable-objects/api/base/ (webSocketClose, webSocketError)',
  },
  {
    // Workers without hibernation, and any runtime with the WHATWG WebSocket (Deno, Bun's server sockets).
    id: 'standard',
    accepts: [{ how: 'new', name: 'WebSocketPair' }],
    ends: [
      { event: 'close', how: 'listener', name: 'close' }, { event: 'error', how: 'listener', name: 'error' },
      { event: 'close', how: 'property', name: 'onclose' }, { event: 'error', how: 'property', name: 'onerror' },
    ],
    example: "const [c, s] = Object.values(new WebSocketPair()); s.accept(); s.addEventListener('close', () => {}); s.addEventListener('error', () => {});",
    source: 'https://developers.cloudflare.com/workers/runtime-apis/websockets/ (accept, close and error events)',
  },
  {
    id: 'ws',
    accepts: [{ how: 'new', name: 'WebSocketServer' }, { how: 'new', name: 'WebSocket.Server' }],
    ends: [{ event: 'close', how: 'listener', name: 'close' }, { event: 'error', how: 'listener', name: 'error' }],
    example: "const wss = new WebSocketServer({ port: 8080 }); wss.on('connection', (ws) => { ws.on('close', () => {}); ws.on('error', () => {}); });",
    source: 'https://github.com/websockets/ws/blob/master/doc/ws.md (Event: close, Event: error)',
  },
];

/** The methods a listener is registered with. */
export const LISTEN_METHODS: readonly string[] = ['addEventListener', 'on', 'once'];

/**
 * Calls that give up something a connection held: a socket removed from a collection, a timer stopped,
 * a subscription or stream ended.
 */
export const RELEASE_METHODS: readonly string[] = ['delete', 'clear', 'removeEventListener', 'off', 'removeListener', 'removeAllListeners', 'unsubscribe', 'close', 'terminate', 'destroy', 'abort', 'end'];
export const RELEASE_FUNCTIONS: readonly string[] = ['clearInterval', 'clearTimeout'];

/** Calls that keep a socket in a collection that outlives it. */
export const HOLD_METHODS: readonly string[] = ['add', 'set', 'push'];

/**
 * Where a server reads what the client says about itself on a socket, before any check: socket.io's
 * handshake (`socket.handshake.query`, `.auth`, `.headers`), the upgrade request's URL query
 * (`new URL(req.url).searchParams`, `url.parse(req.url, true).query`), and a message's payload. A field of
 * one of these named for a user (CLIENT_IDENTITY_FIELDS) is the client's word for who it is.
 */
export const HANDSHAKE_CARRIERS: ReadonlyArray<{ path: readonly string[]; what: string }> = [
  { path: ['handshake', 'query'], what: 'socket.handshake.query' },
  { path: ['handshake', 'auth'], what: 'socket.handshake.auth' },
  { path: ['handshake', 'headers'], what: 'socket.handshake.headers' },
];

/**
 * Field names that carry a user's identity, lower case with `_` and `-` removed (`user_id` -> `userid`).
 * A token is no identity claim: it is checked (CREDENTIAL_FIELDS in words.ts).
 */
export const CLIENT_IDENTITY_FIELDS: readonly string[] = ['userid', 'uid', 'user', 'username', 'accountid', 'memberid', 'playerid', 'senderid', 'ownerid', 'customerid', 'email'];

/** Whether a field name carries a user's identity (`userId`, `user_id`, `senderId`). */
export function isClientIdentityField(name: string): boolean {
  return CLIENT_IDENTITY_FIELDS.includes(name.toLowerCase().replace(/[-_]/g, ''));
}

/** NestJS's WebSocket decorators: the class, a message handler, the payload parameter, and the connection hook a gateway implements. */
export const NEST_GATEWAY = {
  package: '@nestjs/websockets', gateway: 'WebSocketGateway', message: 'SubscribeMessage', payload: 'MessageBody', socket: 'ConnectedSocket',
  connectionHook: 'handleConnection',
  /** The adapters an app subclasses to change how the server is made (`createIOServer`), by package. */
  adapters: [{ package: '@nestjs/platform-socket.io', name: 'IoAdapter' }, { package: '@nestjs/platform-ws', name: 'WsAdapter' }],
  source: 'https://docs.nestjs.com/websockets/gateways (OnGatewayConnection.handleConnection, @SubscribeMessage, @MessageBody); https://docs.nestjs.com/websockets/adapter (extends IoAdapter, createIOServer)',
} as const;

/**
 * A socket a server hands its `connection` listener (`io.on('connection', (socket) => ...)`, a
 * namespace's `io.of('/chat').on('connection', ...)`, `wss.on('connection', (ws, req) => ...)`): every
 * event the client emits on it calls `socket.on(event, (payload, ...) => ...)` with what the client sent,
 * as a route handler is called with the request. The events the library emits itself (the socket
 * ending, an error) carry no client data.
 */
export const SOCKET_EVENTS = {
  /** The events a server emits with a new client's socket as the listener's first argument. */
  connection: ['connection', 'connect'],
  /** Methods a socket's event listener is added with. */
  listen: ['on', 'once'],
  /** Events the library emits itself, whose arguments the client does not choose. */
  reserved: ['disconnect', 'disconnecting', 'error', 'close', 'end', 'timeout', 'drain', 'open', 'upgrade', 'ping', 'pong', 'newListener', 'removeListener'],
  example: "io.on('connection', (socket) => { socket.on('rename', async (name) => db.query(`UPDATE users SET name = '${name}'`)); });",
  source: 'https://socket.io/docs/v4/server-api/#event-connection (socket.on(eventName, callback)); https://socket.io/docs/v4/emit-cheatsheet/#reserved-events',
} as const;

/** Whether `socket.<method>(event, listener)` on a connected client's socket passes the listener what the client sent. */
export function isClientSocketEvent(method: string, event: string): boolean {
  return (SOCKET_EVENTS.listen as readonly string[]).includes(method) && !(SOCKET_EVENTS.reserved as readonly string[]).includes(event);
}

/** Whether a server event hands its listener a new client's socket (`connection`). */
export function isConnectionEvent(event: string): boolean {
  return (SOCKET_EVENTS.connection as readonly string[]).includes(event);
}
