// The gate speaks in blockers, not averages: every reason and condition is listed with evidence, and
// the reasons are ranked (REASON_RANK): what a run proved broken before what static checks prove open.
import { SEVERITY_RANK } from '../model/constants.js';
import type { Finding, Gate, GateItem, Outcome } from '../model/run.js';
import { REASON_RANK, type ResolvedGatePolicy } from './policy.js';

/** Where a reader checks the item: the finding's place, else the file or command its evidence names. */
function where(f: Finding): string | null {
  if (f.location) return `${f.location.path}:${f.location.line}`;
  const file = f.evidence.find((e) => e.kind === 'file');
  if (file) return `${file.path}:${file.line}`;
  const command = f.evidence.find((e) => e.kind === 'command');
  return command ? command.command : null;
}

function fromFinding(f: Finding): GateItem {
  return { kind: 'finding', message: `${f.ruleId} (${f.severity}): ${f.message}`, ruleId: f.ruleId, evidence: where(f) };
}

/**
 * `unread`: conditions for release code verdict did not read (see evaluate). `executed`: whether the
 * repository's code ran (tests, typecheck, build); without that the answer is never GO, whatever the
 * configuration turned off (docs/gate.md).
 */
export function decideGate(findings: Finding[], outcomes: Outcome[], policy: ResolvedGatePolicy, unread: GateItem[] = [], executed = true): Gate {
  // Findings outside release code are reported in their own section and never block (docs/gate.md).
  const active = findings.filter((f) => !f.suppressed && !f.experimental && !f.outsideRelease);
  const ranked: Array<{ rank: number; item: GateItem }> = [];
  const conditions: GateItem[] = [];
  const seen = new Set<string>();
  const fresh = (item: GateItem) => {
    const key = `${item.ruleId}|${item.message}|${item.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const reason = (rank: number, item: GateItem) => { if (fresh(item)) ranked.push({ rank, item }); };
  const condition = (item: GateItem) => { if (fresh(item)) conditions.push(item); };
  const blocking = new Set([...outcomes.filter((o) => o.blocking).map((o) => o.ruleId), ...policy.blockingRules]);
  const policyBlocks = (f: Finding) => {
    const at = policy.blockingFindings[f.ruleId];
    return at !== undefined && SEVERITY_RANK[f.severity] <= SEVERITY_RANK[at];
  };
  for (const f of active) {
    if (blocking.has(f.ruleId)) reason(REASON_RANK.probe, fromFinding(f));
    else if (policy.nogoSeverities.includes(f.severity)) reason(REASON_RANK.critical, fromFinding(f));
    else if (policyBlocks(f)) reason(REASON_RANK.policy, fromFinding(f));
  }
  for (const o of outcomes) {
    if (!blocking.has(o.ruleId)) continue;
    const label = o.package ? `${o.ruleId} [${o.package}]` : o.ruleId;
    if (o.status === 'fail' && !active.some((f) => f.ruleId === o.ruleId)) {
      reason(REASON_RANK.probe, { kind: 'outcome', message: `${label} failed: ${o.reason}`, ruleId: o.ruleId, evidence: null });
    } else if (o.status === 'unknown' || o.status === 'error') {
      const item = { kind: 'unknown', message: `${label} not verified: ${o.reason}`, ruleId: o.ruleId, evidence: null };
      if (policy.unknownBlocking === 'nogo') reason(REASON_RANK.unknown, item);
      else condition(item);
    }
  }
  for (const f of active) {
    if (policy.conditionSeverities.includes(f.severity) && !blocking.has(f.ruleId) && !policy.nogoSeverities.includes(f.severity) && !policyBlocks(f)) {
      condition(fromFinding(f));
    }
  }
  for (const item of unread) condition(item);
  if (!executed && ranked.length === 0 && conditions.length === 0) {
    condition({ kind: 'unknown', message: 'the repository\'s code did not run (--no-exec): its tests, typecheck and build are not verified', ruleId: null, evidence: null });
  }
  // A stable sort: within a rank, findings keep their order (severity, path, line).
  const reasons = ranked.sort((a, b) => a.rank - b.rank).map((r) => r.item);
  const decision = reasons.length > 0 ? 'NO_GO' : conditions.length > 0 ? 'GO_WITH_CONDITIONS' : 'GO';
  return { decision, reasons, conditions };
}
