// What a probe's process left behind is read as untrusted: a link where a report, a coverage summary
// or a build output folder was expected leads nowhere, and an oversized file is not loaded.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfined } from '../util/confined-read.js';
import { measureBuild } from './measure.js';
import { readProbe } from './read.js';
import type { PlannedProbe } from './plan.js';
import type { RunResult } from './runner.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'verdict-confined-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readConfined', () => {
  it('reads a regular file inside its folder, and refuses links, folders, escapes and oversized files, saying why', () => {
    const root = temp();
    const outside = temp();
    writeFileSync(join(outside, 'id_rsa'), 'PRIVATE');
    writeFileSync(join(root, 'ok.json'), '{"a":1}');
    symlinkSync(join(outside, 'id_rsa'), join(root, 'link.json'));
    symlinkSync(outside, join(root, 'out'));
    mkdirSync(join(root, 'dir.json'));
    writeFileSync(join(root, 'big.json'), '');
    truncateSync(join(root, 'big.json'), 2048);
    expect(readConfined(join(root, 'ok.json'), root, 1024).bytes?.toString()).toBe('{"a":1}');
    expect(readConfined(join(root, 'link.json'), root, 1024)).toEqual({ bytes: null, problem: expect.stringContaining('a link, not read') });
    // The last part is a file, but the folder before it is a link out of the root.
    expect(readConfined(join(root, 'out', 'id_rsa'), root, 1024)).toEqual({ bytes: null, problem: expect.stringContaining('reached through a link out of') });
    expect(readConfined(join(root, 'dir.json'), root, 1024).problem).toContain('not a regular file');
    expect(readConfined(join(root, 'big.json'), root, 1024).problem).toContain('2048 bytes, over the 1024');
    expect(readConfined(join(root, 'missing.json'), root, 1024)).toEqual({ bytes: null, problem: null });
  });
});

const result = (over: Partial<RunResult> = {}): RunResult => ({ exitCode: 0, signal: null, stdout: '', stderr: '', timedOut: false, durationMs: 1, ...over } as RunResult);

describe('reading what a probe left', () => {
  it('takes no test report, coverage or manifest figures through a link the tests left', () => {
    const root = temp();
    const outside = temp();
    // JSON that would pass for each file: a link to it must not put its numbers in the report.
    writeFileSync(join(outside, 'report.json'), JSON.stringify({ numTotalTests: 99, numPassedTests: 99, numFailedTests: 0, testResults: [] }));
    writeFileSync(join(outside, 'summary.json'), JSON.stringify({ total: { lines: { pct: 100 } } }));
    writeFileSync(join(outside, 'package.json'), JSON.stringify({ jest: { coverageThreshold: { global: { lines: 1 } } } }));
    const reports = join(root, 'reports');
    mkdirSync(reports);
    symlinkSync(join(outside, 'report.json'), join(reports, 'jest.json'));
    mkdirSync(join(root, 'coverage'));
    symlinkSync(join(outside, 'summary.json'), join(root, 'coverage', 'coverage-summary.json'));
    symlinkSync(join(outside, 'package.json'), join(root, 'package.json'));
    const p = { kind: 'test', reader: 'jest-json', reportFile: join(reports, 'jest.json'), cwd: root, pkgPath: '.' } as unknown as PlannedProbe;
    const read = readProbe(p, result({ stdout: 'no summary printed' }), { root, started: 0, frontend: false, manager: 'npm' });
    expect(read.figures).not.toHaveProperty('coverage');
    expect(read.figures).not.toHaveProperty('coverageThresholdFromRepo');
    expect(read.figures).not.toMatchObject({ total: 99 });

    // The same files, really there: read.
    rmSync(join(reports, 'jest.json'));
    rmSync(join(root, 'coverage', 'coverage-summary.json'));
    writeFileSync(join(reports, 'jest.json'), JSON.stringify({ numTotalTests: 3, numPassedTests: 3, numFailedTests: 0, testResults: [] }));
    writeFileSync(join(root, 'coverage', 'coverage-summary.json'), JSON.stringify({ total: { lines: { pct: 80 } } }));
    const real = readProbe(p, result(), { root, started: 0, frontend: false, manager: 'npm' });
    expect(real.figures).toMatchObject({ coverage: { lines: 80 } });
  });

  it('measures no build output through a linked output folder, and does not compress linked files', () => {
    const pkg = temp();
    const outside = temp();
    for (let i = 0; i < 3; i++) writeFileSync(join(outside, `secret-${i}.js.map`), 'x'.repeat(1000));
    symlinkSync(outside, join(pkg, 'dist'));
    expect(measureBuild(pkg, '.', 0, false)).toMatchObject({ outputDir: null, files: 0 });
    rmSync(join(pkg, 'dist'));
    mkdirSync(join(pkg, 'dist'));
    writeFileSync(join(pkg, 'dist', 'index.js'), 'console.log(1)\n'.repeat(100));
    symlinkSync(join(outside, 'secret-0.js.map'), join(pkg, 'dist', 'linked.js.map'));
    const m = measureBuild(pkg, '.', 0, false);
    expect(m.files).toBe(1);
    expect(m.sourceMaps).toEqual([]);
    expect(m.gzipBytes).toBeGreaterThan(0);
  });
});
