import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './d1-explicit-transaction.js';

const worker = {
  'package.json': '{"name":"w","private":true}',
  'wrangler.toml': 'name = "w"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "db"\ndatabase_id = "x"\n',
};

describe('migrations/d1-explicit-transaction', () => {
  it('stays silent on trigger bodies (BEGIN ... END) and on plain SQLite sets', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}',
      'migrations/001_init.sql': 'BEGIN;\nCREATE TABLE t (id INTEGER PRIMARY KEY);\nCOMMIT;\n',
    }, [rule]);
    expect(hits(run)).toEqual([]);
  });

  it('reports BEGIN TRANSACTION and COMMIT in a D1 migration', async () => {
    const run = await auditMigrationFiles({
      ...worker,
      'migrations/0001_init.sql': 'BEGIN TRANSACTION;\nCREATE TABLE t (id INTEGER PRIMARY KEY);\nCOMMIT;\n',
    }, [rule]);
    expect(hits(run)).toEqual(['migrations/d1-explicit-transaction migrations/0001_init.sql:1', 'migrations/d1-explicit-transaction migrations/0001_init.sql:3']);
  });
});
