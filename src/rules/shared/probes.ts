// Helpers for rules that judge probe results: a probe that did not run, timed out, or was stopped
// by its environment (dependencies not installed, a native binding missing) makes the check
// UNKNOWN with the reason and the fix, never a pass or a fail.
import type { Evidence, ProbeResult } from '../../model/run.js';
import { BLOCKING_DIAGNOSES } from '../../probes/diagnose.js';
import type { RepoRuleContext } from '../api.js';

function diagnosisText(p: ProbeResult): string {
  return p.diagnosis.map((d) => `${d.message}. Fix: ${d.fix}`).join(' ');
}

/** Why a probe that ran still gave no verdict, or null when its result can be judged. */
export function blockedReason(p: ProbeResult): string | null {
  const blocking = p.diagnosis.filter((d) => BLOCKING_DIAGNOSES.includes(d.id));
  if (blocking.length > 0) return `\`${p.command}\` could not run: ${blocking.map((d) => `${d.message}. Fix: ${d.fix}`).join(' ')}`;
  if (p.timedOut) return `\`${p.command}\` timed out after ${Math.round(p.durationMs / 1000)} s (process tree killed)${p.diagnosis.length ? `: ${diagnosisText(p)}` : ''}`;
  return null;
}

/** Probe results of one kind that can be judged; declares UNKNOWN (with the reason) for the others. */
export function probesOf(ctx: RepoRuleContext, kind: string, what: string): ProbeResult[] {
  if (!ctx.exec) {
    ctx.unknown(`${what} not run: --no-exec was given (verdict ran none of the repository's code)`);
    return [];
  }
  const all = ctx.probes.filter((p) => p.kind === kind);
  const usable: ProbeResult[] = [];
  for (const p of all) {
    if (p.status !== 'ran') {
      const fix = p.diagnosis.length ? `. Fix: ${p.diagnosis.map((d) => d.fix).join(' ')}` : '';
      ctx.unknown(`${what} not run: ${p.reason ?? p.status}${fix}`, p.package);
      continue;
    }
    const blocked = blockedReason(p);
    if (blocked) ctx.unknown(`${what}: ${blocked}`, p.package);
    else usable.push(p);
  }
  if (all.length === 0) ctx.unknown(`${what} not run: no ${kind} probe applies to this repository or this build of verdict`);
  return usable;
}

export function commandEvidence(p: ProbeResult): Evidence {
  return { kind: 'command' as const, command: p.command, exitCode: p.exitCode, durationMs: p.durationMs, excerpt: p.outputExcerpt.slice(-1500) };
}

/** Evidence for a failing probe: its diagnosis (what happened and the fix) first, then the command. */
export function failureEvidence(p: ProbeResult): Evidence[] {
  return [
    ...p.diagnosis.map((d) => ({ kind: 'note' as const, text: `diagnosis (${d.id}): ${d.message}. Fix: ${d.fix}` })),
    // The result is the repository's own command: say why verdict's was not used.
    ...(p.rejectedInvocation ? [{ kind: 'note' as const, text: `\`${p.rejectedInvocation.command}\` was not used: ${p.rejectedInvocation.reason}` }] : []),
    // The result is another probe's run read again (the build's tsc run serving the typecheck): say so.
    ...(p.derivedFrom ? [{ kind: 'note' as const, text: `no run of its own: ${p.derivedFrom.reason}` }] : []),
    commandEvidence(p),
  ];
}

/** "TS2322 ×4, TS2345 ×2" from a count record, top n. */
export function topCounts(counts: unknown, n = 3): string {
  if (typeof counts !== 'object' || counts === null) return '';
  return Object.entries(counts as Record<string, number>)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n).map(([k, v]) => `${k} ×${v}`).join(', ');
}
