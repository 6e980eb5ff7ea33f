// The parse cache is never required for correctness: whatever state its file is in, a run either
// reuses an entry exactly as it was stored or parses the file again.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheSeal } from '../util/cache-seal.js';
import { cacheLine, FactCache, type CachedFile } from './cache.js';
import { readCacheBody, writeCacheBody } from '../../test/helpers/cache.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'verdict-cache-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each test folder is its own cache root, with its own key. The tests that damage the file damage what
// verdict itself wrote, sealed again: a file changed without the key is test/cache-seal.test.ts.
const sealOf = (dir: string): CacheSeal => CacheSeal.open(dir);

const entry = (n: number): CachedFile => ({
  facts: { 'collect/routes': [{ kind: 'route', method: 'GET', url: `/r${n}`, text: 'line\nbreak \u2028 "quoted" é 😀 \ud800' }] },
  findings: [], errors: [],
});

/** An entry as a run sees it: the file's first line, and every collector's records (each line parsed). */
function whole(cache: FactCache, key: string): CachedFile | undefined {
  const meta = cache.get(key);
  if (!meta) return undefined;
  const facts: CachedFile['facts'] = {};
  for (const id of cache.factIds(key)) {
    const records = cache.facts(key, id);
    if (!records) return undefined;
    facts[id] = records;
  }
  return { facts, ...meta };
}

function fill(dir: string, salt: string, count: number): string[] {
  const cache = new FactCache(dir, salt, sealOf(dir));
  const keys = Array.from({ length: count }, (_, i) => cache.key(`src/f${i}.ts`, Buffer.from(`content ${i}`)));
  keys.forEach((k, i) => cache.set(k, entry(i)));
  cache.save();
  expect(cache.warning).toBeNull();
  return keys;
}

