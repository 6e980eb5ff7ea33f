// The shared word lists, each said once. Every entry carries an example it must match (checked by
// knowledge.test.ts) and where it came from. A word list is the last resort: a rule that can resolve
// what the code does (a library's export, a function's body) judges by that first.

export interface WordEntry {
  /** The word, or for pattern lists a regular-expression source. */
  word: string;
  /** A name or value the entry must match. */
  example: string;
  /** Why it is on the list. */
  source: string;
}

// ---- Secret-looking names ------------------------------------------------------------------------

/** A name ending in one of these (optionally plural) names a secret: `JWT_SECRET`, `stripeApiKey`. */
export const SECRET_NAME_ENDINGS: readonly WordEntry[] = [
  { word: 'secret', example: 'JWT_SECRET', source: 'signing and client secrets' },
  { word: 'token', example: 'GITHUB_TOKEN', source: 'bearer and API tokens' },
  { word: 'passw(?:or)?d', example: 'DB_PASSWORD', source: 'passwords (also `passwd`)' },
  { word: 'passwd', example: 'smtpPasswd', source: 'Unix spelling' },
  { word: '\\bpwd', example: 'db.pwd', source: 'abbreviation; word-bounded so `cwd`-like names are not caught' },
  { word: 'api_?key', example: 'STRIPE_API_KEY', source: 'API keys' },
  { word: 'apikey', example: 'openaiApikey', source: 'API keys, one word' },
  { word: 'private_?key', example: 'PRIVATE_KEY', source: 'asymmetric private keys' },
  { word: 'access_?key', example: 'AWS_SECRET_ACCESS_KEY', source: 'cloud access keys' },
  { word: 'signing_?key', example: 'SIGNING_KEY', source: 'webhook and JWT signing keys' },
  { word: 'encryption_?key', example: 'ENCRYPTION_KEY', source: 'symmetric keys' },
  { word: 'master_?key', example: 'MEILI_MASTER_KEY', source: 'search and KMS master keys' },
  { word: 'auth_?key', example: 'authKey', source: 'service auth keys' },
  { word: 'client_?key', example: 'CLIENT_KEY', source: 'OAuth client keys' },
  { word: 'credential', example: 'GOOGLE_CREDENTIALS', source: 'service-account credentials' },
];

/** An upper-case name ending in `_KEY` after a letter or digit (`SENDGRID_KEY`) names a key. */
export const SECRET_KEY_SUFFIX: WordEntry = { word: '[A-Z0-9]_KEY$', example: 'SENDGRID_KEY', source: 'environment-variable convention for keys' };

/** Words that make a secret-looking name something else: `STRIPE_PUBLISHABLE_KEY`, `TOKEN_HEADER`, `API_KEY_PREFIX`. */
export const NOT_SECRET_NAME_WORDS: readonly WordEntry[] = [
  ...['public', 'publishable', 'cache', 'sort', 'partition', 'storage', 'idempot[a-z]*', 'header', 'name', 'field', 'type', 'url', 'uri', 'path',
    'endpoint', 'length', 'expir[a-z]*', 'ttl', 'max', 'min', 'count', 'prefix', 'suffix', 'file', 'env_?var', 'param', 'label', 'hint',
    'placeholder', 'regex', 'pattern', 'format', 'column', 'table', 'event', 'error', 'message', 'limit', 'version', 'mode', 'algorithm',
    'issuer', 'audience', 'scope'].map((w) => ({ word: w, example: `TOKEN_${w.replace(/_\?/g, '_').replace('[a-z]*', 'Y').toUpperCase()}_X`, source: 'names about a secret (its header, length, format, where it is kept), not the secret' })),
  { word: 'id', example: 'sessionTokenId', source: 'an identifier of a secret, not the secret (also `token_id_secret`)' },
  { word: 'csrf_?token_?(?:header|cookie|field)', example: 'CSRF_TOKEN_HEADER', source: 'CSRF plumbing names' },
];

