import { SUBTLE_CRYPTO } from './web-crypto.js';

// Where a password-hashing library takes its salt, and what it does when the call gives none: a salt
// made fresh for each hash is per user; one fixed in the code is shared by every user.

export interface SaltSite {
  module: string;
  /** The export called (`argon2.hash`, `bcrypt.hash`). */
  export: string;
  /** The argument that holds the salt, or the options object holding it when `key` is set. */
  arg: number;
  key: string | null;
  /** What the library does when that argument (or key) is absent, or a number (bcrypt's cost). */
  absent: 'random per call';
  /** A number in the salt argument is a cost factor: the library makes a random salt of its own. */
  numberIsRounds: boolean;
  example: string;
  source: string;
}

export const SALT_SITES: readonly SaltSite[] = [
  { module: 'argon2', export: 'hash', arg: 1, key: 'salt', absent: 'random per call', numberIsRounds: false, example: 'argon2.hash(password, { salt })', source: 'https://github.com/ranisalt/node-argon2/wiki/Options#salt (default: a random 16-byte salt per hash)' },
  { module: 'bcrypt', export: 'hash', arg: 1, key: null, absent: 'random per call', numberIsRounds: true, example: 'bcrypt.hash(password, 10)', source: 'https://github.com/kelektiv/node.bcrypt.js#api (salt: a salt string, or the rounds to generate one with)' },
  { module: 'bcryptjs', export: 'hash', arg: 1, key: null, absent: 'random per call', numberIsRounds: true, example: 'bcrypt.hash(password, 10)', source: 'https://github.com/dcodeIO/bcrypt.js#hashs-salt-callback-progresscallback' },
];

/** Calls that make random bytes: a salt taken from one inside the hashing function is fresh per hash. */
export const RANDOM_BYTES: ReadonlyArray<{ module: string; export: string }> = [
  { module: 'crypto', export: 'randomBytes' },
  { module: 'crypto', export: 'getRandomValues' },
  { module: 'bcrypt', export: 'genSalt' },
  { module: 'bcryptjs', export: 'genSalt' },
  { module: 'bcrypt', export: 'genSaltSync' },
  { module: 'bcryptjs', export: 'genSaltSync' },
];

/**
 * Calls that check a password against its stored hash: a sign-in path. `module`/`export`: a library's
 * function (`bcrypt.compare(plain, hash)`); `method`: a model's own instance method written around
 * one (`user.comparePassword(plain)`), known only by its name, so the last resort.
 */
export interface PasswordVerifier {
  module: string | null;
  export: string;
  example: string;
  source: string;
}

export const PASSWORD_VERIFIERS: readonly PasswordVerifier[] = [
  ...['compare', 'compareSync'].flatMap((e) => ['bcrypt', 'bcryptjs'].map((m) => ({ module: m, export: e, example: `await ${m === 'bcrypt' ? 'bcrypt' : 'bcryptjs'}.${e}(password, user.passwordHash)`, source: 'https://github.com/kelektiv/node.bcrypt.js#to-check-a-password' }))),
  { module: 'argon2', export: 'verify', example: 'await argon2.verify(user.passwordHash, password)', source: 'https://github.com/ranisalt/node-argon2#usage' },
  { module: '@node-rs/argon2', export: 'verify', example: 'await verify(user.passwordHash, password)', source: 'https://github.com/napi-rs/node-rs/tree/main/packages/argon2' },
  { module: '@node-rs/bcrypt', export: 'verify', example: 'await verify(password, user.passwordHash)', source: 'https://github.com/napi-rs/node-rs/tree/main/packages/bcrypt' },
  // Instance methods models define around a verifier (mongoose `methods`, a sequelize prototype, a TypeORM entity).
  ...['comparePassword', 'isPasswordMatch', 'validatePassword', 'verifyPassword', 'checkPassword', 'isValidPassword', 'matchPassword', 'passwordMatches']
    .map((e) => ({ module: null, export: e, example: `await user.${e}(password)`, source: 'model instance methods wrapping bcrypt.compare (mongoose schema.methods idiom)' })),
];

/** The verifier an imported call is (`module`, its export, or `member` of a whole-module import), or null. */
export function passwordVerifierOf(module: string, name: string, member?: string): PasswordVerifier | null {
  const called = name === 'default' || name === '*' ? member : name;
  return PASSWORD_VERIFIERS.find((v) => v.module === module && v.export === called) ?? null;
}

