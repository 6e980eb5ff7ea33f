import { isPlaceholderTestScript, isTestFilePath } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { BLOCKING_DIAGNOSES } from '../../probes/diagnose.js';
import { failureEvidence, probesOf } from '../shared/probes.js';

export default defineRepoRule({
  id: 'testing/tests-pass',
  meta: {
    category: 'testing',
    severity: 'critical',
    title: 'The test suite runs and passes',
    rationale: 'A readiness claim without a passing test run is a guess; failing tests block a release.',
    remediation: { text: 'Run the test command locally, fix the failing tests (or the setup that keeps them from running), and re-run verdict.', effort: 'medium' },
    blocking: true,
    needsExec: true,
    messages: {
      failingTests: '{{failed}} failing test(s); {{passed}} passed, {{skipped}} skipped of {{total}} (exit code {{exit}})',
      filesFailed: '{{files}} test file(s) failed to run; {{passed}} passed of {{total}} (exit code {{exit}})',
      runFailed: 'the test run failed (exit code {{exit}}) before reporting any failing test',
      runFailedDiagnosed: 'the test run failed (exit code {{exit}}) before reporting any failing test: {{diagnosis}}',
      failedOutsideTests: 'the test run failed (exit code {{exit}}) with no failing test ({{passed}} passed of {{total}}): an error outside the tests or a threshold',
    },
  },
  check(ctx) {
    // Nothing to run: no package has a test script and no file is a test. That is testing/no-test-suite's
    // finding; "the tests pass" does not apply rather than staying unknown.
    if (ctx.exec && !ctx.probes.some((p) => p.kind === 'tests')
      && ctx.layout.packages.every((p) => isPlaceholderTestScript(p.scripts.test)) && !ctx.layout.files.some((f) => isTestFilePath(f.path))) {
      return ctx.notApplicable('no test to run: no package has a test script and no file is a test (testing/no-test-suite reports it)');
    }
    for (const p of probesOf(ctx, 'tests', 'tests')) {
      const f = p.figures as { passed?: number; failed?: number; skipped?: number; todo?: number; total?: number; files?: number; noTests?: boolean; failedFiles?: unknown[] };
      const failed = f.failed ?? 0;
      const failedFiles = f.failedFiles?.length ?? 0;
      const total = f.total ?? (f.passed ?? 0) + failed;
      // Only a run whose tests ran (or crashed the way code does: heap, a test that hangs) and failed fails the check.
      const crashed = p.diagnosis.some((d) => !BLOCKING_DIAGNOSES.includes(d.id));
      if (failed > 0 || failedFiles > 0 || (p.exitCode !== 0 && (total > 0 || crashed))) {
        ctx.report({
          messageId: failed > 0 ? 'failingTests'
            : failedFiles > 0 ? 'filesFailed'
              : crashed || total === 0 ? (p.diagnosis[0] ? 'runFailedDiagnosed' : 'runFailed')
                : 'failedOutsideTests',
          data: {
            failed, files: failedFiles, total, passed: f.passed ?? 0, skipped: f.skipped ?? 0,
            // The exit code of a run that failed with failing tests; else the signal when it was killed.
            exit: String(failed > 0 || failedFiles > 0 ? p.exitCode : p.exitCode ?? p.signal),
            diagnosis: p.diagnosis[0]?.message ?? '',
          },
          package: p.package,
          evidence: failureEvidence(p),
        });
      } else if (p.exitCode !== 0 && !f.noTests) {
        ctx.unknown(`\`${p.command}\` exited with code ${p.exitCode ?? p.signal} before any test result verdict could read${lastLine(p.outputExcerpt)}`, p.package);
      } else if (total === 0) {
        ctx.unknown(`the test command ran but no test was found (\`${p.command}\`)`, p.package);
      } else {
        ctx.pass(`${f.passed} passed, ${f.skipped ?? 0} skipped, ${f.todo ?? 0} todo in ${f.files ?? '?'} file(s) (\`${p.command}\`, exit 0)`, p.package);
      }
    }
  },
});

function lastLine(output: string): string {
  const line = output.split('\n').map((l) => l.trim()).filter(Boolean).pop();
  return line ? ` (its output ends: "${line.slice(0, 200)}")` : '';
}
