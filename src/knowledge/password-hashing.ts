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
