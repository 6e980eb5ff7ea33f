import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

export default defineRepoRule({
  id: 'build/public-source-maps',
  meta: {
    category: 'build',
    severity: 'medium',
    title: 'No source maps in the publicly served build output',
    rationale: 'Source maps served to browsers hand out the original source, comments and internal paths included.',
    remediation: { text: 'Turn off source maps for the public bundle (or upload them to the error tracker and delete them from the output before deploying).', effort: 'low' },
    needsExec: true,
    messages: {
      publicMaps: '{{count}} source map(s) in publicly served build output, e.g. {{examples}}',
    },
  },
  check(ctx) {
    if (ctx.exec && !ctx.probes.some((p) => p.kind === 'build')) {
      ctx.notApplicable('no package has a `build` script');
      return;
    }
    for (const p of probesOf(ctx, 'build', 'build output')) {
      const f = p.figures as { outputDir?: string | null; publicSourceMaps?: string[]; sourceMaps?: string[] };
      if (p.exitCode !== 0 || !f.outputDir) {
        ctx.unknown(p.exitCode !== 0 ? 'the build failed: no output to inspect' : 'the build wrote no dist/build/out folder to inspect', p.package);
        continue;
      }
      const maps = f.publicSourceMaps ?? [];
      if (maps.length > 0) {
        ctx.report({
          messageId: 'publicMaps',
          data: { count: maps.length, examples: maps.slice(0, 3).join(', ') },
          package: p.package,
          evidence: [{ kind: 'figure', name: 'publicSourceMaps', value: maps.length }, commandEvidence(p)],
        });
      } else ctx.pass(`${f.outputDir}/: ${(f.sourceMaps ?? []).length} source map(s), none in a public folder`, p.package);
    }
  },
});
