// Hosts that declare `parents: false` are visited without parent pointers when no other host of the
// file needs them. Each such host must give exactly what it gives on a tree with parents: run over
// real sources (the examples, the fixtures and verdict's own code), with and without binding.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect } from '../src/collect/index.js';
import { collectors } from '../src/collect/collectors/index.js';
import type { VisitorHost } from '../src/collect/host.js';
import { discover } from '../src/discover/index.js';
import { allRules } from '../src/rules/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const hosts: VisitorHost[] = [...collectors, ...allRules.filter((r) => r.kind === 'source')];
const parentFree = hosts.filter((h) => h.parents === false);

describe('hosts that need no parent pointers', () => {
  it('are the ones the cold path relies on', () => {
    expect(parentFree.map((h) => h.id)).toEqual(expect.arrayContaining(['collect/modules', 'collect/data-access', 'reliability/in-memory-store']));
  });

  it.each(['examples/planted-service', 'examples/clean-service', 'test/fixtures', 'src'])('give the same facts and findings without them: %s', async (dir) => {
    const layout = await discover(join(ROOT, dir), []);
    const run = (list: VisitorHost[]) => collect({ layout, hosts: list, cache: null, keepDocument: () => false, timing: false, pool: null });
    const without = await run(parentFree);
    // The same hosts, claiming nothing: the file is bound first.
    const bound = await run(parentFree.map((h) => ({ ...h, parents: undefined })));
    expect(without.stats.parsed).toBeGreaterThan(0);
    expect(without.hostErrors).toEqual([]);
    expect(without.facts).toEqual(bound.facts);
    expect(without.findings).toEqual(bound.findings);
  });
});