const alternation = (entries: readonly WordEntry[]): string => entries.map((e) => e.word).join('|');
const SECRET_NAME = new RegExp(`(${alternation(SECRET_NAME_ENDINGS)})s?$|${SECRET_KEY_SUFFIX.word}`, 'i');
// The exclusions are whole words of the name (`ADMIN_TOKEN` holds no `min`, `ACCOUNT_KEY` no `count`):
// tested against the name written as lower-case words joined by `_`.
const NOT_SECRET_NAME = new RegExp(`(?:^|_)(?:${alternation(NOT_SECRET_NAME_WORDS)})s?(?=_|$)`);
const snakeWords = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();

/** Whether a variable, key or property name names a secret value. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(snakeWords(name));
}

/** Names of personal data a log line should not carry: a person's email address or phone number, or a list of them. */
export const PII_NAME_WORDS: readonly WordEntry[] = [
  { word: 'e?-?mail(?:address)?', example: 'userEmail', source: 'email addresses (GDPR personal data)' },
  { word: 'phone(?:number)?', example: 'phoneNumber', source: 'phone numbers (GDPR personal data)' },
];
const PII_NAME = new RegExp(`(${PII_NAME_WORDS.map((e) => e.word).join('|')})s?$`, 'i');

/** Whether a variable, key or property name holds personal data (`email`, `emails`, `user.phoneNumber`). */
export function isPiiName(name: string): boolean {
  return PII_NAME.test(name) && !/(?:verified|template|subject|sent|enabled|count|id)$/i.test(name);
}

/** Logger methods, by the level they write (pino, winston, bunyan, console, fastify's `request.log`). */
export const LOG_METHODS: readonly string[] = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal'];

// ---- Names that say "checks the caller" ----------------------------------------------------------

/** Words of a guard's or middleware's name that say it checks who the caller is. Whole words only. */
export const CALLER_WORDS: readonly WordEntry[] = [
  'auth', 'authentication', 'authenticated', 'authenticate', 'authorization', 'authorize', 'authz', 'authn', 'jwt', 'session', 'passport',
  'clerk', 'bearer', 'apikey', 'apikeys', 'role', 'roles', 'permission', 'permissions', 'scope', 'scopes', 'acl', 'oauth', 'oidc', 'firebase',
  'supabase', 'cognito', 'login', 'user', 'token', 'access',
].map((w) => ({ word: w, example: `${w[0].toUpperCase()}${w.slice(1)}Guard`, source: 'NestJS and Express guard naming (JwtAuthGuard, RolesGuard, requireUser)' }));

/** Words beside which `token`/`access` do not mean the caller (`TokenBucketGuard`, `CsrfTokenGuard`). */
export const NOT_CALLER_WORDS: readonly WordEntry[] = ['bucket', 'csrf', 'xsrf', 'agent', 'throttle', 'throttler', 'rate', 'feature', 'stats', 'log', 'logger', 'metrics']
  .map((w) => ({ word: w, example: `Token${w[0].toUpperCase()}${w.slice(1)}Guard`, source: 'rate limiting, CSRF and telemetry middleware named after tokens or auth' }));

/** Words that say anonymous callers pass (`OptionalJwtAuthGuard`, `auth.optional`). */
export const LENIENT_WORDS: readonly WordEntry[] = ['optional', 'anonymous', 'maybe', 'soft', 'try', 'attach', 'load', 'populate']
  .map((w) => ({ word: w, example: `${w}Auth`, source: 'optional-auth middleware lets every caller through' }));

/**
 * Words that, in an Express/Hono/Fastify middleware's name, say it guards. Not for NestJS guard classes,
 * which are named `...Guard` whatever they check (`ImpersonationWriteGuard` lets any caller through).
 */
export const MIDDLEWARE_CALLER_WORDS: readonly WordEntry[] = ['guard', 'protect', 'protected', 'logged', 'admin', 'signature', 'signed']
  .map((w) => ({ word: w, example: `${w}Route`, source: 'Express middleware naming (protect, requireAdmin, verifySlackSignature, ensureLoggedIn)' }));

