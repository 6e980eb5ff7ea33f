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
  /** How long a worker asked to finish may take before it is terminated (EXIT_GRACE_MS unless set). */
  exitGraceMs?: number;
}

/** A chunk to process, or the request to finish: the worker closes its port and ends by itself. */
export type WorkerRequest = { chunk: number; jobs: Job[] } | { exit: true };
export type WorkerReply =
  | { chunk: number; results: JobResult[]; timings: Record<string, number> | null }
  | { fatal: string };

/** What a job's bytes are replaced with once it is processed. */
export const DONE = new Uint8Array(0);

/** Bytes of source per chunk handed to a worker, and how many chunks each may hold at once. */
const CHUNK_BYTES = 192 * 1024;
const CHUNK_FILES = 48;
const MIN_CHUNK_BYTES = 16 * 1024;
const IN_FLIGHT = 2;
/** Bytes this thread processes between two looks at the workers' messages. */
const LOCAL_BYTES = 64 * 1024;
/**
 * Files from this size go to the workers first, one per chunk, and a worker's young generation is
 * large enough to hold their syntax trees: a tree bigger than the young generation is copied into the
 * old one piece by piece as it is built, and this thread's young generation cannot be resized once
 * the process runs. Bench corpus, 2 threads: 9.8-10.0 s -> 8.9-9.1 s, peak RSS 0.7 -> 0.8 GB.
 * Not larger: the young generation is kept committed while the worker lives, and at 384 MB the
 * audit of the bench corpus peaked at 0.99-1.01 GB (over the bench's 1 GB line), with 96 MB at
 * 0.74-0.76 GB and with 32 MB at 0.65-0.69 GB (--no-cache, 2 threads, three runs side by side
 * under load 20: CPU 72 / 69 / 69 s, the same findings).
 */
const LARGE_BYTES = 128 * 1024;
const WORKER_YOUNG_MB = 96;
/**
 * How long a worker asked to finish may take before it is terminated. Terminating a worker that is
 * still starting or running aborts Node 20 now and then at exit (`Assertion failed: (data.first) !=
 * nullptr`), so workers are asked to end and awaited; terminate is the fallback for a stuck one.
 */
const EXIT_GRACE_MS = 5_000;

interface Helper {
  worker: Worker;
  inFlight: Map<number, Job[]>;
  alive: boolean;
  done: number;
  /** Settles with the worker's exit code when its thread has ended. */
  exited: Promise<number>;
  /** Set once the worker was asked to finish (or terminated). */
  stopping: Promise<boolean> | null;
}

/**
 * Workers started as soon as the stage knows it will need them (a cold cache: before the files are
 * even read, so their start-up overlaps the reading), then driven by `run`.
 */
export class Pool {
  private readonly helpers: Helper[] = [];
  private jobs: Job[] = [];
  private next = 0;
  /** Large files, for the workers (this thread takes them only when nothing else is left). */
  private large: Job[] = [];
  /** Bytes of source not yet handed out. */
  private left = 0;
  private retry: Job[] = [];
  private chunkId = 0;
  private wake: (() => void) | null = null;
  private slots: Slot[] = [];
  private hostTimings: Record<string, number> | null = null;
  private readonly exitGraceMs: number;

  constructor(opts: PoolOptions, count: number, timing: boolean) {
    this.exitGraceMs = opts.exitGraceMs ?? EXIT_GRACE_MS;
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = new Worker(opts.script, { workerData: { hostIds: opts.hostIds, timing }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      } catch {
        break;
      }
      const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
      const h: Helper = { worker, inFlight: new Map(), alive: true, done: 0, exited, stopping: null };
      worker.on('message', (msg: WorkerReply) => this.reply(h, msg));
      worker.on('error', () => this.lose(h));
      worker.on('exit', () => this.lose(h));
      this.helpers.push(h);
    }
  }

