// Worker threads in the collect stage: the result is the same whichever thread processed a file,
// and a worker that fails to start, reports a fatal error or dies mid-chunk loses nothing.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { withoutTimings } from './helpers/repo.js';
import { collect, type CollectOptions, type CollectResult } from '../src/collect/index.js';
import { collectors } from '../src/collect/collectors/index.js';
import { discover, type RepoLayout } from '../src/discover/index.js';
import { MigrationEngines } from '../src/probes/migrations/index.js';

const planted = new URL('../examples/planted-service', import.meta.url).pathname;
let root: string;
let scripts: string;
// One PGlite for the whole file (reset between audits): each audit applies the planted service's migrations.
const engines = new MigrationEngines();

beforeAll(() => {
  // The planted service with its sources copied four more times: enough files for a worker to get chunks.
  root = mkdtempSync(join(tmpdir(), 'verdict-pool-'));
  cpSync(planted, root, { recursive: true });
  for (let i = 1; i <= 4; i++) cpSync(join(planted, 'src'), join(root, 'src', `copy${i}`), { recursive: true });
  // Two files over the size that goes to the workers first (and to this thread when they fail).
  for (const name of ['large-a', 'large-b']) {
    const body = Array.from({ length: 2500 }, (_, i) => `export function ${name.replace('-', '')}${i}(id: string) {\n  console.log(process.env.KEY_${i % 7});\n  return db.query('SELECT * FROM t WHERE id = ' + id);\n}\n`).join('');
    writeFileSync(join(root, 'src', `${name}.ts`), `import { db } from './db';\n${body}`);
  }
  scripts = mkdtempSync(join(tmpdir(), 'verdict-pool-scripts-'));
  writeFileSync(join(scripts, 'dies.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
  writeFileSync(join(scripts, 'fatal.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ fatal: 'cannot load the hosts' });\n");
  writeFileSync(join(scripts, 'throws.mjs'), "throw new Error('broken worker script');\n");
});
afterAll(async () => {
  await engines.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(scripts, { recursive: true, force: true });
});

function comparable(r: CollectResult): unknown {
  const { hostTimings: _t, threads: _n, factDigest: _d, saveRepairs: _s, fileDigests: _f, ...rest } = r;
  // Every collector's records, read (they are built on first read), and each collector's per-file digests (the link cache's keys).
  const digests = Object.fromEntries(collectors.map((c) => [c.id, [...(r.fileDigests(c.id) ?? new Map())].sort()]));
  return { ...rest, facts: Object.fromEntries(Object.entries(r.facts)), documents: [...rest.documents], digests };
}

describe('collect with worker threads', () => {
  it('gives the same audit as one thread, and says how many threads ran', async () => {
    const one = await audit({ root, exec: false, cache: false, quiet: true, threads: 1, engines });
    const two = await audit({ root, exec: false, cache: false, quiet: true, threads: 2, poolMinBytes: 0, timing: true, engines });
    expect(one.timings.threads).toBe(1);
    expect(two.timings.threads).toBe(2);
    expect(two.stats.parsed).toBe(one.stats.parsed);
    expect(one.findings.length).toBeGreaterThan(50);
    expect(one.findings.some((f) => f.location?.path === 'src/large-b.ts')).toBe(true);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    // The workers' visitor time is added to the collectors' figures.
    expect(Object.values(two.timings.collectors).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  }, 120_000);

  it('stays on one thread below the size where a worker pays off', async () => {
    const run = await audit({ root, exec: false, cache: false, quiet: true, threads: 2, engines });
    expect(run.timings.threads).toBe(1);
  }, 60_000);

  it('starts workers after reading when the cache answers part of the run, and none when it answers all', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'verdict-pool-cache-'));
    const grown = mkdtempSync(join(tmpdir(), 'verdict-pool-grown-'));
    try {
      cpSync(root, grown, { recursive: true });
      const opts = { root: grown, exec: false, quiet: true, cacheDir, threads: 2, poolMinBytes: 0, engines } as const;
      const first = await audit(opts);
      expect(first.timings.threads).toBe(2);
      for (let i = 5; i <= 9; i++) cpSync(join(planted, 'src'), join(grown, 'src', `copy${i}`), { recursive: true });
      const second = await audit(opts);
      expect(second.stats.cached).toBe(first.stats.files);
      expect(second.timings.threads).toBe(2);
      const third = await audit(opts);
      expect(third.stats.cached).toBe(third.stats.files);
      expect(third.timings.threads).toBe(1);
      const reference = await audit({ root: grown, exec: false, quiet: true, cache: false, threads: 1, engines });
      for (const run of [second, third]) expect(withoutTimings({ ...run, stats: null, options: null })).toEqual(withoutTimings({ ...reference, stats: null, options: null }));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
      rmSync(grown, { recursive: true, force: true });
    }
  }, 180_000);

  describe('a worker that fails loses nothing', () => {
    let layout: RepoLayout;
    let base: CollectResult;
    const options = (script: URL | null): CollectOptions => ({
      layout, hosts: collectors, cache: null, keepDocument: (p) => p.endsWith('.md'), timing: false,
      pool: script ? { script, hostIds: collectors.map((c) => c.id), threads: 2, minBytes: 0 } : null,
    });
    beforeAll(async () => {
      layout = await discover(root, []);
      base = await collect(options(null));
      expect(base.stats.parsed).toBeGreaterThan(64);
    });
    for (const name of ['dies.mjs', 'fatal.mjs', 'throws.mjs', 'missing.mjs']) {
      it(`worker script ${name}`, async () => {
        const got = await collect(options(pathToFileURL(join(scripts, name))));
        expect(got.threads).toBe(1);
        expect(comparable(got)).toEqual(comparable(base));
      }, 60_000);
    }
  });
});

describe('the default number of threads', () => {
  const cpu = (idle: number, busy: number) => ({ times: { user: busy, nice: 0, sys: 0, idle, irq: 0 } });
  /** The machine's counters (idle, busy per core) and this process's own CPU time. */
  const at = (ownMs: number, ...c: Array<[number, number]>) => ({ cpus: c.map(([i, b]) => cpu(i, b)), ownMs });
  const zero = at(0, [0, 0], [0, 0]);
  it('is one per core that other processes leave free, measured from the CPU counters', async () => {
    const { autoThreads } = await import('../src/audit.js');
    // two cores: this process keeps one busy, the other idles
    expect(autoThreads([zero], at(500, [0, 500], [480, 20]))).toBe(2);
    // this process's own GC threads keep the second core half busy: still free for a worker
    expect(autoThreads([zero], at(750, [0, 500], [250, 250]))).toBe(2);
    // the other core is busy with another process
    expect(autoThreads([zero], at(500, [0, 500], [30, 470]))).toBe(1);
    // another process on each core, one full core in all: one thread
    expect(autoThreads([zero], at(500, [0, 500], [0, 500]))).toBe(1);
    // sixteen idle cores: at most 4 threads
    const idle16 = Array.from({ length: 16 }, () => [500, 0] as [number, number]);
    expect(autoThreads([at(0, ...idle16.map(() => [0, 0] as [number, number]))], at(0, ...idle16))).toBe(4);
  });
  it('takes the first window of at least 0.1 s, and counts every core free without one', async () => {
    const { autoThreads } = await import('../src/audit.js');
    const short = at(0, [0, 0], [0, 0]);
    const long = at(-100, [0, -400], [0, -400]);
    // the audit's own window is 30 ms; the one since load shows another process on the other core
    expect(autoThreads([short, long], at(20, [10, 20], [0, 30]))).toBe(1);
    expect(autoThreads([short, short], at(20, [10, 20], [10, 20]))).toBe(2);
    expect(autoThreads([short], at(20, [10, 20]))).toBe(1);
  });
});
