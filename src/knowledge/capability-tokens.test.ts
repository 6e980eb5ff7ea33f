import { describe, expect, it } from 'vitest';
import { isBearerValueSource, isDefaultPrimaryKey, isRandomPrismaDefault, isRandomValueSource } from './capability-tokens.js';

describe('knowledge/capability-tokens', () => {
  it('knows random generators by module and export, and not look-alikes', () => {
    for (const [m, e] of [['crypto', 'randomBytes'], ['node:crypto', 'randomUUID'], ['nanoid', 'nanoid'], ['@paralleldrive/cuid2', 'createId'], ['cuid', 'default'], ['uuid', 'v4']]) expect(isRandomValueSource(m, e), `${m}#${e}`).toBe(true);
    for (const [m, e] of [['crypto', 'createHash'], ['./ids', 'nanoid'], ['uuid', 'v5'], ['slugify', 'default']]) expect(isRandomValueSource(m, e), `${m}#${e}`).toBe(false);
  });
  it('knows the Prisma defaults that are random, and not those that count or stamp', () => {
    for (const d of ['cuid()', 'uuid()', 'uuid(7)', 'nanoid(10)', 'ulid()', 'dbgenerated("gen_random_uuid()")']) expect(isRandomPrismaDefault(d), d).toBe(true);
    for (const d of ['autoincrement()', 'now()', '"abc"', 'dbgenerated("nextval(\'s\')")', 'sequence()']) expect(isRandomPrismaDefault(d), d).toBe(false);
  });
  it('knows bearer values: random generators and one-call JWT signers, not verifiers or chains', () => {
    expect(isBearerValueSource('jsonwebtoken', 'default', 'sign')).toBe(true);
    expect(isBearerValueSource('jsonwebtoken', 'sign')).toBe(true);
    expect(isBearerValueSource('crypto', 'default', 'randomBytes')).toBe(true);
    expect(isBearerValueSource('nanoid', 'nanoid')).toBe(true);
    expect(isBearerValueSource('jsonwebtoken', 'default', 'verify')).toBe(false);
    expect(isBearerValueSource('jsonwebtoken', 'default', 'decode')).toBe(false);
    expect(isBearerValueSource('./tokens', 'sign')).toBe(false);
  });
  it('knows the default primary keys', () => {
    expect(isDefaultPrimaryKey('id')).toBe(true);
    expect(isDefaultPrimaryKey('_id')).toBe(true);
    expect(isDefaultPrimaryKey('inviteCode')).toBe(false);
  });
});