  /** Process `jobs` here and on the workers; returns how many workers finished at least one chunk. */
  async run(jobs: Job[], slots: Slot[], local: LocalProcessor, hostTimings: Record<string, number> | null): Promise<number> {
    this.jobs = jobs.filter((j) => j.bytes.length < LARGE_BYTES);
    this.large = jobs.filter((j) => j.bytes.length >= LARGE_BYTES);
    this.left = jobs.reduce((n, j) => n + j.bytes.length, 0);
    this.slots = slots;
    this.hostTimings = hostTimings;
    try {
      for (const h of this.helpers) this.feed(h);
      while (this.next < this.jobs.length || this.retry.length > 0 || this.large.length > 0) {
        const list = this.retry.length > 0 ? this.retry.splice(0)
          : this.next < this.jobs.length ? this.take(LOCAL_BYTES, CHUNK_FILES)
          : this.takeLarge();
        this.runHere(local, list);
        // Let the workers' replies in (and probes' output be read), then top their queues up.
        await new Promise<void>((r) => setImmediate(r));
        for (const h of this.helpers) this.feed(h);
      }
      // Wait for the chunks still out; a worker that dies hands them back through `retry`.
      while (this.helpers.some((h) => h.alive && h.inFlight.size > 0) || this.retry.length > 0) {
        if (this.retry.length > 0) this.runHere(local, this.retry.splice(0));
        else await new Promise<void>((r) => { this.wake = r; });
      }
    } finally {
      await this.close();
    }
    return this.helpers.filter((h) => h.done > 0).length;
  }

  /** Asks every worker to finish and waits for their threads to end; returns how many had to be terminated. */
  async close(): Promise<number> {
    for (const h of this.helpers) h.alive = false;
    const forced = await Promise.all(this.helpers.map((h) => this.stop(h)));
    return forced.filter(Boolean).length;
  }

  /** Ends a worker: asked to finish, awaited, terminated only after EXIT_GRACE_MS. True when it was terminated. */
  private stop(h: Helper): Promise<boolean> {
    h.stopping ??= (async () => {
      try {
        h.worker.postMessage({ exit: true } satisfies WorkerRequest);
      } catch {
        // Its thread has ended already: `exited` has settled.
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), this.exitGraceMs); });
      const how = await Promise.race([h.exited.then(() => 'ended' as const), late]);
      clearTimeout(timer);
      if (how === 'ended') return false;
      await h.worker.terminate();
      return true;
    })();
    return h.stopping;
  }

  private runHere(local: LocalProcessor, list: Job[]): void {
    for (const j of list) {
      this.store(local.process(j));
      j.bytes = DONE; // done: the bytes need not stay alive until the stage ends
    }
  }

  private store(r: JobResult): void {
    this.slots[r.slot].result = r.result;
    this.slots[r.slot].parsed = r.parsed;
    this.slots[r.slot].line = r.line;
  }

  private take(maxBytes: number, maxFiles: number): Job[] {
    const out: Job[] = [];
    let bytes = 0;
    while (this.next < this.jobs.length && bytes < maxBytes && out.length < maxFiles) {
      const j = this.jobs[this.next++];
      bytes += j.bytes.length;
      this.left -= j.bytes.length;
      out.push(j);
    }
    return out;
  }

  private takeLarge(): Job[] {
    const j = this.large.shift();
    if (!j) return [];
    this.left -= j.bytes.length;
    return [j];
  }

  private feed(h: Helper): void {
    while (h.alive && h.inFlight.size < IN_FLIGHT && this.large.length > 0) this.send(h, this.takeLarge());
    while (h.alive && h.inFlight.size < IN_FLIGHT && this.next < this.jobs.length) {
      // Smaller chunks towards the end, so no thread is left with a long tail while the others wait.
      const size = Math.max(MIN_CHUNK_BYTES, Math.min(CHUNK_BYTES, Math.floor(this.left / (4 * (this.helpers.length + 1)))));
      this.send(h, this.take(size, CHUNK_FILES));
    }
  }

  private send(h: Helper, chunk: Job[]): void {
    const id = this.chunkId++;
    h.inFlight.set(id, chunk);
    h.worker.postMessage({ chunk: id, jobs: chunk } satisfies WorkerRequest);
  }

  private reply(h: Helper, msg: WorkerReply): void {
    if ('fatal' in msg) return this.lose(h);
    const chunk = h.inFlight.get(msg.chunk);
    if (!chunk) return;
    h.inFlight.delete(msg.chunk);
    h.done++;
    for (const r of msg.results) this.store(r);
    for (const j of chunk) j.bytes = DONE;
    const sink = this.hostTimings;
    if (msg.timings && sink) for (const [id, ms] of Object.entries(msg.timings)) sink[id] = (sink[id] ?? 0) + ms;
    this.feed(h);
    this.signal();
  }

  private lose(h: Helper): void {
    if (!h.alive) return;
    h.alive = false;
    for (const chunk of h.inFlight.values()) this.retry.push(...chunk);
    h.inFlight.clear();
    void this.stop(h);
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
