import { nameSaysCallerCheck } from '../../knowledge/index.js';

// Words the route collector recognises in handler bodies and middleware: kept in one place so the
// collector (facts) and the route rules (judgements) agree on them.

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all'] as const;

/** A handler that visibly reads or writes a database, ORM, KV store or bucket. */
const DATA_METHOD = /([\w$.]*?)([\w$]+)\s*\.\s*(prepare|query|execute|insert|update|delete|upsert|findMany|findFirst|findUnique|findOne|findAll|findById|create|createMany|save|destroy|select|selectFrom|insertInto|deleteFrom|updateTable|put|batch)\s*[(<]/g;
/** Receivers of those method names that are not data stores (request objects, hashes, collections). */
const NOT_STORE = /^(req|request|c|ctx|context|url|searchParams|headers|params|query|Object|Reflect|crypto|subtle|hash|hmac|sha\w*|md5|cipher|decipher|sign|verify|cache|caches|map|set|seen|array|arr|list|items|ids|keys|values|this|formData|cookies|res|response|reply|history|router|app|z|schema|\w*Schema)$/;
const DATA_CLIENT = /\b(prisma|db|knex|sql|pool|kysely|drizzle|supabase|mongoose|redis)\s*[.(`]|\benv\.[A-Z][A-Z0-9_]*\.(prepare|put|delete|list|batch|exec|query|first|dump)\(/;

export function touchesData(body: string): boolean {
  if (DATA_CLIENT.test(body)) return true;
  for (const m of body.matchAll(DATA_METHOD)) {
    if (NOT_STORE.test(m[2])) continue;
    const made = new RegExp(`\\b${m[2].replace(/\$/g, '\\$')}\\s*=\\s*(?:[\\w.]*\\.)?(createHash|createHmac|createCipheriv|createDecipheriv|createSign|createVerify)\\(|\\b${m[2].replace(/\$/g, '\\$')}\\s*=\\s*new\\s+(Map|Set|WeakMap|URLSearchParams|Headers|FormData|URL)\\b`);
    if (!made.test(body)) return true;
  }
  return false;
}

/** Calls that verify a caller inside a handler (next-auth, clerk, lucia, JWT libraries, hand-written). */
export const AUTH_CALL = /\b((require|ensure|assert|verify|check|validate|authenticate|authorize)\w*(Auth|User|Session|Identity|Access|Login|Admin|Jwt|JWT|Permission|Role|ApiKey)\w*\s*\(|get(CurrentUser|Identity|AuthUser)\s*\(|getServerSession|getSession|auth\(\)|currentUser\(|getAuth\(|jwtVerify|verifyToken|verifyJwt|verifyJWT|jwt\.verify|verify\(token|validateRequest|validateSession|verifySession|requireAuth|requireUser|requireSession|getUserFromToken|authenticate\(|isAuthenticated\(|checkAuth|verifyAuth|getToken\(|clerkClient|verifyApiKey|checkApiKey)/;
/** A 401/403 answer next to a credential: an in-handler check written by hand. */
export const DENIES = /\b(401|403)\b|Unauthorized|Forbidden|UnauthorizedException|HTTPException\(401/;
export const CREDENTIAL = /authorization|bearer|token|session|api[-_]?key|x-api-key|cookie|secret|password/i;

export function checksAuth(body: string): boolean {
  // `await verifyQstashSignature({ req, rawBody })` in a cron handler (papermark): the caller is checked.
  return AUTH_CALL.test(body) || (DENIES.test(body) && (CREDENTIAL.test(body) || LOOKUP_OR_401.test(body))) || SIGNATURE_CHECK.test(body);
}

/**
 * `const ctx = await getServiceContextFromRequest(req); if (!ctx) return ... 401`: a value looked up
 * from the request, and a 401 when there is none (openstatus). Bounded, so it cannot backtrack far.
 */
const LOOKUP_OR_401 = /\b(?:const|let)\s+(\w+)\s*=\s*(?:await\s+)?[\w$.]+\(\s*(?:req|request|c|ctx|event)\b[^;\n]{0,200};?\s*if\s*\(\s*!\s*\1\s*\)[^;]{0,300}?(?:\b401\b|Unauthori[sz]ed)/;

/**
 * A body that reads the caller's credential from the request (`c.req.header("Authorization")`,
 * `req.headers.authorization`, `request.cookies.session`) or calls an auth check on it.
 */
export function readsCallerCredential(body: string): boolean {
  return AUTH_CALL.test(body) || REQUEST_CREDENTIAL.test(body);
}
const REQUEST_CREDENTIAL = /\b(?:req|request|c\.req|ctx(?:\.request)?|event)\s*\.\s*(?:headers?\b|header\(|get\(|cookies?\b)[^;\n]{0,80}?(?:authorization|cookie|token|api[-_]?key|session|x-[\w-]{0,40}key)/i;

/** An answer that the caller is not authenticated: 401, `unauthorized()`, `code: "unauthorized"`. */
const UNAUTHENTICATED = /\b401\b|unauthori[sz]ed|unauthenticated|not authenticated/i;

/**
 * A helper other files call to guard a request (`parseRequest`, `withAdmin`, `withWorkspace`): it
 * reads a credential or calls an auth check, and answers 401 when that fails. Stricter than
 * `checksAuth`, which judges a handler's own body: a helper that only reads the session to rate-limit
 * anonymous callers, or answers 403 on a resource rule, guards nothing.
 */
export function guardsRequest(body: string): boolean {
  // A cron or webhook wrapper that has the sender's signature checked (dub's `withCron` calls
  // `verifyQstashSignature`, which throws): a failed check ends the request.
  if (SIGNATURE_CHECK.test(body)) return true;
  // A NestJS decorator that applies an auth guard (ghostfolio's `RequiresScope`:
  // `applyDecorators(SetMetadata(...), UseGuards(AuthGuard('jwt'), ...))`).
  if (appliesAuthGuard(body)) return true;
  return UNAUTHENTICATED.test(body) && (AUTH_CALL.test(body) || CREDENTIAL.test(body) || /signature/i.test(body));
}

/**
 * Whether a NestJS guard or middleware name says it checks the caller: by its words (knowledge/words.ts),
 * not substrings. `args`: the text of its arguments, where passport's `AuthGuard(['jwt', 'anonymous'])`
 * says the caller may be anyone.
 */
export function checksCallerByName(name: string, args = ''): boolean {
  if (/anonymous/i.test(args)) return false;
  return nameSaysCallerCheck(name, 'guard-class');
}

/**
 * A NestJS decorator that applies an auth guard (ghostfolio's `RequiresScope`:
 * `applyDecorators(SetMetadata(...), UseGuards(AuthGuard('jwt'), ...))`). Read by position, with no
 * regex over the text: each guard named in the `UseGuards(...)` after `applyDecorators(` is judged by name.
 */
export function appliesAuthGuard(body: string): boolean {
  const start = body.indexOf('applyDecorators(');
  if (start < 0) return false;
  for (let at = body.indexOf('UseGuards(', start); at >= 0 && at - start < 2000; at = body.indexOf('UseGuards(', at + 10)) {
    const window = body.slice(at + 10, at + 400);
    const close = closingParen(window);
    const args = window.slice(0, close < 0 ? window.length : close);
    for (const part of splitTopLevel(args)) {
      const name = /^\s*(?:new\s+)?([A-Za-z_$][\w$]{0,80})/.exec(part)?.[1];
      if (name && checksCallerByName(name, part)) return true;
    }
  }
  return false;
}

/** Where the parenthesis opened just before `text` closes, or -1. */
function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** `a, b(c, d), e` -> its top-level comma-separated parts. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}
// `receiver.verify({ signature: req.headers.get('Upstash-Signature'), body })` is QStash's own form.
const SIGNATURE_CHECK = /\b(?:verify|check|validate)\w*Signature\s*\(|\.verify\(\s*\{\s*signature\b/;

/** A webhook handler that checks the sender's signature. */
export const SIGNATURE = /signature|constructEvent|verifyWebhook|svix|Webhook\(|hmac|timingSafeEqual|verifySignature|x-hub-signature|stripe-signature/i;

/** A limiter applied inside a handler: Workers rate limiting binding, Upstash, rate-limiter-flexible. */
// (`\b\w*(rate)?limit(er)?\.` before `limit(`/`consume(` holds wherever `limit(er)?.` does: the word
// run before it always starts at a boundary. Written without it, the regex no longer backtracks at every word.)
export const LIMIT_CALL = /\b(env|c\.env|this\.env)\.[A-Z_a-z]+\.limit\(|limit(er)?\.(limit|consume)\(/i;

export const LIMITER_LIBS = ['express-rate-limit', 'hono-rate-limiter', '@fastify/rate-limit', 'rate-limiter-flexible', 'express-slow-down', '@upstash/ratelimit', 'express-brute', '@hono-rate-limiter/cloudflare'];
export const HEADER_LIBS = ['helmet', 'hono/secure-headers', '@fastify/helmet', 'koa-helmet'];
export const SECURITY_HEADERS = /['"`](Content-Security-Policy|Strict-Transport-Security|X-Content-Type-Options|X-Frame-Options)['"`]/i;

/** Calls that only build a response: a health handler made of these alone checks nothing. */
export const RESPONDERS = new Set([
  'json', 'send', 'text', 'status', 'code', 'header', 'set', 'type', 'end', 'Response', 'JSON.stringify', 'stringify',
  'now', 'Date', 'toISOString', 'uptime', 'process.uptime', 'hrtime', 'memoryUsage', 'NextResponse.json', 'Response.json',
  'c.json', 'c.text', 'res.json', 'res.send', 'reply.send', 'sendStatus', 'getTime', 'String', 'Number', 'Math.floor', 'Math.round',
]);
/** Keys of a health body that name a dependency. */
export const DEPENDENCY_KEY = /^(db|database|postgres|postgresql|pg|mysql|mongo|mongodb|redis|cache|queue|kv|d1|r2|storage|s3|sqlite|prisma|upstream|dependencies|services?|broker|kafka|rabbitmq|elasticsearch|search)$/i;
export const OK_VALUE = /^(ok|up|healthy|connected|available|pass|passing|green|ready|online)$/i;

export const HEALTH_PATH = /(^|\/)(health|healthz|healthcheck|health-check|_health|live|livez|liveness|ping|status)\/?$/i;
export const READY_PATH = /(^|\/)(ready|readyz|readiness)\/?$/i;
