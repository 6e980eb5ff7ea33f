import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

export default defineRepoRule({
  id: 'testing/no-tests',
  meta: {
    category: 'testing',
    severity: 'high',
    title: 'The test command finds tests',
    rationale: 'A test script that runs zero tests passes vacuously; it reads as green while checking nothing.',
    remediation: { text: 'Add tests where the runner looks for them (or fix its include pattern), so the test command exercises the code.', effort: 'medium' },
    needsExec: true,
    messages: {
      noTests: '`{{command}}` found no tests',
    },
  },
  check(ctx) {
    for (const p of probesOf(ctx, 'tests', 'test discovery')) {
      const f = p.figures as { total?: number; noTests?: boolean; files?: number };
      if ((f.total ?? 0) === 0 && (f.noTests || p.exitCode === 0)) {
        ctx.report({ messageId: 'noTests', data: { command: p.command }, package: p.package, evidence: [commandEvidence(p)] });
      } else if ((f.total ?? 0) === 0) {
        ctx.unknown(`the test run failed before it reported which tests exist (\`${p.command}\`, exit ${p.exitCode})`, p.package);
      } else {
        ctx.pass(`${f.total ?? 0} test(s) in ${f.files ?? '?'} file(s) found by \`${p.command}\``, p.package);
      }
    }
  },
});
