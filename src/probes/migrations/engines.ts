// The embedded SQL engines migrations are applied to: PGlite (Postgres in wasm, ~3 s cold start,
// ~0.7-1 GB, in a worker thread so a hung statement can be stopped) started only when a Postgres set
// exists and reused between sets, and SQLite in memory (sql.js: see sqlite.ts).
import { performance } from 'node:perf_hooks';
import { startPgWorker, type PgHandle } from './pg-worker.js';
import { openSqlite, type SqliteDb } from './sqlite.js';

/**
 * Extensions PGlite can load (CREATE EXTENSION name -> module export). Contrib modules ship inside
 * PGlite; `vector` comes from @electric-sql/pglite-pgvector (pinned to the PGlite it is built for).
 */
export const PGLITE_EXTENSIONS: Record<string, string> = {
  vector: 'vector',
  'uuid-ossp': 'uuid_ossp', pgcrypto: 'pgcrypto', citext: 'citext', hstore: 'hstore', ltree: 'ltree',
  pg_trgm: 'pg_trgm', btree_gin: 'btree_gin', btree_gist: 'btree_gist', cube: 'cube', earthdistance: 'earthdistance',
  fuzzystrmatch: 'fuzzystrmatch', intarray: 'intarray', isn: 'isn', lo: 'lo', seg: 'seg', tablefunc: 'tablefunc',
  unaccent: 'unaccent', bloom: 'bloom', moddatetime: 'moddatetime', tcn: 'tcn', pg_stat_statements: 'pg_stat_statements',
  dict_int: 'dict_int', dict_xsyn: 'dict_xsyn', amcheck: 'amcheck',
};
/** Part of Postgres itself. */
export const BUILTIN_EXTENSIONS = new Set(['plpgsql']);

export interface EngineCosts {
  pgliteColdStartMs?: number;
  pglitePeakRssMb?: number;
}

/** Holds one PGlite for a whole audit (or a whole test file); close() frees it. */
export class MigrationEngines {
  private pg: { db: PgHandle; extensions: Set<string> } | null = null;

  /** `timeoutMs` bounds each script or statement sent to PGlite (a hung statement ends the engine). */
  constructor(public timeoutMs = 120_000) {}
  /** Costs of the current audit: a reused PGlite reports a cold start of 0. */
  costs: EngineCosts = {};

  beginRun(): void {
    this.costs = {};
  }

  async postgres(extensions: string[]): Promise<PgHandle> {
    const need = extensions.filter((e) => PGLITE_EXTENSIONS[e]);

    if (this.pg && need.every((e) => this.pg!.extensions.has(e))) {
      try {
        await resetPostgres(this.pg.db);
        this.costs.pgliteColdStartMs ??= 0;
        this.sample();
        return this.pg.db;
      } catch {
        // The engine died (a timeout ended it): start a new one.
      }
    }
    const all = new Set([...(this.pg?.extensions ?? []), ...need]);
    await this.pg?.db.close();
    this.pg = null;
    const t = performance.now();
    const db = await startPgWorker([...all].map((e) => PGLITE_EXTENSIONS[e]), () => this.timeoutMs);
    this.costs.pgliteColdStartMs = Math.round(performance.now() - t);
    this.pg = { db, extensions: all };
    this.sample();
    return db;
  }

  /** A fresh in-memory SQLite with no way to the disk. */
  sqlite(): Promise<SqliteDb> {
    return openSqlite();
  }

  sample(): void {
    const mb = Math.round(process.memoryUsage().rss / 1e6);
    this.costs.pglitePeakRssMb = Math.max(this.costs.pglitePeakRssMb ?? 0, mb);
  }

  async close(): Promise<void> {
    await this.pg?.db.close();
    this.pg = null;
  }
}

/** Back to an empty database: every user schema dropped (extensions and types with them). */
async function resetPostgres(db: PgHandle): Promise<void> {
  await db.exec('ROLLBACK').catch(() => undefined);
  const res = await db.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'",
  );
  for (const { nspname } of res.rows) await db.exec(`DROP SCHEMA "${nspname.replace(/"/g, '""')}" CASCADE`);
  await db.exec('CREATE SCHEMA public; RESET ALL;');
  for (const { extname } of (await db.query<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")).rows) {
    await db.exec(`DROP EXTENSION IF EXISTS "${extname}" CASCADE`);
  }
}
