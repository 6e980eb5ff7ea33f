// Where each HTTP framework hands a route handler its response object, and how the handler writes
// a body with it. A call on that parameter writes to the caller; a parameter in another position,
// or of a function that is no handler of the framework the file uses, does not, whatever its name.

export interface HandlerResponse {
  framework: string;
  /** Modules whose import says the file's handlers are this framework's. */
  modules: readonly string[];
  /** Index of the response (or context) parameter of a handler: `(req, res)` -> 1, Hono's `(c)` -> 0. */
  response: number;
  /** Index of it in an error handler, when the framework has one with its own signature (`(err, req, res, next)`). */
  errorResponse?: number;
  /** Methods on it that send a body. */
  methods: readonly string[];
  /** A property whose assignment sends the body (Koa's `ctx.body = ...`). */
  bodyProperty?: string;
  /**
   * The method that registers the app's shared error handler (`app.onError(fn)`, `fastify.setErrorHandler(fn)`)
   * and where that handler gets the error and the response. Every error a route throws, a database error
   * included, reaches it.
   */
  errorHandler?: { register: string; error: number; response: number; source: string };
  example: string;
  source: string;
}

export const HANDLER_RESPONSES: readonly HandlerResponse[] = [
  {
    framework: 'express', modules: ['express', 'connect', 'router'], response: 1, errorResponse: 2, methods: ['json', 'send', 'end', 'write', 'jsonp'],
    example: "app.get('/x', (req, res) => res.json({}))", source: 'https://expressjs.com/en/guide/error-handling.html (err, req, res, next) ; https://expressjs.com/en/4x/api.html#res',
  },
  {
    framework: 'fastify', modules: ['fastify'], response: 1, methods: ['send'],
    errorHandler: { register: 'setErrorHandler', error: 0, response: 2, source: 'https://fastify.dev/docs/latest/Reference/Server/#seterrorhandler (error, request, reply)' },
    example: "fastify.get('/x', (request, reply) => reply.send({}))", source: 'https://fastify.dev/docs/latest/Reference/Reply/',
  },
  {
    framework: 'hono', modules: ['hono'], response: 0, methods: ['json', 'text', 'html', 'body'],
    errorHandler: { register: 'onError', error: 0, response: 1, source: 'https://hono.dev/docs/api/hono#error-handling app.onError((err, c) => ...)' },
    example: "app.get('/x', (c) => c.json({}))", source: 'https://hono.dev/docs/api/context',
  },
  {
    framework: 'koa', modules: ['koa', '@koa/router', 'koa-router'], response: 0, methods: [], bodyProperty: 'body',
    example: "router.get('/x', (ctx) => { ctx.body = {}; })", source: 'https://koajs.com/#response',
  },
];

/** NestJS hands a controller method the platform's response object through a decorated parameter, in any position. */
export const NEST_RESPONSE_DECORATORS = {
  package: '@nestjs/common',
  decorators: ['Res', 'Response'],
  example: "import { Res } from '@nestjs/common'; class C { @Get() list(@Res() res) { res.json([]); } }",
  source: 'https://docs.nestjs.com/controllers#library-specific-approach',
} as const;

/** The framework whose handlers a file writes, from the modules it imports; null when none or several. */
export function handlerFrameworkOf(imported: Iterable<string>): HandlerResponse | null {
  const found = new Set<HandlerResponse>();
  for (const m of imported) {
    const base = m.startsWith('@') ? m.split('/').slice(0, 2).join('/') : m.split('/')[0];
    for (const h of HANDLER_RESPONSES) if (h.modules.includes(base)) found.add(h);
  }
  return found.size === 1 ? [...found][0] : null;
}

/**
 * Where the response parameter is when the file's framework is not known: by the handler's shape,
 * the signatures the frameworks above share (`(c)`: the context; `(req, res[, next])`; `(err, req, res, next)`).
 */
export function responseIndexByShape(params: number): number {
  return params <= 1 ? 0 : params >= 4 ? 2 : 1;
}

/**
 * Express (and Connect-style servers: Next.js pages API routes, Node's `http` response): the methods
 * that send the response and end the request-response cycle. A handler path that calls none of them,
 * hands the response to no other function and calls no `next`, leaves the request hanging.
 */
export const EXPRESS_RESPONSE_ENDS = {
  methods: ['send', 'json', 'jsonp', 'end', 'sendStatus', 'redirect', 'render', 'sendFile', 'download'],
  example: "app.post('/hook', (req, res) => { res.sendStatus(200); })",
  source: 'https://expressjs.com/en/guide/routing.html#response-methods ("If none of these methods are called from a route handler, the client request will be left hanging")',
} as const;

/**
 * The shared error handler a function is, for the framework a file uses: where it gets the error and the
 * response. Express's is any handler of four parameters (`(err, req, res, next)`); Hono's and Fastify's are
 * the function handed to the method that registers it (`app.onError(fn)`, `fastify.setErrorHandler(fn)`).
 * `registeredWith` is the name of the method the function is handed to, or null.
 */
export function errorHandlerPositions(fw: HandlerResponse, params: number, registeredWith: string | null): { error: number; response: number } | null {
  if (fw.errorResponse !== undefined && params >= 4) return { error: 0, response: fw.errorResponse };
  if (fw.errorHandler && registeredWith === fw.errorHandler.register) return { error: fw.errorHandler.error, response: fw.errorHandler.response };
  return null;
}
