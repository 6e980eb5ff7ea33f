// The embedded SQL engines migrations are applied to: PGlite (Postgres in wasm, in a worker thread so
// a hung statement can be stopped) started only when a Postgres set is applied and reused between
// sets, and SQLite in memory. PGlite starts from a data directory image in verdict's cache folder
// (see datadir-image.ts): 0.6-1 s and ~400 MB instead of initdb's 2-3 s and ~750 MB.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verdictCacheHome } from '../../util/cache-home.js';
import { CacheSeal } from '../../util/cache-seal.js';
import { versionOf } from './cache.js';
import { imageFile, readImage, writeImage } from './datadir-image.js';
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
  /** How the engine got its data directory: from the image, or by initdb (the image then made, or remade). */
  pgliteDataDir?: 'image' | 'initdb, image made' | 'initdb, image remade' | 'initdb';
  /** Why the image was not used or not written. */
  pgliteImageProblem?: string;
}

/** Where the data directory images live: shared by every repository, whatever --cache-dir says. */
export function defaultImageDir(): string {
  return join(verdictCacheHome(), 'engines');
}

interface Running { db: PgHandle; extensions: Set<string>; used: boolean }

/** Holds one PGlite for a whole audit (or a whole test file); close() frees it. */
export class MigrationEngines {
  private pg: Promise<Running> | null = null;
  private startAfter: Promise<void> = Promise.resolve();

  /**
   * `timeoutMs` bounds each script or statement sent to PGlite (a hung statement ends the engine);
   * `imageDir` holds the data directory image (null: every start runs initdb).
   */
  constructor(public timeoutMs = 120_000, private readonly imageDir: string | null = defaultImageDir()) {}
  /** Costs of the current audit: a reused PGlite reports a cold start of 0. */
  costs: EngineCosts = {};

  /** `startAfter`: an engine this run starts waits for it (the audit holds it while parsing keeps every core busy). */
  beginRun(startAfter?: Promise<void>): void {
    this.costs = {};
    this.startAfter = startAfter ?? Promise.resolve();
  }

  /** Starts PGlite with these extensions now unless it runs with them already: postgres() then finds it started or starting. */
  prestart(extensions: string[]): void {
    this.running(extensions.filter((e) => PGLITE_EXTENSIONS[e])).catch(() => undefined);
  }

  async postgres(extensions: string[]): Promise<PgHandle> {
    const need = extensions.filter((e) => PGLITE_EXTENSIONS[e]);
    let pg = await this.running(need);
    if (pg.used) {
      try {
        await resetPostgres(pg.db);
        this.costs.pgliteColdStartMs ??= 0;
      } catch {
        // The engine died (a timeout ended it): start a new one.
        await pg.db.close();
        this.pg = null;
        pg = await this.running([...pg.extensions]);
      }
    }
    pg.used = true;
    this.sample();
    return pg.db;
  }

  /** The engine with at least these extensions: the one running (or starting), else a new one with them and those it had. */
  private running(need: string[]): Promise<Running> {
    const previous = this.pg;
    const next = (async (): Promise<Running> => {
      const have = previous ? await previous.catch(() => null) : null;
      if (have && need.every((e) => have.extensions.has(e))) return have;
      await have?.db.close();
      const extensions = new Set([...(have?.extensions ?? []), ...need]);
      return { db: await this.start([...extensions]), extensions, used: false };
    })();
    this.pg = next;
    return next;
  }

  private async start(extensions: string[]): Promise<PgHandle> {
    await this.startAfter;
    const t = performance.now();
    const modules = extensions.map((e) => PGLITE_EXTENSIONS[e]);
    const version = versionOf('@electric-sql/pglite');
    // The image's seal is keyed in its own folder (the key file beside the images, private to the user).
    let seal: CacheSeal | null = null;
    let sealProblem: string | null = null;
    if (this.imageDir) {
      try { seal = CacheSeal.open(this.imageDir); } catch (err) { sealProblem = `${this.imageDir}: no private key to seal the data directory image (${(err as Error).message}); each audit runs initdb`; }
    }
    const file = this.imageDir && seal ? imageFile(this.imageDir, version) : null;
    const image = file && seal ? readImage(file, version, seal) : { tar: null, problem: sealProblem };
    let problem = image.tar ? null : image.problem;
    let db: PgHandle | null = null;
    if (image.tar) {
      try {
        db = (await startPgWorker(modules, () => this.timeoutMs, { image: image.tar, dump: false })).db;
        this.costs.pgliteDataDir = 'image';
      } catch (err) {
        problem = `${file}: PGlite could not start from it (${(err as Error).message})`;
      }
    }
    if (!db) {
      const started = await startPgWorker(modules, () => this.timeoutMs, { image: null, dump: file !== null });
      db = started.db;
      const unwritten = file && seal && started.tar ? writeImage(file, version, started.tar, seal) : null;
      this.costs.pgliteDataDir = file && started.tar && !unwritten ? (problem ? 'initdb, image remade' : 'initdb, image made') : 'initdb';
      problem = unwritten ?? problem;
    }
    if (problem) this.costs.pgliteImageProblem = problem;
    this.costs.pgliteColdStartMs = Math.round(performance.now() - t);
    this.sample();
    return db;
  }

  /** A fresh in-memory SQLite with no way to the disk, in its own thread, bounded like PGlite. */
  sqlite(): Promise<SqliteDb> {
    return openSqlite(this.timeoutMs);
  }

  sample(): void {
    const mb = Math.round(process.memoryUsage().rss / 1e6);
    this.costs.pglitePeakRssMb = Math.max(this.costs.pglitePeakRssMb ?? 0, mb);
  }

  async close(): Promise<void> {
    const pg = this.pg;
    this.pg = null;
    await (await pg?.catch(() => null))?.db.close();
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