/** A name split into lower-case words: `JwtAuthGuard` -> jwt, auth, guard; `authorStats` -> author, stats. */
export function nameWords(name: string): readonly string[] {
  // Asked for the same few thousand names once per route, guard and call: split each name once.
  let words = wordsByName.get(name);
  if (!words) {
    words = Object.freeze(name.replace(/ApiKey|APIKey|Api_Key/g, 'Apikey').split(/(?=[A-Z][a-z])|[^A-Za-z]+/).map((w) => w.toLowerCase()).filter(Boolean));
    wordsByName.set(name, words);
  }
  return words;
}
const wordsByName = new Map<string, readonly string[]>();

const callerWords = new Set(CALLER_WORDS.map((e) => e.word));
const notCallerWords = new Set(NOT_CALLER_WORDS.map((e) => e.word));
const lenientWords = new Set(LENIENT_WORDS.map((e) => e.word));
const middlewareWords = new Set(MIDDLEWARE_CALLER_WORDS.map((e) => e.word));

/**
 * Whether a name says it checks the caller, by its words, not substrings: `JwtAuthGuard`, `requireUser`,
 * not `authorStats` (author), `TokenBucketGuard`, `OptionalJwtAuthGuard`. The last resort, for a guard
 * whose code cannot be read.
 */
export function nameSaysCallerCheck(name: string, kind: 'middleware' | 'guard-class' = 'middleware'): boolean {
  const words = nameWords(name);
  if (words.some((w) => lenientWords.has(w) || notCallerWords.has(w))) return false;
  return words.some((w) => callerWords.has(w) || (kind === 'middleware' && middlewareWords.has(w)));
}

/** Whether a name says anonymous callers pass. */
export function nameSaysLenient(name: string): boolean {
  return nameWords(name).some((w) => lenientWords.has(w));
}

// ---- Request fields that carry a credential, and answers that deny -------------------------------

/** Header, cookie and field names that carry the caller's credential, lower case. */
export const CREDENTIAL_FIELDS: readonly string[] = [
  'authorization', 'cookie', 'cookies', 'x-api-key', 'api-key', 'apikey', 'api_key', 'x-auth-token', 'x-access-token', 'access_token',
  'token', 'bearer', 'session', 'sessionid', 'session_id',
];

/** Words in a name or message that answer "not authenticated" or "not allowed", lower case, matched as substrings. */
export const DENIAL_WORDS: readonly string[] = ['unauthorized', 'unauthorised', 'unauthenticated', 'forbidden'];

// ---- Packages whose middleware is authentication -------------------------------------------------

/**
 * Packages (or package prefixes) whose middleware authenticates the caller, beyond the exports the
 * descriptors name one by one. A middleware from one of these guards unless its name says it is optional.
 */
export const AUTH_PACKAGE_PREFIXES: readonly string[] = [
  'hono/jwt', 'hono/bearer-auth', 'hono/basic-auth', 'hono/jwk', '@hono/clerk-auth', '@hono/auth-js', '@hono/firebase-auth', '@hono/oidc-auth',
  'express-jwt', '@clerk/', 'lucia', 'next-auth', '@auth/', 'express-openid-connect', 'express-basic-auth', '@fastify/auth',
  '@fastify/basic-auth', '@fastify/bearer-auth', '@fastify/jwt', 'better-auth', '@kinde-oss', '@supabase/auth', '@workos',
];

/** Packages that keep a session but reject nobody: middleware from them guards nothing by itself. */
export const SESSION_ONLY_PACKAGES: readonly string[] = [
  'express-session', 'cookie-session', '@fastify/session', '@fastify/secure-session', '@fastify/cookie', 'hono-sessions', 'hono/cookie',
];

// ---- Cookie names that carry a session -----------------------------------------------------------

/** Words of a cookie name that say it carries a session or a credential (whole words, any case style). */
export const SESSION_COOKIE_WORDS: readonly WordEntry[] = ['session', 'sessionid', 'sess', 'sid', 'token', 'jwt', 'auth', 'authorization', 'refresh', 'remember', 'credentials']
  .map((w) => ({ word: w, example: `app_${w}`, source: 'session and auth cookie naming (connect.sid, next-auth.session-token, refresh_token)' }));
