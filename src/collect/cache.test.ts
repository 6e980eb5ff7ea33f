import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FactCache, type CachedFile } from './cache.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function roundTrip(files: Record<string, CachedFile>): { read: (k: string) => CachedFile | undefined; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verdict-cache-test-'));
  dirs.push(dir);
  const write = new FactCache(dir, 'salt');
  for (const [k, v] of Object.entries(files)) write.set(k, v);
  write.save();
  const read = new FactCache(dir, 'salt');
  return { read: (k) => read.get(k), text: readFileSync(join(dir, 'facts.json'), 'utf8') };
}

describe('FactCache', () => {
  it('gives back every record as collected and in order: shapes, repeated strings and values, strings that look like references', () => {
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
      hosts: ['collect/routes', 'collect/modules'],
      errors: [],
      diagnostics: [{ problem: 'p', action: 'a' }],
    };
    const other: CachedFile = { facts: {}, findings: [], hosts: ['collect/routes', 'collect/modules'], errors: [] };
    const { read, text } = roundTrip({ one: file, two: other });
    expect(read('one')).toEqual(file);
    expect(read('two')).toEqual(other);
    expect(text.split('../middleware/auth').length - 1).toBe(1);
    const again = read('one')!;
    const [a, b] = again.facts['collect/routes'];
    expect(a.middleware).not.toBe(b.middleware);
  });

  it('misses on another salt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-cache-test-'));
    dirs.push(dir);
    const write = new FactCache(dir, 'one');
    write.set('k', { facts: {}, findings: [], hosts: [], errors: [] });
    write.save();
    expect(new FactCache(dir, 'two').get('k')).toBeUndefined();
  });
});
