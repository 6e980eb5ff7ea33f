import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './version-sequence.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}' };
const sql = 'CREATE TABLE IF NOT EXISTS t (id INTEGER);\n';

describe('migrations/version-sequence', () => {
  it('stays silent on sequential numbers and on timestamps', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles({ ...pkg, 'migrations/001_a.sql': sql, 'migrations/002_b.sql': sql, 'db/migrations/20240101120000_a.sql': sql, 'db/migrations/20240315090000_b.sql': sql }, [rule]);
    expect(hits(run)).toEqual([]);
  });

  it('reads a date stamp written with separators as one version, not as its year', async () => {
    const stamps = await auditMigrationFiles({ ...pkg, 'database/migrations/2022.10.07T13.49.19.users.sql': sql, 'database/migrations/2022.10.07T13.49.54.wallets.sql': sql }, [rule]);
    expect(hits(stamps)).toEqual([]);
    // The same stamp twice is still a duplicate.
    const twice = await auditMigrationFiles({ ...pkg, 'database/migrations/2022.10.07T13.49.19.users.sql': sql, 'database/migrations/2022.10.07T13.49.19.wallets.sql': sql }, [rule]);
    expect(twice.findings.map((f) => f.message)).toEqual([expect.stringContaining('version 20221007134919 is used twice')]);
  });

  it('reports a duplicate version: low where the runner records names (D1 fixture), high where it records numbers', async () => {
    const run = await auditFixture('migrations-d1', [rule]);
    expect(hits(run)).toEqual(['migrations/version-sequence migrations/0002_add_sessions.sql:1']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['duplicateByName']);
    expect(run.findings[0].message).toBe('version 0002 is used twice in migrations: migrations/0002_add_name.sql and migrations/0002_add_sessions.sql (wrangler-d1 records migrations by name: both apply, in name order)');
    expect(run.findings[0].severity).toBe('low');
    const goose = await auditMigrationFiles({
      ...pkg,
      'db/migrations/00002_a.sql': '-- +goose Up\nCREATE TABLE a (id INTEGER);\n',
      'db/migrations/00002_b.sql': '-- +goose Up\nCREATE TABLE b (id INTEGER);\n',
    }, [rule]);
    expect(goose.findings.map((f) => `${f.location?.path} ${f.severity}`)).toEqual(['db/migrations/00002_b.sql high']);
  });

  it('reports gaps and versions out of numeric order', async () => {
    const run = await auditMigrationFiles({ ...pkg, 'migrations/001_a.sql': sql, 'migrations/002_b.sql': sql, 'migrations/005_c.sql': sql, 'sql/1_a.sql': sql, 'sql/10_b.sql': sql, 'sql/2_c.sql': sql }, [rule]);
    expect(hits(run).sort()).toEqual(['migrations/version-sequence migrations/005_c.sql:1', 'migrations/version-sequence sql/1_a.sql:1']);
    const byPath = Object.fromEntries(run.findings.map((f) => [f.location?.path, f]));
    expect(byPath['migrations/005_c.sql']).toMatchObject({ severity: 'low', message: 'versions jump from 002 to 005 in migrations: a migration is missing or was renumbered' });
    expect(byPath['sql/1_a.sql']).toMatchObject({ severity: 'medium', message: 'version 1 sorts after 10: the runner applies files by name, so it runs out of numeric order' });
  });
});
