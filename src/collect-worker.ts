// A worker thread of the collect stage (src/collect/pool.ts starts it). It rebuilds the hosts the
// audit chose, from their ids, and processes the chunks of files it is sent exactly as the main
// thread would. It sits outside src/collect because the hosts include source rules.
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('collect-worker: run as a worker thread only');
const { hostIds, timing } = workerData as { hostIds: string[]; timing: boolean };
try {
  const { LocalProcessor } = await import('./collect/index.js');
  const { collectors } = await import('./collect/collectors/index.js');
  const { allRules } = await import('./rules/index.js');
  type Host = (typeof collectors)[number];
  const known = new Map<string, Host>();
  for (const c of collectors) known.set(c.id, c);
  for (const r of allRules) if (r.kind === 'source') known.set(r.id, r);
  const hosts = hostIds.map((id) => {
    const h = known.get(id);
    if (!h) throw new Error(`unknown host ${id}`);
    return h;
  });
  const timings: Record<string, number> | null = timing ? Object.fromEntries(hostIds.map((id) => [id, 0])) : null;
  const local = new LocalProcessor(hosts, timings);
  port.on('message', (msg: import('./collect/pool.js').WorkerRequest) => {
    // Asked to finish: with its port closed the thread has nothing left to wait for and ends by itself.
    if ('exit' in msg) return port.close();
    const results = msg.jobs.map((j) => local.process(j));
    const reply = { chunk: msg.chunk, results, timings: timings ? { ...timings } : null };
    if (timings) for (const id of hostIds) timings[id] = 0;
    // The cache lines' buffers are moved to the main thread, not copied.
    port.postMessage(reply, results.flatMap((r) => (r.line ? [r.line.buffer as ArrayBuffer] : [])));
  });
} catch (err) {
  port.postMessage({ fatal: (err as Error).message });
}
