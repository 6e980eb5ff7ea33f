// Every record a collector emits fits the schema it declares (src/collect/facts/), on real repositories:
// the examples, the fixture repos, verdict's own sources and docs. And the records the facts cache
// gives back are the ones a cold run emitted, exactly.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { collectors } from '../src/collect/collectors/index.js';
import { factProblems } from '../src/collect/facts/check.js';
import { allFacts } from '../src/collect/facts/index.js';
import { collect, type CollectResult } from '../src/collect/index.js';
import { discover, type RepoLayout } from '../src/discover/index.js';
import { CacheSeal } from '../src/util/cache-seal.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIRS = ['examples/planted-service', 'examples/clean-service', 'test/fixtures', 'docs', 'src'];
/** Collectors whose records have no declaration yet. */
const UNDECLARED: string[] = [];

const run = (layout: RepoLayout, cache: { dir: string; salt: string; seal: CacheSeal } | null): Promise<CollectResult> =>
  collect({ layout, hosts: collectors, cache, keepDocument: () => false, timing: false, pool: null });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('fact schemas', () => {
  it('are declared for every collector but the undeclared ones, under the collector\'s id', () => {
    const declared = allFacts.map((f) => f.id).sort();
    expect(declared).toEqual(collectors.map((c) => c.id).filter((id) => !UNDECLARED.includes(id)).sort());
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('load zod only where records are checked: a run (and each collect worker) never imports it', () => {
    const dir = join(ROOT, 'src/collect/facts');
    const loading = readdirSync(dir).filter((f) => /^import (?!type )[^;]*from 'zod'/m.test(readFileSync(join(dir, f), 'utf8')));
    expect(loading).toEqual(['check.ts']);
  });

  const emitted = new Map<string, number>();
  it.each(DIRS)('fit every record the collectors emit on %s, and the cache gives the same records back', async (dir) => {
    const layout = await discover(join(ROOT, dir), []);
    const cacheDir = mkdtempSync(join(tmpdir(), 'verdict-fact-schemas-'));
    dirs.push(cacheDir);
    const cache = { dir: cacheDir, salt: 'fact-schemas', seal: CacheSeal.open(cacheDir) };
    const cold = await run(layout, cache);
    expect(cold.hostErrors).toEqual([]);
    for (const handle of allFacts) {
      const records = cold.facts[handle.id];
      emitted.set(handle.id, (emitted.get(handle.id) ?? 0) + records.length);
      expect(factProblems(handle, records), handle.id).toEqual([]);
    }
    const warm = await run(layout, cache);
    expect(warm.stats.cached).toBe(cold.stats.files - cold.stats.binary);
    expect(warm.stats.parsed).toBe(0);
    for (const handle of allFacts) {
      // Strict: a key whose value is `undefined`, or a value JSON changes (NaN, -0), would differ here.
      expect(warm.facts[handle.id], handle.id).toStrictEqual(cold.facts[handle.id]);
      expect(factProblems(handle, warm.facts[handle.id]), handle.id).toEqual([]);
    }
  }, 240_000);

  it('were checked against records of every collector', () => {
    // Run after the cases above: a schema checked against no record proves nothing.
    for (const handle of allFacts) expect(emitted.get(handle.id) ?? 0, handle.id).toBeGreaterThan(0);
  });
});

describe('factProblems', () => {
  const byId = (id: string) => allFacts.find((f) => f.id === id)!;

  it('names what is wrong with a record that does not fit', () => {
    const good = { path: 'src/a.ts', role: 'service', calls: 2, json: 0, firstLine: 3, snippet: 'console.log(x)' };
    const console = byId('collect/console');
    expect(factProblems(console, [good])).toEqual([]);
    expect(factProblems(console, [{ ...good, calls: '2' }])).toEqual(['src/a.ts#0: calls: Invalid input: expected number, received string']);
    const { firstLine: _, ...missing } = good;
    expect(factProblems(console, [good, missing])).toEqual(['src/a.ts#1: firstLine: Invalid input: expected number, received undefined']);
    expect(factProblems(console, [{ ...good, auth: true }])[0]).toMatch(/^src\/a\.ts#0: \(record\): Unrecognized key: "auth"/);
    expect(factProblems(console, [{ ...good, role: 'production' }])[0]).toMatch(/^src\/a\.ts#0: role: /);
    const { path: _p, ...unplaced } = good;
    expect(factProblems(console, [unplaced])).toEqual(['(no path)#0: path: expected a string']);
  });

  it('checks each variant of a collector with several kinds of record by its own fields', () => {
    const runtime = byId('collect/runtime');
    const env = { path: 'src/env.ts', kind: 'env', name: 'DATABASE_URL', line: 4, snippet: 'process.env.DATABASE_URL', source: 'process', fallback: false, role: 'service' };
    expect(factProblems(runtime, [env])).toEqual([]);
    expect(factProblems(runtime, [{ ...env, source: 'window' }])).toHaveLength(1);
    expect(factProblems(runtime, [{ ...env, kind: 'listen' }])[0]).toMatch(/Unrecognized keys?/);
    expect(factProblems(runtime, [{ ...env, kind: 'teleport' }])[0]).toMatch(/^src\/env\.ts#0: kind: /);
  });
});
