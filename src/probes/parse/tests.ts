// Test runner output -> figures: the Jest-shaped JSON that vitest and jest write, mocha's JSON
// reporter, and the text summaries of vitest, jest, mocha and node:test for composite scripts.
export interface FailingTest {
  name: string;
  file: string | null;
  line: number | null;
  /** The first lines of the error. */
  error: string;
}

export interface TestFigures {
  files: number;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
  durationMs: number | null;
  /** Which output the figures come from: vitest-json, jest-json, mocha-json or text. */
  source: string;
  failures: FailingTest[];
  /** Suites that failed to load (an import error fails the file without any test). */
  failedFiles: Array<{ file: string; error: string }>;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The message lines and the first stack frame outside node_modules: what a reader needs first. */
export function firstLines(text: string, n = 6): string {
  const lines = text.replace(ANSI, '').split(/\r?\n/).filter((l) => l.trim());
  const out: string[] = [];
  let frame = false;
  for (const l of lines) {
    if (/^\s+at /.test(l)) {
      if (frame || /node_modules|node:internal|\(<anonymous>\)$/.test(l)) continue;
      frame = true;
    }
    out.push(l);
    if (out.length >= n) break;
  }
  return out.join('\n');
}

/**
 * The line of the first stack frame inside `file` (absolute), where the assertion failed. Mocha
 * prints frames relative to its working folder (`test/a.test.js:7:12`), so a frame whose path is a
 * tail of `file` counts too.
 */
function lineInStack(text: string, file: string): number | null {
  for (const m of text.matchAll(/(?:\(|at |^)\s*((?:file:\/\/)?[^\s()]+?):(\d+)(?::\d+)?\)?$/gm)) {
    const path = m[1].replace(/^file:\/\//, '').replace(/^\.\//, '');
    if (path === file || (!path.startsWith('/') && file.endsWith(`/${path}`))) return Number(m[2]);
  }
  return null;
}

/**
 * vitest 1 counts skipped tests as passed in numPassedTests (and leaves numPendingTests at 0); each
 * test's own status is right in every version, so vitest's figures come from those when they add up.
 */
function counts(json: Rec, source: string): Pick<TestFigures, 'passed' | 'failed' | 'skipped' | 'todo'> {
  const top = { passed: num(json.numPassedTests), failed: num(json.numFailedTests), skipped: num(json.numPendingTests), todo: num(json.numTodoTests) };
  if (source !== 'vitest-json') return top;
  const statuses = (json.testResults as unknown[]).filter(isRec)
    .flatMap((s) => (Array.isArray(s.assertionResults) ? s.assertionResults.filter(isRec).map((a) => String(a.status)) : []));
  if (statuses.length !== num(json.numTotalTests)) return top;
  const n = (...names: string[]) => statuses.filter((x) => names.includes(x)).length;
  return { passed: n('passed'), failed: n('failed'), skipped: n('skipped', 'pending', 'disabled'), todo: n('todo') };
}

/** Jest-shaped JSON (vitest's json reporter writes the same shape). */
export function parseJestJson(json: unknown, source: string, toRepoPath: (abs: string) => string): TestFigures | null {
  if (!isRec(json) || !Array.isArray(json.testResults)) return null;
  const failures: FailingTest[] = [];
  const failedFiles: TestFigures['failedFiles'] = [];
  for (const suite of json.testResults.filter(isRec)) {
    const abs = String(suite.name ?? suite.testFilePath ?? '');
    const assertions = Array.isArray(suite.assertionResults) ? suite.assertionResults.filter(isRec) : [];
    if (suite.status === 'failed' && assertions.every((a) => a.status !== 'failed')) {
      failedFiles.push({ file: toRepoPath(abs), error: firstLines(String(suite.message ?? 'the test file failed to run')) });
    }
    for (const a of assertions) {
      if (a.status !== 'failed') continue;
      const messages = Array.isArray(a.failureMessages) ? a.failureMessages.map(String).join('\n') : '';
      const loc = isRec(a.location) ? num(a.location.line) || null : null;
      failures.push({
        name: Array.isArray(a.ancestorTitles) && typeof a.title === 'string'
          ? [...a.ancestorTitles.map(String), a.title].join(' > ')
          : String(a.fullName ?? a.title ?? '(unnamed test)').trim(),
        file: abs ? toRepoPath(abs) : null,
        line: loc ?? (abs ? lineInStack(messages, abs) : null),
        error: firstLines(messages),
      });
    }
  }
  const start = num(json.startTime);
  const ends = json.testResults.filter(isRec).map((s) => num(s.endTime));
  return {
    files: json.testResults.length,
    total: num(json.numTotalTests),
    ...counts(json, source),
    durationMs: start && ends.length ? Math.max(0, Math.max(...ends) - start) : null,
    source,
    failures,
    failedFiles,
  };
}

export function parseMochaJson(json: unknown, toRepoPath: (abs: string) => string): TestFigures | null {
  if (!isRec(json) || !isRec(json.stats)) return null;
  const s = json.stats;
  const failures = (Array.isArray(json.failures) ? json.failures.filter(isRec) : []).map((f) => {
    const err = isRec(f.err) ? f.err : {};
    const abs = typeof f.file === 'string' ? f.file : '';
    const text = `${String(err.message ?? '')}\n${String(err.stack ?? '')}`;
    return {
      name: String(f.fullTitle ?? f.title ?? '(unnamed test)'),
      file: abs ? toRepoPath(abs) : null,
      line: abs ? lineInStack(String(err.stack ?? ''), abs) : null,
      error: firstLines(text),
    };
  });
  const files = new Set((Array.isArray(json.tests) ? json.tests.filter(isRec) : []).map((t) => t.file));
  return {
    files: files.size, total: num(s.tests), passed: num(s.passes), failed: num(s.failures), skipped: num(s.pending),
    todo: 0, durationMs: num(s.duration) || null, source: 'mocha-json', failures, failedFiles: [],
  };
}

const count = (text: string, re: RegExp): number | null => {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
};

/** node:test's TAP failures: `not ok N - name` with a YAML block holding location and error. */
function tapFailures(text: string, toRepoPath: (abs: string) => string): FailingTest[] {
  const out: FailingTest[] = [];
  for (const m of text.matchAll(/^(\s*)not ok \d+ - (.+)\n\1 {2}---\n([\s\S]*?)\n\1 {2}\.\.\./gm)) {
    const block = m[3];
    if (/failureType: 'subtestsFailed'/.test(block)) continue;
    const loc = /location: '(.+):(\d+):\d+'/.exec(block);
    const err = /error: (?:\|-\n([\s\S]*?)(?:\n {2}\S|$)|'(.*)')/.exec(block);
    out.push({
      name: m[2].trim(),
      file: loc ? toRepoPath(loc[1]) : null,
      line: loc ? Number(loc[2]) : null,
      error: firstLines((err?.[1] ?? err?.[2] ?? '').split('\n').map((l) => l.trim()).join('\n')),
    });
  }
  return out;
}

/** Summaries printed by vitest, jest, mocha and node:test; null when none is recognised. */
export function parseTestText(output: string, toRepoPath: (abs: string) => string = (p) => p): TestFigures | null {
  const text = output.replace(ANSI, '');
  const base = { durationMs: null, source: 'text', failures: [] as FailingTest[], failedFiles: [] };
  const vitest = /^\s*Tests\s+(.*)\((\d+)\)\s*$/m.exec(text);
  if (vitest && /Test Files/.test(text)) {
    const part = (w: string) => count(vitest[1], new RegExp(`(\\d+) ${w}`)) ?? 0;
    const files = /^\s*Test Files\s+.*\((\d+)\)\s*$/m.exec(text);
    return { ...base, files: files ? Number(files[1]) : 0, total: Number(vitest[2]), passed: part('passed'), failed: part('failed'), skipped: part('skipped'), todo: part('todo') };
  }
  const jest = /^Tests:\s+(.*)$/m.exec(text);
  if (jest) {
    const part = (w: string) => count(jest[1], new RegExp(`(\\d+) ${w}`)) ?? 0;
    const suites = /^Test Suites:.*?(\d+) total/m.exec(text);
    return { ...base, files: suites ? Number(suites[1]) : 0, total: part('total'), passed: part('passed'), failed: part('failed'), skipped: part('skipped'), todo: part('todo') };
  }
  const nodePass = count(text, /^[#ℹ] pass (\d+)/m);
  if (nodePass !== null) {
    return {
      ...base, failures: tapFailures(text, toRepoPath), files: 0, total: count(text, /^[#ℹ] tests (\d+)/m) ?? 0, passed: nodePass,
      failed: (count(text, /^[#ℹ] fail (\d+)/m) ?? 0) + (count(text, /^[#ℹ] cancelled (\d+)/m) ?? 0),
      skipped: count(text, /^[#ℹ] skipped (\d+)/m) ?? 0, todo: count(text, /^[#ℹ] todo (\d+)/m) ?? 0,
    };
  }
  const passing = count(text, /^\s*(\d+) passing\b/m);
  if (passing !== null) {
    const failed = count(text, /^\s*(\d+) failing\b/m) ?? 0;
    const pending = count(text, /^\s*(\d+) pending\b/m) ?? 0;
    return { ...base, files: 0, total: passing + failed + pending, passed: passing, failed, skipped: pending, todo: 0 };
  }
  return null;
}