/** Double-submit CSRF cookies are meant to be read by the page's scripts (Angular's XSRF-TOKEN). */
export const CSRF_COOKIE_WORDS: readonly WordEntry[] = ['csrf', 'xsrf']
  .map((w) => ({ word: w, example: `${w.toUpperCase()}-TOKEN`, source: 'double-submit CSRF cookies are readable on purpose' }));

const sessionCookieWords = new Set(SESSION_COOKIE_WORDS.map((e) => e.word));
const csrfCookieWords = new Set(CSRF_COOKIE_WORDS.map((e) => e.word));

/** Whether a cookie's name says it carries a session or credential (`__Host-session`, `refreshToken`), CSRF cookies aside. */
export function isSessionCookieName(name: string): boolean {
  const words = name.replace(/^__(Host|Secure)-/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return !words.some((w) => csrfCookieWords.has(w)) && words.some((w) => sessionCookieWords.has(w));
}

// ---- Names of data access, for code verdict cannot resolve to a library -------------------------

/**
 * Methods that read or write stored data on an ORM, query builder, driver, KV store or bucket. Judged
 * on a receiver verdict cannot resolve (an import from a file of the repo, a name with no declaration):
 * the name is the evidence then, and the judgment says so.
 */
export const DATA_METHODS: readonly string[] = [
  'prepare', 'query', 'execute', 'insert', 'update', 'delete', 'upsert', 'findMany', 'findFirst', 'findUnique', 'findOne', 'findAll',
  'findById', 'create', 'createMany', 'save', 'destroy', 'select', 'selectFrom', 'insertInto', 'deleteFrom', 'updateTable', 'put', 'batch',
];

/** Receiver names that are a data client whatever method is called on them (`prisma.user`, `db.select`, `redis.get`). */
export const DATA_CLIENT_NAMES: readonly string[] = ['prisma', 'db', 'knex', 'sql', 'pool', 'kysely', 'drizzle', 'supabase', 'mongoose', 'redis'];

/**
 * Receiver names that are no store although data-method names are called on them: the request and
 * response, URLs and headers, hashes, schemas, collections, routers.
 */
export const NOT_STORE_NAMES: readonly string[] = [
  'req', 'request', 'c', 'ctx', 'context', 'url', 'searchParams', 'headers', 'params', 'query', 'Object', 'Reflect', 'crypto', 'subtle', 'hash',
  'hmac', 'md5', 'cipher', 'decipher', 'sign', 'verify', 'cache', 'caches', 'map', 'set', 'seen', 'array', 'arr', 'list', 'items', 'ids',
  'keys', 'values', 'this', 'formData', 'cookies', 'res', 'response', 'reply', 'history', 'router', 'app', 'z', 'schema',
];

/** Built-in constructors whose instances live in memory: `new Map().set(...)` writes no store. */
export const IN_MEMORY_CONSTRUCTORS: readonly string[] = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'URLSearchParams', 'Headers', 'FormData', 'URL', 'Request', 'Response'];

/**
 * Methods of a Workers binding (`env.DB`, `env.KV`, `env.BUCKET`) that read or write stored data: a
 * binding reaches the code as `env.NAME`, with no import to resolve (D1, KV and R2 method names).
 */
export const BINDING_DATA_METHODS: readonly string[] = ['prepare', 'put', 'delete', 'list', 'batch', 'exec', 'query', 'first', 'dump'];

/** Functions whose values are no store although data-method names are called on them (`createHash(...).update`). */
export const NOT_STORE_MAKERS: readonly string[] = ['createHash', 'createHmac', 'createCipheriv', 'createDecipheriv', 'createSign', 'createVerify'];

/** Whether a receiver name is no store by its words (`userSchema`, `headers`), for `DATA_METHODS` on it. */
export function nameIsNotStore(name: string): boolean {
  return NOT_STORE_NAMES.includes(name) || name.startsWith('sha') || name.endsWith('Schema');
}

// ---- Rate limiting and security headers, by package and name -------------------------------------