describe('FactCache', () => {
  it('writes a one-file change to the delta file only, reads base and delta together, and folds the delta in when it grows', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 12);
    const base = join(dir, 'facts.jsonl');
    const delta = join(dir, 'facts.delta.jsonl');
    const before = readFileSync(base);
    // Run 2: eleven files as they were, one edited (a new key), stamps for all.
    const two = new FactCache(dir, 's1', sealOf(dir));
    keys.slice(0, 11).forEach((k, i) => {
      expect(two.get(k)).toBeDefined();
      two.stamp(`src/f${i}.ts`, `10/1000/1000/${i}`, k, 10_000);
    });
    const edited = two.key('src/f11.ts', Buffer.from('content 11, edited'));
    two.set(edited, entry(99));
    two.stamp('src/f11.ts', '20/1000/1000/11', edited, 10_000);
    two.save();
    expect(two.warning).toBeNull();
    expect(readFileSync(base).equals(before)).toBe(true);
    const body = readCacheBody(delta);
    expect(body.split('\n').filter((l) => l.startsWith('["')).map((l) => JSON.parse(l)[0] as string)).toEqual([edited, edited]);
    // The stamps that differ from the base's (all here: the base had none) are in the delta.
    expect(Object.keys(JSON.parse(body.split('\n')[0]).stamps as object)).toHaveLength(12);
    // Run 3 reads both: every stamp names its entry, the edited one from the delta.
    const three = new FactCache(dir, 's1', sealOf(dir));
    expect(three.keyByStamp('src/f11.ts', '20/1000/1000/11')).toBe(edited);
    expect(whole(three, edited)).toEqual(entry(99));
    keys.slice(0, 11).forEach((k, i) => {
      expect(three.keyByStamp(`src/f${i}.ts`, `10/1000/1000/${i}`)).toBe(k);
      expect(whole(three, k)).toEqual(entry(i));
    });
    // Four more files edited: more than a quarter of the base is stale, so the base is rewritten whole.
    for (let i = 0; i < 4; i++) three.set(three.key(`src/n${i}.ts`, Buffer.from(`new ${i}`)), entry(200 + i));
    three.save();
    expect(existsSync(delta)).toBe(false);
    const four = new FactCache(dir, 's1', sealOf(dir));
    expect(four.size).toBe(16);
    expect(whole(four, edited)).toEqual(entry(99));
  });

  it('gives back every entry as it was stored, from an ASCII file', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 3);
    expect(readFileSync(join(dir, 'facts.jsonl')).every((b) => b < 0x80)).toBe(true);
    const cache = new FactCache(dir, 's1', sealOf(dir));
    keys.forEach((k, i) => expect(whole(cache, k)).toEqual(entry(i)));
    expect(cache.hits).toBe(3);
    expect(cache.warning).toBeNull();
  });

  it('does not rewrite the file when a run hit every entry', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 2);
    const file = join(dir, 'facts.jsonl');
    writeCacheBody(file, readCacheBody(file)); // a known mtime
    const before = statSync(file).mtimeMs;
    const cache = new FactCache(dir, 's1', sealOf(dir));
    for (const k of keys) cache.get(k);
    cache.save();
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('keeps only the entries a run used', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 3);
    const cache = new FactCache(dir, 's1', sealOf(dir));
    cache.get(keys[0]);
    cache.save();
    const again = new FactCache(dir, 's1', sealOf(dir));
    expect(whole(again, keys[0])).toEqual(entry(0));
    expect(again.get(keys[1])).toBeUndefined();
  });

  it('starts cold when the salt changed', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 2);
    const cache = new FactCache(dir, 's2', sealOf(dir));
    expect(cache.get(keys[0])).toBeUndefined();
    expect(cache.warning).toBeNull();
  });

  it('starts cold with a warning when the file is corrupt, and rewrites it', () => {
    for (const damage of [(t: string) => t.slice(0, t.length / 2), () => '{"entries": 1', () => '\0\0garbage', (t: string) => t.replace('["', '[')]) {
      const dir = tempDir();
      const keys = fill(dir, 's1', 3);
      const file = join(dir, 'facts.jsonl');
      writeCacheBody(file, damage(readCacheBody(file)));
      const cache = new FactCache(dir, 's1', sealOf(dir));
      for (const k of keys) expect(cache.get(k)).toBeUndefined();
      expect(cache.warning).toMatch(/facts\.jsonl: cache unreadable, starting cold/);
      keys.forEach((k, i) => cache.set(k, entry(i)));
      cache.save();
      const again = new FactCache(dir, 's1', sealOf(dir));
      expect(whole(again, keys[2])).toEqual(entry(2));
      expect(again.warning).toBeNull();
    }
  });

  it('parses a file again when its entry is well-formed JSON of the wrong shape', () => {
    for (const [from, to] of [['"findings":[', '"findings":[7,'], ['"errors":[]', '"errors":[],"diagnostics":7'], ['"errors":[]}', '"errors":[]},5'],
      ['"collect/routes",[', '"collect/routes",[5,'], ['"collect/routes",[', '"collect/routes",[null,'], ['"collect/routes",[', '"collect/routes",{"a":[]},[']]) {
      const dir = tempDir();
      const keys = fill(dir, 's1', 2);
      const file = join(dir, 'facts.jsonl');
      writeCacheBody(file, readCacheBody(file).replace(from, to));
      const cache = new FactCache(dir, 's1', sealOf(dir));
      expect(whole(cache, keys[0]), to).toBeUndefined();
      expect(whole(cache, keys[1])).toEqual(entry(1));
      expect(cache.warning).toMatch(/a cache entry was unreadable/);
      // The damaged entry is not written back; the good one is.
      cache.save();
      const again = new FactCache(dir, 's1', sealOf(dir));
      expect(again.get(keys[0])).toBeUndefined();
      expect(whole(again, keys[1])).toEqual(entry(1));
    }
  });

  it('reads a collector\'s records only when asked for them', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 1);
    const file = join(dir, 'facts.jsonl');
    // A collector line that does not parse: a run that never asks for its records never notices.
    writeCacheBody(file, readCacheBody(file).replace('"collect/routes",[', '"collect/routes",[}'));
    const cache = new FactCache(dir, 's1', sealOf(dir));
    expect(cache.get(keys[0])).toEqual({ findings: [], errors: [] });
    expect(cache.hasFacts(keys[0], 'collect/routes')).toBe(true);
    expect(cache.hasFacts(keys[0], 'collect/modules')).toBe(false);
    expect(cache.facts(keys[0], 'collect/modules')).toEqual([]);
    expect(cache.warning).toBeNull();
    expect(cache.facts(keys[0], 'collect/routes')).toBeUndefined();
    expect(cache.warning).toMatch(/a cache entry was unreadable/);
  });

  it('parses a file again when one of its collector lines is missing', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 2);
    const file = join(dir, 'facts.jsonl');
    const lines = readCacheBody(file).split('\n');
    // header, f0 first line, f0 routes, f1 first line, f1 routes: f0's routes line deleted
    writeCacheBody(file, [lines[0], lines[1], lines[3], lines[4]].join('\n'));
    const cache = new FactCache(dir, 's1', sealOf(dir));
    expect(cache.get(keys[0])).toBeUndefined();
    expect(whole(cache, keys[1])).toEqual(entry(1));
    expect(cache.warning).toMatch(/a cache entry was unreadable/);
  });

  it('parses a file again when a line names a collector this run does not have, or one twice', () => {
    for (const [from, to] of [['"collect/routes",[', '"collect/routez",['], ['"collect/routes",[', '"collect/routes",[],"collect/routes",[']]) {
      const dir = tempDir();
      const keys = fill(dir, 's1', 2);
      const file = join(dir, 'facts.jsonl');
      const text = readCacheBody(file);
      if (to.includes('],"collect')) {
        // a second line for the same collector (and the count raised to match)
        const lines = text.split('\n');
        writeCacheBody(file, [lines[0], lines[1].replace(/^(\["[^"]+",)1,/, '$12,'), lines[2], lines[2], lines[3], lines[4]].join('\n'));
      } else {
        writeCacheBody(file, text.replace(from, to));
      }
      const cache = new FactCache(dir, 's1', sealOf(dir), new Set(['collect/routes']));
      expect(cache.get(keys[0]), to).toBeUndefined();
      expect(whole(cache, keys[1])).toEqual(entry(1));
      expect(cache.warning).toMatch(/a cache entry was unreadable/);
    }
  });

  it('starts cold when a collector line is not right after its file\'s first line', () => {
    const dir = tempDir();
    fill(dir, 's1', 2);
    const file = join(dir, 'facts.jsonl');
    const lines = readCacheBody(file).split('\n');
    // header, f0 meta, f0 routes, f1 meta, f1 routes: f0's routes line moved under f1
    writeCacheBody(file, [lines[0], lines[1], lines[3], lines[2], lines[4]].join('\n'));
    const cache = new FactCache(dir, 's1', sealOf(dir));
    expect(cache.size).toBe(0);
    expect(cache.warning).toMatch(/cache unreadable, starting cold/);
  });

  it('starts cold without a warning on another version\'s format, and rewrites it in this one', () => {
    const dir = tempDir();
    const file = join(dir, 'facts.jsonl');
    writeCacheBody(file, '{"format":"verdict-facts/3","salt":"s1","stamps":{}}\n["k",{"s":[],"v":[],"k":[],"f":{},"x":[],"h":[],"e":[]}]\n');
    const cache = new FactCache(dir, 's1', sealOf(dir));
    expect(cache.size).toBe(0);
    expect(cache.warning).toBeNull();
    cache.set('k2', entry(0));
    cache.save();
    expect(readCacheBody(file)).toMatch(/^\{"format":"verdict-facts\/8"/);
    expect(whole(new FactCache(dir, 's1', sealOf(dir)), 'k2')).toEqual(entry(0));
  });

  it('parses a file again when its entry is damaged', () => {
    const dir = tempDir();
    const keys = fill(dir, 's1', 2);
    const file = join(dir, 'facts.jsonl');
    writeCacheBody(file, readCacheBody(file).replace('"findings":[]', '"findings":[}]'));
    const cache = new FactCache(dir, 's1', sealOf(dir));
    expect(cache.get(keys[0])).toBeUndefined();
    expect(whole(cache, keys[1])).toEqual(entry(1));
    expect(cache.warning).toMatch(/a cache entry was unreadable/);
  });

  it('removes the single-JSON cache of earlier versions when it writes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'facts.json'), '{"salt":"s1","entries":{}}');
    fill(dir, 's1', 1);
    expect(existsSync(join(dir, 'facts.json'))).toBe(false);
  });

  it('gives back every record as collected and in order, whatever its strings look like', () => {
    const mw = [{ name: 'authMiddleware', from: '../middleware/auth', imported: 'authMiddleware', auth: false }];
    const file: CachedFile = {
      facts: {
        'collect/routes': [
          { kind: 'route', url: '/a', middleware: mw, calls: ['c.json', 'c.json'], health: null },
          { kind: 'route', url: '/b', middleware: mw, calls: ['~0', '~!x', '~=1', '~'], health: { claims: [], calls: 0 } },
          { kind: 'import', local: 'authMiddleware', from: '../middleware/auth' },
          { kind: 'route', url: '/c', middleware: mw, calls: [], health: null },
        ],
        'collect/modules': [],
      },
      findings: [],
      errors: [],
      diagnostics: [{ problem: 'p', action: 'a' }],
    };
    const other: CachedFile = { facts: {}, findings: [], errors: [] };
    const dir = tempDir();
    const write = new FactCache(dir, 'salt', sealOf(dir));
    write.set('one', file);
    write.set('two', other);
    write.save();
    const read = new FactCache(dir, 'salt', sealOf(dir));
    // A collector without records for the file has no line: it reads back as no records.
    const { 'collect/modules': none, ...stored } = file.facts;
    expect(none).toEqual([]);
    expect(whole(read, 'one')).toEqual({ ...file, facts: stored });
    expect(read.facts('one', 'collect/modules')).toEqual([]);
    expect(whole(read, 'two')).toEqual(other);
    // Every value read back is its own copy.
    const again = whole(new FactCache(dir, 'salt', sealOf(dir)), 'one')!;
    const [a, b] = again.facts['collect/routes'];
    expect(a.middleware).not.toBe(b.middleware);
  });
});

describe('an entry set with its line', () => {
  it('serves its records from the line, without the records as objects', () => {
    const dir = tempDir();
    const cache = new FactCache(dir, 's', sealOf(dir));
    const line = new TextEncoder().encode(cacheLine('k1', entry(1)));
    cache.set('k1', { findings: [], errors: [] }, line);
    expect(cache.hasFacts('k1', 'collect/routes')).toBe(true);
    expect(cache.hasFacts('k1', 'collect/symbols')).toBe(false);
    expect(cache.facts('k1', 'collect/routes')).toEqual(entry(1).facts['collect/routes']);
    // Written as it was given: a second run reads the same records.
    cache.save();
    expect(whole(new FactCache(dir, 's', sealOf(dir)), 'k1')).toEqual(entry(1));
  });
  it('has no records to serve from a line that is not an entry (the file is processed again)', () => {
    const dir = tempDir();
    const cache = new FactCache(dir, 's', sealOf(dir));
    cache.set('k1', { findings: [], errors: [] }, new TextEncoder().encode('not a cache line'));
    expect(cache.hasFacts('k1', 'collect/routes')).toBe(false);
    expect(cache.facts('k1', 'collect/routes')).toBeUndefined();
  });
});
