import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import rule from './missing-down-migration.js';

describe('migrations/missing-down-migration', () => {
  it('stays silent where every migration has a down, or where the project keeps none', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditFixture('migrations-postgres', [rule]);
    expect(statusOf(run, rule.id)).toEqual(['not-applicable']);
  });

  it('reports the migration without a down file (.down.sql), folder (down.sql) or down() function', async () => {
    expect(hits(await auditFixture('migrations-rollback', [rule]))).toEqual(['migrations/missing-down-migration db/migrations/003_audit_log.up.sql:1']);
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0","knex":"3.1.0"}}',
      'migrations/0001_a/up.sql': 'CREATE TABLE a (id INT);\n',
      'migrations/0001_a/down.sql': 'DROP TABLE a;\n',
      'migrations/0002_b/up.sql': 'CREATE TABLE b (id INT);\n',
      'db/migrations/20240101_a.js': 'exports.up = async (knex) => {};\nexports.down = async (knex) => {};\n',
      'db/migrations/20240102_b.js': 'exports.up = async (knex) => {};\n',
    }, [rule]);
    expect(hits(run)).toEqual(['migrations/missing-down-migration db/migrations/20240102_b.js:1', 'migrations/missing-down-migration migrations/0002_b/up.sql:1']);
  });
});
