// What makes a rejected promise of an async request handler reach an error handler. Express 4 does
// not: a handler whose promise rejects leaves the request hanging and the rejection unhandled (on
// Node >= 15 the process exits). Express 5, Koa, Fastify, Hono and NestJS await what a handler
// returns and answer 500 themselves. The packages below close the gap for Express 4.

export interface AsyncErrorHelper {
  package: string;
  /**
   * `patch`: importing it anywhere makes every router of the process forward rejections.
   * `wrapper`: the exports named wrap a handler (`wraps`: which argument) and hand its rejection to `next`.
   * `router`: the exports make routers (or methods such as `getAsync`) that forward rejections.
   */
  how: 'patch' | 'wrapper' | 'router';
  exports: readonly string[];
  wraps?: number;
  example: string;
  source: string;
}

export const ASYNC_ERROR_HELPERS: readonly AsyncErrorHelper[] = [
  {
    package: 'express-async-errors', how: 'patch', exports: [],
    example: "import 'express-async-errors';", source: 'https://github.com/davidbanham/express-async-errors#usage',
  },
  {
    package: 'express-async-handler', how: 'wrapper', exports: ['default'], wraps: 0,
    example: "router.get('/me', asyncHandler(async (req, res) => { res.json(await load(req)); }));", source: 'https://github.com/Abazhenov/express-async-handler#usage',
  },
  {
    package: '@awaitjs/express', how: 'wrapper', exports: ['wrap'], wraps: 0,
    example: "app.get('/me', wrap(async (req, res) => { res.json(await load(req)); }));", source: 'https://github.com/vkarpov15/awaitjs-express#usage',
  },
  {
    package: '@awaitjs/express', how: 'router', exports: ['addAsync', 'Router', 'decorateApp', 'decorateRouter'],
    example: "const app = addAsync(express()); app.getAsync('/me', async (req, res) => { ... });", source: 'https://github.com/vkarpov15/awaitjs-express#usage',
  },
  {
    package: 'express-promise-router', how: 'router', exports: ['default'],
    example: "const router = Router(); router.get('/me', async (req, res) => { ... });", source: 'https://github.com/express-promise-router/express-promise-router#usage',
  },
];

/** The helper an import is, if any: `from` the module, `imported` the export ('default', or '*' for the whole module). */
export function asyncErrorHelperOf(from: string, imported: string): AsyncErrorHelper | null {
  for (const h of ASYNC_ERROR_HELPERS) {
    if (h.package !== from) continue;
    if (h.how === 'patch' || h.exports.includes(imported) || (imported === '*' && h.exports.includes('default'))) return h;
  }
  return null;
}

/** Frameworks whose handlers' rejected promises the framework itself answers with an error (from the major version given). */
export const FORWARDS_REJECTIONS = {
  express: 5,
  always: ['fastify', 'koa', 'hono', '@nestjs/core', 'next', '@hapi/hapi'],
  source: 'https://expressjs.com/en/guide/migrating-5.html#rejected-promises',
} as const;

/**
 * Whether Express of the version range a manifest declares forwards rejected promises: true from
 * 5, false below, null when the range names no version (`latest`, `*`, a tag or a workspace link).
 */
export function expressForwardsRejections(range: string): boolean | null {
  const m = /^\s*(?:[~^]|>=?|=)?\s*v?(\d+)(?:\.|$|\s|-|x)/.exec(range);
  if (!m) return null;
  return Number(m[1]) >= FORWARDS_REJECTIONS.express;
}

/**
 * Clients whose methods return a promise that rejects on failure (a write, a mail, a job): a call
 * neither awaited nor caught fails silently and its rejection is unhandled. `made`: the client is
 * `new <export>()` or `<export>.<factory>()`, or the export itself (`factory` null, `new` false).
 */
export interface AsyncClient {
  package: string;
  export: string;
  made: 'new' | 'factory' | 'itself';
  factory?: string;
  methods: readonly string[];
  /** The methods are on a member of the client (`prisma.user.create`), not the client itself. */
  onMember?: true;
  example: string;
  source: string;
}

export const ASYNC_CLIENTS: readonly AsyncClient[] = [
  {
    package: 'nodemailer', export: 'default', made: 'factory', factory: 'createTransport', methods: ['sendMail'],
    example: "const t = nodemailer.createTransport(opts); t.sendMail(msg);", source: 'https://nodemailer.com/usage/#sending-mail',
  },
  {
    package: 'bullmq', export: 'Queue', made: 'new', methods: ['add', 'addBulk'],
    example: "const q = new Queue('mail'); q.add('welcome', data);", source: 'https://docs.bullmq.io/guide/queues/adding-bulks',
  },
  {
    package: 'bull', export: 'default', made: 'new', methods: ['add'],
    example: "const q = new Queue('mail'); q.add(data);", source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queueadd',
  },
  {
    package: '@sendgrid/mail', export: 'default', made: 'itself', methods: ['send', 'sendMultiple'],
    example: "sgMail.send(msg);", source: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail#quick-start-hello-email',
  },
  {
    package: '@prisma/client', export: 'PrismaClient', made: 'new', onMember: true,
    methods: ['create', 'createMany', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany'],
    example: "const prisma = new PrismaClient(); prisma.user.update({ where, data });", source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries',
  },
];

/** The client a package export makes, by how it is made. */
export function asyncClientOf(from: string, imported: string, made: AsyncClient['made'], factory?: string): AsyncClient | null {
  const name = imported === '*' ? 'default' : imported;
  return ASYNC_CLIENTS.find((c) => c.package === from && c.export === name && c.made === made && (made !== 'factory' || c.factory === factory)) ?? null;
}

/** Error reporters that install process-level handlers for uncaught errors and unhandled rejections when initialised. */
export const PROCESS_ERROR_REPORTERS: readonly string[] = ['@sentry/node', '@sentry/bun', '@bugsnag/js', '@bugsnag/node', 'newrelic', 'dd-trace', '@honeybadger-io/js', 'rollbar'];

/**
 * The route methods @awaitjs/express adds to an app or router (`addAsync(app)`, `Router()`): each is the
 * Express method of the same name with `Async` appended, and forwards a rejected handler to `next`.
 */
export const PROMISE_ROUTE_METHODS = {
  package: '@awaitjs/express',
  methods: ['useAsync', 'allAsync', 'getAsync', 'postAsync', 'putAsync', 'patchAsync', 'deleteAsync', 'headAsync', 'optionsAsync', 'paramAsync'],
  source: 'https://github.com/vkarpov15/awaitjs-express#usage',
} as const;

/** The Express method a promise-aware route method stands for (`postAsync` -> `post`), or null for any other name. */
export function promiseRouteMethodBase(name: string): string | null {
  return (PROMISE_ROUTE_METHODS.methods as readonly string[]).includes(name) ? name.slice(0, -'Async'.length) : null;
}
