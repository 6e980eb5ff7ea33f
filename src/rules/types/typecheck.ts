import type { TypeDiagnostic } from '../../probes/parse/typecheck.js';
import { defineRepoRule } from '../api.js';
import { failureEvidence, probesOf, topCounts } from '../shared/probes.js';

export default defineRepoRule({
  id: 'types/typecheck',
  meta: {
    category: 'types',
    severity: 'critical',
    title: 'The TypeScript typecheck passes',
    rationale: 'Type errors are bugs the compiler already found; shipping with them means shipping known defects.',
    remediation: { text: 'Run the typecheck (`tsc --noEmit -p <tsconfig>` or the repo\'s typecheck script) and fix the errors, starting with the most frequent codes and files.', effort: 'medium' },
    messages: {
      errors: '{{errors}} type error(s) in {{files}} file(s); top codes {{codes}}{{topFiles}}',
      errorsTruncated: 'at least {{errors}} type error(s) in at least {{files}} file(s) (the output was longer than verdict keeps, and tsc printed no total); top codes {{codes}}{{topFiles}}',
      failedUnread: 'the typecheck failed (exit code {{exit}}) without a TypeScript error verdict could read',
    },
    blocking: true,
    needsExec: true,
  },
  check(ctx) {
    if (ctx.exec && ctx.layout.tsconfigs.length === 0 && !ctx.probes.some((p) => p.kind === 'typecheck')) {
      ctx.notApplicable('no tsconfig.json and no typecheck script: not a TypeScript project');
      return;
    }
    for (const p of probesOf(ctx, 'typecheck', 'typecheck')) {
      const f = p.figures as { errors?: number; filesWithErrors?: number; byCode?: Record<string, number>; byFile?: Record<string, number>; diagnostics?: TypeDiagnostic[]; truncated?: boolean };
      const errors = f.errors ?? 0;
      if (p.exitCode === 0 && errors === 0) {
        ctx.pass(`0 type errors (\`${p.command}\`, exit 0${p.derivedFrom ? `; ${p.derivedFrom.reason}` : ''})`, p.package);
        continue;
      }
      ctx.report({
        messageId: errors === 0 ? 'failedUnread' : f.truncated ? 'errorsTruncated' : 'errors',
        data: {
          errors, files: f.filesWithErrors ?? 0, exit: String(p.exitCode), codes: topCounts(f.byCode),
          // A fragment: no per-file counts when no file was named.
          topFiles: f.filesWithErrors ? `; top files ${topCounts(f.byFile)}` : '',
        },
        package: p.package,
        evidence: [
          ...(f.diagnostics ?? []).slice(0, 5).map((d) => ({ kind: 'file' as const, path: d.file, line: d.line, snippet: `${d.code}: ${d.message}` })),
          ...failureEvidence(p),
        ],
      });
    }
  },
});
