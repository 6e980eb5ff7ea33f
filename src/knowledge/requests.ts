// Where values a remote party chooses enter a service, beyond the request objects of the HTTP
// frameworks (`req.body`, `c.req.query()`, `ctx.request.body`): decorated handler parameters and the
// callbacks that receive queue jobs and socket messages.
import { SOCKET_EVENTS } from './websockets.js';

export interface DecoratedSource { package: string; decorators: readonly string[]; example: string; source: string }
export interface CallbackSource {
  /** How the callback is registered: `new <ctor>(..)` or `<x>.<method>(..)`. */
  ctor?: string;
  method?: string;
  /** For `.on(event, fn)`: the event whose payload is remote input. */
  event?: string;
  /** Index of the callback among the call's arguments (-1: the last one). */
  callback: number;
  /** Which parameter of the callback carries the input. */
  param: number;
  what: string;
  example: string;
  source: string;
}

export const DECORATED_SOURCES: readonly DecoratedSource[] = [
  {
    package: '@nestjs/common', decorators: ['Param', 'Body', 'Query', 'Headers', 'Req', 'Request'],
    example: "import { Param } from '@nestjs/common'; class C { get(@Param('id') id: string) {} }",
    source: 'https://docs.nestjs.com/controllers#request-object',
  },
  {
    package: '@nestjs/websockets', decorators: ['MessageBody'],
    example: "import { MessageBody } from '@nestjs/websockets'; class G { on(@MessageBody() data: string) {} }",
    source: 'https://docs.nestjs.com/websockets/gateways',
  },
];

