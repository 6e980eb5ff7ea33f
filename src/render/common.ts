// Shared wording for renderers: labels and the one summary line, so every format says the same.
import type { AuditRun, Decision, Finding, Severity } from '../model/run.js';
import { SEVERITIES } from '../model/constants.js';
import type { RouteInventory } from '../model/routes.js';

export const DECISION_LABEL: Record<Decision, string> = {
  GO: 'GO', GO_WITH_CONDITIONS: 'GO WITH CONDITIONS', NO_GO: 'NO-GO',
};

export function where(f: Finding): string {
  return f.location ? `${f.location.path}:${f.location.line}` : f.package ? `package ${f.package}` : 'repository';
}

export function activeFindings(run: AuditRun): Finding[] {
  return run.findings.filter((f) => !f.suppressed);
}

/** Findings in release code: the ones the gate weighs. */
export function releaseFindings(run: AuditRun): Finding[] {
  return activeFindings(run).filter((f) => !f.outsideRelease);
}

/** Findings outside release code (tests, scripts, archived copies, ...): lowered, never blocking, shown apart. */
export function outsideReleaseFindings(run: AuditRun): Finding[] {
  return activeFindings(run).filter((f) => f.outsideRelease);
}

/** `medium (was critical), tests` for a finding outside release code. */
export function outsideLabel(f: Finding): string {
  return f.outsideRelease ? `${f.outsideRelease.role}, lowered from ${f.outsideRelease.severity}` : '';
}

/** `inventory.roles` when it has the model's shape (a JSON file read back may not). */
function roleInventory(v: unknown): { counts: Record<string, number>; labels: Record<string, string>; migrations: Record<string, number>; migrationBasis: string | null } | null {
  const r = v as { counts?: unknown; labels?: unknown; migrations?: unknown; migrationBasis?: unknown } | null;
  if (!r || typeof r !== 'object' || !r.counts || typeof r.counts !== 'object' || !r.labels || typeof r.labels !== 'object') return null;
  if (!Object.values(r.counts).every((n) => Number.isInteger(n))) return null;
  const migrations = r.migrations && typeof r.migrations === 'object' && Object.values(r.migrations).every((n) => Number.isInteger(n)) ? r.migrations as Record<string, number> : {};
  return { counts: r.counts as Record<string, number>, labels: r.labels as Record<string, string>, migrations, migrationBasis: typeof r.migrationBasis === 'string' ? r.migrationBasis : null };
}

/** Files per role in one sentence (release code first), with the migrations' states; null without the inventory. */
export function rolesLine(run: AuditRun): string | null {
  const inv = roleInventory(run.inventory.roles);
  if (!inv) return null;
  const parts = Object.entries(inv.counts).filter(([, n]) => n > 0).map(([role, n]) => {
    const states = role === 'migration' ? Object.entries(inv.migrations).filter(([, m]) => m > 0).map(([s, m]) => `${m} ${s}`).join(', ') : '';
    return `${inv.labels[role] ?? role} ${n}${states ? ` (${states})` : ''}`;
  });
  return parts.length ? `Files by role: ${parts.join('; ')}.${inv.migrationBasis && inv.counts.migration ? ` Migrations judged ${inv.migrationBasis}.` : ''}` : null;
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
  const outside = active.filter((f) => f.outsideRelease).length;
  return `${active.length} finding(s)${parts.length ? ` (${parts.join(', ')})` : ''}${outside ? `, ${outside} of them outside release code` : ''}${suppressed ? `, ${suppressed} suppressed` : ''}; ` +
    `${run.scores.coverage.verified} of ${run.scores.coverage.total} checks verified`;
}

export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : String(score);
}

/** The inventory's route summary when it has the model's shape (a JSON file read back may not). */
function routeSummary(v: unknown): RouteInventory['summary'] | null {
  const s = (v as { summary?: unknown } | null)?.summary as Record<string, unknown> | undefined;
  if (!s || typeof s !== 'object') return null;
  const int = (x: unknown): boolean => Number.isInteger(x);
  const byFramework = s.byFramework as Record<string, unknown> | null;
  if (!int(s.total) || !int(s.withoutAuth) || !int(s.public) || !byFramework || typeof byFramework !== 'object') return null;
  if (!Object.values(byFramework).every(int)) return null;
  return s as RouteInventory['summary'];
}

/** One sentence over `inventory.routes` (null when no route was found); the list itself is in the JSON. */
export function routesLine(run: AuditRun): string | null {
  const summary = routeSummary(run.inventory.routes);
  if (!summary || summary.total === 0) return null;
  const frameworks = Object.entries(summary.byFramework).map(([f, n]) => `${f} ${n}`).join(', ');
  return `${summary.total} route(s) (${frameworks}); ${summary.withoutAuth} read or change data without authentication; ${summary.public} public by design.`;
}

/**
 * What the caches answered: results reused because every input they were made from is unchanged
 * (the JSON has the figures). Null when nothing was reused.
 */
export function reuseLine(run: AuditRun): string | null {
  const rules = run.stats.rulesCached ?? 0;
  const probes = run.probes.filter((p) => p.cached).length;
  if (rules === 0 && probes === 0) return null;
  const parts = [
    ...(rules > 0 ? [`${rules} repository rule result(s)`] : []),
    ...(probes > 0 ? [`${probes} migrations probe result(s)`] : []),
  ];
  return `Reused from the cache, their inputs unchanged since the last run: ${parts.join(' and ')} (\`--no-cache\` runs everything)`;
}

/** Under --no-exec: the checks that needed a probe and were skipped, one line for every renderer. */
export function noExecLine(run: AuditRun): string | null {
  if (run.options.exec) return null;
  const ids = [...new Set(run.outcomes.filter((o) => o.status === 'unknown' && o.reason.includes('--no-exec')).map((o) => o.ruleId))].sort();
  return ids.length ? `Skipped by \`--no-exec\` (${ids.length} checks): ${ids.join(', ')}` : null;
}

/** How the repository's code ran, for the top of every report: contained, unconfined, or not at all for want of a sandbox. */
export function containmentLine(run: AuditRun): string | null {
  const s = run.options.sandbox;
  if (!run.options.exec || !s) return null;
  if (s.tool) return `The repository's code runs only in a sandbox (${s.tool}): no network except for the install and the dependency audit, an allowlisted environment, a temporary HOME, writes only to a scratch copy.`;
  if (s.unconfined) return `WARNING: the repository's code ran UNCONFINED, as asked (--exec): no sandbox is available (${s.problem}). The caches were not used.`;
  if (s.problem) return `The repository's code did not run: no sandbox is available (${s.problem}). Give --exec to run it unconfined.`;
  return null;
}

/**
 * Whose configuration the run used and what it changes, for the top of every report: the audited
 * repository can turn its own findings off. Null when no configuration was read or ignored.
 */
export function configLine(run: Pick<AuditRun, 'configuration'>): string | null {
  const c = run.configuration;
  if (c.origin === 'none') return c.repositoryConfigIgnored ? 'The repository\'s verdict.config.json was not read (`--config none`): verdict\'s defaults apply.' : null;
  const what = c.changes.length === 0 ? 'changes nothing verdict checks' : `changes ${c.changes.length} setting(s)`;
  return c.origin === 'repository'
    ? `Configured by the audited repository: its ${c.path} ${what} (\`--config none\` ignores it)`
    : `Configured by you: ${c.path} ${what}${c.repositoryConfigIgnored ? '; the repository\'s own verdict.config.json was not read' : ''}`;
}
