// A warm run trusts a file's stamp (size, modification and change times, inode) and does not read
// or hash an unchanged file; any change to the content, even one that keeps the size and the
// modification time, is seen, and a file modified in the last two seconds is always read.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, type CollectResult } from '../src/collect/index.js';
import { collectors } from '../src/collect/collectors/index.js';
import { discover } from '../src/discover/index.js';
import type { VisitorHost } from '../src/collect/host.js';
import { CacheSeal } from '../src/util/cache-seal.js';
import { writeRepo } from './helpers/repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const HOUR_AGO = new Date(Date.now() - 3600_000);
const files = {
  'package.json': '{"name":"svc","private":true}',
  'README.md': '# svc\n',
  'src/a.ts': "import { b } from './b';\nexport function a() { console.log('aaaa'); return b(); }\n",
  'src/b.ts': "export function b() { console.log('bbbb'); return 1; }\n",
};

async function run(root: string, cacheDir: string): Promise<CollectResult> {
  const layout = await discover(root, []);
  return collect({ layout, hosts: collectors, cache: { dir: cacheDir, salt: 't', seal: CacheSeal.open(cacheDir) }, keepDocument: (p) => p.endsWith('.md'), timing: false });
}

function repo(): { root: string; cacheDir: string } {
  const root = writeRepo(files);
  const cacheDir = mkdtempSync(join(tmpdir(), 'verdict-stamps-'));
  dirs.push(root, cacheDir);
  for (const p of Object.keys(files)) utimesSync(join(root, p), HOUR_AGO, HOUR_AGO);
  return { root, cacheDir };
}

const consoleLines = (r: CollectResult) => r.facts['collect/console'].map((f) => `${f.path}:${JSON.stringify(f)}`).sort();

describe('cache stamps', () => {
  it('answers unchanged files without reading them; documents are still read', async () => {
    const { root, cacheDir } = repo();
    const cold = await run(root, cacheDir);
    expect(cold.stats.read).toBe(4);
    const warm = await run(root, cacheDir);
    expect(warm.stats.read).toBe(1); // README.md, kept for repository rules
    expect(warm.stats.cached).toBe(warm.stats.files);
    expect(warm.stats.bytes).toBe(cold.stats.bytes);
    expect(consoleLines(warm)).toEqual(consoleLines(cold));
    expect(warm.documents.get('README.md')).toBe('# svc\n');
  });

  it('sees a change that keeps the size and the modification time', async () => {
    const { root, cacheDir } = repo();
    await run(root, cacheDir);
    const changed = files['src/b.ts'].replace('function b()', 'function c()');
    expect(changed.length).toBe(files['src/b.ts'].length);
    writeFileSync(join(root, 'src/b.ts'), changed);
    utimesSync(join(root, 'src/b.ts'), HOUR_AGO, HOUR_AGO);
    const after = await run(root, cacheDir);
    expect(after.stats.read).toBe(2);
    const exported = after.facts['collect/modules'].filter((f) => f.path === 'src/b.ts' && f.type === 'export').map((f) => f.name);
    expect(exported).toEqual(['c']);
  });

  it('reads a file modified in the last two seconds on every run', async () => {
    const { root, cacheDir } = repo();
    writeFileSync(join(root, 'src/b.ts'), files['src/b.ts']);
    await run(root, cacheDir);
    const again = await run(root, cacheDir);
    expect(again.stats.read).toBe(2);
    expect(again.stats.cached).toBe(again.stats.files);
  });

  it('counts the files each host examined the same way warm and cold (from the path, not the cache)', async () => {
    const { root, cacheDir } = repo();
    const hosts: VisitorHost[] = [
      { id: 't/text', text() {} },
      // Examines every source file, whether or not its trigger occurs (the file is then not parsed).
      { id: 't/syntax', triggers: ['no-such-trigger'], create: () => ({}) },
      { id: 't/scoped', appliesTo: (f) => f.path === 'src/a.ts', create: () => ({}) },
      { id: 't/none', appliesTo: () => false, text() {}, create: () => ({}) },
    ];
    const go = async () => collect({ layout: await discover(root, []), hosts, cache: { dir: cacheDir, salt: 'h', seal: CacheSeal.open(cacheDir) }, keepDocument: () => false, timing: false });
    const cold = await go();
    const warm = await go();
    expect(warm.stats.cached).toBe(warm.stats.files);
    const expected = { 't/text': { svc: 4 }, 't/syntax': { svc: 2 }, 't/scoped': { svc: 1 }, 't/none': {} };
    expect(cold.examined).toEqual(expected);
    expect(warm.examined).toEqual(expected);
  });
});