/** Packages whose middleware limits requests (beyond the exports the descriptors name one by one). */
export const LIMITER_PACKAGES: readonly string[] = [
  'express-rate-limit', 'hono-rate-limiter', '@fastify/rate-limit', 'rate-limiter-flexible', 'express-slow-down', '@upstash/ratelimit',
  'express-brute', '@hono-rate-limiter/cloudflare', '@nestjs/throttler', 'koa-ratelimit', 'koa2-ratelimit',
];
/** Packages whose middleware sets security headers. */
export const HEADER_PACKAGES: readonly string[] = ['helmet', 'hono/secure-headers', '@fastify/helmet', 'koa-helmet'];
/** Security headers that, set by hand, show the service sets its own. */
export const SECURITY_HEADER_NAMES: readonly string[] = ['Content-Security-Policy', 'Strict-Transport-Security', 'X-Content-Type-Options', 'X-Frame-Options'];

/** Words of a middleware's or receiver's name that say it limits requests (`rateLimit`, `apiLimiter`, `throttle`). Whole words. */
export const LIMITER_WORDS: readonly WordEntry[] = [
  ...['ratelimit', 'ratelimiter', 'limiter', 'throttle', 'throttler', 'throttled', 'throttling', 'slowdown']
    .map((w) => ({ word: w, example: `api_${w}`, source: 'rate-limiter naming (express-rate-limit, rate-limiter-flexible, Workers rate limiting bindings)' })),
  // Alone, or beside `rate`: `limitOffset` and `pageLimit` are pagination.
  { word: 'limit', example: 'limit', source: 'a middleware named just `limit` (`app.use(limit)`)' },
];
const limiterWords = new Set(LIMITER_WORDS.map((e) => e.word));

/** Whether a name says it limits requests, by its words: `rateLimit`, `RATE_LIMITER`, `loginLimiter`, `ThrottlerGuard`; not `limitOffset`. */
export function nameSaysLimiter(name: string): boolean {
  const words = nameWords(name.replace(/rate[_-]?limit/gi, 'Ratelimit').replace(/slow[_-]?down/gi, 'Slowdown'));
  return words.some((w) => limiterWords.has(w) && (w !== 'limit' || words.length === 1 || words.includes('rate')));
}

// ---- Health answers --------------------------------------------------------------------------------

/** Calls that only build a response: a health handler made of these alone checks nothing. */
export const RESPONDERS: ReadonlySet<string> = new Set([
  'json', 'send', 'text', 'status', 'code', 'header', 'set', 'type', 'end', 'Response', 'JSON.stringify', 'stringify',
  'now', 'Date', 'toISOString', 'uptime', 'process.uptime', 'hrtime', 'memoryUsage', 'NextResponse.json', 'Response.json',
  'c.json', 'c.text', 'res.json', 'res.send', 'reply.send', 'sendStatus', 'getTime', 'String', 'Number', 'Math.floor', 'Math.round', 'NextResponse',
]);
/** Modules of the runtime a health answer reads about itself (`os.hostname()`, `process.memoryUsage()`): no dependency. */
export const RUNTIME_MODULES: ReadonlySet<string> = new Set(['os', 'node:os', 'process', 'node:process', 'util', 'node:util', 'perf_hooks', 'node:perf_hooks', 'v8', 'node:v8']);
/** Receivers that only write the log (Fastify's `request.log.info`, `logger.debug`, `console.log`). */
export const LOG_RECEIVERS: ReadonlySet<string> = new Set(['log', 'logger', 'console']);
/** Keys of a health body that name a dependency, lower case. */
export const DEPENDENCY_KEYS: readonly string[] = [
  'db', 'database', 'postgres', 'postgresql', 'pg', 'mysql', 'mongo', 'mongodb', 'redis', 'cache', 'queue', 'kv', 'd1', 'r2', 'storage', 's3',
  'sqlite', 'prisma', 'upstream', 'dependencies', 'service', 'services', 'broker', 'kafka', 'rabbitmq', 'elasticsearch', 'search',
];
/** Values that report a dependency as fine, lower case. */
export const OK_VALUES: readonly string[] = ['ok', 'up', 'healthy', 'connected', 'available', 'pass', 'passing', 'green', 'ready', 'online'];

/** Last path segments of a liveness or health endpoint, lower case. */
export const HEALTH_SEGMENTS: readonly string[] = ['health', 'healthz', 'healthcheck', 'health-check', '_health', 'live', 'livez', 'liveness', 'ping', 'status', 'heartbeat'];
/** Last path segments of a readiness endpoint, lower case. */
export const READY_SEGMENTS: readonly string[] = ['ready', 'readyz', 'readiness'];

