// Every migration fixture repo audited with all migrations rules, against real engines (PGlite and
// SQLite in memory; one PGlite for the whole file): exact findings, and silence on the clean set.
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../src/rules/migrations/index.js';
import { auditFixture, hits, sharedEngines } from './helpers/migrations.js';

const engines = sharedEngines();
afterAll(() => engines.close());

describe('migration fixtures', () => {
  it('Postgres (Prisma): unsafe operations, a constraint before its backfill, a statement that fails to apply', async () => {
    const run = await auditFixture('migrations-postgres', rules, engines);
    const m = 'prisma/migrations';
    expect(hits(run).sort()).toEqual([
      `migrations/apply-from-scratch ${m}/20240401000000_slug_index/migration.sql:5`,
      `migrations/constraint-before-backfill ${m}/20240301000000_add_slug/migration.sql:3`,
      `migrations/squawk-adding-foreign-key-constraint ${m}/20240201000000_add_fields/migration.sql:8`,
      `migrations/squawk-adding-not-nullable-field ${m}/20240301000000_add_slug/migration.sql:3`,
      `migrations/squawk-adding-required-field ${m}/20240201000000_add_fields/migration.sql:2`,
      `migrations/squawk-ban-concurrent-index-creation-in-transaction ${m}/20240401000000_slug_index/migration.sql:5`,
      `migrations/squawk-disallowed-unique-constraint ${m}/20240201000000_add_fields/migration.sql:11`,
      `migrations/squawk-require-concurrent-index-creation ${m}/20240201000000_add_fields/migration.sql:5`,
    ]);
    const failure = run.findings.find((f) => f.ruleId === 'migrations/apply-from-scratch')!;
    expect(failure.message).toContain('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');
    expect(failure.remediation).not.toBe('');
    expect(run.gate.decision).toBe('NO_GO');
    expect(run.timings.engines?.pgliteColdStartMs).toBeGreaterThan(0);
    expect(run.timings.engines?.pglitePeakRssMb).toBeGreaterThan(0);
    const apply = run.probes.find((p) => p.kind === 'migrations-apply')!;
    expect(apply.figures).toMatchObject({ status: 'failed', applied: 3, total: 4 });
    expect((apply.figures.schema as { tables: Record<string, unknown> }).tables).toHaveProperty('posts');
  });

  it('D1: a duplicate version and ADD COLUMN NOT NULL without a default', async () => {
    const run = await auditFixture('migrations-d1', rules, engines);
    expect(hits(run)).toEqual([
      'migrations/sqlite-unsafe-add-column migrations/0002_add_name.sql:2',
      'migrations/version-sequence migrations/0002_add_sessions.sql:1',
    ]);
    expect(run.inventory.migrations).toMatchObject([{ path: 'migrations', dialect: 'd1', runner: 'wrangler-d1', versions: ['0001', '0002', '0002'], declaredIn: { path: 'wrangler.toml', line: 6 } }]);
    expect(run.timings.engines).toBeUndefined();
  });

  it('rollback files: one down migration leaves a column behind, one migration has none', async () => {
    const run = await auditFixture('migrations-rollback', rules, engines);
    expect(hits(run)).toEqual([
      'migrations/down-restores-schema db/migrations/002_add_phone.down.sql:2',
      'migrations/squawk-require-concurrent-index-creation db/migrations/002_add_phone.up.sql:2',
      'migrations/missing-down-migration db/migrations/003_audit_log.up.sql:1',
    ]);
    expect(run.findings[0].message).toContain('column users.phone text remains');
  });

  it('Prisma drift: a schema field the migrations never create', async () => {
    const run = await auditFixture('migrations-prisma-drift', rules, engines);
    expect(hits(run)).toEqual(['migrations/schema-drift prisma/schema.prisma:13']);
    expect(run.findings[0].message).toContain('User.nickname');
  });

  it('clean control: three sets (Prisma, D1, goose with down sections), not one finding', async () => {
    const run = await auditFixture('migrations-clean', rules, engines);
    expect(hits(run)).toEqual([]);
    expect(run.outcomes.filter((o) => o.status === 'unknown' || o.status === 'error')).toEqual([]);
    expect(run.outcomes.filter((o) => o.ruleId === 'migrations/apply-from-scratch').map((o) => o.status)).toEqual(['pass', 'pass', 'pass']);
    // Nothing stands against it; under --no-exec the only condition is that the code did not run.
    expect(run.gate.reasons).toEqual([]);
    expect(run.gate.conditions.map((c) => c.message)).toEqual(["the repository's code did not run (--no-exec): its tests, typecheck and build are not verified"]);
  });
});
