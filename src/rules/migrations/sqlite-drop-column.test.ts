import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './sqlite-drop-column.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}' };
const INIT = [
  'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, nick TEXT, team_id INTEGER, note TEXT, FOREIGN KEY (team_id) REFERENCES teams(id));',
  'CREATE TABLE teams (id INTEGER PRIMARY KEY, code TEXT);',
  'CREATE TABLE invites (id INTEGER PRIMARY KEY, team_code TEXT REFERENCES teams(code));',
  'CREATE INDEX users_nick_idx ON users (nick);',
].join('\n');

describe('migrations/sqlite-drop-column', () => {
  it('stays silent on plain columns and on columns whose index was dropped first', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles({ ...pkg, 'migrations/001_init.sql': INIT, 'migrations/002_drop.sql': 'ALTER TABLE users DROP COLUMN note;\nDROP INDEX users_nick_idx;\nALTER TABLE users DROP COLUMN nick;\n' }, [rule]);
    expect(hits(run)).toEqual([]);
  });

  it('reports indexed, UNIQUE, foreign key and referenced columns', async () => {
    const run = await auditMigrationFiles({
      ...pkg, 'migrations/001_init.sql': INIT,
      'migrations/002_drop.sql': 'ALTER TABLE users DROP COLUMN nick;\nALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN team_id;\nALTER TABLE teams DROP COLUMN code;\n',
    }, [rule]);
    expect(hits(run)).toEqual([1, 2, 3, 4].map((l) => `migrations/sqlite-drop-column migrations/002_drop.sql:${l}`));
    expect(run.findings.map((f) => f.message.split(': ')[1])).toEqual([
      'the column is indexed (users_nick_idx), so SQLite refuses to drop it',
      'the column is UNIQUE, so SQLite refuses to drop it',
      'the column is FOREIGN KEY, so SQLite refuses to drop it',
      'the column is referenced by a foreign key, so SQLite refuses to drop it',
    ]);
  });
});
