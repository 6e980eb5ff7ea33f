import { describe, expect, it } from 'vitest';
import { commandsOf, DRIZZLE_MIGRATOR, MIGRATION_APPLIERS, migrationApplierIn } from './index.js';

const first = (line: string) => migrationApplierIn(commandsOf(line)[0])?.runner ?? null;

describe('migration appliers', () => {
  it("each entry's example is read as that applier, and each cites its source", () => {
    for (const a of MIGRATION_APPLIERS) {
      expect(a.source).toMatch(/^https:\/\//);
      expect(first(a.example), a.example).toBe(a.runner);
    }
    expect(DRIZZLE_MIGRATOR.module.test('drizzle-orm/postgres-js/migrator')).toBe(true);
  });

  it('stays silent on commands that apply nothing', () => {
    expect(first('prisma migrate dev --create-only')).toBeNull();
    expect(first('prisma generate')).toBeNull();
    expect(first('drizzle-kit generate')).toBeNull();
    expect(first('wrangler d1 migrations list DB')).toBeNull();
    expect(first('echo prisma migrate deploy')).toBeNull();
  });
});
