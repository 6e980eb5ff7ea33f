import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './sqlite-unsafe-add-column.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}' };

describe('migrations/sqlite-unsafe-add-column', () => {
  it('stays silent on ADD COLUMN with a default, nullable columns and the clean fixture', async () => {
    const run = await auditMigrationFiles({
      ...pkg,
      'migrations/001_init.sql': 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n',
      'migrations/002_add.sql': "ALTER TABLE t ADD COLUMN a TEXT NOT NULL DEFAULT '';\nALTER TABLE t ADD COLUMN b INTEGER;\nALTER TABLE t ADD COLUMN c TEXT CHECK (c IN ('unique', 'not null'));\n",
    }, [rule]);
    expect(hits(run)).toEqual([]);
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
  });

  it('reports NOT NULL without a default (D1 fixture), UNIQUE and PRIMARY KEY columns', async () => {
    expect(hits(await auditFixture('migrations-d1', [rule]))).toEqual(['migrations/sqlite-unsafe-add-column migrations/0002_add_name.sql:2']);
    const run = await auditMigrationFiles({
      ...pkg,
      'migrations/001_init.sql': 'CREATE TABLE t (id INTEGER PRIMARY KEY);\n',
      'migrations/002_add.sql': 'ALTER TABLE t ADD COLUMN email TEXT UNIQUE;\n\nALTER TABLE t ADD uid INTEGER PRIMARY KEY;\n',
    }, [rule]);
    expect(hits(run)).toEqual(['migrations/sqlite-unsafe-add-column migrations/002_add.sql:1', 'migrations/sqlite-unsafe-add-column migrations/002_add.sql:3']);
  });
});
