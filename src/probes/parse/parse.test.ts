import { describe, expect, it } from 'vitest';
import { parseAudit } from './audit.js';
import { parseBiomeJson } from './lint.js';
import { parseJestJson, parseMochaJson, parseTestText } from './tests.js';
import { parseTsc } from './typecheck.js';

const same = (p: string) => p;

describe('tsc output', () => {
  it('reads the pretty form, files relative to the probe cwd, and global errors', () => {
    const out = [
      '\x1b[96msrc/a.ts\x1b[0m:\x1b[93m3\x1b[0m:\x1b[93m7\x1b[0m - \x1b[91merror\x1b[0m\x1b[90m TS2322: \x1b[0mType \'string\' is not assignable to type \'number\'.',
      '',
      'error TS5083: Cannot read file \'/x/tsconfig.base.json\'.',
      'Found 2 errors in 1 file.',
    ].join('\n');
    const f = parseTsc(out, (p) => `packages/api/${p}`);
    expect(f).toEqual({
      errors: 2, byCode: { TS2322: 1, TS5083: 1 }, byFile: { 'packages/api/src/a.ts': 1 }, filesWithErrors: 1, errorsPerFile: 1, globalErrors: 1, summarised: true,
      diagnostics: [{ file: 'packages/api/src/a.ts', line: 3, column: 7, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." }],
    });
  });

  it('takes tsc\'s own total over the lines it could count', () => {
    const line = "src/a.ts(1,1): error TS2322: Type 'string' is not assignable to type 'number'.";
    const cut = `${line}\n…[99 characters omitted]…\n${line}\nFound 5000 errors in 1 file.\n`;
    expect(parseTsc(cut, same)).toMatchObject({ errors: 5000, summarised: true });
    expect(parseTsc(`${line}\n${line}\n`, same)).toMatchObject({ errors: 2, summarised: false });
  });
});

describe('test runner text summaries (composite scripts)', () => {
  it.each([
    ['vitest', ' Test Files  1 failed | 2 passed (3)\n      Tests  2 failed | 5 passed | 1 skipped | 1 todo (9)\n', { files: 3, total: 9, passed: 5, failed: 2, skipped: 1, todo: 1 }],
    ['jest', 'Test Suites: 1 failed, 1 passed, 2 total\nTests:       1 failed, 1 skipped, 4 passed, 6 total\n', { files: 2, total: 6, passed: 4, failed: 1, skipped: 1, todo: 0 }],
    ['node:test', '# tests 5\n# suites 0\n# pass 3\n# fail 1\n# cancelled 1\n# skipped 0\n# todo 0\n', { files: 0, total: 5, passed: 3, failed: 2, skipped: 0, todo: 0 }],
    ['mocha', '  5 passing (20ms)\n  1 pending\n  2 failing\n', { files: 0, total: 8, passed: 5, failed: 2, skipped: 1, todo: 0 }],
  ])('%s', (_name, text, want) => {
    const f = parseTestText(text)!;
    expect({ files: f.files, total: f.total, passed: f.passed, failed: f.failed, skipped: f.skipped, todo: f.todo }).toEqual(want);
  });

  it('returns null when nothing is recognised', () => {
    expect(parseTestText('Error: Cannot find module')).toBeNull();
  });
});

describe('mocha JSON reporter', () => {
  it('reads stats and failures with file:line from the stack', () => {
    const json = {
      stats: { suites: 1, tests: 3, passes: 2, pending: 0, failures: 1, duration: 12 },
      tests: [{ file: '/r/test/a.spec.js' }, { file: '/r/test/a.spec.js' }, { file: '/r/test/b.spec.js' }],
      failures: [{ title: 'adds', fullTitle: 'math adds', file: '/r/test/a.spec.js', err: { message: 'expected 2 to equal 3', stack: 'AssertionError: expected 2 to equal 3\n    at Context.<anonymous> (/r/test/a.spec.js:7:12)' } }],
    };
    const f = parseMochaJson(json, (p) => p.replace('/r/', ''))!;
    expect([f.files, f.total, f.passed, f.failed]).toEqual([2, 3, 2, 1]);
    expect(f.failures).toEqual([{ name: 'math adds', file: 'test/a.spec.js', line: 7, error: 'expected 2 to equal 3\nAssertionError: expected 2 to equal 3\n    at Context.<anonymous> (/r/test/a.spec.js:7:12)' }]);
  });
});

describe('vitest JSON reporter', () => {
  it('counts from each test\'s status: vitest 1 puts skipped tests in numPassedTests', () => {
    const json = {
      numTotalTests: 4, numPassedTests: 3, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, startTime: 1,
      testResults: [{ name: '/r/test/a.test.js', status: 'failed', endTime: 2, assertionResults: [
        { status: 'passed', title: 'a', ancestorTitles: [] }, { status: 'passed', title: 'b', ancestorTitles: [] },
        { status: 'failed', title: 'c', ancestorTitles: ['m'], failureMessages: ['AssertionError: x\n    at /r/test/a.test.js:12:5'] },
        { status: 'skipped', title: 'd', ancestorTitles: [] },
      ] }],
    };
    const f = parseJestJson(json, 'vitest-json', (p) => p.replace('/r/', ''))!;
    expect([f.total, f.passed, f.failed, f.skipped, f.todo]).toEqual([4, 2, 1, 1, 0]);
    expect(f.failures.map((x) => `${x.name} @ ${x.file}:${x.line}`)).toEqual(['m > c @ test/a.test.js:12']);
    // jest's own totals are right: they are kept as they are.
    expect(parseJestJson(json, 'jest-json', same)!.passed).toBe(3);
  });
});

describe('mocha stack frames', () => {
  it('finds the failing line in a frame printed relative to mocha\'s working folder', () => {
    const json = {
      stats: { tests: 1, passes: 0, pending: 0, failures: 1 },
      tests: [{ file: '/r/test/a.test.js' }],
      failures: [{ fullTitle: 'a b', file: '/r/test/a.test.js', err: { message: 'x', stack: 'AssertionError: x\n    at Context.<anonymous> (test/a.test.js:8:12)\n    at process.processImmediate (node:internal/timers:483:21)' } }],
    };
    expect(parseMochaJson(json, same)!.failures[0].line).toBe(8);
  });
});

describe('biome JSON reporter', () => {
  it('reads positions from Biome 1 (a byte span into the source) and Biome 2 (line and column)', () => {
    const source = 'const é = 1;\nif (a == 1) {}\n';
    const f = parseBiomeJson({ diagnostics: [
      { category: 'lint/suspicious/noDoubleEquals', severity: 'error', description: 'Use ===', location: { path: { file: './src/a.js' }, span: [20, 22], sourceCode: source } },
      { category: 'lint/suspicious/noDebugger', severity: 'error', message: 'debugger', location: { path: 'src/b.js', start: { line: 6, column: 3 } } },
    ] }, same)!;
    expect(f.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.message}`)).toEqual(['./src/a.js:2:7 Use ===', 'src/b.js:6:3 debugger']);
  });


  it('counts errors and warnings by rule', () => {
    const f = parseBiomeJson({
      summary: { filesProcessed: 4 },
      diagnostics: [
        { category: 'lint/suspicious/noDoubleEquals', severity: 'error', description: 'Use === instead of ==', location: { path: { file: 'src/a.ts' } } },
        { category: 'lint/style/useConst', severity: 'warning', description: 'Use const', location: { path: { file: 'src/b.ts' } } },
        { category: 'format', severity: 'information', description: 'formatted', location: { path: { file: 'src/b.ts' } } },
      ],
    }, same)!;
    expect([f.files, f.errors, f.warnings, f.errorsByRule, f.warningsByRule]).toEqual([4, 1, 1, { 'lint/suspicious/noDoubleEquals': 1 }, { 'lint/style/useConst': 1 }]);
  });
});

describe('dependency audit output', () => {
  it('yarn 1 NDJSON: advisories de-duplicated by id', () => {
    const lines = [
      { type: 'auditAdvisory', data: { resolution: { id: 1001, path: 'minimist' }, advisory: { id: 1001, module_name: 'minimist', severity: 'critical', title: 'Prototype Pollution' } } },
      { type: 'auditAdvisory', data: { resolution: { id: 1001, path: 'x>minimist' }, advisory: { id: 1001, module_name: 'minimist', severity: 'critical', title: 'Prototype Pollution' } } },
      { type: 'auditSummary', data: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 1 } } },
    ].map((l) => JSON.stringify(l)).join('\n');
    expect(parseAudit('yarn', lines, '')).toEqual({ ok: true, figures: { total: 1, bySeverity: { critical: 1, high: 0, moderate: 0, low: 0, info: 0 }, packages: [{ name: 'minimist', severity: 'critical', title: 'Prototype Pollution' }] } });
  });

  it('yarn 1 refused (HTTP 405 from registry.yarnpkg.com) and npm 405 are refusals, never 0 advisories', () => {
    const yarn = JSON.stringify({ type: 'error', data: 'Error: https://registry.yarnpkg.com/-/npm/v1/security/audits: Request "https://registry.yarnpkg.com/-/npm/v1/security/audits" returned a 405' });
    expect(parseAudit('yarn', yarn, '')).toEqual({ ok: false, reason: 'yarn audit gave no report: Error: https://registry.yarnpkg.com/-/npm/v1/security/audits: Request "https://registry.yarnpkg.com/-/npm/v1/security/audits" returned a 405' });
    const npm = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(parseAudit('npm', npm, '')).toEqual({ ok: false, reason: 'the registry refused the audit: 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk' });
    expect(parseAudit('npm', '', 'npm error network request failed')).toEqual({ ok: false, reason: 'npm audit gave no report: npm error network request failed' });
  });
});
