// Shared wording for renderers: labels and the one summary line, so every format says the same.
import type { AuditRun, Decision, Finding, Severity } from '../model/run.js';
import { SEVERITIES } from '../model/run.js';

export const DECISION_LABEL: Record<Decision, string> = {
  GO: 'GO', GO_WITH_CONDITIONS: 'GO WITH CONDITIONS', NO_GO: 'NO-GO',
};

export function where(f: Finding): string {
  return f.location ? `${f.location.path}:${f.location.line}` : f.package ? `package ${f.package}` : 'repository';
}

export function activeFindings(run: AuditRun): Finding[] {
  return run.findings.filter((f) => !f.suppressed);
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) c[f.severity]++;
  return c;
}

export function summaryLine(run: AuditRun): string {
  const active = activeFindings(run);
  const c = severityCounts(active);
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  const suppressed = run.findings.length - active.length;
  return `${active.length} finding(s)${parts.length ? ` (${parts.join(', ')})` : ''}${suppressed ? `, ${suppressed} suppressed` : ''}; ` +
    `${run.scores.coverage.verified} of ${run.scores.coverage.total} checks verified`;
}

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : String(score);
}

/** Under --no-exec: the checks that needed a probe and were skipped, one line for every renderer. */
export function noExecLine(run: AuditRun): string | null {
  if (run.options.exec) return null;
  const ids = [...new Set(run.outcomes.filter((o) => o.status === 'unknown' && o.reason.includes('--no-exec')).map((o) => o.ruleId))].sort();
  return ids.length ? `Skipped by \`--no-exec\` (${ids.length} checks): ${ids.join(', ')}` : null;
}