/** The model method a name is that verifies a password (`user.comparePassword(pw)`), or null: a name, the last resort. */
export function passwordVerifierMethodOf(name: string): PasswordVerifier | null {
  return PASSWORD_VERIFIERS.find((v) => v.module === null && v.export === name) ?? null;
}

/**
 * Fast digests and MACs: built to run at billions a second, so a password stored as one (however
 * keyed) falls to an offline guessing attack. `dataArg`: where the hashed value goes, a number for
 * the call's argument, 'update' for Node's `createHash(algo).update(value)` chain. `algorithmArg`:
 * the argument naming the algorithm, when the function takes one.
 */
export interface FastHash {
  module: string;
  /** The export, or the member of the default/namespace import (`CryptoJS.SHA256`). */
  export: string;
  dataArg: number | 'update';
  algorithmArg: number | null;
  /** A keyed hash (HMAC): the key does not make it a password hash, it is as fast as the plain one. */
  keyed: boolean;
  example: string;
  source: string;
}

const NODE_CRYPTO = 'https://nodejs.org/api/crypto.html#class-hash';
const CRYPTO_JS = 'https://cryptojs.gitbook.io/docs/#hashing';
export const FAST_HASHES: readonly FastHash[] = [
  ...['crypto', 'node:crypto'].flatMap((module) => [
    { module, export: 'createHash', dataArg: 'update' as const, algorithmArg: 0, keyed: false, example: "crypto.createHash('sha256').update(password).digest('hex')", source: NODE_CRYPTO },
    { module, export: 'createHmac', dataArg: 'update' as const, algorithmArg: 0, keyed: true, example: "crypto.createHmac('sha256', key).update(password).digest('hex')", source: 'https://nodejs.org/api/crypto.html#class-hmac' },
  ]),
  ...[...['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'].map((e) => ({ e, keyed: false })),
    ...['HmacMD5', 'HmacSHA1', 'HmacSHA224', 'HmacSHA256', 'HmacSHA384', 'HmacSHA512', 'HmacSHA3'].map((e) => ({ e, keyed: true }))]
    .map(({ e, keyed }) => ({ module: 'crypto-js', export: e, dataArg: 0, algorithmArg: null, keyed, example: `CryptoJS.${e}(password).toString()`, source: CRYPTO_JS })),
  ...[...['md5', 'sha1', 'sha256', 'sha512'].map((e) => ({ e, keyed: false })), ...['hmac-sha256', 'hmac-sha512'].map((e) => ({ e, keyed: true }))]
    .map(({ e, keyed }) => ({ module: `crypto-js/${e}`, export: 'default', dataArg: 0, algorithmArg: null, keyed, example: `import ${e.replace('-', '')} from 'crypto-js/${e}'`, source: CRYPTO_JS })),
  { module: 'md5', export: 'default', dataArg: 0, algorithmArg: null, keyed: false, example: "import md5 from 'md5'; md5(password)", source: 'https://www.npmjs.com/package/md5' },
  { module: 'blueimp-md5', export: 'default', dataArg: 0, algorithmArg: null, keyed: false, example: "import md5 from 'blueimp-md5'", source: 'https://github.com/blueimp/JavaScript-MD5' },
  ...['sha256', 'sha224'].map((e) => ({ module: 'js-sha256', export: e, dataArg: 0, algorithmArg: null, keyed: false, example: `import { ${e} } from 'js-sha256'`, source: 'https://github.com/emn178/js-sha256' })),
  // Web Crypto's digest (Workers, Deno, Bun, browsers, Node): `crypto.subtle.digest('SHA-256', bytes)`.
  { module: SUBTLE_CRYPTO, export: 'digest', dataArg: 1, algorithmArg: 0, keyed: false, example: "await crypto.subtle.digest('SHA-256', new TextEncoder().encode(password))", source: 'https://developer.mozilla.org/en-US/docs/Web/API/SubtleCrypto/digest' },
  ...['sha512', 'sha384'].map((e) => ({ module: 'js-sha512', export: e, dataArg: 0, algorithmArg: null, keyed: false, example: `import { ${e} } from 'js-sha512'`, source: 'https://github.com/emn178/js-sha512' })),
];

/** The fast hash an imported call is (module, its export, or `member` of a whole-module import), or null. */
export function fastHashOf(module: string, name: string, member?: string): FastHash | null {
  const called = name === 'default' || name === '*' ? (member ?? 'default') : name;
  return FAST_HASHES.find((h) => h.module === module && h.export === called) ?? null;
}
