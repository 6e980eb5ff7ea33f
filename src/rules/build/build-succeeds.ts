import { defineRepoRule } from '../api.js';
import { failureEvidence, probesOf } from '../shared/probes.js';

const kb = (n: number) => `${Math.round(n / 102.4) / 10} kB`;

export default defineRepoRule({
  id: 'build/build-succeeds',
  meta: {
    category: 'build',
    severity: 'high',
    title: 'The build script succeeds',
    rationale: 'A service that does not build cannot be deployed; a build that only works on one laptop fails in CI.',
    remediation: { text: 'Run the `build` script from a clean install and fix what breaks.', effort: 'medium' },
    needsExec: true,
    messages: {
      failed: 'the build failed (exit code {{exit}})',
      failedDiagnosed: 'the build failed (exit code {{exit}}): {{diagnosis}}',
    },
  },
  check(ctx) {
    if (ctx.exec && !ctx.probes.some((p) => p.kind === 'build')) {
      ctx.notApplicable('no package has a `build` script');
      return;
    }
    for (const p of probesOf(ctx, 'build', 'build')) {
      const f = p.figures as { outputDir?: string | null; files?: number; bytes?: number; gzipBytes?: number | null };
      if (p.exitCode !== 0) {
        ctx.report({
          messageId: p.diagnosis[0] ? 'failedDiagnosed' : 'failed',
          data: { exit: String(p.exitCode ?? p.signal), diagnosis: p.diagnosis[0]?.message ?? '' },
          package: p.package,
          evidence: failureEvidence(p),
        });
      } else {
        ctx.pass(f.outputDir
          ? `\`${p.command}\` succeeded: ${f.outputDir}/ holds ${f.files} file(s), ${kb(f.bytes ?? 0)} (${typeof f.gzipBytes === 'number' ? `${kb(f.gzipBytes)} gzip` : 'gzip size not measured'})`
          : `\`${p.command}\` succeeded (no dist/build/out folder to measure)`, p.package);
      }
    }
  },
});
