// How a stored token's lifetime is kept, and which values are opaque tokens. An opaque refresh token
// (random bytes, a UUID) carries no expiry of its own: only the row or key that stores it can, with an
// expiry column the lookup compares or a TTL the store enforces. Stored without either, it is valid
// until someone deletes it, which is never for an account that does not log out.

/** Functions that make an opaque random value (`module` as imported, `export` the function; `global` for `crypto.randomUUID()`). */
export const OPAQUE_TOKEN_SOURCES: ReadonlyArray<{ module: string; export: string; source: string }> = [
  { module: 'crypto', export: 'randomBytes', source: 'https://nodejs.org/api/crypto.html#cryptorandombytessize-callback' },
  { module: 'node:crypto', export: 'randomBytes', source: 'https://nodejs.org/api/crypto.html#cryptorandombytessize-callback' },
  { module: 'crypto', export: 'randomUUID', source: 'https://nodejs.org/api/crypto.html#cryptorandomuuidoptions' },
  { module: 'node:crypto', export: 'randomUUID', source: 'https://nodejs.org/api/crypto.html#cryptorandomuuidoptions' },
  { module: 'uuid', export: 'v4', source: 'https://github.com/uuidjs/uuid#uuidv4options-buffer-offset' },
  { module: 'nanoid', export: 'nanoid', source: 'https://github.com/ai/nanoid#usage' },
  { module: 'global', export: 'crypto.randomUUID', source: 'https://developer.mozilla.org/en-US/docs/Web/API/Crypto/randomUUID (Workers, Node 19+)' },
];

export function isOpaqueTokenSource(module: string, name: string): boolean {
  return OPAQUE_TOKEN_SOURCES.some((s) => s.module === module && s.export === name);
}

/**
 * Words of a column or field name that keep a token's lifetime (`expiresAt`, `expiry_date`, `validUntil`,
 * `ttl`). A schema's own names: a row that has one can be checked on use.
 */
export const EXPIRY_FIELD_WORDS = {
  words: ['expires', 'expire', 'expiry', 'expiration', 'expired', 'exp', 'ttl', 'until', 'lifetime'],
  source: 'common schema naming (expiresAt, expires_at, expiryDate, validUntil, ttl)',
} as const;

export function isExpiryField(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => (EXPIRY_FIELD_WORDS.words as readonly string[]).includes(w));
}

/** Write methods whose object argument is the stored row (ORMs and ODMs), by the argument that holds it; `data` for Prisma's `{ data }`. */
export const TOKEN_ROW_WRITES: ReadonlyArray<{ method: string; arg: number; key?: string; source: string }> = [
  { method: 'create', arg: 0, source: 'Prisma create({ data }), Sequelize/Mongoose Model.create(row)' },
  { method: 'update', arg: 0, source: 'Prisma update({ data }), Sequelize instance.update(row) / Model.update(row, opts)' },
  { method: 'upsert', arg: 0, source: 'Prisma upsert({ create, update })' },
  { method: 'insert', arg: 0, source: 'TypeORM repository.insert(row), Knex insert(row)' },
  { method: 'save', arg: 0, source: 'TypeORM repository.save(row)' },
  { method: 'values', arg: 0, source: 'Drizzle insert(table).values(row)' },
  { method: 'set', arg: 0, source: 'Drizzle update(table).set(row)' },
  { method: 'findByIdAndUpdate', arg: 1, source: 'Mongoose Model.findByIdAndUpdate(id, update)' },
  { method: 'findOneAndUpdate', arg: 1, source: 'Mongoose Model.findOneAndUpdate(filter, update)' },
  { method: 'updateOne', arg: 1, source: 'Mongoose/MongoDB updateOne(filter, update)' },
];

/** Options of a Redis `SET` that give the key a lifetime (ioredis `'EX', 60`; node-redis `{ EX: 60 }`). */
export const REDIS_TTL_OPTIONS = ['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'] as const;
export const REDIS_TTL_SOURCE = 'https://redis.io/docs/latest/commands/set/ (EX seconds, PX milliseconds, EXAT, PXAT, KEEPTTL)';
