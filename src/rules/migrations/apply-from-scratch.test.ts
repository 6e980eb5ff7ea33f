import { afterAll, describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, sharedEngines, statusOf } from '../../../test/helpers/migrations.js';
import rule from './apply-from-scratch.js';

// Real engines: one PGlite for the whole file (reset between audits), SQLite in memory per set.
const engines = sharedEngines();
afterAll(() => engines.close());

describe('migrations/apply-from-scratch', () => {
  it('passes on sets that apply (Prisma, D1 with a trigger, goose), also under --no-exec', async () => {
    const run = await auditFixture('migrations-clean', [rule], engines);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass', 'pass', 'pass']);
    expect(run.options.exec).toBe(false);
  });

  it('reports the first failing statement with the engine message (Prisma sends each file as one script)', async () => {
    const run = await auditFixture('migrations-postgres', [rule], engines);
    expect(hits(run)).toEqual(['migrations/apply-from-scratch prisma/migrations/20240401000000_slug_index/migration.sql:5']);
    expect(run.findings[0].message).toMatch(/CREATE UNIQUE INDEX CONCURRENTLY .* failed: CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
    expect(run.gate.decision).toBe('NO_GO');
  });

  it('applies the way each runner does: CONCURRENTLY alone in a Prisma file runs, inside a Drizzle migration it fails', async () => {
    const index = 'CREATE INDEX CONCURRENTLY "t_x_idx" ON "t" ("x");';
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"@prisma/client":"5.22.0","drizzle-orm":"0.36.0"}}',
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "t" ("x" INTEGER);\n',
      'prisma/migrations/20240102000000_idx/migration.sql': `${index}\n`,
      'drizzle.config.ts': "export default { out: './drizzle', dialect: 'postgresql' };\n",
      'drizzle/0000_init.sql': `CREATE TABLE "t" ("x" INTEGER);\n--> statement-breakpoint\n${index}\n`,
    }, [rule], engines);
    expect(hits(run)).toEqual(['migrations/apply-from-scratch drizzle/0000_init.sql:3']);
    expect(run.findings[0].message).toContain('cannot run inside a transaction block');
  });

  it('reports a SQLite failure at its line', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}',
      'migrations/001_init.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n',
      'migrations/002_idx.sql': '-- index\nCREATE INDEX a_x ON a (missing_column);\n',
    }, [rule], engines);
    expect(hits(run)).toEqual(['migrations/apply-from-scratch migrations/002_idx.sql:2']);
    expect(run.findings[0].message).toContain('no such column');
  });

  it('is UNKNOWN, not a failure, when a Supabase set needs the auth schema Supabase provides; elsewhere it fails', async () => {
    const init = 'create table users (\n  id uuid references auth.users not null primary key,\n  name text\n);\n';
    const files = { 'package.json': '{"name":"svc","dependencies":{"@supabase/supabase-js":"2.0.0"}}', 'supabase/config.toml': 'project_id = "x"\n' };
    const run = await auditMigrationFiles({ ...files, 'supabase/migrations/20230530034630_init.sql': init }, [rule], engines);
    expect(hits(run)).toEqual([]);
    const o = run.outcomes.filter((x) => x.ruleId === rule.id);
    expect(o.map((x) => x.status)).toEqual(['unknown']);
    expect(o[0].reason).toContain('uses schema auth, which Supabase provides');
    // The same statement outside a Supabase set, or a table the migration itself forgot, still fails.
    const plain = await auditMigrationFiles({ ...files, 'db/migrations/20230530034630_init.sql': init }, [rule], engines);
    expect(hits(plain)).toEqual(['migrations/apply-from-scratch db/migrations/20230530034630_init.sql:1']);
    const own = await auditMigrationFiles({ ...files, 'supabase/migrations/20230530034630_init.sql': 'create table a (id uuid references missing_table);\n' }, [rule], engines);
    expect(hits(own)).toEqual(['migrations/apply-from-scratch supabase/migrations/20230530034630_init.sql:1']);
  });

  it('is UNKNOWN, not a pass, when PGlite lacks an extension the set needs, or the migrations are code', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0","knex":"3.1.0"}}',
      'migrations/001_places.sql': 'CREATE EXTENSION IF NOT EXISTS postgis;\nCREATE TABLE places (id BIGINT PRIMARY KEY, at geography(Point));\n',
      'db/migrations/20240101_users.js': 'exports.up = (knex) => knex.schema.createTable("users", (t) => t.increments());\nexports.down = (knex) => knex.schema.dropTable("users");\n',
    }, [rule], engines);
    expect(hits(run)).toEqual([]);
    const o = run.outcomes.filter((x) => x.ruleId === rule.id);
    expect(o.map((x) => x.status)).toEqual(['unknown']);
    expect(o[0].reason).toContain('PGlite has no "postgis" extension (CREATE EXTENSION at migrations/001_places.sql:1)');
    expect(o[0].reason).toContain('knex migrations written as code');
  });

  it('applies a set that needs pgvector, with the extension loaded', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}',
      'migrations/001_vector.sql': 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE items (id BIGINT PRIMARY KEY, embedding vector(3));\n',
      'migrations/002_index.sql': 'CREATE INDEX items_embedding_idx ON items USING hnsw (embedding vector_l2_ops);\nINSERT INTO items VALUES (1, \'[1,2,3]\');\n',
    }, [rule], engines);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('is not applicable without migrations, and starts no engine', async () => {
    const run = await auditMigrationFiles({ 'package.json': '{"name":"svc"}', 'src/index.ts': 'export {};\n' }, [rule]);
    expect(statusOf(run, rule.id)).toEqual(['not-applicable']);
    expect(run.timings.engines).toBeUndefined();
  });

  // Last: it ends the shared engine.
  it('stops a statement that never ends and reports UNKNOWN with the reason', async () => {
    engines.timeoutMs = 3000;
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}',
      'migrations/001_slow.sql': 'CREATE TABLE t (id INT);\nSELECT pg_sleep(600);\n',
    }, [rule], engines);
    expect(hits(run)).toEqual([]);
    const o = run.outcomes.find((x) => x.ruleId === rule.id)!;
    expect(o.status).toBe('unknown');
    expect(o.reason).toContain('PGlite did not answer within 3 s');
    expect(run.probes.find((p) => p.kind === 'migrations-apply')?.timedOut).toBe(true);
  });
});
