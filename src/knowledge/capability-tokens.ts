// Bearer codes: a column whose value is made at random when the row is written (an invite code, a share
// link's slug, a download token). Whoever holds the value is meant to reach the row, so selecting the row
// by it is no question of who owns it. What makes a value random is a fact about the generator: a
// function of a library (crypto, uuid, nanoid, cuid), or a default the ORM schema declares. A primary key
// is made the same way but is no secret: ids are listed, linked and logged, so it stays an owned id.
import { jwtSignerOf } from './jwt-signers.js';
import { isOpaqueTokenSource } from './token-storage.js';

/** Generators of a random value beyond knowledge/token-storage's opaque token sources (`module`, `export` as imported). */
export const RANDOM_VALUE_SOURCES: ReadonlyArray<{ module: string; export: string; source: string }> = [
  { module: 'cuid', export: 'default', source: 'https://github.com/ericelliott/cuid#usage' },
  { module: '@paralleldrive/cuid2', export: 'createId', source: 'https://github.com/paralleldrive/cuid2#usage' },
  { module: 'uuid', export: 'v7', source: 'https://github.com/uuidjs/uuid#uuidv7options-buffer-offset (74 random bits)' },
  { module: 'ulid', export: 'ulid', source: 'https://github.com/ulid/javascript#usage (80 random bits)' },
  { module: 'crypto', export: 'randomInt', source: 'https://nodejs.org/api/crypto.html#cryptorandomintmin-max-callback' },
  { module: 'node:crypto', export: 'randomInt', source: 'https://nodejs.org/api/crypto.html#cryptorandomintmin-max-callback' },
];

/** Whether an imported function makes a random value (`randomBytes`, `randomUUID`, `v4`, `nanoid`, `createId`). */
export function isRandomValueSource(module: string, name: string): boolean {
  return isOpaqueTokenSource(module, name) || RANDOM_VALUE_SOURCES.some((s) => s.module === module && s.export === name);
}

/**
 * Whether an imported function makes a bearer credential: a random value (above), or a token a JWT
 * library signs in one call (`jwt.sign(payload, key)`, knowledge/jwt-signers): a refresh token stored
 * by its value is unguessable without the key, so whoever presents it is meant to reach its row.
 */
export function isBearerValueSource(module: string, imported: string, member?: string): boolean {
  const whole = imported === 'default' || imported === '*';
  if (isRandomValueSource(module, whole ? member ?? 'default' : imported)) return true;
  return jwtSignerOf(module, imported, member)?.how === 'call';
}

/**
 * Prisma's `@default(...)` functions that fill a field with a random value when the row is created, and
 * the database functions a `@default(dbgenerated("..."))` may name to the same effect.
 */
export const PRISMA_RANDOM_DEFAULTS = {
  functions: ['cuid', 'uuid', 'nanoid', 'ulid'],
  database: ['gen_random_uuid', 'uuid_generate_v4', 'gen_random_bytes'],
  source: 'https://www.prisma.io/docs/orm/reference/prisma-schema-reference#default ; https://www.postgresql.org/docs/current/functions-uuid.html',
} as const;

/** Whether a Prisma field's default (`cuid()`, `nanoid(10)`, `dbgenerated("gen_random_uuid()")`) makes a random value. */
export function isRandomPrismaDefault(expr: string): boolean {
  const m = /^(\w+)\s*\(\s*(.*)\)$/s.exec(expr.trim());
  if (!m) return false;
  if ((PRISMA_RANDOM_DEFAULTS.functions as readonly string[]).includes(m[1])) return true;
  const db = m[1] === 'dbgenerated' ? /^["']\s*(\w+)\s*\(/.exec(m[2]) : null;
  return db !== null && (PRISMA_RANDOM_DEFAULTS.database as readonly string[]).includes(db[1]);
}

/**
 * The primary key a library gives a model by default (Sequelize and TypeORM conventions `id`, MongoDB
 * `_id`): a random value there is an id, not a bearer code.
 */
export const DEFAULT_PRIMARY_KEYS = {
  names: ['id', '_id'],
  source: 'https://sequelize.org/docs/v6/core-concepts/model-basics/#column-declaration-shorthand-syntax ; https://www.mongodb.com/docs/manual/core/document/#the-_id-field',
} as const;

export function isDefaultPrimaryKey(column: string): boolean {
  return (DEFAULT_PRIMARY_KEYS.names as readonly string[]).includes(column);
}
