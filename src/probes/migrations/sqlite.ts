// SQLite for applying SQLite/D1 migration sets, in a worker thread of its own. The engine itself
// (sqlite-engine.ts) is sql.js, with no way to the disk; the thread is what bounds its time: a
// migration is hostile input, and `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
// SELECT count(*) FROM c` never ends. sql.js has no progress handler to interrupt it, so each call
// has a timeout, and a call past it ends the thread (EngineTimeout: the set is then UNKNOWN).
import { Worker } from 'node:worker_threads';
import { EngineTimeout } from './pg-worker.js';
import { FileAccessRefused } from './sqlite-engine.js';
import type { SqliteReply, SqliteRequest } from './sqlite-thread.js';

export { FileAccessRefused } from './sqlite-engine.js';

export type SqliteRow = Record<string, number | string | Uint8Array | null>;

export interface SqliteDb {
  /** Runs each statement of `sql` in order; rejects with the first failure (a FileAccessRefused for file access). */
  run(sql: string): Promise<void>;
  rows(sql: string, params?: Array<number | string | null>): Promise<SqliteRow[]>;
  close(): Promise<void>;
}

// Run from the sources (tests), the thread is the built one: a worker cannot load TypeScript.
const THREAD = new URL(import.meta.url.endsWith('.ts') ? '../../../dist/probes/migrations/sqlite-thread.js' : './sqlite-thread.js', import.meta.url);

/** A new empty in-memory SQLite in its own thread; each call must answer within `timeoutMs`. */
export async function openSqlite(timeoutMs = 120_000): Promise<SqliteDb> {
  const worker = new Worker(THREAD);
  const pending = new Map<number, (r: SqliteReply) => void>();
  let next = 0;
  let dead: string | null = null;
  const fail = (why: string) => {
    dead ??= why;
    for (const [id, resolve] of pending) resolve({ id, ok: false, message: dead });
    pending.clear();
  };
  worker.on('message', (r: SqliteReply) => { pending.get(r.id)?.(r); pending.delete(r.id); });
  worker.on('error', (e) => fail(`the SQLite thread failed: ${e.message}`));
  worker.on('exit', () => fail('the SQLite thread exited'));
  const call = (req: Omit<SqliteRequest, 'id'> | null, id = ++next): Promise<SqliteReply> => new Promise((resolve, reject) => {
    if (dead) return reject(new Error(dead));
    const timer = setTimeout(() => {
      pending.delete(id);
      dead = `SQLite did not answer within ${Math.round(timeoutMs / 1000)} s`;
      void worker.terminate();
      reject(new EngineTimeout(dead));
    }, timeoutMs);
    pending.set(id, (r) => { clearTimeout(timer); resolve(r); });
    if (req) worker.postMessage({ ...req, id } satisfies SqliteRequest);
  });
  const answer = async (req: Omit<SqliteRequest, 'id'>): Promise<SqliteReply> => {
    const r = await call(req);
    if (r.ok) return r;
    throw r.refused ? new FileAccessRefused(r.message) : new Error(r.message);
  };
  const ready = await call(null, 0);
  if (!ready.ok) {
    await worker.terminate();
    throw new Error(ready.message);
  }
  return {
    run: async (sql) => { await answer({ op: 'run', sql }); },
    rows: async (sql, params) => (await answer({ op: 'rows', sql, params })).rows as SqliteRow[],
    close: async () => {
      dead ??= 'closed';
      await worker.terminate();
    },
  };
}
