// The worker thread that holds one in-memory SQLite for the migrations probe (see sqlite.ts): it
// answers `run`, `rows` and `close` one at a time, and says which failure was a refused file access.
import { parentPort } from 'node:worker_threads';
import { FileAccessRefused, openSqliteEngine, type SqliteEngineDb } from './sqlite-engine.js';

export interface SqliteRequest { id: number; op: 'run' | 'rows'; sql: string; params?: Array<number | string | null> }
export interface SqliteReply { id: number; ok: boolean; rows?: Array<Record<string, unknown>>; refused?: boolean; message?: string }

const port = parentPort;
if (!port) throw new Error('sqlite-thread: run as a worker thread only');

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
let db: SqliteEngineDb | null = null;
openSqliteEngine().then(
  (opened) => {
    db = opened;
    port.postMessage({ id: 0, ok: true } satisfies SqliteReply);
  },
  (e: unknown) => port.postMessage({ id: 0, ok: false, message: message(e) } satisfies SqliteReply),
);
port.on('message', (req: SqliteRequest) => {
  try {
    if (!db) throw new Error('SQLite is not open');
    if (req.op === 'run') {
      db.run(req.sql);
      port.postMessage({ id: req.id, ok: true } satisfies SqliteReply);
    } else {
      port.postMessage({ id: req.id, ok: true, rows: db.rows(req.sql, req.params ?? []) } satisfies SqliteReply);
    }
  } catch (e) {
    port.postMessage({ id: req.id, ok: false, refused: e instanceof FileAccessRefused, message: message(e) } satisfies SqliteReply);
  }
});
