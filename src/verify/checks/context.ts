// What every verifier gets: the audit of the repository, direct lookups on it, and how to answer.
import type { Link } from '../../link/index.js';
import type { AuditRun, Evidence, ProbeResult } from '../../model/run.js';
import type { Subject } from '../model.js';
import type { RepoIndex } from '../repo.js';
import type { History } from './history.js';

export interface CheckContext {
  run: AuditRun;
  repo: RepoIndex;
  /** Why probes did not run (--no-exec, a worktree without node_modules), or null when they could. */
  noExecReason: string | null;
  /** The audit's link stage (module graph, reachability from production entries), when the audit ran here. */
  link?: () => Link;
  /** The report's folder relative to the repository root, for its relative links; null when the report is outside it. */
  reportDir?: string | null;
  /** The report's text, for claims whose subject the report names on another line (a section's `**File:**`). */
  reportText?: string;
  /** The report's path relative to the repository root (else as given), for evidence that is a line of the report. */
  reportPath?: string;
  /** The commits the report names, read from git before the claims are checked (or why they could not be). */
  history?: History;
}

export interface Check {
  verdict: 'confirmed' | 'contradicted' | 'unverifiable';
  evidence: Evidence[];
  reason: string;
}

export type Verifier = (subject: Subject, ctx: CheckContext, text: string) => Check;

export const confirmed = (reason: string, evidence: Evidence[]): Check => ({ verdict: 'confirmed', evidence, reason });
export const contradicted = (reason: string, evidence: Evidence[]): Check => ({ verdict: 'contradicted', evidence, reason });
export const unverifiable = (reason: string): Check => ({ verdict: 'unverifiable', evidence: [], reason });

export function commandEvidence(p: ProbeResult): Evidence {
  return { kind: 'command', command: p.command, exitCode: p.exitCode, durationMs: p.durationMs, excerpt: p.outputExcerpt.slice(-600) };
}

/** The probe results of a kind that ran, or the reason there are none. */
export function probesOf(ctx: CheckContext, kind: string): ProbeResult[] | string {
  const all = ctx.run.probes.filter((p) => p.kind === kind);
  const ran = all.filter((p) => p.status === 'ran');
  if (ran.length) return ran;
  if (ctx.noExecReason) return `needs the ${kind} probe, which did not run: ${ctx.noExecReason}`;
  if (all.length) return `needs the ${kind} probe, which did not run: ${all[0].reason ?? all[0].status}`;
  return `needs the ${kind} probe: none ran for this repository`;
}

export function figureNumber(p: ProbeResult, ...names: string[]): number | null {
  for (const n of names) {
    const v = p.figures[n];
    if (typeof v === 'number') return v;
    if (v && typeof v === 'object') {
      const sum = Object.values(v as Record<string, unknown>).reduce<number>((a, x) => a + (typeof x === 'number' ? x : 0), 0);
      return sum;
    }
  }
  return null;
}

export function inventoryArray(ctx: CheckContext, key: string): unknown[] | null {
  const v = ctx.run.inventory[key];
  return Array.isArray(v) ? v : null;
}

export interface RouteRow { method?: string; path?: string; file?: string; line?: number }

/**
 * The routes the audit's route table registered, in release code. The audit writes `inventory.routes` as
 * the route inventory (`{ routes, summary }`, src/model/routes.ts); a bare array is read too. Null when
 * no route collector ran.
 */
export function routeRows(ctx: CheckContext): RouteRow[] | null {
  const v = ctx.run.inventory.routes as unknown;
  const rows = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { routes?: unknown }).routes) ? (v as { routes: unknown[] }).routes : null;
  if (!rows) return null;
  return (rows as RouteRow[]).filter((r) => !r.file || ctx.repo.isRelease(r.file));
}

/** CI configuration files: GitHub workflows (as the audit found them) and the other CI services' configs at their fixed paths. */
export function ciFiles(ctx: CheckContext): string[] {
  const github = (ctx.run.inventory.workflowFiles as string[] | undefined) ?? ctx.repo.files.filter((f) => /^\.github\/workflows\/.*\.ya?ml$/.test(f));
  const others = ctx.repo.files.filter((f) => /^(\.circleci\/config\.ya?ml|\.gitlab-ci\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml)$/.test(f));
  return [...new Set([...github, ...others])];
}
