import { describe, expect, it } from 'vitest';
import { commandsOf, DESTRUCTIVE_SCHEMA_COMMANDS, destructiveSchemaCommandIn, DRIZZLE_MIGRATOR, MIGRATION_APPLIERS, migrationApplierIn } from './index.js';

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

describe('destructive schema commands', () => {
  const of = (line: string) => destructiveSchemaCommandIn(commandsOf(line)[0])?.example ?? null;
  it("each entry's example is read as that command, and each cites its source", () => {
    for (const c of DESTRUCTIVE_SCHEMA_COMMANDS) {
      expect(c.source).toMatch(/^https:\/\//);
      expect(of(c.example), c.example).toBe(c.example);
    }
    expect(of('npx --yes drizzle-kit@0.30 push --force=true --config drizzle.config.ts')).toBe('drizzle-kit push --force');
  });

  it('stays silent on the production and non-destructive forms', () => {
    expect(of('prisma migrate deploy')).toBeNull();
    expect(of('drizzle-kit push')).toBeNull();
    expect(of('drizzle-kit migrate')).toBeNull();
    expect(of('sequelize-cli db:migrate')).toBeNull();
    expect(of('typeorm migration:run -d dist/ds.js')).toBeNull();
    expect(of('echo prisma migrate reset')).toBeNull();
    expect(of('prisma migrate dev --create-only --name init')).toBeNull();
    expect(of('prisma db push')).toBeNull();
    expect(of('prisma db push --skip-generate')).toBeNull();
    expect(of('sequelize-cli db:seed --seed 20240101-roles.js')).toBeNull();
    expect(of('knex seed:make users')).toBeNull();
  });
});