export const CALLBACK_SOURCES: readonly CallbackSource[] = [
  { ctor: 'Worker', callback: 1, param: 0, what: 'queue job data', example: "new Worker('mail', async (job) => send(job.data));", source: 'https://docs.bullmq.io/guide/workers' },
  { method: 'process', callback: -1, param: 0, what: 'queue job data', example: "queue.process(async (job) => send(job.data));", source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queueprocess' },
  { method: 'on', event: 'message', callback: 1, param: 0, what: 'a WebSocket message', example: "ws.on('message', (data) => handle(data));", source: 'https://github.com/websockets/ws/blob/master/doc/ws.md#event-message' },
];

/** What remote input the parameter `index` of a callback given as argument `arg` of `call` receives, or null. */
export function callbackSourceOf(call: { ctor?: string; method?: string; event?: string; arg: number; args: number; index: number }): string | null {
  for (const s of CALLBACK_SOURCES) {
    if (s.ctor !== undefined ? s.ctor !== call.ctor : s.method !== call.method) continue;
    if (s.event !== undefined && s.event !== call.event) continue;
    const at = s.callback < 0 ? call.args + s.callback : s.callback;
    if (at === call.arg && s.param === call.index) return s.what;
  }
  return null;
}

/**
 * What a NestJS handler parameter is, by the decorator the framework gives it: the request itself
 * (`@Req() req`: read as `req.<field>`), or one field of it (`@Body() dto` is `req.body`, `@Session() s`
 * is `req.session`). A parameter named by the field it holds, so a handler reads its request through
 * decorated parameters the way an Express handler reads `req`.
 */
export interface NestParamDecorator { package: string; decorator: string; field: string | null; source: string }

const NEST_REQUEST_DOC = 'https://docs.nestjs.com/controllers#request-object';
export const NEST_PARAM_DECORATORS: readonly NestParamDecorator[] = [
  { package: '@nestjs/common', decorator: 'Req', field: null, source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Request', field: null, source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Session', field: 'session', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Body', field: 'body', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Param', field: 'params', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Query', field: 'query', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Headers', field: 'headers', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Ip', field: 'ip', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'HostParam', field: 'hosts', source: NEST_REQUEST_DOC },
  // Not the request: the response and the next function, and uploaded files (multer's `req.file`).
  { package: '@nestjs/common', decorator: 'Res', field: 'res', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Response', field: 'res', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'Next', field: 'next', source: NEST_REQUEST_DOC },
  { package: '@nestjs/common', decorator: 'UploadedFile', field: 'file', source: 'https://docs.nestjs.com/techniques/file-upload' },
  { package: '@nestjs/common', decorator: 'UploadedFiles', field: 'files', source: 'https://docs.nestjs.com/techniques/file-upload' },
];

/**
 * The request field a NestJS parameter decorator hands the handler: null for the whole request,
 * undefined when the decorator is not one of the framework's.
 */
export function nestParamField(from: string, imported: string): string | null | undefined {
  const d = NEST_PARAM_DECORATORS.find((x) => x.package === from && x.decorator === imported);
  return d ? d.field : undefined;
}

/**
 * How an app makes a parameter decorator of its own: `createParamDecorator((data, ctx) =>
 * ctx.switchToHttp().getRequest().user)`. What the callback returns of the request is what the
 * parameter holds (`request.user`: the caller a guard or session loaded).
 */
export const PARAM_DECORATOR_FACTORY = { package: '@nestjs/common', export: 'createParamDecorator', reader: 'getRequest', source: 'https://docs.nestjs.com/custom-decorators#param-decorators' } as const;

/** Whether a parameter decorator imported from `from` as `imported` marks request input. */
export function isRequestDecorator(from: string, imported: string): boolean {
  return DECORATED_SOURCES.some((d) => d.package === from && d.decorators.includes(imported));
}

/**
 * The request objects of the HTTP frameworks and the fields on them that hold what the caller sent:
 * `<path>.<field>` (`req.body`, `c.req.param`, `ctx.request.query`). Read as a property chain from
 * the code, not as text: `req.bodyParser` or a `request` string are not request input.
 */
export interface RequestObject { path: readonly string[]; fields: readonly string[]; framework: string; example: string }

const INPUT_FIELDS = ['body', 'query', 'params', 'param', 'headers', 'header', 'cookies', 'json', 'formData', 'valid'] as const;

export const REQUEST_OBJECTS: readonly RequestObject[] = [
  { path: ['req'], fields: INPUT_FIELDS, framework: 'Express, Fastify, Next.js pages/api', example: 'app.post("/u", (req, res) => db.query(req.body.name))' },
  // Express's own readers of the request: `req.get('x-api-key')` (alias of `req.header`) and signed cookies.
  { path: ['req'], fields: ['get', 'signedCookies'], framework: 'Express (https://expressjs.com/en/api.html#req.get)', example: 'app.post("/hook", (req, res) => check(req.get("x-signature")))' },
  { path: ['request'], fields: INPUT_FIELDS, framework: 'Fastify, Next.js route handlers', example: 'fastify.get("/u", (request) => request.query.id)' },
  { path: ['ctx', 'request'], fields: INPUT_FIELDS, framework: 'Koa', example: 'router.post("/u", (ctx) => ctx.request.body.name)' },
  { path: ['ctx', 'req'], fields: INPUT_FIELDS, framework: 'Koa (raw request), h3', example: 'router.get("/u", (ctx) => ctx.req.headers.host)' },
  { path: ['ctx'], fields: ['params', 'query'], framework: 'Koa with @koa/router', example: 'router.get("/u/:id", (ctx) => ctx.params.id)' },
  { path: ['c', 'req'], fields: INPUT_FIELDS, framework: 'Hono', example: 'app.get("/u/:id", (c) => c.req.param("id"))' },
  { path: ['event'], fields: INPUT_FIELDS, framework: 'h3, Nitro', example: 'defineEventHandler((event) => event.query.id)' },
  { path: ['evt'], fields: INPUT_FIELDS, framework: 'h3, Nitro', example: 'defineEventHandler((evt) => evt.headers.host)' },
];

/** Whether a property chain, root first (`['c', 'req']`), is one of the request objects itself. */
export function isRequestObject(chain: readonly string[]): boolean {
  return REQUEST_OBJECTS.some((o) => chain.length === o.path.length && o.path.every((p, i) => chain[i] === p));
}

/** A URL's query, wherever the URL comes from (`new URL(request.url).searchParams`, Next.js page props). */
export const URL_INPUT_NAMES: readonly string[] = ['searchParams'];

/** Whether a property chain, root first (`['c', 'req', 'param']`), reads a field of a request object. */
export function isRequestRead(chain: readonly string[]): boolean {
  return REQUEST_OBJECTS.some((o) => chain.length === o.path.length + 1 && o.path.every((p, i) => chain[i] === p) && o.fields.includes(chain[chain.length - 1]));
}

/**
 * Where a framework hands a route handler the function that passes the request on: a handler that
 * declares this parameter is a middleware, and a later route of the same path and method runs after it
 * (Hono `app.put('/upload', (c, next) => auth(c, next))` then `app.put('/upload', handler)`).
 */
export interface NextParam { framework: string; index: number; example: string; source: string }

export const NEXT_PARAMS: readonly NextParam[] = [
  { framework: 'hono', index: 1, example: "app.put('/upload', (c, next) => basicAuth(opts)(c, next))", source: 'https://hono.dev/docs/guides/middleware' },
  { framework: 'koa', index: 1, example: "router.get('/admin', async (ctx, next) => { if (!ctx.state.user) ctx.throw(401); await next(); })", source: 'https://koajs.com/#cascading' },
  { framework: 'express', index: 2, example: "app.get('/admin', (req, res, next) => (req.user ? next() : res.sendStatus(401)))", source: 'https://expressjs.com/en/guide/routing.html#route-handlers' },
];

/**
 * Response calls that end a request instead of passing it on: a middleware that answers one sends the
 * caller elsewhere (an authorisation step that redirects a user without the right to the sign-in page).
 * Matched on the callee as collect records it (`res.redirect`), the response object of each framework.
 */
export const REFUSAL_RESPONSES: ReadonlyArray<{ callee: string; framework: string; example: string; source: string }> = [
  { callee: 'res.redirect', framework: 'Express', example: "if (!req.user.isAdmin) return res.redirect('/login');", source: 'https://expressjs.com/en/api.html#res.redirect' },
  { callee: 'ctx.redirect', framework: 'Koa', example: "if (!ctx.state.user) return ctx.redirect('/login');", source: 'https://koajs.com/#response-redirect-url-alt' },
  { callee: 'reply.redirect', framework: 'Fastify', example: "if (!request.user) return reply.redirect('/login');", source: 'https://fastify.dev/docs/latest/Reference/Reply/#redirectdest--code' },
  { callee: 'c.redirect', framework: 'Hono', example: "if (!user) return c.redirect('/login');", source: 'https://hono.dev/docs/api/context#redirect' },
];

/** Whether a recorded callee is a framework's redirect of the response. */
export function isRefusalResponse(callee: string): boolean {
  return REFUSAL_RESPONSES.some((r) => r.callee === callee);
}

/** The index of the handler parameter that passes the request on, for a framework; null where handlers have none (Fastify, itty-router). */
export function nextParamIndex(framework: string): number | null {
  return NEXT_PARAMS.find((p) => p.framework === framework)?.index ?? null;
}

/**
 * Values the operator of a script gives it on the command line. Not a remote party's: an injection
 * through them needs the operator's own shell, so a path from one is rated below a request's.
 */
export interface CommandLineInput { path: readonly string[]; runtime: string; example: string; source: string }

export const COMMAND_LINE_INPUTS: readonly CommandLineInput[] = [
  { path: ['process', 'argv'], runtime: 'Node.js', example: 'const table = process.argv[2];', source: 'https://nodejs.org/api/process.html#processargv' },
  { path: ['Bun', 'argv'], runtime: 'Bun', example: 'const table = Bun.argv[2];', source: 'https://bun.sh/guides/process/argv' },
  { path: ['Deno', 'args'], runtime: 'Deno', example: 'const table = Deno.args[0];', source: 'https://docs.deno.com/api/deno/~/Deno.args' },
];

/** Whether a property chain, root first (`['process', 'argv']`), is a command-line input. */
export function isCommandLineRead(chain: readonly string[]): boolean {
  return COMMAND_LINE_INPUTS.some((i) => chain.length === i.path.length && i.path.every((p, k) => chain[k] === p));
}

/**
 * Text every source above leaves in a file that reads it (`req.body`, `c.req.param`, `searchParams`,
 * `process.argv`, `@Body`, `new Worker`, `'message'`): a file with none of them reads no source
 * directly, so the tracer need not bind its scopes to look for one.
 */
export function sourceWords(): string[] {
  const words = new Set<string>();
  for (const o of REQUEST_OBJECTS) for (const f of o.fields) words.add(`${o.path[o.path.length - 1]}.${f}`);
  for (const n of URL_INPUT_NAMES) words.add(n);
  for (const i of COMMAND_LINE_INPUTS) words.add(i.path.join('.'));
  for (const d of DECORATED_SOURCES) for (const name of d.decorators) words.add(`@${name}`);
  for (const s of CALLBACK_SOURCES) words.add(s.event !== undefined ? `'${s.event}'` : s.ctor !== undefined ? `new ${s.ctor}` : `.${s.method}(`);
  for (const s of CALLBACK_SOURCES) if (s.event !== undefined) words.add(`"${s.event}"`);
  // A client's socket events, under a server's `connection` listener (knowledge SOCKET_EVENTS).
  for (const e of SOCKET_EVENTS.connection) for (const q of ["'", '"', '`']) words.add(`${q}${e}${q}`);
  return [...words];
}

/**
 * Where a handler finds who its caller is, once a guard has let the request through: the fields auth
 * middleware and session libraries set (`req.user` by passport, `ctx.state.user` by koa-jwt,
 * `ctx.session.user` by tRPC contexts and better-auth/next-auth, `req.auth` by express-jwt and Clerk),
 * and the names such a value is handed on under (`userId`, `currentUser`). A handler that never reads
 * one cannot compare the record it changes with the caller.
 */
export interface IdentityField { name: string; example: string; source: string }

export const IDENTITY_FIELDS: readonly IdentityField[] = [
  { name: 'user', example: "router.put('/posts/:id', auth, (req, res) => update(req.params.id, req.user.id))", source: 'https://www.passportjs.org/concepts/authentication/sessions/' },
  { name: 'session', example: 'protectedProcedure.mutation(({ ctx }) => ctx.session.user.id)', source: 'https://trpc.io/docs/server/authorization' },
  { name: 'auth', example: "app.delete('/notes/:id', requireAuth(), (req) => req.auth.userId)", source: 'https://github.com/auth0/express-jwt#usage' },
  { name: 'userId', example: 'remove(@User("id") userId: number, @Param("id") id: string) {}', source: 'https://docs.nestjs.com/custom-decorators#param-decorators' },
  { name: 'currentUser', example: 'update(@CurrentUser() currentUser: User) {}', source: 'https://docs.nestjs.com/custom-decorators#param-decorators' },
  { name: 'principal', example: 'const owner = req.principal.id;', source: 'https://docs.nestjs.com/security/authentication' },
];

/**
 * A framework's per-request context variables: what a middleware stores with `set(key, value)` a
 * handler reads back with `get(key)` or `var.<key>` on the same context (Hono: `c.set('user', u)` in
 * the middleware, `c.get('user')` / `c.var.user` in the handler). The key read is the field of the
 * request the handler reads, as `req.user` is in Express.
 */
export interface ContextVariables { framework: string; getter: string; holder: string; setter: string; example: string; source: string }

export const CONTEXT_VARIABLES: readonly ContextVariables[] = [
  { framework: 'Hono', getter: 'get', holder: 'var', setter: 'set', example: "app.delete('/:id', (c) => { const user = c.get('user'); return c.json(c.var.user); })", source: 'https://hono.dev/docs/api/context#set-get' },
];

/** How a field of the context reads a context variable: `getter` (`c.get('user')`, the key is the argument), `holder` (`c.var.user`, the key is the member), or null. */
export function contextVariableReader(field: string): 'getter' | 'holder' | null {
  if (CONTEXT_VARIABLES.some((v) => v.getter === field)) return 'getter';
  return CONTEXT_VARIABLES.some((v) => v.holder === field) ? 'holder' : null;
}

/** Whether a field or parameter name says it holds the caller's identity (whole name, not a word inside it: `userRepository` does not). */
export function isIdentityName(name: string): boolean {
  return IDENTITY_FIELDS.some((f) => f.name === name);
}
