import type { FailingTest } from '../../probes/parse/tests.js';
import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

const oneLine = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).join(' | ');

export default defineRepoRule({
  id: 'testing/failing-test',
  meta: {
    category: 'testing',
    severity: 'high',
    title: 'Each failing test, at its file and line',
    rationale: 'A failing test is a known defect or a broken check; each one is listed where it fails so it can be fixed or consciously removed.',
    remediation: { text: 'Open the test at the reported line, read the first lines of its error, and fix the code or the test.', effort: 'low' },
    needsExec: true,
    messages: {
      failingTest: 'failing test "{{name}}": {{error}}',
      failingTestNoError: 'failing test "{{name}}"',
      fileFailed: 'test file failed to run: {{error}}',
    },
  },
  check(ctx) {
    for (const p of probesOf(ctx, 'tests', 'failing tests')) {
      const f = p.figures as { failures?: FailingTest[]; failedFiles?: Array<{ file: string; error: string }>; total?: number; source?: string };
      const failures = f.failures ?? [];
      const failedFiles = f.failedFiles ?? [];
      for (const t of failures) {
        const error = (t.error.split('\n')[0] ?? '').trim();
        ctx.report({
          messageId: error ? 'failingTest' : 'failingTestNoError',
          data: { name: t.name, error },
          location: t.file ? { path: t.file, line: t.line ?? 1, snippet: t.name } : null,
          package: p.package,
          evidence: [{ kind: 'note', text: oneLine(t.error) }, commandEvidence(p)],
        });
      }
      for (const s of failedFiles) {
        ctx.report({
          messageId: 'fileFailed',
          data: { error: s.error.split('\n')[0] ?? '' },
          location: { path: s.file, line: 1, snippet: s.error.split('\n')[0] ?? '' },
          package: p.package,
          evidence: [{ kind: 'note', text: oneLine(s.error) }, commandEvidence(p)],
        });
      }
      if (failures.length === 0 && failedFiles.length === 0) {
        if (f.source === 'text' && (p.figures as { failed?: number }).failed) ctx.unknown(`failing tests were counted from the runner's text output but not named (\`${p.command}\`)`, p.package);
        else ctx.pass(`${f.total ?? 0} test(s) ran, none failed (\`${p.command}\`)`, p.package);
      }
    }
  },
});
