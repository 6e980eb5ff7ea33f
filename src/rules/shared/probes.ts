// Helpers for rules that judge probe results: a probe that did not run makes the check UNKNOWN.
import type { ProbeResult } from '../../model/run.js';
import type { RepoRuleContext } from '../api.js';

/** Probe results of one kind; declares UNKNOWN (with the reason) and returns [] when none ran. */
export function probesOf(ctx: RepoRuleContext, kind: string, what: string): ProbeResult[] {
  if (!ctx.exec) {
    ctx.unknown(`${what} not run: --no-exec was given (verdict ran none of the repository's code)`);
    return [];
  }
  const all = ctx.probes.filter((p) => p.kind === kind);
  const ran = all.filter((p) => p.status === 'ran');
  for (const p of all) if (p.status !== 'ran') ctx.unknown(`${what} not run: ${p.reason ?? p.status}`, p.package);
  if (all.length === 0) ctx.unknown(`${what} not run: no ${kind} probe applies to this repository or this build of verdict`);
  return ran;
}

export function commandEvidence(p: ProbeResult) {
  return { kind: 'command' as const, command: p.command, exitCode: p.exitCode, durationMs: p.durationMs, excerpt: p.outputExcerpt.slice(-1500) };
}
