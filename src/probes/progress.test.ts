import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../model/run.js';
import { createProgress } from './progress.js';
import { validateConfig } from '../config/validate.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, columns: 80, write: (t: string) => { writes.push(t); return true; } } as unknown as NodeJS.WriteStream };
}
const result = (over: Partial<ProbeResult>): ProbeResult => ({
  kind: 'tests', package: 'api', status: 'ran', reason: null, command: 'vitest run', cwd: '.', exitCode: 1, signal: null,
  durationMs: 2345, timedOut: false, figures: {}, diagnosis: [], outputExcerpt: '', ...over,
});

describe('probe progress', () => {
  it('in CI (no TTY): one line per finished probe, nothing while running', () => {
    const { writes, s } = stream(false);
    const p = createProgress(s);
    p.start(1, 'tests [api]');
    p.finish(1, result({}));
    p.finish(2, result({ kind: 'typecheck', package: null, timedOut: true, exitCode: null, durationMs: 300000 }));
    p.stop();
    expect(writes).toEqual(['verdict: probe tests [api]: exit 1 in 2.3 s\n', 'verdict: probe typecheck: timed out after 300.0 s\n']);
  });

  it('on a TTY: a live line with each running probe and its elapsed time', () => {
    const { writes, s } = stream(true);
    const p = createProgress(s);
    p.start(1, 'typecheck [api]');
    p.stop();
    expect(writes[0]).toBe('\r\x1b[Kverdict: running typecheck [api] 0s');
  });
});

describe('probes config', () => {
  it('accepts per-kind overrides and rejects unknown keys with the path', () => {
    expect(validateConfig({ probes: { tests: { timeout: 30, heapMb: 512 }, audit: { off: true }, concurrency: 1 } }, 'v.json').probes?.tests?.timeout).toBe(30);
    expect(() => validateConfig({ probes: { tests: { timeot: 30 } } }, 'v.json')).toThrow(/probes\.tests/);
  });
});
