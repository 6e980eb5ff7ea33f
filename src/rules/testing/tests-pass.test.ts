import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './tests-pass.js';

const outcome = async (p: ReturnType<typeof probeResult>) => {
  const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [p] });
  return { run, outcomes: run.outcomes.filter((o) => o.ruleId === rule.id), findings: run.findings.filter((f) => f.ruleId === rule.id) };
};

describe('testing/tests-pass', () => {
  it('is UNKNOWN, never a pass, under --no-exec', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"svc","scripts":{"test":"vitest run"}}' }, { rules: [rule], exec: false });
    const outcomes = run.outcomes.filter((o) => o.ruleId === rule.id);
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(outcomes[0].reason).toMatch(/--no-exec/);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
    expect(run.gate.conditions[0].message).toMatch(/tests not run/);
  });

  it('does not apply when there is nothing to run (no test script, no test file); a test file alone keeps it unknown', async () => {
    const none = await auditFiles({ 'package.json': '{"name":"svc","scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}', 'src/index.ts': 'export {};\n' }, { rules: [rule], exec: true, probeResults: [] });
    expect(none.outcomes.filter((o) => o.ruleId === rule.id).map((o) => [o.status, o.reason])).toEqual([
      ['not-applicable', 'no test to run: no package has a test script and no file is a test (testing/no-test-suite reports it)'],
    ]);
    const file = await auditFiles({ 'package.json': '{"name":"svc"}', 'src/a.test.ts': 'export {};\n' }, { rules: [rule], exec: true, probeResults: [] });
    expect(file.outcomes.filter((o) => o.ruleId === rule.id).map((o) => o.status)).toEqual(['unknown']);
  });

  it('valid: passes with the figures it read', async () => {
    const { outcomes, findings } = await outcome(probeResult('tests', { figures: { files: 2, total: 9, passed: 8, failed: 0, skipped: 1, todo: 0 } }));
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([['pass', '8 passed, 1 skipped, 0 todo in 2 file(s) (`npm run tests`, exit 0)']]);
  });

  it('invalid: failing tests make the gate NO-GO', async () => {
    const { run, findings } = await outcome(probeResult('tests', { exitCode: 1, figures: { files: 2, total: 9, passed: 5, failed: 2, skipped: 1, todo: 1 } }));
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([['failingTests', '2 failing test(s); 5 passed, 1 skipped of 9 (exit code 1)']]);
    expect(run.gate.decision).toBe('NO_GO');
  });

  it('a crash with a heap diagnosis fails, with the diagnosis as evidence', async () => {
    const { findings } = await outcome(probeResult('tests', {
      exitCode: 1, figures: { total: 0, failed: 0 },
      diagnosis: [{ id: 'heap-out-of-memory', message: 'JavaScript heap out of memory: a process hit the 128 MB heap limit', fix: 'raise the heap' }],
    }));
    expect(findings.map((f) => [f.messageId, f.message])).toEqual([['runFailedDiagnosed', 'the test run failed (exit code 1) before reporting any failing test: JavaScript heap out of memory: a process hit the 128 MB heap limit']]);
    expect(findings[0].evidence[0]).toEqual({ kind: 'note', text: 'diagnosis (heap-out-of-memory): JavaScript heap out of memory: a process hit the 128 MB heap limit. Fix: raise the heap' });
  });

  it('a run that printed no test result is UNKNOWN, not a failure: only tests that ran and failed fail the check', async () => {
    const { run, outcomes, findings } = await outcome(probeResult('tests', {
      exitCode: 1, figures: { parsed: false, noTests: false }, outputExcerpt: 'Error: Cannot find module \'./setup\'\nnpm error Lifecycle script `test` failed',
    }));
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([['unknown', '`npm run tests` exited with code 1 before any test result verdict could read (its output ends: "npm error Lifecycle script `test` failed")']]);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
  });

  it('invalid: a test file that failed to load fails the check, and a failing exit after passing tests does too', async () => {
    const load = await outcome(probeResult('tests', { exitCode: 1, figures: { files: 2, total: 3, passed: 3, failed: 0, failedFiles: [{ file: 'test/b.test.ts', error: 'SyntaxError' }] } }));
    expect(load.findings.map((f) => f.messageId)).toEqual(['filesFailed']);
    const exit = await outcome(probeResult('tests', { exitCode: 1, figures: { files: 1, total: 3, passed: 3, failed: 0 } }));
    expect(exit.findings.map((f) => f.messageId)).toEqual(['failedOutsideTests']);
  });

  it('a failure read from the repository\'s own command says why verdict\'s invocation was not used', async () => {
    const { findings } = await outcome(probeResult('tests', {
      exitCode: 1, figures: { files: 1, total: 2, passed: 1, failed: 1 },
      rejectedInvocation: { command: 'vitest run --includeTaskLocation', exitCode: 1, reason: 'vitest 2.1.9 rejected the flags verdict added (CACError: Unknown option `--includeTaskLocation`)' },
    }));
    expect(findings[0].evidence[0]).toEqual({ kind: 'note', text: '`vitest run --includeTaskLocation` was not used: vitest 2.1.9 rejected the flags verdict added (CACError: Unknown option `--includeTaskLocation`)' });
  });

  it('a timed-out run or a missing native binding is UNKNOWN with the fix, never a pass', async () => {
    const timedOut = await outcome(probeResult('tests', { exitCode: null, signal: 'SIGKILL', timedOut: true, durationMs: 6000 }));
    expect(timedOut.outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(timedOut.outcomes[0].reason).toMatch(/timed out after 6 s/);
    const native = await outcome(probeResult('tests', {
      exitCode: 1, diagnosis: [{ id: 'native-binding-missing', message: 'a native optional dependency is missing', fix: 'reinstall' }],
    }));
    expect(native.outcomes.map((o) => [o.status, o.reason])).toEqual([['unknown', 'tests: `npm run tests` could not run: a native optional dependency is missing. Fix: reinstall']]);
  });

  it('a skipped probe (node_modules missing) is UNKNOWN with its reason', async () => {
    const { outcomes } = await outcome(probeResult('tests', { status: 'skipped', reason: 'node_modules is missing', exitCode: null }));
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([['unknown', 'tests not run: node_modules is missing']]);
  });
});
