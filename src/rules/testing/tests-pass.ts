import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

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
  },
  check(ctx) {
    for (const p of probesOf(ctx, 'tests', 'tests')) {
      const f = p.figures as { passed?: number; failed?: number; skipped?: number; total?: number };
      const failed = f.failed ?? 0;
      if (p.timedOut || p.exitCode !== 0 || failed > 0) {
        ctx.report({
          message: p.timedOut ? `test run timed out after ${Math.round(p.durationMs / 1000)} s` : `${failed} failing test(s); ${f.passed ?? 0} passed (exit code ${p.exitCode})`,
          package: p.package,
          evidence: [commandEvidence(p)],
        });
      } else if ((f.total ?? (f.passed ?? 0)) === 0) {
        ctx.unknown(`the test command ran but no test was found (\`${p.command}\`)`, p.package);
      } else {
        ctx.pass(`${f.passed} passed, ${f.skipped ?? 0} skipped (\`${p.command}\`, exit 0)`, p.package);
      }
    }
  },
});
