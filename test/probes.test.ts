// The probes end to end on fixture repos (test/fixtures/repos/probe-*): each asserts the exact
// figures and findings. The tools come from one shared install (test/helpers/probe-workspace.ts).
// They run in the sandbox where bubblewrap is installed, unconfined elsewhere (`unsandboxed`): what
// the sandbox itself guarantees is tested in test/hostile-sandbox.test.ts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import type { AuditRun, ProbeResult } from '../src/model/run.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { startAdvisoryServer } from './helpers/advisory-server.js';
import { fixtureRepo, isAlive, probeWorkspace } from './helpers/probe-workspace.js';
import { at, removeRepo } from './helpers/repo.js';

const roots: string[] = [];
async function auditFixture(name: string, opts: { link?: boolean; config?: unknown; exec?: boolean; onSpawn?: (pid: number) => void } = {}): Promise<{ root: string; run: AuditRun }> {
  const root = await fixtureRepo(name, opts.link ?? true);
  roots.push(root);
  if (opts.config) writeFileSync(join(root, 'verdict.config.json'), JSON.stringify(opts.config));
  const run = await audit({ root, exec: opts.exec ?? true, unsandboxed: true, cache: false, quiet: true, today: '2026-01-01' });
  return { root, run };
}
const probe = (run: AuditRun, kind: string): ProbeResult => {
  const found = run.probes.filter((p) => p.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};
const outcome = (run: AuditRun, ruleId: string) => run.outcomes.filter((o) => o.ruleId === ruleId).map((o) => [o.status, o.reason]);
const findings = (run: AuditRun, ruleId: string) => run.findings.filter((f) => f.ruleId === ruleId);

beforeAll(async () => { await probeWorkspace(); }, 300_000);
afterAll(() => { for (const r of roots) removeRepo(r); });

describe('typecheck probe', () => {
  it('counts errors by code and file, keeps each diagnostic, and fails the gate', async () => {
    const { run } = await auditFixture('probe-typecheck');
    const p = probe(run, 'typecheck');
    expect(p.command).toBe('tsc --noEmit -p tsconfig.json --pretty false');
    expect(p.exitCode).toBe(2);
    const { diagnostics, ...figures } = p.figures as { diagnostics: Array<{ file: string; line: number; column: number; code: string }> };
    expect(figures).toEqual({
      errors: 5, byCode: { TS2322: 3, TS2304: 1, TS2345: 1 }, byFile: { 'src/a.ts': 2, 'src/b.ts': 2, 'src/c.ts': 1 },
      filesWithErrors: 3, errorsPerFile: 1.67, globalErrors: 0, summarised: false,
    });
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'src/a.ts:1:14 TS2322', 'src/a.ts:2:14 TS2322', 'src/b.ts:5:28 TS2345', 'src/b.ts:6:14 TS2322', 'src/c.ts:1:22 TS2304',
    ]);
    expect(findings(run, 'types/typecheck').map((f) => f.message)).toEqual([
      '5 type error(s) in 3 file(s); top codes TS2322 ×3, TS2304 ×1, TS2345 ×1; top files src/a.ts ×2, src/b.ts ×2, src/c.ts ×1',
    ]);
    expect(run.gate.decision).toBe('NO_GO');
    expect(renderMarkdown(run)).toContain("see `src/a.ts:1`: `TS2322: Type 'string' is not assignable to type 'number'.`");
  });
});

