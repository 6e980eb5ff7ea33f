// Which unit a figure in code carries, read from where it is written: the option it is given to
// (`maxAge: 31557600000` is milliseconds), the call it is an argument of (`genSalt(10)` is rounds),
// or the name it is bound to (`RATE_WINDOW_MS`). verify compares a report's "10 MB", "1 hour",
// "60/min" or "at least 8 characters" with the value the code enforces through these.

export type Dimension = 'duration' | 'size' | 'length' | 'rate' | 'rounds';
/** Base units: duration in ms, size in bytes, length in characters, rate in requests per minute. */
export type Unit = 'ms' | 's' | 'min' | 'h' | 'd' | 'bytes' | 'chars' | 'rounds' | 'per-s' | 'per-min' | 'per-h' | 'per-d';

export interface UnitFact {
  /** The option key, binding name or callee the value is written at. */
  key?: RegExp;
  /** `key` is read against the name's words joined by `_` (`timeoutMs` as `timeout_ms`), not the raw key. */
  name?: boolean;
  callee?: RegExp;
  /** Index of the argument of `callee` that carries the value (default 0). */
  arg?: number;
  /** The callee of the call whose options object holds `key` (when the key alone is ambiguous). */
  within?: RegExp;
  dimension: Dimension;
  /** Several when the library's versions disagree (cache TTLs in s or ms): a value matches in either. */
  units: Unit[];
  /** A string value is read in this format (`'10mb'`, `'60d'`). */
  strings?: 'bytes' | 'duration';
  example: string;
  source: string;
}