const lastSegment = (path: string): string => path.split('/').filter(Boolean).pop()?.toLowerCase() ?? '';
/** Whether a route path is a health endpoint (`/healthz`, `/api/health/`). */
export const isHealthPath = (path: string): boolean => HEALTH_SEGMENTS.includes(lastSegment(path));
/** Whether a route path is a readiness endpoint (`/readyz`). */
export const isReadyPath = (path: string): boolean => READY_SEGMENTS.includes(lastSegment(path));

// ---- Options that turn a helper's auth check off -------------------------------------------------

/** `{ skipAuth: true }`, `{ noAuth: true }`: option names that, set to true, turn the check off (lower case, `_` dropped). */
export const AUTH_OFF_WHEN_TRUE: readonly string[] = ['skipauth', 'noauth', 'disableauth', 'bypassauth', 'withoutauth', 'ignoreauth', 'public'];
/** `{ auth: false }`, `{ requireAuth: false }`: option names that, set to false, turn the check off. */
export const AUTH_OFF_WHEN_FALSE: readonly string[] = ['auth', 'requireauth', 'authenticate', 'authrequired'];

/** Whether an option `name: value` given to a request helper turns its auth check off. */
export function optionSkipsAuth(name: string, value: boolean): boolean {
  const n = name.toLowerCase().replace(/_/g, '');
  return value ? AUTH_OFF_WHEN_TRUE.some((w) => n === w || (w !== 'public' && n.startsWith(w))) : AUTH_OFF_WHEN_FALSE.includes(n);
}

/** NestJS opt-out decorators by name (the `IS_PUBLIC_KEY` pattern of Nest's docs): the last resort, only for a guard class of the repository verdict cannot read (link/nest-metadata resolves the rest). */
export const PUBLIC_DECORATORS: readonly string[] = ['Public', 'IsPublic', 'AllowAnonymous', 'SkipAuth', 'NoAuth', 'Anonymous', 'Unprotected', 'PublicRoute'];

// ---- Names that say a function has a critical role -----------------------------------------------

/** A role a function of the repository can have that matters when nothing calls it. */
export type CriticalRole = 'shutdown-hook' | 'limiter' | 'validator' | 'persistence';

/**
 * Whole words of a function's or class's name that give it a role, when no library descriptor says
 * (the last resort: a finding that rests on one says so). Each entry lists the words that must all
 * be in the name.
 */
export const CRITICAL_ROLE_WORDS: ReadonlyArray<WordEntry & { role: CriticalRole; all: readonly string[] }> = [
  { role: 'shutdown-hook', all: ['shutdown'], word: 'shutdown', example: 'gracefulShutdown', source: 'the usual name of a SIGTERM handler (gracefulShutdown, onShutdown, handleShutdown)' },
  { role: 'shutdown-hook', all: ['sigterm'], word: 'sigterm', example: 'onSigterm', source: 'a handler named after the signal it handles' },
  { role: 'shutdown-hook', all: ['graceful', 'close'], word: 'graceful+close', example: 'gracefulClose', source: 'close-with-grace style helpers (gracefulClose, closeServerGraceful)' },
  { role: 'limiter', all: ['limiter'], word: 'limiter', example: 'RateLimiter', source: 'rate limiter classes and instances (RateLimiter, loginLimiter)' },
  { role: 'limiter', all: ['rate', 'limit'], word: 'rate+limit', example: 'rateLimit', source: 'express-rate-limit style factories and checks (rateLimit, checkRateLimit)' },
  { role: 'limiter', all: ['throttle'], word: 'throttle', example: 'throttleRequests', source: 'throttling helpers' },
  { role: 'limiter', all: ['throttler'], word: 'throttler', example: 'ThrottlerGuard', source: '@nestjs/throttler naming' },
  { role: 'validator', all: ['validate'], word: 'validate', example: 'validateBody', source: 'input validation helpers (validateBody, validateEnv)' },
  { role: 'validator', all: ['validator'], word: 'validator', example: 'zValidator', source: 'validation middleware (zValidator, requestValidator)' },
  { role: 'validator', all: ['sanitize'], word: 'sanitize', example: 'sanitizeInput', source: 'input sanitisers' },
  { role: 'persistence', all: ['persist'], word: 'persist', example: 'persistState', source: 'helpers that write state to storage (persistState, persistToDisk)' },
  { role: 'persistence', all: ['checkpoint'], word: 'checkpoint', example: 'saveCheckpoint', source: 'helpers that save progress' },
];

