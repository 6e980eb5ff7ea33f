import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

export default defineRepoRule({
  id: 'testing/coverage-threshold',
  meta: {
    category: 'testing',
    severity: 'medium',
    title: 'Coverage meets the configured threshold',
    rationale: 'A coverage threshold the team set but the suite does not meet is a quality gate that is silently failing.',
    remediation: { text: 'Add tests for the uncovered code, or lower the threshold deliberately and say why.', effort: 'medium' },
    needsExec: true,
    messages: {
      belowThreshold: 'line coverage {{lines}}% is below the configured {{threshold}}%',
    },
  },
  check(ctx) {
    const probes = probesOf(ctx, 'tests', 'coverage');
    if (!ctx.exec) return;
    let judged = 0;
    for (const p of probes) {
      const f = p.figures as { coverage?: { lines: number | null }; coverageThresholdFromRepo?: { lines?: number } | null };
      const threshold = ctx.config.probes?.coverageThreshold ?? f.coverageThresholdFromRepo?.lines;
      const lines = f.coverage?.lines;
      if (typeof lines !== 'number' || typeof threshold !== 'number') continue;
      judged++;
      if (lines < threshold) {
        ctx.report({ messageId: 'belowThreshold', data: { lines, threshold }, package: p.package, evidence: [{ kind: 'figure', name: 'coverage.lines', value: lines }, commandEvidence(p)] });
      } else ctx.pass(`line coverage ${lines}% meets the configured ${threshold}%`, p.package);
    }
    if (judged === 0 && probes.length > 0) ctx.notApplicable('no coverage summary (coverage/coverage-summary.json) with a configured threshold');
  },
});
