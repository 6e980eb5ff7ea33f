// What decides whether a token signed for one purpose is accepted for another. A refresh token and
// an access token signed with the same key, and told apart by nothing the verifier checks, are the
// same credential: the long-lived refresh token (kept in a cookie or a database row) passes the
// access check of every route, and a stolen access token can mint new ones at the refresh route.

/** Where a verifier takes its key: an argument, or an option of an object argument. */
export interface JwtKeyTaker {
  module: string;
  /** The export (or a whole-module member, or the class constructed) that verifies. */
  export: string;
  /** `arg`: `verify(token, key)`; `option`: `jwt({ secret })`, `new Strategy({ secretOrKey })`. */
  how: 'arg' | 'option';
  index: number;
  /** For `option`: the option names that carry the key. */
  options?: readonly string[];
  example: string;
  source: string;
}

export const JWT_VERIFIER_KEYS: readonly JwtKeyTaker[] = [
  { module: 'jsonwebtoken', export: 'verify', how: 'arg', index: 1, example: "jwt.verify(token, process.env.JWT_SECRET)", source: 'https://github.com/auth0/node-jsonwebtoken#jwtverifytoken-secretorpublickey-options-callback' },
  { module: 'jose', export: 'jwtVerify', how: 'arg', index: 1, example: 'await jwtVerify(token, key)', source: 'https://github.com/panva/jose/blob/main/docs/jwt/verify/functions/jwtVerify.md' },
  { module: 'hono/jwt', export: 'verify', how: 'arg', index: 1, example: 'await verify(token, c.env.JWT_SECRET)', source: 'https://hono.dev/docs/helpers/jwt#verify' },
  { module: 'hono/jwt', export: 'jwt', how: 'option', index: 0, options: ['secret'], example: "app.use('/api/*', jwt({ secret: env.JWT_SECRET }))", source: 'https://hono.dev/docs/middleware/builtin/jwt' },
  { module: '@tsndr/cloudflare-worker-jwt', export: 'verify', how: 'arg', index: 1, example: 'await jwt.verify(token, secret)', source: 'https://github.com/tsndr/cloudflare-worker-jwt#verify' },
  { module: 'passport-jwt', export: 'Strategy', how: 'option', index: 0, options: ['secretOrKey'], example: "super({ jwtFromRequest, secretOrKey: config.get('JWT_SECRET') })", source: 'https://www.passportjs.org/packages/passport-jwt/ (secretOrKey)' },
  { module: 'express-jwt', export: 'expressjwt', how: 'option', index: 0, options: ['secret'], example: "expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] })", source: 'https://github.com/auth0/express-jwt#usage' },
];

/** The verifier an import is (`name` the export, 'default'/'*' with `member` for a whole-module import), or null. */
export function jwtVerifierKeyOf(module: string, name: string, member?: string): JwtKeyTaker | null {
  const called = name === 'default' || name === '*' ? member : name;
  return JWT_VERIFIER_KEYS.find((v) => v.module === module && v.export === called) ?? null;
}

/** Methods of an injected signer that verify, and the option that gives them a key (else the registered one). */
export const INJECTED_JWT_VERIFIERS = [
  { module: '@nestjs/jwt', class: 'JwtService', methods: ['verify', 'verifyAsync'], optionsArg: 1, keyOptions: ['secret', 'publicKey'], source: 'https://github.com/nestjs/jwt#api-spec (verify(token, options) with options.secret)' },
] as const;

/**
 * Config readers whose key is the environment variable's name: `config.get('JWT_SECRET')` reads
 * `process.env.JWT_SECRET` (plus `.env` files), so two reads of one name are one secret.
 */
export const ENV_CONFIG_READERS = [
  // `get(key, defaultValue)`: the second argument is what the call gives when the variable is unset; `getOrThrow` has none.
  { module: '@nestjs/config', class: 'ConfigService', methods: ['get', 'getOrThrow'], defaultArg: { get: 1 } as Record<string, number>, source: 'https://docs.nestjs.com/techniques/configuration#using-the-configservice (get reads process.env and .env; "get() also takes an optional second argument defining a default value")' },
] as const;

/** The argument index of the default a config reader's method takes (`config.get('JWT_TTL', '15m')`), or null when it takes none. */
export function configDefaultArg(module: string, cls: string, method: string): number | null {
  const r = ENV_CONFIG_READERS.find((x) => x.module === module && x.class === cls && (x.methods as readonly string[]).includes(method));
  return r?.defaultArg[method] ?? null;
}

/**
 * Claims that say what a token is for. A verifier that compares one (`payload.type !== 'access'`) tells
 * the kinds apart even under one key; an access token carrying none is still accepted at a refresh
 * check that demands `type: 'refresh'`, which is why the claim must be compared, not only set.
 */
export const TOKEN_USE_CLAIMS = {
  names: ['type', 'typ', 'token_use', 'tokenType', 'token_type', 'use', 'kind', 'scope'],
  source: 'https://www.rfc-editor.org/rfc/rfc9068#section-2.1 (typ "at+jwt" for access tokens); https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html (token_use)',
} as const;

export function isTokenUseClaim(name: string): boolean {
  return (TOKEN_USE_CLAIMS.names as readonly string[]).includes(name);
}

/** Options (and jose chain methods) that bind a token to an audience or issuer a verifier can check. */
export const AUDIENCE_OPTIONS = {
  options: ['audience', 'issuer', 'subject'],
  methods: ['setAudience', 'setIssuer', 'setSubject'],
  source: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback (audience, issuer, subject)',
} as const;

/**
 * What the name a token is kept under says it is: `refreshToken`, `refresh_token`, `generateRefreshToken`
 * are refresh tokens; `accessToken`, `access_token`, `signAccessToken` access tokens. Evidence of last
 * resort: a rule uses it only beside the structural facts (one key, a verifier of that key).
 */
export function tokenKindOfName(name: string): 'refresh' | 'access' | null {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  if (words.includes('refresh')) return 'refresh';
  if (words.includes('access')) return 'access';
  return null;
}

/**
 * Since jsonwebtoken 9, `verify` without an `algorithms` option takes the accepted list from the key's
 * type: HS256/384/512 for a secret (a string or Buffer), RS/PS for an RSA public key, ES for an EC key;
 * it checks the key's type against the token's `alg` (an HS token with a public key is refused) and
 * refuses an unsigned (`none`) token unless `algorithms` names it. The 'none' and HS/RS confusion
 * forgeries an unpinned verify allows therefore need a version before 9.
 */
export const JWT_KEY_FAMILY_DEFAULT = {
  module: 'jsonwebtoken',
  sinceMajor: 9,
  source: 'https://github.com/auth0/node-jsonwebtoken/blob/master/CHANGELOG.md#900---2022-12-21 (the default allowed algorithms follow the key type; "none" needs to be explicitly allowed)',
} as const;
