import { afterAll, describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, sharedEngines, statusOf } from '../../../test/helpers/migrations.js';
import rule from './schema-drift.js';

const engines = sharedEngines();
afterAll(() => engines.close());

describe('migrations/schema-drift', () => {
  it('stays silent when schema.prisma matches the applied migrations (relations, defaults, optional fields)', async () => {
    const run = await auditFixture('migrations-clean', [rule], engines);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toContain('pass');
  });

  it('reports a field the migrations never create, at its line in schema.prisma', async () => {
    const run = await auditFixture('migrations-prisma-drift', [rule], engines);
    expect(hits(run)).toEqual(['migrations/schema-drift prisma/schema.prisma:13']);
  });

  it('reports nullability and type mismatches, and columns or tables no model declares', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"@prisma/client":"5.22.0"}}',
      'prisma/schema.prisma': [
        'datasource db {',
        '  provider = "postgresql"',
        '  url      = env("DATABASE_URL")',
        '}',
        'model Account {',
        '  id    Int     @id',
        '  email String',
        '  score BigInt',
        '  @@map("accounts")',
        '}',
      ].join('\n'),
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "accounts" ("id" INTEGER NOT NULL PRIMARY KEY, "email" TEXT, "score" INTEGER NOT NULL, "legacy" TEXT);\nCREATE TABLE "orphans" ("id" INTEGER);\n',
    }, [rule], engines);
    expect(hits(run).sort()).toEqual([
      'migrations/schema-drift prisma/schema.prisma:2',
      'migrations/schema-drift prisma/schema.prisma:5',
      'migrations/schema-drift prisma/schema.prisma:7',
      'migrations/schema-drift prisma/schema.prisma:8',
    ]);
    expect(run.findings.map((f) => f.messageId).sort()).toEqual(['columnNotInModel', 'fieldNullability', 'fieldType', 'tableNotInModels']);
    expect(run.findings.find((f) => f.messageId === 'fieldNullability')?.message).toBe('Account.email is required in the schema but the migrated column is nullable');
  });

  it('reads implicit many-to-many join tables from the schema: named and unnamed relations pass, a missing one and a stray look-alike are reported', async () => {
    const schema = [
      'datasource db {',
      '  provider = "postgresql"',
      '  url      = env("DATABASE_URL")',
      '}',
      'model User {',
      '  id        Int      @id',
      '  watchlist Symbol[] @relation("UserWatchlist")',
      '  tags      Tag[]',
      '  teams     Team[]',
      '}',
      'model Symbol {',
      '  id        Int    @id',
      '  watchedBy User[] @relation("UserWatchlist")',
      '}',
      'model Tag {',
      '  id    Int    @id',
      '  users User[]',
      '}',
      'model Team {',
      '  id      Int    @id',
      '  members User[]',
      '}',
    ].join('\n');
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"@prisma/client":"5.22.0"}}',
      'prisma/schema.prisma': schema,
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': [
        'CREATE TABLE "User" ("id" INTEGER NOT NULL PRIMARY KEY);',
        'CREATE TABLE "Symbol" ("id" INTEGER NOT NULL PRIMARY KEY);',
        'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);',
        'CREATE TABLE "Team" ("id" INTEGER NOT NULL PRIMARY KEY);',
        'CREATE TABLE "_UserWatchlist" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL);',
        'CREATE TABLE "_TagToUser" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL);',
        // Shaped like a join table's name, but no relation of the schema makes it.
        'CREATE TABLE "_LegacyToStuff" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL);',
      ].join('\n'),
    }, [rule], engines);
    expect(run.findings.map((f) => `${f.messageId} ${f.message}`).sort()).toEqual([
      'joinTableMissing the many-to-many relation of Team and User needs the join table "_TeamToUser", which the migrations never create',
      'tableNotInModels table "_LegacyToStuff" exists in the migrated schema but no model maps to it',
    ]);
  });

  it('compares Drizzle sqliteTable definitions with the applied D1 set: silent when they match, drift at the schema line', async () => {
    const files = (schema: string) => ({
      'package.json': '{"name":"w","private":true,"dependencies":{"drizzle-orm":"0.36.0"}}',
      'wrangler.toml': 'name = "w"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "db"\ndatabase_id = "x"\nmigrations_dir = "drizzle"\n',
      'drizzle/0000_init.sql': 'CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text NOT NULL,\n\t`bio` text\n);\n',
      'src/db/schema.ts': schema,
    });
    const ok = [
      "import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';",
      "export const users = sqliteTable('users', {",
      "  id: integer('id').primaryKey(),",
      "  email: text('email').notNull(),",
      "  bio: text('bio'),",
      '});',
    ].join('\n');
    const clean = await auditMigrationFiles(files(ok), [rule], engines);
    expect(hits(clean)).toEqual([]);
    expect(statusOf(clean, rule.id)).toEqual(['pass']);
    const drift = ok.replace("  bio: text('bio'),", "  bio: text('bio').notNull(),\n  avatar: text('avatar_url'),");
    const run = await auditMigrationFiles(files(drift), [rule], engines);
    expect(hits(run)).toEqual(['migrations/schema-drift src/db/schema.ts:5', 'migrations/schema-drift src/db/schema.ts:6']);
    // Column names left to Drizzle (casing: 'snake_case' makes createdAt -> created_at) are not drift.
    const implied = await auditMigrationFiles({
      ...files(ok.replace("  bio: text('bio'),", '  bio: text(),\n  createdAt: integer({ mode: \'timestamp\' }),')),
      'drizzle/0001_created.sql': 'ALTER TABLE `users` ADD `created_at` integer;\n',
    }, [rule], engines);
    expect(hits(implied)).toEqual([]);
    expect(run.findings.map((f) => f.messageId)).toEqual(['drizzleNullability', 'drizzleColumnMissing']);
    expect(run.findings.map((f) => f.message)).toEqual([
      'users.bio is notNull() in the Drizzle schema but the migrated column is nullable',
      'users.avatar maps to column "avatar_url", which the migrations never create',
    ]);
  });
});
