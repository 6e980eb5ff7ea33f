// Functions handed to these calls run once, soon after the call, as part of what the caller is doing:
// code in them runs when the code around the call runs (a server's listen callback, a promise's
// `then`, a client's 'ready' event). A function handed to anything else (a route, a timer that
// repeats, a message event) runs later, for a request or an event, not when the service starts.

export interface StartCallback {
  /** A method of any receiver (`then`), or a global function (`setTimeout`). */
  method?: string;
  global?: string;
  /** For `on`/`once`: only these event names (the first argument). */
  events?: readonly string[];
  example: string;
  source: string;
}

const EVENTS = ['ready', 'connect', 'connected', 'open', 'listening', 'start', 'started'];

export const START_CALLBACKS: readonly StartCallback[] = [
  { method: 'then', example: 'connect(url).then(() => seed())', source: 'https://tc39.es/ecma262/#sec-promise.prototype.then (the callback runs once the promise settles)' },
  { method: 'finally', example: 'connect(url).finally(() => seed())', source: 'https://tc39.es/ecma262/#sec-promise.prototype.finally' },
  { method: 'listen', example: "app.listen(3000, () => seed())", source: 'https://nodejs.org/api/net.html#serverlisten ("listening" listener; Express app.listen, Fastify listen and Koa listen hand it on)' },
  { method: 'once', events: EVENTS, example: "mongoose.connection.once('open', () => seed())", source: 'https://nodejs.org/api/events.html#emitteroncename-listener; the events are the connection/ready events of servers and database clients' },
  { method: 'on', events: EVENTS, example: "redis.on('ready', () => redis.flushall())", source: 'https://nodejs.org/api/events.html#emitteronname-listener (a ready/connect event is emitted as the client connects)' },
  { method: 'forEach', example: 'users.forEach((u) => insert(u))', source: 'https://tc39.es/ecma262/#sec-array.prototype.foreach (called for each element, synchronously)' },
  { method: 'map', example: 'await Promise.all(users.map((u) => insert(u)))', source: 'https://tc39.es/ecma262/#sec-array.prototype.map' },
  { global: 'setTimeout', example: 'setTimeout(() => seed(), 1000)', source: 'https://nodejs.org/api/timers.html#settimeoutcallback-delay-args (runs once)' },
  { global: 'setImmediate', example: 'setImmediate(() => seed())', source: 'https://nodejs.org/api/timers.html#setimmediatecallback-args' },
  { global: 'queueMicrotask', example: 'queueMicrotask(() => seed())', source: 'https://developer.mozilla.org/docs/Web/API/queueMicrotask' },
  { global: 'Promise', example: 'new Promise((resolve) => { seed(); resolve(); })', source: 'https://tc39.es/ecma262/#sec-promise-executor (the executor runs at once)' },
];

/** Whether a function handed to this call runs when the call is made (soon after, once): `method` of any receiver, or a global function; `event` the first argument when it is a string. */
export function isStartCallback(callee: { method?: string; global?: string }, event: string | null): boolean {
  return START_CALLBACKS.some((c) => (c.method !== undefined ? c.method === callee.method : c.global === callee.global)
    && (c.events === undefined || (event !== null && c.events.includes(event))));
}
