import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits } from '../../../test/helpers/migrations.js';
import rule from './sqlite-table-rebuild.js';

const INIT = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);\n';
const REBUILD = 'CREATE TABLE new_users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\nINSERT INTO new_users SELECT id, coalesce(email, \'\') FROM users;\nDROP TABLE users;\nALTER TABLE new_users RENAME TO users;\n';
const sqlitePkg = { 'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}' };
const worker = {
  'package.json': '{"name":"w","private":true}',
  'wrangler.toml': 'name = "w"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "db"\ndatabase_id = "x"\n',
};

describe('migrations/sqlite-table-rebuild', () => {
  it('stays silent with the right PRAGMA for each engine, and for tables nobody references', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const sqlite = await auditMigrationFiles({ ...sqlitePkg, 'migrations/001_init.sql': INIT, 'migrations/002_rebuild.sql': `PRAGMA foreign_keys=OFF;\n${REBUILD}PRAGMA foreign_keys=ON;\n`, 'migrations/003_posts.sql': 'CREATE TABLE new_posts (id INTEGER PRIMARY KEY);\nDROP TABLE posts;\nALTER TABLE new_posts RENAME TO posts;\n' }, [rule]);
    expect(hits(sqlite)).toEqual([]);
    const d1 = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': INIT, 'migrations/0002_rebuild.sql': `PRAGMA defer_foreign_keys = true;\n${REBUILD}` }, [rule]);
    expect(hits(d1)).toEqual([]);
  });

  it('reports a rebuild without the PRAGMA (SQLite), with it inside a transaction, and D1 relying on foreign_keys=OFF', async () => {
    const sqlite = await auditMigrationFiles({ ...sqlitePkg, 'migrations/001_init.sql': INIT, 'migrations/002_rebuild.sql': REBUILD, 'migrations/003_again.sql': `BEGIN;\nPRAGMA foreign_keys=OFF;\n${REBUILD}COMMIT;\n` }, [rule]);
    expect(hits(sqlite)).toEqual(['migrations/sqlite-table-rebuild migrations/002_rebuild.sql:3', 'migrations/sqlite-table-rebuild migrations/003_again.sql:5']);
    expect(sqlite.findings.map((f) => f.messageId)).toEqual(['noFkOff', 'fkOffInTransaction']);
    const d1 = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': INIT, 'migrations/0002_rebuild.sql': `PRAGMA foreign_keys=OFF;\n${REBUILD}` }, [rule]);
    expect(hits(d1)).toEqual(['migrations/sqlite-table-rebuild migrations/0002_rebuild.sql:4']);
    expect(d1.findings.map((f) => f.messageId)).toEqual(['d1NoDefer']);
  });

  it('judges the foreign keys that exist when the drop runs: tables created empty in the same migration, or by a later one, lose nothing', async () => {
    const USERS = 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n';
    const CHILDREN = 'CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);\n';
    const emptyHere = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': USERS, 'migrations/0002_auth.sql': `${CHILDREN}${REBUILD}` }, [rule]);
    expect(hits(emptyHere)).toEqual([]);
    const later = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': USERS, 'migrations/0002_rebuild.sql': REBUILD, 'migrations/0003_sessions.sql': CHILDREN }, [rule]);
    expect(hits(later)).toEqual([]);
    // Rows put into the child table before the drop are what the cascade deletes.
    const filled = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': USERS, 'migrations/0002_auth.sql': `${CHILDREN}INSERT INTO sessions (id, user_id) SELECT id, id FROM users;\n${REBUILD}` }, [rule]);
    expect(hits(filled)).toEqual(['migrations/sqlite-table-rebuild migrations/0002_auth.sql:5']);
    // A child table of an earlier migration may hold rows: reported as before.
    const earlier = await auditMigrationFiles({ ...worker, 'migrations/0001_init.sql': `${USERS}${CHILDREN}`, 'migrations/0002_rebuild.sql': REBUILD }, [rule]);
    expect(hits(earlier)).toEqual(['migrations/sqlite-table-rebuild migrations/0002_rebuild.sql:3']);
  });
});
