// The version matrix: one tiny fixture per tool and major version that real repositories use
// (test/fixtures/repos/matrix-*), each with its own lockfile, installed from the registry into the
// user cache folder once (test/helpers/probe-workspace.ts) and run through the probes. Every figure
// is exact: a flag a version rejects, a report format that moved, a count a version gets wrong
// all show up here as a wrong number, not as a NO-GO on someone's repository.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/discover/index.js';
import type { ProbeResult } from '../src/model/run.js';
import { runProbes } from '../src/probes/index.js';
import { fixtureInstall, installedFixtureRepo } from './helpers/probe-workspace.js';
import { removeRepo } from './helpers/repo.js';

interface Case {
  fixture: string;
  kind: 'tests' | 'typecheck' | 'lint';
  command: string;
  tool: ProbeResult['tool'];
  figures: Record<string, unknown>;
  /** file:line of each failing test, type error or lint message. */
  at: string[];
}

const TESTS = { files: 1, total: 4, passed: 2, failed: 1, skipped: 1, todo: 0, failedFiles: [], noTests: false };
const VITEST_FLAGS = "--reporter=default --reporter=json '--outputFile.json=<tmp>/vitest.json'";
const JEST_FLAGS = "--ci --json '--outputFile=<tmp>/jest.json' --testLocationInResults";
const MOCHA_FLAGS = "--reporter json --reporter-option 'output=<tmp>/mocha.json'";
// `summarised`: tsc printed no "Found N errors" total with --pretty false, so the count is its own (and a cut output would make it a lower bound).
const TSC = { errors: 4, byCode: { TS2322: 2, TS2304: 1, TS2345: 1 }, byFile: { 'src/index.ts': 4 }, filesWithErrors: 1, errorsPerFile: 4, globalErrors: 0, summarised: false };
const TSC_AT = ['src/index.ts:1 TS2322', 'src/index.ts:2 TS2322', 'src/index.ts:8 TS2345', 'src/index.ts:9 TS2304'];
const ESLINT = { tool: 'eslint', files: 1, errors: 3, warnings: 1, errorsByRule: { eqeqeq: 1, 'no-undef': 1, 'no-unused-vars': 1 }, warningsByRule: { 'no-console': 1 } };
const ESLINT_AT = ['src/check.js:1 no-unused-vars', 'src/check.js:4 eqeqeq', 'src/check.js:4 no-console', 'src/check.js:5 no-undef'];

