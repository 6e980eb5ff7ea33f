import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

export default defineRepoRule({
  id: 'types/typecheck',
  meta: {
    category: 'types',
    severity: 'critical',
    title: 'The TypeScript typecheck passes',
    rationale: 'Type errors are bugs the compiler already found; shipping with them means shipping known defects.',
    remediation: { text: 'Run the typecheck (`tsc --noEmit -p <tsconfig>` or the repo\'s typecheck script) and fix the errors, starting with the most frequent codes and files.', effort: 'medium' },
    blocking: true,
    needsExec: true,
  },
  check(ctx) {
    for (const p of probesOf(ctx, 'typecheck', 'typecheck')) {
      const f = p.figures as { errors?: number; filesWithErrors?: number };
      if (p.timedOut || p.exitCode !== 0 || (f.errors ?? 0) > 0) {
        ctx.report({
          message: p.timedOut ? 'typecheck timed out' : `${f.errors ?? 'unknown number of'} type error(s) in ${f.filesWithErrors ?? '?'} file(s) (exit code ${p.exitCode})`,
          package: p.package,
          evidence: [commandEvidence(p)],
        });
      } else {
        ctx.pass(`0 type errors (\`${p.command}\`, exit 0)`, p.package);
      }
    }
  },
});
