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

/**
 * Names of a field that holds the password itself as the user typed it: not its hash
 * (`passwordHash`), a reset token or a confirmation field. Where a value of one of these names is
 * written or compared, the password is.
 */
export const PASSWORD_FIELDS = {
  names: ['password', 'passwd', 'pwd', 'pass', 'userpassword', 'user_password'],
  source: 'field names of sign-up and sign-in forms (HTML autocomplete="current-password" inputs are named so in most frameworks)',
} as const;

export function isPasswordField(name: string): boolean {
  return (PASSWORD_FIELDS.names as readonly string[]).includes(name.toLowerCase());
}

/**
 * ORM and driver methods that load rows matching the values given (`User.findOne({ email, password })`,
 * `repo.findOneBy(...)`, `knex('users').where({ ... })`): a password among those values is compared
 * with the stored one by equality, so it is stored as given.
 */
export const ROW_LOOKUPS = {
  methods: ['find', 'findOne', 'findFirst', 'findUnique', 'findOneBy', 'findBy', 'findAll', 'where', 'count', 'exists'],
  source: 'https://mongoosejs.com/docs/api/model.html#Model.findOne() ; https://www.prisma.io/docs/orm/reference/prisma-client-reference#findfirst ; https://typeorm.io/find-options ; https://sequelize.org/docs/v6/core-concepts/model-querying-finders/ ; https://knexjs.org/guide/query-builder.html#where',
} as const;

export function looksRowsUp(method: string): boolean {
  return (ROW_LOOKUPS.methods as readonly string[]).includes(method);
}

/**
 * Words in a function's name that say it hashes (`hashPassword`, `encryptPassword`, `makeDigest`).
 * Evidence of last resort: read only for a call verdict could not resolve to its declaration or to
 * a library above, and a finding that rests on it says so.
 */
export const HASHER_NAME_WORDS = {
  words: ['hash', 'bcrypt', 'argon', 'scrypt', 'pbkdf', 'encrypt', 'digest'],
  source: 'names of password helpers in services (a helper wrapping one of PASSWORD_HASHERS)',
} as const;

export function nameSaysHashes(name: string): boolean {
  const n = name.toLowerCase();
  return HASHER_NAME_WORDS.words.some((w) => n.includes(w));
}

/**
 * Names of a stored field that holds a credential: the password's hash (or, badly, the password),
 * its salt, or a two-factor secret. A row with one of these sent to the client hands out what an
 * offline cracking attack needs. Read from a schema's field names: evidence of last resort (a schema
 * says a field's type, not what it holds), named as such in a finding that rests on it.
 */
export const STORED_CREDENTIAL_FIELDS = {
  names: ['password', 'passwd', 'passwordhash', 'password_hash', 'hashedpassword', 'hashed_password', 'passwordhashed', 'passworddigest', 'password_digest',
    'encryptedpassword', 'encrypted_password', 'hash', 'salt', 'passwordsalt', 'password_salt', 'twofactorsecret', 'two_factor_secret', 'totpsecret', 'totp_secret', 'mfasecret'],
  example: 'model User { id Int @id; email String; passwordHash String }',
  source: 'field names of account tables in ORMs\' guides (Prisma, TypeORM, Rails has_secure_password `password_digest`, Devise `encrypted_password`)',
} as const;

export function isStoredCredentialField(name: string): boolean {
  return (STORED_CREDENTIAL_FIELDS.names as readonly string[]).includes(name.toLowerCase());
}