/** The critical role a name's whole words give it, or null: `gracefulShutdown` is a shutdown hook, `limitText` is nothing. */
export function criticalRoleOfName(name: string): CriticalRole | null {
  const words = new Set(nameWords(name));
  return CRITICAL_ROLE_WORDS.find((e) => e.all.every((w) => words.has(w)))?.role ?? null;
}

/**
 * The last word of a name given to a router or sub-app (`usersRouter`, `adminRoutes`, `publicApp`,
 * `v1Api`, `AuthController`): a mount of one imported from a file verdict cannot follow leaves its
 * routes' prefix and guards unknown, not a middleware.
 */
export const ROUTER_NAME_WORDS: readonly WordEntry[] = [
  { word: 'router', example: 'usersRouter', source: 'express.Router() instances, by convention' },
  { word: 'routes', example: 'adminRoutes', source: 'route modules' },
  { word: 'app', example: 'publicApp', source: 'Hono and Express sub-apps' },
  { word: 'api', example: 'v1Api', source: 'versioned API sub-apps' },
  { word: 'controller', example: 'AuthController', source: 'controller modules mounted as routers' },
];

/**
 * Methods that change state outside an ORM's row writes (knowledge/orm-writes) and SQL text: a
 * Workers KV or R2 binding's `put`/`delete`, a D1 `batch`/`exec` (statements verdict does not read),
 * a queue's `send`/`sendBatch`/`add`/`publish`, a cache's `set`/`del`/`incr`, a document driver's
 * writes, a file written, a request sent out (`fetch`, which may do anything on the other side). A
 * handler that calls any of these is not read-only, whatever its HTTP method.
 */
export const STATE_CHANGING_METHODS: readonly string[] = [
  'put', 'delete', 'batch', 'exec', 'send', 'sendBatch', 'sendMessage', 'publish', 'add', 'addBulk', 'enqueue', 'emit',
  'set', 'setex', 'del', 'incr', 'incrby', 'decr', 'hset', 'hdel', 'lpush', 'rpush', 'sadd', 'srem', 'zadd', 'expire',
  'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndUpdate',
  'findByIdAndUpdate', 'findOneAndDelete', 'findByIdAndDelete', 'findOneAndReplace', 'bulkWrite', 'destroy', 'bulkCreate',
  'writeFile', 'appendFile', 'unlink', 'rm', 'rename', 'fetch', 'post', 'patch',
];

/**
 * Words of a model's field that say it references the person a record belongs to (`userId`, `owner`,
 * `authorId`, `customer`, `createdBy`): a model with none of them is not owned by a user (a product, a
 * category, a public post), and who may read or change one of its records by id is no ownership question.
 */
export const OWNER_FIELD_WORDS: readonly WordEntry[] = ['user', 'owner', 'author', 'creator', 'customer', 'buyer', 'seller', 'sender', 'recipient', 'member', 'tenant', 'by']
  .map((w) => ({ word: w, example: w === 'by' ? 'createdBy' : `${w}Id`, source: 'field names of records owned by a user (mongoose refs, Prisma relations, TypeORM ManyToOne)' }));
const ownerWords = new Set(OWNER_FIELD_WORDS.map((e) => e.word));

/** Whether a model field's name says it references the record's owner (`userId`, `created_by`, `author`), by its words. */
export function isOwnerField(name: string): boolean {
  const w = nameWords(name);
  // `by` only as the last word of a longer name (`createdBy`, `owned_by`), never alone.
  return w.some((x, i) => ownerWords.has(x) && (x !== 'by' || (i > 0 && i === w.length - 1)));
}
