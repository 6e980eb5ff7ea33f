import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose, RECOGNISERS, type DiagnoseContext } from './diagnose.js';

const DIR = new URL('../../test/fixtures/diagnosis/', import.meta.url);
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const ctx = (output: string, over: Partial<DiagnoseContext> = {}): DiagnoseContext => ({
  kind: 'tests', output, timedOut: false, timeoutMs: 600_000, heapMb: 4096, workspacePackages: ['@acme/shared'], packageManager: 'npm', ...over,
});

describe('probe failure diagnosis', () => {
  it('has a fixture for every recogniser', () => {
    const ids = new Set(fixtures.map((f) => f.replace(/(--[\w-]+)?\.txt$/, '')));
    expect([...ids].sort()).toEqual(RECOGNISERS.map((r) => r.id).sort());
  });

  it.each(fixtures)('%s is recognised as exactly its id', (file) => {
    const out = diagnose(ctx(readFileSync(new URL(file, DIR), 'utf8')));
    expect(out.map((d) => d.id)).toEqual([file.replace(/(--[\w-]+)?\.txt$/, '')]);
    expect(out[0].fix.length).toBeGreaterThan(20);
  });

  it('says workers x heap where the output shows several crashed processes', () => {
    const [d] = diagnose(ctx(readFileSync(new URL('heap-out-of-memory.txt', DIR), 'utf8')));
    expect(d.message).toBe('JavaScript heap out of memory: 2 processes hit the 2048 MB heap limit (2 workers x 2048 MB = 4096 MB)');
  });

  it('names the binding and the platform, and the package manager in the fix', () => {
    const [d] = diagnose(ctx(readFileSync(new URL('native-binding-missing.txt', DIR), 'utf8'), { packageManager: 'pnpm' }));
    expect(d.message).toBe(`a native optional dependency is missing for this platform (${process.platform}-${process.arch}): @rollup/rollup-linux-x64-gnu`);
    expect(d.fix).toContain('(pnpm install)');
  });

  it('a killed run is diagnosed as a timeout even with nothing printed', () => {
    expect(diagnose(ctx('', { timedOut: true, timeoutMs: 6000 })).map((d) => d.message)).toEqual(['the tests run did not finish within 6 s and its whole process tree was killed']);
  });

  it('stays silent on an ordinary failure', () => {
    expect(diagnose(ctx('FAIL test/a.test.ts > adds\nAssertionError: expected 2 to be 3'))).toEqual([]);
  });
});