const CASES: Case[] = [
  { fixture: 'matrix-vitest-1', kind: 'tests', command: `vitest run ${VITEST_FLAGS}`, tool: { name: 'vitest', version: '1.6.1', flags: '>=1.0.0 <3.0.0' }, figures: { ...TESTS, source: 'vitest-json' }, at: ['test/math.test.js:12'] },
  { fixture: 'matrix-vitest-2', kind: 'tests', command: `vitest run ${VITEST_FLAGS}`, tool: { name: 'vitest', version: '2.1.9', flags: '>=1.0.0 <3.0.0' }, figures: { ...TESTS, source: 'vitest-json' }, at: ['test/math.test.js:12'] },
  { fixture: 'matrix-vitest-3', kind: 'tests', command: `vitest run ${VITEST_FLAGS} --includeTaskLocation`, tool: { name: 'vitest', version: '3.2.4', flags: '>=3.0.0 <5.0.0' }, figures: { ...TESTS, source: 'vitest-json' }, at: ['test/math.test.js:10'] },
  { fixture: 'matrix-vitest-4', kind: 'tests', command: `vitest run ${VITEST_FLAGS} --includeTaskLocation`, tool: { name: 'vitest', version: '4.1.12', flags: '>=3.0.0 <5.0.0' }, figures: { ...TESTS, source: 'vitest-json' }, at: ['test/math.test.js:10'] },
  { fixture: 'matrix-jest-27', kind: 'tests', command: `jest ${JEST_FLAGS}`, tool: { name: 'jest', version: '27.5.1', flags: '>=27.0.0 <31.0.0' }, figures: { ...TESTS, source: 'jest-json' }, at: ['test/math.test.js:8'] },
  { fixture: 'matrix-jest-29', kind: 'tests', command: `jest ${JEST_FLAGS}`, tool: { name: 'jest', version: '29.7.0', flags: '>=27.0.0 <31.0.0' }, figures: { ...TESTS, source: 'jest-json' }, at: ['test/math.test.js:8'] },
  { fixture: 'matrix-jest-30', kind: 'tests', command: `jest ${JEST_FLAGS}`, tool: { name: 'jest', version: '30.2.0', flags: '>=27.0.0 <31.0.0' }, figures: { ...TESTS, source: 'jest-json' }, at: ['test/math.test.js:8'] },
  { fixture: 'matrix-mocha-10', kind: 'tests', command: `mocha ${MOCHA_FLAGS}`, tool: { name: 'mocha', version: '10.8.2', flags: '>=10.0.0 <12.0.0' }, figures: { ...TESTS, source: 'mocha-json' }, at: ['test/math.test.js:12'] },
  { fixture: 'matrix-mocha-11', kind: 'tests', command: `mocha ${MOCHA_FLAGS}`, tool: { name: 'mocha', version: '11.7.5', flags: '>=10.0.0 <12.0.0' }, figures: { ...TESTS, source: 'mocha-json' }, at: ['test/math.test.js:12'] },
  { fixture: 'matrix-node-test', kind: 'tests', command: 'npm run test', tool: undefined, figures: { ...TESTS, files: 0, durationMs: null, source: 'text' }, at: ['test/math.test.js:11'] },
  { fixture: 'matrix-tsc-4.9', kind: 'typecheck', command: 'tsc --noEmit -p tsconfig.json --pretty false', tool: { name: 'tsc', version: '4.9.5', flags: '>=4.0.0 <6.0.0' }, figures: TSC, at: TSC_AT },
  { fixture: 'matrix-tsc-5', kind: 'typecheck', command: 'tsc --noEmit -p tsconfig.json --pretty false', tool: { name: 'tsc', version: '5.9.3', flags: '>=4.0.0 <6.0.0' }, figures: TSC, at: TSC_AT },
  { fixture: 'matrix-eslint-8', kind: 'lint', command: "eslint . -f json -o '<tmp>/eslint.json'", tool: { name: 'eslint', version: '8.57.1', flags: '>=8.0.0 <10.0.0' }, figures: ESLINT, at: ESLINT_AT },
  // ESLint 9 lints its own eslint.config.js too: 2 files.
  { fixture: 'matrix-eslint-9', kind: 'lint', command: "eslint . -f json -o '<tmp>/eslint.json'", tool: { name: 'eslint', version: '9.39.5', flags: '>=8.0.0 <10.0.0' }, figures: { ...ESLINT, files: 2 }, at: ESLINT_AT },
  {
    fixture: 'matrix-biome-1', kind: 'lint', command: 'biome lint ./src --reporter=json', tool: { name: 'biome', version: '1.9.4', flags: '>=1.9.0 <3.0.0' },
    figures: { tool: 'biome', files: 1, errors: 3, warnings: 0, errorsByRule: { 'lint/style/noVar': 1, 'lint/suspicious/noDebugger': 1, 'lint/suspicious/noDoubleEquals': 1 }, warningsByRule: {} },
    at: ['src/check.js:2 lint/suspicious/noDoubleEquals', 'src/check.js:6 lint/suspicious/noDebugger', 'src/check.js:5 lint/style/noVar'],
  },
  {
    fixture: 'matrix-biome-2', kind: 'lint', command: 'biome lint ./src --reporter=json', tool: { name: 'biome', version: '2.6.9', flags: '>=1.9.0 <3.0.0' },
    figures: { tool: 'biome', files: 1, errors: 2, warnings: 0, errorsByRule: { 'lint/suspicious/noDebugger': 1, 'lint/suspicious/noDoubleEquals': 1 }, warningsByRule: {} },
    at: ['src/check.js:2 lint/suspicious/noDoubleEquals', 'src/check.js:6 lint/suspicious/noDebugger'],
  },
];

const roots: string[] = [];

beforeAll(async () => {
  // Two installs at a time: the cold run fetches every fixture's tools from the registry once.
  const queue = CASES.map((c) => c.fixture).filter((f) => f !== 'matrix-node-test');
  await Promise.all([0, 1].map(async () => {
    for (let f = queue.shift(); f; f = queue.shift()) await fixtureInstall(f);
  }));
}, 900_000);
afterAll(() => { for (const r of roots) removeRepo(r); });

async function probe(fixture: string, kind: string): Promise<ProbeResult> {
  const root = await installedFixtureRepo(fixture);
  roots.push(root);
  const results = await runProbes(discover(root), { exec: true, config: { audit: { off: true } }, quiet: true });
  const found = results.filter((p) => p.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

function locations(p: ProbeResult): string[] {
  const f = p.figures as { failures?: Array<{ file: string; line: number }>; diagnostics?: Array<{ file: string; line: number; code: string }>; messages?: Array<{ file: string; line: number; ruleId: string }> };
  if (f.failures) return f.failures.map((x) => `${x.file}:${x.line}`);
  if (f.diagnostics) return f.diagnostics.map((x) => `${x.file}:${x.line} ${x.code}`);
  return (f.messages ?? []).map((x) => `${x.file}:${x.line} ${x.ruleId}`);
}

describe('probe version matrix', () => {
  it.each(CASES.map((c) => [c.fixture, c] as const))('%s', async (_name, c) => {
    const p = await probe(c.fixture, c.kind);
    expect([p.status, p.command, p.tool, p.rejectedInvocation]).toEqual(['ran', c.command, c.tool, undefined]);
    const { failures: _f, diagnostics: _d, messages: _m, durationMs, ...figures } = p.figures as Record<string, unknown>;
    if (c.kind === 'tests' && c.figures.durationMs === undefined) expect(durationMs).toBeGreaterThanOrEqual(0);
    expect({ ...figures, ...(c.figures.durationMs === undefined ? {} : { durationMs }) }).toEqual(c.figures);
    expect(locations(p)).toEqual(c.at);
  }, 120_000);
});
