import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import rule from './sql-parse-error.js';

describe('migrations/sql-parse-error', () => {
  it('stays silent when every statement parses (functions with dollar quotes included)', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}',
      'migrations/001_init.sql': "CREATE TABLE t (id INT);\nCREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.id := 1; RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n",
    }, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
  });

  it('reports the statement that does not parse at the line of the bad token', async () => {
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}',
      'migrations/001_init.sql': 'CREATE TABLE t (id INT);\n\nALTER TABLE t\n  ADD COLUM name TEXT;\n',
    }, [rule]);
    expect(hits(run)).toEqual(['migrations/sql-parse-error migrations/001_init.sql:4']);
    expect(run.findings[0].message).toContain('syntax error at or near "TEXT"');
  });
});
