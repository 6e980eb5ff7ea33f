// PGlite in a worker thread: a statement that never ends (pg_sleep, a huge generate_series) blocks
// the wasm engine, and only terminating its thread stops it. Each call has a timeout. The engine
// starts from a data directory image when given one (no initdb), and can hand back the data
// directory initdb made so the next start needs none.
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

export interface PgHandle {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export class EngineTimeout extends Error {}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const message = (e) => (e && e.message ? e.message : String(e));
(async () => {
  // require: importing PGlite's CommonJS build as ESM makes Node scan it for export names first.
  const { PGlite } = require(workerData.pglite);
  const extensions = {};
  // An extension that preloads a library rewrites postgresql.conf in the data directory: that
  // directory is no clean image for an engine started without it.
  let preloads = false;
  for (const [name, path] of Object.entries(workerData.extensions)) {
    const ext = require(path)[name];
    extensions[name] = { ...ext, setup: async (...args) => {
      const r = await ext.setup(...args);
      if (r && r.sharedPreloadLibraries && r.sharedPreloadLibraries.length > 0) preloads = true;
      return r;
    } };
  }
  const startParams = [...PGlite.defaultStartParams, ...workerData.settings.flatMap((s) => ['-c', s])];
  const image = workerData.image;
  workerData.image = null;
  // PGlite only asks the data directory for its type and its bytes. A Blob would copy the 40 MB tar,
  // and Node 20 reads a Blob back in small chunks: 1-2 s of CPU measured here.
  const tar = image && { type: 'application/x-tar', arrayBuffer: async () => image.byteOffset === 0 && image.byteLength === image.buffer.byteLength ? image.buffer : image.slice().buffer };
  const db = await PGlite.create({ extensions, startParams, initDbStartParams: workerData.initdb, ...(tar ? { loadDataDir: tar } : {}) });
  const dump = !image && workerData.dump && !preloads ? new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()) : null;
  parentPort.on('message', async ({ id, op, sql }) => {
    try {
      const rows = op === 'query' ? (await db.query(sql)).rows : (await db.exec(sql), null);
      parentPort.postMessage({ id, ok: true, rows });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, message: message(e) });
    }
  });
  parentPort.postMessage({ id: 0, ok: true, tar: dump }, dump ? [dump.buffer] : []);
})().catch((e) => parentPort.postMessage({ id: 0, ok: false, message: message(e) }));
`;

/**
 * Settings for every start. The engine holds a few empty tables: 16 MB of shared buffers instead of
 * 128 MB takes ~60-100 MB off its resident memory (PGlite's wasm memory cannot start below 128 MB).
 */
const SETTINGS = ['shared_buffers=16MB'];
/** initdb with 1 MB WAL segments instead of 16: the data directory image is 31 MB instead of 40, and loads faster. */
const INITDB = ['--wal-segsize=1'];

/**
 * PGlite's 9 MB of wasm run by V8's baseline compiler only. Tiering hot functions up to TurboFan
 * never paid back here: a cold start with a few tables took 2.3 s of CPU and 370 MB with it and
 * 1.6 s and 265 MB without, and 300 tables with a 50,000-row backfill 5.6 s and 490 MB against
 * 4.4 s and 380 MB. The flag is the process's: the only other wasm verdict runs is the SQL parser,
 * on a few statements.
 */
let baselineOnly = false;
function useBaselineWasm(): void {
  if (baselineOnly) return;
  v8.setFlagsFromString('--liftoff-only');
  baselineOnly = true;
}

export interface PgStart {
  /** A data directory tar (moved to the engine's thread: the caller's bytes are gone after the call). */
  image: Uint8Array | null;
  /** Without an image: hand back the data directory initdb made, as a tar. */
  dump: boolean;
}

interface Reply { id: number; ok: boolean; rows?: unknown[] | null; message?: string; tar?: Uint8Array | null }

/** The module that exports an extension: pgvector ships apart from PGlite, the rest as its contrib. */
function extensionModule(name: string): string {
  return name === 'vector' ? '@electric-sql/pglite-pgvector' : `@electric-sql/pglite/contrib/${name}`;
}

/** A started engine, with the data directory tar when one was asked for and could be made. */
export async function startPgWorker(extensionModules: string[], timeoutMs: () => number, start: PgStart): Promise<{ db: PgHandle; tar: Uint8Array | null }> {
  const req = createRequire(import.meta.url);
  const path = (spec: string) => req.resolve(spec);
  useBaselineWasm();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      pglite: path('@electric-sql/pglite'), extensions: Object.fromEntries(extensionModules.map((m) => [m, path(extensionModule(m))])),
      settings: SETTINGS, initdb: INITDB, image: start.image, dump: start.dump,
    },
    transferList: start.image ? [start.image.buffer as ArrayBuffer] : [],
  });
  const pending = new Map<number, (r: Reply) => void>();
  let next = 0;
  let dead: string | null = null;
  worker.on('message', (r: Reply) => { pending.get(r.id)?.(r); pending.delete(r.id); });
  const fail = (message: string) => {
    dead = message;
    for (const [, resolve] of pending) resolve({ id: -1, ok: false, message });
    pending.clear();
  };
  worker.on('error', (e) => fail(`PGlite worker failed: ${e.message}`));
  worker.on('exit', () => fail(dead ?? 'PGlite worker exited'));
  const call = (op: 'exec' | 'query' | 'ready', sql: string, id = ++next): Promise<Reply> => new Promise((resolve, reject) => {
    if (dead) return reject(new Error(dead));
    const limit = timeoutMs();
    const timer = setTimeout(() => {
      pending.delete(id);
      dead = `PGlite did not answer within ${Math.round(limit / 1000)} s`;
      void worker.terminate();
      reject(new EngineTimeout(dead));
    }, limit);
    pending.set(id, (r) => { clearTimeout(timer); resolve(r); });
    if (op !== 'ready') worker.postMessage({ id, op, sql });
  });
  const ready = await call('ready', '', 0);
  if (!ready.ok) { await worker.terminate(); throw new Error(ready.message); }
  const run = async (op: 'exec' | 'query', sql: string) => {
    const r = await call(op, sql);
    if (!r.ok) throw new Error(r.message);
    return r.rows ?? [];
  };
  return {
    db: {
      exec: async (sql) => { await run('exec', sql); },
      query: async <T>(sql: string) => ({ rows: (await run('query', sql)) as T[] }),
      close: async () => { dead = 'closed'; await worker.terminate(); },
    },
    tar: ready.tar ?? null,
  };
}
