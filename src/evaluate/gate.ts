// The gate speaks in blockers, not averages: every reason and condition is listed with evidence.
import type { Finding, Gate, GateItem, Outcome } from '../model/run.js';
import type { ResolvedGatePolicy } from './policy.js';

function where(f: Finding): string | null {
  return f.location ? `${f.location.path}:${f.location.line}` : f.evidence.find((e) => e.kind === 'command')
    ? (f.evidence.find((e) => e.kind === 'command') as { command: string }).command : null;
}

function fromFinding(f: Finding): GateItem {
  return { kind: 'finding', message: `${f.ruleId} (${f.severity}): ${f.message}`, ruleId: f.ruleId, evidence: where(f) };
}

/** `unread`: conditions for release code verdict did not read (see evaluate). */
export function decideGate(findings: Finding[], outcomes: Outcome[], policy: ResolvedGatePolicy, unread: GateItem[] = []): Gate {
  // Findings outside release code are reported in their own section and never block (docs/gate.md).
  const active = findings.filter((f) => !f.suppressed && !f.experimental && !f.outsideRelease);
  const reasons: GateItem[] = [];
  const conditions: GateItem[] = [];
  const seen = new Set<string>();
  const add = (list: GateItem[], item: GateItem) => {
    const key = `${item.ruleId}|${item.message}|${item.evidence}`;
    if (seen.has(key)) return;
    seen.add(key);
    list.push(item);
  };
  const blocking = new Set([...outcomes.filter((o) => o.blocking).map((o) => o.ruleId), ...policy.blockingRules]);
  for (const f of active) {
    if (policy.nogoSeverities.includes(f.severity) || blocking.has(f.ruleId)) add(reasons, fromFinding(f));
  }
  for (const o of outcomes) {
    if (!blocking.has(o.ruleId)) continue;
    const label = o.package ? `${o.ruleId} [${o.package}]` : o.ruleId;
    if (o.status === 'fail' && !active.some((f) => f.ruleId === o.ruleId)) {
      add(reasons, { kind: 'outcome', message: `${label} failed: ${o.reason}`, ruleId: o.ruleId, evidence: null });
    } else if (o.status === 'unknown' || o.status === 'error') {
      const item = { kind: 'unknown', message: `${label} not verified: ${o.reason}`, ruleId: o.ruleId, evidence: null };
      add(policy.unknownBlocking === 'nogo' ? reasons : conditions, item);
    }
  }
  for (const f of active) {
    if (policy.conditionSeverities.includes(f.severity) && !blocking.has(f.ruleId) && !policy.nogoSeverities.includes(f.severity)) {
      add(conditions, fromFinding(f));
    }
  }
  for (const item of unread) add(conditions, item);
  const decision = reasons.length > 0 ? 'NO_GO' : conditions.length > 0 ? 'GO_WITH_CONDITIONS' : 'GO';
  return { decision, reasons, conditions };
}
