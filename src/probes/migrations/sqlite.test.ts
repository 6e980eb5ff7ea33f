// A SQLite/D1 migration set cannot reach the disk: each statement that would touch a file is refused
// and reported, and even when run, the engine's files are in memory only. Real engines, real files.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditMigrationFiles, statusOf } from '../../../test/helpers/migrations.js';
import rule from '../../rules/migrations/apply-from-scratch.js';
import { MigrationEngines } from './engines.js';
import { FileAccessRefused, openSqlite } from './sqlite.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'verdict-sqlite-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Each statement that would touch `dir/name` (or `name` relative to the working folder). */
const fileStatements = (dir: string, name: string): Array<[string, string]> => [
  ['ATTACH DATABASE', `ATTACH DATABASE '${join(dir, name)}' AS other`],
  ['ATTACH DATABASE', `attach '${name}' as other`],
  ['ATTACH DATABASE', `/* hidden */ ATTACH '${join(dir, '')}' || '${name}' AS other`],
  ['VACUUM INTO', `VACUUM INTO '${join(dir, name)}'`],
  ['VACUUM INTO', `vacuum main into '${name}'`],
  ['load_extension', `SELECT load_extension('${join(dir, name)}')`],
  ['PRAGMA temp_store_directory', `PRAGMA temp_store_directory = '${dir}'`],
  ['PRAGMA data_store_directory', `pragma main.data_store_directory='${dir}'`],
];

describe('SQLite for migrations (sql.js)', () => {
  it('refuses every statement that would touch a file, says which, and no file appears', async () => {
    const dir = temp();
    const name = `verdict-probe-${process.pid}.db`;
    for (const [what, sql] of fileStatements(dir, name)) {
      const db = await openSqlite();
      await db.run('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      let err: unknown = null;
      try {
        await db.run(`INSERT INTO t VALUES (1); ${sql}; INSERT INTO t VALUES (2)`);
      } catch (e) {
        err = e;
      }
      expect(err, sql).toBeInstanceOf(FileAccessRefused);
      expect((err as Error).message, sql).toContain(what);
      // Refused before it ran; the statements after it did not run either.
      expect(await db.rows('SELECT id FROM t')).toEqual([{ id: 1 }]);
      expect((await db.rows('PRAGMA database_list')).map((r) => r.name)).toEqual(['main']);
      await db.close();
      expect(readdirSync(dir), sql).toEqual([]);
      expect(existsSync(join(process.cwd(), name)), sql).toBe(false);
    }
  });

  it('keeps what it would have written in memory even when the check is passed by', async () => {
    // The refusal reads SQLite's own program for the statement; the engine beneath has no disk at all.
    const names = [`verdict-a-${process.pid}.db`, `verdict-b-${process.pid}.db`].map((n) => join(tmpdir(), n));
    const { default: initSqlJs } = await import('sql.js');
    const db = new (await initSqlJs()).Database();
    db.exec(`CREATE TABLE t (x); ATTACH DATABASE '${names[0]}' AS a; CREATE TABLE a.u (y); VACUUM INTO '${names[1]}'`);
    expect(db.exec('PRAGMA database_list')[0].values.map((v) => v[1])).toEqual(['main', 'a']);
    db.close();
    for (const n of names) expect(existsSync(n), n).toBe(false);
  });

  it('runs what a migration needs: tables, indexes, triggers, pragmas that do not touch files, VACUUM', async () => {
    const db = await openSqlite();
    await db.run(`PRAGMA foreign_keys = ON; CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
      CREATE INDEX a_name ON a (name); CREATE TABLE log (n TEXT);
      CREATE TRIGGER a_log AFTER INSERT ON a BEGIN INSERT INTO log VALUES (NEW.name); END;
      INSERT INTO a (name) VALUES ('x'); ALTER TABLE a ADD COLUMN email TEXT; PRAGMA journal_mode = WAL; VACUUM;
      EXPLAIN VACUUM INTO '/never';`);
    expect(await db.rows('SELECT n FROM log')).toEqual([{ n: 'x' }]);
    expect(await db.rows("SELECT name FROM sqlite_master WHERE type = 'index'")).toEqual([{ name: 'a_name' }]);
    await db.close();
  });

  it('reports a migration that touches a file as not applied past it, at its line, never as a pass', async () => {
    const dir = temp();
    for (const [what, sql] of fileStatements(dir, 'out.db')) {
      const run = await auditMigrationFiles({
        'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}',
        'migrations/001_init.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n',
        'migrations/002_copy.sql': `-- copy\nCREATE TABLE b (id INTEGER);\n${sql};\n`,
      }, [rule]);
      expect(statusOf(run, rule.id), sql).toEqual(['unknown']);
      const outcome = run.outcomes.find((o) => o.ruleId === rule.id)!;
      expect(outcome.reason, sql).toContain('migrations/002_copy.sql:3');
      expect(outcome.reason, sql).toContain(what);
      expect(run.gate.decision, sql).not.toBe('GO');
      expect(readdirSync(dir), sql).toEqual([]);
    }
  }, 120_000);

  it('stops a statement that never ends: the thread is ended, the set is UNKNOWN with the reason, the audit goes on', async () => {
    // A recursive CTE with no bound: sql.js has no progress handler, only ending its thread stops it.
    const engines = new MigrationEngines(2000, null);
    const started = Date.now();
    const run = await auditMigrationFiles({
      'package.json': '{"name":"svc","dependencies":{"better-sqlite3":"11.0.0"}}',
      'migrations/001_init.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);\n',
      'migrations/002_loop.sql': 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c;\n',
    }, [rule], engines);
    const outcome = run.outcomes.find((o) => o.ruleId === rule.id)!;
    expect(outcome.status).toBe('unknown');
    expect(outcome.reason).toContain('SQLite did not answer within 2 s');
    expect(run.probes.find((p) => p.kind === 'migrations-apply')?.timedOut).toBe(true);
    expect(run.gate.decision).not.toBe('GO');
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('answers a closed or ended engine with an error, not a hang', async () => {
    // 4 s: the first answer includes the engine's start, which a loaded machine can make slow.
    const db = await openSqlite(4000);
    await db.run('CREATE TABLE t (x)');
    await expect(db.run('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c')).rejects.toThrow('did not answer within 4 s');
    await expect(db.rows('SELECT 1')).rejects.toThrow('did not answer');
    await db.close();
  });
});
