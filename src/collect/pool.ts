// Worker threads that help the collect stage. This thread keeps processing files itself and hands
// chunks to the workers as they ask for more, so a worker that starts slowly never makes the run
// wait, and a worker that dies loses nothing: its unfinished chunks are processed here.
import { Worker } from 'node:worker_threads';
import type { Job, JobResult, LocalProcessor, Slot } from './index.js';

export interface PoolOptions {
  /** The worker script (src/collect-worker.ts built); it receives `hostIds` and `timing`. */
  script: URL;
  /** Ids of the hosts, in order; the worker rebuilds the same hosts from them. */
  hostIds: string[];
  /** Threads in all, this one included. */
  threads: number;
  /** Below this many bytes of uncached source, starting workers costs more than it saves. */
  minBytes: number;
}

export interface WorkerRequest { chunk: number; jobs: Job[] }
export type WorkerReply =
  | { chunk: number; results: JobResult[]; timings: Record<string, number> | null }
  | { fatal: string };

/** Bytes of text per chunk handed to a worker, and how many chunks each may hold at once. */
const CHUNK_BYTES = 192 * 1024;
const CHUNK_FILES = 48;
const IN_FLIGHT = 2;
/** Bytes this thread processes between two looks at the workers' messages. */
const LOCAL_BYTES = 64 * 1024;

interface Helper {
  worker: Worker;
  inFlight: Map<number, Job[]>;
  alive: boolean;
  done: number;
}

interface Sink {
  /** Per-host time to add the workers' figures to; null when not timing. */
  hostTimings: Record<string, number> | null;
}

/** Process `jobs` here and on `count` workers; returns how many workers finished at least one chunk. */
export async function runPooled(jobs: Job[], slots: Slot[], local: LocalProcessor, pool: PoolOptions, count: number, sink: Sink): Promise<number> {
  let next = 0;
  const retry: Job[] = [];
  let chunkId = 0;
  let wake: (() => void) | null = null;
  const signal = (): void => { const w = wake; wake = null; w?.(); };
  const store = (r: JobResult): void => {
    slots[r.slot].result = r.result;
    slots[r.slot].parsed = r.parsed;
  };
  const take = (maxBytes: number, maxFiles: number): Job[] => {
    const out: Job[] = [];
    let bytes = 0;
    while (next < jobs.length && bytes < maxBytes && out.length < maxFiles) {
      const j = jobs[next++];
      bytes += j.text.length;
      out.push(j);
    }
    return out;
  };
  const helpers: Helper[] = [];
  const feed = (h: Helper): void => {
    while (h.alive && h.inFlight.size < IN_FLIGHT && next < jobs.length) {
      const chunk = take(CHUNK_BYTES, CHUNK_FILES);
      const id = chunkId++;
      h.inFlight.set(id, chunk);
      h.worker.postMessage({ chunk: id, jobs: chunk } satisfies WorkerRequest);
    }
  };
  const lose = (h: Helper): void => {
    if (!h.alive) return;
    h.alive = false;
    for (const chunk of h.inFlight.values()) retry.push(...chunk);
    h.inFlight.clear();
    void h.worker.terminate();
    signal();
  };
  for (let i = 0; i < count; i++) {
    let worker: Worker;
    try {
      worker = new Worker(pool.script, { workerData: { hostIds: pool.hostIds, timing: sink.hostTimings !== null } });
    } catch {
      break;
    }
    const h: Helper = { worker, inFlight: new Map(), alive: true, done: 0 };
    worker.on('message', (msg: WorkerReply) => {
      if ('fatal' in msg) return lose(h);
      const chunk = h.inFlight.get(msg.chunk);
      if (!chunk) return;
      h.inFlight.delete(msg.chunk);
      h.done++;
      for (const r of msg.results) store(r);
      if (msg.timings && sink.hostTimings) for (const [id, ms] of Object.entries(msg.timings)) sink.hostTimings![id] = (sink.hostTimings![id] ?? 0) + ms;
      feed(h);
      signal();
    });
    worker.on('error', () => lose(h));
    worker.on('exit', () => lose(h));
    helpers.push(h);
    feed(h);
  }

  const runHere = (list: Job[]): void => { for (const j of list) store(local.process(j)); };
  try {
    await drive();
  } finally {
    for (const h of helpers) h.alive = false;
    await Promise.all(helpers.map((h) => h.worker.terminate()));
  }
  return helpers.filter((h) => h.done > 0).length;

  async function drive(): Promise<void> {
    while (next < jobs.length || retry.length > 0) {
      if (retry.length > 0) runHere(retry.splice(0));
      else runHere(take(LOCAL_BYTES, CHUNK_FILES));
      // Let the workers' replies in (and probes' output be read), then top their queues up.
      await new Promise<void>((r) => setImmediate(r));
      for (const h of helpers) feed(h);
    }
    // Wait for the chunks still out; a worker that dies hands them back through `retry`.
    while (helpers.some((h) => h.alive && h.inFlight.size > 0) || retry.length > 0) {
      if (retry.length > 0) {
        runHere(retry.splice(0));
        continue;
      }
      await new Promise<void>((r) => { wake = r; });
    }
  }
}
