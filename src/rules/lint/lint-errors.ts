import type { LintMessage } from '../../probes/parse/lint.js';
import { defineRepoRule } from '../api.js';
import { failureEvidence, probesOf, topCounts } from '../shared/probes.js';

export default defineRepoRule({
  id: 'lint/lint-errors',
  meta: {
    category: 'lint',
    severity: 'medium',
    title: 'The repository\'s own linter reports no errors',
    rationale: 'Lint errors are problems the team\'s own configuration already flags; a release with them ignores the team\'s rules.',
    remediation: { text: 'Run the linter (the `lint` script, or eslint/biome) and fix the errors, starting with the most frequent rules.', effort: 'low' },
    messages: {
      lintErrors: '{{errors}} lint error(s){{warnings}}{{topRules}}',
      linterFailed: 'the linter failed (exit code {{exit}}) without errors verdict could read',
    },
    needsExec: true,
  },
  check(ctx) {
    if (ctx.exec && !ctx.probes.some((p) => p.kind === 'lint')) {
      ctx.unknown('no linter configured: no `lint` script, ESLint config or Biome config');
      return;
    }
    for (const p of probesOf(ctx, 'lint', 'lint')) {
      const f = p.figures as { tool?: string; files?: number; errors?: number; warnings?: number; errorsByRule?: Record<string, number>; messages?: LintMessage[] };
      const errors = f.errors ?? 0;
      if (errors > 0) {
        ctx.report({
          messageId: 'lintErrors',
          // The optional parts are fragments: a run may count no warnings or give no per-rule counts.
          data: { errors, warnings: f.warnings ? ` and ${f.warnings} warning(s)` : '', topRules: f.errorsByRule ? `; top rules ${topCounts(f.errorsByRule)}` : '' },
          package: p.package,
          evidence: [
            ...(f.messages ?? []).filter((m) => m.severity === 'error').slice(0, 5)
              .map((m) => ({ kind: 'file' as const, path: m.file, line: m.line, snippet: `${m.ruleId}: ${m.message}` })),
            ...failureEvidence(p),
          ],
        });
      } else if (p.exitCode !== 0) {
        ctx.report({ messageId: 'linterFailed', data: { exit: String(p.exitCode) }, package: p.package, evidence: failureEvidence(p) });
      } else {
        ctx.pass(`0 lint errors, ${f.warnings ?? 0} warning(s)${f.files !== undefined ? ` in ${f.files} file(s)` : ''} (\`${p.command}\`)`, p.package);
      }
    }
  },
});
