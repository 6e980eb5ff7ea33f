// PGlite in a worker thread: a statement that never ends (pg_sleep, a huge generate_series) blocks
// the wasm engine, and only terminating its thread stops it. Each call has a timeout.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface PgHandle {
  exec(sql: string): Promise<void>;
  query<T>(sql: string): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export class EngineTimeout extends Error {}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { PGlite } = await import(workerData.pglite);
  const extensions = {};
  for (const [name, url] of Object.entries(workerData.extensions)) extensions[name] = (await import(url))[name];
  const db = await PGlite.create({ extensions });
  parentPort.on('message', async ({ id, op, sql }) => {
    try {
      const rows = op === 'query' ? (await db.query(sql)).rows : (await db.exec(sql), null);
      parentPort.postMessage({ id, ok: true, rows });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, message: e && e.message ? e.message : String(e) });
    }
  });
  parentPort.postMessage({ id: 0, ok: true });
})().catch((e) => parentPort.postMessage({ id: 0, ok: false, message: e && e.message ? e.message : String(e) }));
`;

interface Reply { id: number; ok: boolean; rows?: unknown[] | null; message?: string }

/** The module that exports an extension: pgvector ships apart from PGlite, the rest as its contrib. */
function extensionModule(name: string): string {
  return name === 'vector' ? '@electric-sql/pglite-pgvector' : `@electric-sql/pglite/contrib/${name}`;
}

export async function startPgWorker(extensionModules: string[], timeoutMs: () => number): Promise<PgHandle> {
  const req = createRequire(import.meta.url);
  const url = (spec: string) => pathToFileURL(req.resolve(spec)).href;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { pglite: url('@electric-sql/pglite'), extensions: Object.fromEntries(extensionModules.map((m) => [m, url(extensionModule(m))])) },
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
    exec: async (sql) => { await run('exec', sql); },
    query: async <T>(sql: string) => ({ rows: (await run('query', sql)) as T[] }),
    close: async () => { dead = 'closed'; await worker.terminate(); },
  };
}