export const UNIT_FACTS: readonly UnitFact[] = [
  // Options of library calls, most specific first.
  { key: /^(limit)$/, within: /^(json|urlencoded|raw|text)$|bodyParser/i, dimension: 'size', units: ['bytes'], strings: 'bytes', example: "express.json({ limit: '10mb' })", source: 'https://expressjs.com/en/api.html#express.json' },
  { key: /^(max|limit)$/, within: /rate.?limit|limiter|throttl/i, dimension: 'rate', units: ['per-min'], example: 'rateLimit({ windowMs: 60_000, max: 60 })', source: 'https://github.com/express-rate-limit/express-rate-limit#configuration' },
  { key: /^fileSize$|^fieldSize$/, dimension: 'size', units: ['bytes'], example: 'multer({ limits: { fileSize: 5 * 1024 * 1024 } })', source: 'https://github.com/expressjs/multer#limits' },
  { key: /^expiresIn$/, dimension: 'duration', units: ['s'], strings: 'duration', example: "jwt.sign(payload, secret, { expiresIn: '1h' })", source: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback' },
  { key: /^maxAge$/, dimension: 'duration', units: ['ms'], strings: 'duration', example: "express.static('public', { maxAge: 31557600000 })", source: 'https://expressjs.com/en/resources/middleware/serve-static.html' },
  { key: /^(min|minLength|max|maxLength)$/, within: /^isLength$|^len$/, dimension: 'length', units: ['chars'], example: "check('password').isLength({ min: 8 })", source: 'https://github.com/validatorjs/validator.js#validators' },
  { key: /^(statement_timeout|query_timeout|idle_in_transaction_session_timeout|connectionTimeoutMillis|idleTimeoutMillis)$/, dimension: 'duration', units: ['ms'], example: 'new Pool({ statement_timeout: 5000 })', source: 'https://node-postgres.com/apis/client' },
  { key: /^ttl$/i, dimension: 'duration', units: ['s', 'ms'], example: 'cache.set(key, value, { ttl: 60 })', source: 'https://github.com/jaredwray/cacheable (seconds before v5, ms after)' },
  { key: /timeout$/i, dimension: 'duration', units: ['ms'], strings: 'duration', example: "axios.create({ timeout: 5000 }); fetch(url, { signal: AbortSignal.timeout(5000) })", source: 'https://axios-http.com/docs/req_config' },
  // Calls whose argument is the figure.
  { callee: /^(AbortSignal\.)?timeout$/, dimension: 'duration', units: ['ms'], example: 'AbortSignal.timeout(5000)', source: 'https://developer.mozilla.org/docs/Web/API/AbortSignal/timeout_static' },
  { callee: /^(setTimeout|setInterval)$/, arg: 1, dimension: 'duration', units: ['ms'], example: 'setTimeout(fn, 5000)', source: 'https://nodejs.org/api/timers.html' },
  { callee: /^genSalt(Sync)?$/, dimension: 'rounds', units: ['rounds'], example: 'bcrypt.genSalt(10)', source: 'https://github.com/kelektiv/node.bcrypt.js#api' },
  { callee: /^(hash|hashSync)$/, arg: 1, dimension: 'rounds', units: ['rounds'], example: 'bcrypt.hash(password, 12)', source: 'https://github.com/kelektiv/node.bcrypt.js#api' },
  { callee: /^(min|length)$/, within: /^string$/, dimension: 'length', units: ['chars'], example: 'z.string().min(8)', source: 'https://zod.dev/?id=strings' },
  // Date arithmetic: `d.setDate(d.getDate() + 60)` moves the date by days; `Date.now() + 3600000` by ms.
  { callee: /^setDate$/, dimension: 'duration', units: ['d'], example: 'exp.setDate(today.getDate() + 60)', source: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/setDate' },
  { callee: /^setHours$/, dimension: 'duration', units: ['h'], example: 'd.setHours(d.getHours() + 1)', source: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/setHours' },
  { callee: /^setMinutes$/, dimension: 'duration', units: ['min'], example: 'd.setMinutes(d.getMinutes() + 15)', source: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/setMinutes' },
  { callee: /^setSeconds$/, dimension: 'duration', units: ['s'], example: 'd.setSeconds(d.getSeconds() + 30)', source: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/setSeconds' },
  { callee: /^(setTime|Date\.now)$/, dimension: 'duration', units: ['ms'], example: 'user.resetExpires = Date.now() + 3600000', source: 'https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/now' },
  // Names that carry their unit (`RATE_WINDOW_MS`, `maxBytes`, `ttlSeconds`, `RATE_LIMIT_PER_MINUTE`).
  { key: /(^|_)per_(min|minute)$/, name: true, dimension: 'rate', units: ['per-min'], example: 'const RATE_LIMIT_PER_MINUTE = 60', source: 'naming convention' },
  { key: /(^|_)per_(h|hour)$/, name: true, dimension: 'rate', units: ['per-h'], example: 'const MAX_PER_HOUR = 100', source: 'naming convention' },
  { key: /(^|_)per_(s|sec|second)$/, name: true, dimension: 'rate', units: ['per-s'], example: 'const REQUESTS_PER_SECOND = 10', source: 'naming convention' },
  { key: /(^|_)(ms|millis|milliseconds)$/, name: true, dimension: 'duration', units: ['ms'], example: 'const RATE_WINDOW_MS = 60_000', source: 'naming convention' },
  { key: /(^|_)(secs?|seconds)$/, name: true, dimension: 'duration', units: ['s'], example: 'const ttlSeconds = 3600', source: 'naming convention' },
  { key: /(^|_)(mins|minutes)$/, name: true, dimension: 'duration', units: ['min'], example: 'const LOCK_MINUTES = 15', source: 'naming convention' },
  { key: /(^|_)hours$/, name: true, dimension: 'duration', units: ['h'], example: 'const EXPIRY_HOURS = 1', source: 'naming convention' },
  { key: /(^|_)days$/, name: true, dimension: 'duration', units: ['d'], example: 'const RETENTION_DAYS = 30', source: 'naming convention' },
  { key: /(^|_)bytes$/, name: true, dimension: 'size', units: ['bytes'], strings: 'bytes', example: 'constructor(maxBytes = 10 * 1024 * 1024)', source: 'naming convention' },
];

const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The unit fact for a value written at `key` (an option key or a binding name) inside a call of
 * `within`, or given as argument `arg` of `callee`. Null when nothing says.
 */
export function unitFactOf(where: { key?: string; within?: string; callee?: string; arg?: number }): UnitFact | null {
  for (const f of UNIT_FACTS) {
    if (f.key && where.key !== undefined) {
      if (!(f.name ? f.key.test(words(where.key)) : f.key.test(where.key))) continue;
      if (f.within && !(where.within && f.within.test(where.within))) continue;
      return f;
    }
    if (f.callee && where.callee !== undefined && f.callee.test(where.callee) && (f.arg ?? 0) === (where.arg ?? 0)) {
      if (f.within && !(where.within && f.within.test(where.within))) continue;
      return f;
    }
  }
  return null;
}

const PER_UNIT: Record<Unit, number> = {
  ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000, bytes: 1, chars: 1, rounds: 1,
  'per-s': 60, 'per-min': 1, 'per-h': 1 / 60, 'per-d': 1 / 1440,
};

/** A figure in `unit` expressed in its dimension's base unit (ms, bytes, characters, per minute). */
export const toBase = (n: number, unit: Unit): number => n * PER_UNIT[unit];

const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|k|m|g)?\s*$/i;
const SIZE_FACTOR: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|yrs?|years?)?\s*$/i;

/** A size or duration written as a string (`'10mb'` as the bytes library reads it, `'60d'` as the ms library does), in base units. */
export function parseUnitString(s: string, format: 'bytes' | 'duration'): number | null {
  if (format === 'bytes') {
    const m = s.match(SIZE);
    return m ? Number(m[1]) * SIZE_FACTOR[(m[2] ?? 'b').toLowerCase()] : null;
  }
  const m = s.match(DURATION);
  if (!m || !m[2]) return null;
  const u = m[2].toLowerCase();
  const ms = u === 'ms' || u.startsWith('milli') ? 1 : u.startsWith('s') ? 1000 : u === 'm' || u.startsWith('min') ? 60_000 : u.startsWith('h') ? 3_600_000
    : u.startsWith('d') ? 86_400_000 : u.startsWith('w') ? 604_800_000 : 31_557_600_000;
  return Number(m[1]) * ms;
}
