// What "creates an account" means in code: the request's password goes through a password-hashing
// function before it is stored. A handler that reaches one of these calls (in its own body, in the
// service it is handed, or in a lifecycle hook of the entity it builds) while reading no caller is a
// sign-up, whatever its path and its name say: RealWorld-style `POST /users` handled by `create`.
// Verifying a password (`bcrypt.compare`, `argon2.verify`) is signing in, not creating an account,
// and is not listed here.

export interface PasswordHasher {
  /** The module as imported. */
  module: string;
  /** The exports (or members of the default/namespace import) that hash a password for storage. */
  hashes: readonly string[];
  /** A call that must be recognised (tested in knowledge.test.ts): module, import name, member. */
  example: { name: string; member?: string };
  source: string;
}

export const PASSWORD_HASHERS: readonly PasswordHasher[] = [
  { module: 'argon2', hashes: ['hash'], example: { name: '*', member: 'hash' }, source: 'https://github.com/ranisalt/node-argon2#usage (argon2.hash(password))' },
  { module: '@node-rs/argon2', hashes: ['hash', 'hashSync'], example: { name: 'hash' }, source: 'https://github.com/napi-rs/node-rs/tree/main/packages/argon2' },
  { module: 'bcrypt', hashes: ['hash', 'hashSync'], example: { name: 'default', member: 'hash' }, source: 'https://github.com/kelektiv/node.bcrypt.js#to-hash-a-password' },
  { module: 'bcryptjs', hashes: ['hash', 'hashSync'], example: { name: 'default', member: 'hashSync' }, source: 'https://github.com/dcodeIO/bcrypt.js#usage---sync' },
  { module: '@node-rs/bcrypt', hashes: ['hash', 'hashSync'], example: { name: 'hash' }, source: 'https://github.com/napi-rs/node-rs/tree/main/packages/bcrypt' },
  // scrypt and PBKDF2 are Node's password key-derivation functions (a plain digest is not: see weak-password-hash).
  { module: 'crypto', hashes: ['scrypt', 'scryptSync', 'pbkdf2', 'pbkdf2Sync'], example: { name: 'scrypt' }, source: 'https://nodejs.org/api/crypto.html#cryptoscryptpassword-salt-keylen-options-callback' },
  { module: 'node:crypto', hashes: ['scrypt', 'scryptSync', 'pbkdf2', 'pbkdf2Sync'], example: { name: '*', member: 'scryptSync' }, source: 'https://nodejs.org/api/crypto.html#cryptoscryptsyncpassword-salt-keylen-options' },
];

/**
 * Whether a reference to an import hashes a password: `import { hash } from 'bcrypt'` (name), or a
 * member of the default or namespace import (`bcrypt.hash`, `argon2.hash`).
 */
export function hashesPassword(ref: { module: string; name: string; member?: string }): PasswordHasher | null {
  const called = ref.name === '*' || ref.name === 'default' ? ref.member : ref.name;
  if (!called) return null;
  return PASSWORD_HASHERS.find((h) => h.module === ref.module && h.hashes.includes(called)) ?? null;
}