describe('scratch folder', () => {
  it('is removed once the probes end (in the background, off the critical path), and the run is complete before that', async () => {
    const scratch = () => new Set(readdirSync(tmpdir()).filter((e) => e.startsWith('verdict-probes-')));
    const before = scratch();
    const { run } = await auditFixture('probe-typecheck');
    expect(probe(run, 'typecheck').exitCode).toBe(2);
    const ours = () => [...scratch()].filter((e) => !before.has(e));
    const deadline = Date.now() + 20_000;
    while (ours().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(ours()).toEqual([]);
  });
});

describe('tests probe', () => {
  it('reads vitest\'s JSON report: exact figures and each failing test at file:line', async () => {
    const { run } = await auditFixture('probe-vitest');
    const p = probe(run, 'tests');
    expect(p.command).toBe("vitest run --reporter=default --reporter=json '--outputFile.json=<tmp>/vitest.json' --includeTaskLocation");
    const { failures, durationMs, ...figures } = p.figures as { failures: Array<{ name: string; file: string; line: number; error: string }>; durationMs: number };
    expect(durationMs).toBeGreaterThan(0);
    expect(figures).toEqual({ files: 2, total: 9, passed: 5, failed: 2, skipped: 1, todo: 1, source: 'vitest-json', failedFiles: [], noTests: false });
    const failing = findings(run, 'testing/failing-test');
    expect(at(failing)).toEqual(['test/math.test.ts:10', 'test/math.test.ts:13']);
    expect(failing.map((f) => f.message)).toEqual([
      'failing test "math > divides": AssertionError: expected 2.5 to be 2 // Object.is equality',
      'failing test "math > subtracts": AssertionError: expected 2 to deeply equal 3',
    ]);
    expect(failures[0].error.split('\n')).toContain(`    at ${run.repo.root}/test/math.test.ts:11:20`);
    expect(findings(run, 'testing/tests-pass').map((f) => f.message)).toEqual(['2 failing test(s); 5 passed, 1 skipped of 9 (exit code 1)']);
    expect(run.gate.decision).toBe('NO_GO');
  });

  it('runs mocha with its JSON reporter written to a file', async () => {
    const { run } = await auditFixture('probe-mocha');
    const p = probe(run, 'tests');
    expect([p.command, p.exitCode]).toEqual(["mocha --timeout 5000 --reporter json --reporter-option 'output=<tmp>/mocha.json'", 1]);
    const { failures, durationMs, ...figures } = p.figures as { failures: Array<{ name: string; file: string; line: number; error: string }>; durationMs: number };
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(figures).toEqual({ files: 1, total: 3, passed: 2, failed: 1, skipped: 0, todo: 0, source: 'mocha-json', failedFiles: [], noTests: false });
    expect(failures.map((f) => `${f.name} @ ${f.file}:${f.line}`)).toEqual(['cart applies the discount @ test/cart.test.js:13']);
    expect(at(findings(run, 'testing/failing-test'))).toEqual(['test/cart.test.js:13']);
  });

  it('runs a composite script as written and reads node:test\'s TAP output, failures named at file:line', async () => {
    const { run } = await auditFixture('probe-node-test', { link: false });
    const p = probe(run, 'tests');
    expect([p.command, p.exitCode]).toEqual(['npm run test', 1]);
    const { failures, ...figures } = p.figures as { failures: unknown[] };
    expect(figures).toEqual({ files: 0, total: 3, passed: 2, failed: 1, skipped: 0, todo: 0, durationMs: null, source: 'text', failedFiles: [], noTests: false });
    expect(failures).toEqual([{ name: 'drops punctuation', file: 'test/slug.test.js', line: 12, error: "Expected values to be strictly equal:\n'a,-b!' !== 'a-b'" }]);
    expect(at(findings(run, 'testing/failing-test'))).toEqual(['test/slug.test.js:12']);
  });

  it('kills a hanging run at its timeout, whole tree included, and reports it UNKNOWN with the diagnosis', async () => {
    const spawned: number[] = [];
    const root = await fixtureRepo('probe-hang');
    roots.push(root);
    const { runProbes } = await import('../src/probes/index.js');
    const { discover } = await import('../src/discover/index.js');
    // Unconfined, so that the pids the test script writes are this machine's and land in the repository
    // (test/hostile-processes.test.ts proves the same inside the sandbox).
    const probes = await runProbes(discover(root), {
      exec: true, config: { tests: { timeout: 6 }, audit: { off: true } }, quiet: true, onSpawn: (pid) => spawned.push(pid),
      sandbox: { bin: null, problem: 'not wanted here', unconfined: true, passEnv: [] },
    });
    const p = probes.find((x) => x.kind === 'tests')!;
    expect([p.timedOut, p.signal, p.exitCode]).toEqual([true, 'SIGKILL', null]);
    expect(p.durationMs).toBeGreaterThanOrEqual(6000);
    expect(p.durationMs).toBeLessThan(15_000);
    expect(p.diagnosis.map((d) => [d.id, d.message])).toEqual([['test-timeout', 'the tests run did not finish within 6 s and its whole process tree was killed']]);
    const pids = JSON.parse(readFileSync(join(root, 'pids', 'children.json'), 'utf8')) as number[];
    expect(pids).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 200));
    expect([...spawned, ...pids].filter(isAlive)).toEqual([]);
  }, 60_000);

  it('diagnoses a heap exhausted by a test (and fails the gate)', async () => {
    const { run } = await auditFixture('probe-heap');
    const p = probe(run, 'tests');
    expect(p.exitCode).not.toBe(0);
    expect(p.diagnosis.map((d) => d.id)).toEqual(['heap-out-of-memory']);
    expect(p.diagnosis[0].message).toBe('JavaScript heap out of memory: a process hit the 128 MB heap limit');
    expect(findings(run, 'testing/tests-pass').map((f) => f.message)).toEqual([
      'the test run failed (exit code 1) before reporting any failing test: JavaScript heap out of memory: a process hit the 128 MB heap limit',
    ]);
  });

  it('diagnoses a native binding missing for this platform: UNKNOWN with the fix', async () => {
    const { run } = await auditFixture('probe-native');
    const p = probe(run, 'tests');
    const binding = `@rollup/rollup-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
    expect(p.diagnosis.map((d) => [d.id, d.message])).toEqual([
      ['native-binding-missing', `a native optional dependency is missing for this platform (${process.platform}-${process.arch}): ${binding}`],
    ]);
    const [[status, reason]] = outcome(run, 'testing/tests-pass');
    expect(status).toBe('unknown');
    expect(reason).toContain('remove node_modules and reinstall on this platform (npm install)');
  });

  it('node_modules missing: no probe runs, every check says to install (--install)', async () => {
    const { run } = await auditFixture('probe-no-node-modules', { link: false, config: { probes: { audit: { off: true } } } });
    expect(run.probes.map((p) => [p.kind, p.status])).toEqual([['typecheck', 'skipped'], ['tests', 'skipped'], ['audit', 'skipped']]);
    expect(run.probes[1].diagnosis.map((d) => d.id)).toEqual(['node-modules-missing']);
    const [[status, reason]] = outcome(run, 'testing/tests-pass');
    expect(status).toBe('unknown');
    expect(reason).toMatch(/^tests not run: node_modules is missing: .*--install/);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
  });
});

describe('lint probe', () => {
  it('reads ESLint\'s JSON: errors and warnings by rule', async () => {
    const { run } = await auditFixture('probe-eslint');
    const p = probe(run, 'lint');
    expect(p.command).toBe("eslint . -f json -o '<tmp>/eslint.json'");
    const { messages, ...figures } = p.figures as { messages: Array<{ file: string; line: number; ruleId: string }> };
    expect(figures).toEqual({
      tool: 'eslint', files: 3, errors: 4, warnings: 1,
      errorsByRule: { 'no-unused-vars': 2, eqeqeq: 1, 'no-undef': 1 }, warningsByRule: { 'no-console': 1 },
    });
    expect(messages.map((m) => `${m.file}:${m.line} ${m.ruleId}`)).toEqual([
      'src/a.js:1 no-unused-vars', 'src/a.js:4 eqeqeq', 'src/a.js:5 no-console', 'src/a.js:7 no-undef', 'src/b.js:2 no-unused-vars',
    ]);
    expect(findings(run, 'lint/lint-errors').map((f) => f.message)).toEqual(['4 lint error(s) and 1 warning(s); top rules no-unused-vars ×2, eqeqeq ×1, no-undef ×1']);
  });
});

describe('dependency audit probe against a local advisory server', () => {
  for (const manager of ['npm', 'pnpm'] as const) {
    const fixture = manager === 'npm' ? 'probe-audit' : 'probe-audit-pnpm';
    it(`${manager}: advisories by severity and package`, async () => {
      const server = await startAdvisoryServer('advisories');
      try {
        const { run } = await auditFixture(fixture, { link: false, config: { probes: { registry: server.url } } });
        const p = probe(run, 'audit');
        expect(p.status).toBe('ran');
        expect(p.figures).toEqual({
          total: 2, bySeverity: { critical: 1, high: 0, moderate: 1, low: 0, info: 0 },
          packages: [
            { name: 'left-pad', severity: 'moderate', title: 'Regular expression denial of service in left-pad' },
            { name: 'minimist', severity: 'critical', title: 'Prototype Pollution in minimist' },
          ],
        });
        expect(server.requests.filter((r) => r.method === 'POST').map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([manager === 'npm' ? 'POST /-/npm/v1/security/advisories/bulk' : 'POST /-/npm/v1/security/audits']);
        expect(findings(run, 'security/dependency-advisories').map((f) => [f.severity, f.message])).toEqual([
          ['high', 'minimist: critical advisory (Prototype Pollution in minimist)'],
          ['medium', 'left-pad: moderate advisory (Regular expression denial of service in left-pad)'],
        ]);
      } finally {
        await server.close();
      }
    });

    it(`${manager}: a refusing registry (HTTP 405) or an unreachable one is UNKNOWN, never 0 vulnerabilities`, async () => {
      const server = await startAdvisoryServer('refuse');
      const refused = await auditFixture(fixture, { link: false, config: { probes: { registry: server.url } } });
      await server.close();
      const gone = await auditFixture(fixture, { link: false, config: { probes: { registry: server.url } } });
      for (const { run } of [refused, gone]) {
        const p = probe(run, 'audit');
        expect(p.status).toBe('error');
        expect(p.figures).toEqual({});
        const [[status, reason]] = outcome(run, 'security/dependency-advisories');
        expect(status).toBe('unknown');
        expect(reason).toMatch(/^dependency audit not run: /);
      }
      expect(probe(refused.run, 'audit').reason).toMatch(/405/);
    });
  }
});

describe('build probe', () => {
  it('measures the output folder and flags source maps in its public part', async () => {
    const { run } = await auditFixture('probe-build', { link: false });
    const p = probe(run, 'build');
    expect([p.command, p.exitCode]).toEqual(['npm run build', 0]);
    const { gzipBytes, ...figures } = p.figures as { gzipBytes: number };
    expect(figures).toEqual({ outputDir: 'dist', files: 3, bytes: 1112, sourceMaps: ['dist/assets/app.js.map'], publicSourceMaps: ['dist/assets/app.js.map'] });
    expect(gzipBytes).toBeGreaterThan(100);
    expect(gzipBytes).toBeLessThan(400);
    expect(outcome(run, 'build/build-succeeds')[0][0]).toBe('pass');
    expect(findings(run, 'build/public-source-maps').map((f) => f.message)).toEqual(['1 source map(s) in publicly served build output, e.g. dist/assets/app.js.map']);
  });
});

describe('one tsc for typecheck and build', () => {
  it('a build that is one tsc call over the typecheck\'s project runs once; the typecheck is read from it and says so', async () => {
    const root = await fixtureRepo('probe-tsc-build');
    roots.push(root);
    const spawned: number[] = [];
    const run = await audit({ root, exec: true, unsandboxed: true, cache: false, quiet: true, today: '2026-01-01', onSpawn: (pid) => spawned.push(pid) });
    const build = probe(run, 'build');
    const tc = probe(run, 'typecheck');
    expect([build.command, build.exitCode, build.derivedFrom]).toEqual(['npm run build', 2, undefined]);
    // One process: the build (no lockfile, so the audit is skipped; no tests, no lint).
    expect(spawned).toHaveLength(1);
    expect([tc.command, tc.exitCode, tc.durationMs]).toEqual(['npm run build', 2, build.durationMs]);
    expect(tc.derivedFrom?.command).toBe('npm run build');
    const { diagnostics, ...figures } = tc.figures as { diagnostics: Array<{ file: string; line: number; code: string }> };
    expect(figures).toEqual({ errors: 2, byCode: { TS2322: 1, TS2304: 1 }, byFile: { 'src/a.ts': 2 }, filesWithErrors: 1, errorsPerFile: 2, globalErrors: 0, summarised: false });
    expect(diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['src/a.ts:1 TS2322', 'src/a.ts:2 TS2304']);
    const f = findings(run, 'types/typecheck');
    expect(f.map((x) => x.message)).toEqual(['2 type error(s) in 1 file(s); top codes TS2304 ×1, TS2322 ×1; top files src/a.ts ×2']);
    expect(f[0].evidence.some((e) => e.kind === 'note' && e.text.startsWith('no run of its own: read from the build\'s run (`npm run build`'))).toBe(true);
    expect(outcome(run, 'build/build-succeeds')[0][0]).toBe('fail');
  });
});

describe('--install', () => {
  it('runs a clean install from the lockfile first (npm ci --ignore-scripts)', async () => {
    const root = await fixtureRepo('probe-audit', false);
    roots.push(root);
    const run = await audit({ root, exec: true, unsandboxed: true, cache: false, quiet: true, install: { ignoreScripts: true }, rules: [] });
    const inst = probe(run, 'install');
    expect([inst.command, inst.exitCode, inst.status]).toEqual(['npm ci --no-audit --no-fund --ignore-scripts', 0, 'ran']);
    // In the sandbox the install fills the scratch copy and leaves the repository as it was.
    expect(existsSync(join(root, 'node_modules', 'minimist', 'package.json'))).toBe(run.options.sandbox.tool === null);
  });

  it('a lockfile out of sync with package.json is diagnosed, and the checks stay UNKNOWN', async () => {
    const root = await fixtureRepo('probe-no-node-modules', false);
    roots.push(root);
    const run = await audit({ root, exec: true, unsandboxed: true, cache: false, quiet: true, install: { ignoreScripts: true } });
    const inst = probe(run, 'install');
    expect(inst.exitCode).not.toBe(0);
    expect(inst.diagnosis.map((d) => d.id)).toEqual(['lockfile-out-of-sync']);
    expect(outcome(run, 'testing/tests-pass')[0][0]).toBe('unknown');
  });
});

describe('--no-exec', () => {
  it('runs nothing, and lists every probe-backed check it skipped', async () => {
    const { root, run } = await auditFixture('probe-vitest', { exec: false });
    expect(run.probes.map((p) => [p.kind, p.status])).toEqual([['tests', 'skipped'], ['audit', 'skipped']]);
    expect(existsSync(join(root, 'pids'))).toBe(false);
    const skipped = run.outcomes.filter((o) => o.reason.includes('--no-exec')).map((o) => o.ruleId).sort();
    expect(skipped).toEqual([
      'build/build-succeeds', 'build/public-source-maps', 'lint/lint-errors', 'security/dependency-advisories',
      'testing/coverage-threshold', 'testing/failing-test', 'testing/no-tests', 'testing/tests-pass', 'types/typecheck',
    ]);
    expect(renderMarkdown(run)).toContain('Skipped by `--no-exec` (9 checks): build/build-succeeds, build/public-source-maps, lint/lint-errors, security/dependency-advisories, testing/coverage-threshold, testing/failing-test, testing/no-tests, testing/tests-pass, types/typecheck');
  });
});
