// evaluate: suppressions, exemptions, outcomes, scores and the gate. Pure: same input, same output.
import type { SuppressionComment } from '../collect/facts/suppressions.js';
import type { VerdictConfig } from '../config/schema.js';
import type { PackageInfo, Finding, Gate, GateItem, InputDiagnostic, Outcome, Scores, Severity, Unknown } from '../model/run.js';
import { SEVERITY_RANK } from '../model/constants.js';
import type { Rule, RuleFinding } from '../rules/api.js';
import type { RuleOutcome } from '../rules/engine.js';
import { fingerprint } from './fingerprint.js';
import { decideGate } from './gate.js';
import { CATEGORY_WEIGHTS, resolveGatePolicy, SUBJECT_ROLES } from './policy.js';
import { scoreSet } from './score.js';
import { applySuppressions } from './suppress.js';

export interface EvaluateInput {
  rules: Rule[];
  findings: RuleFinding[];
  outcomes: RuleOutcome[];
  suppressionFacts: SuppressionComment[];
  config: VerdictConfig;
  configPath: string;
  packages: PackageInfo[];
  today: string;
  /** Source files verdict did not read (binary, too large, a symlink to outside), with their package and role. */
  unread?: Array<{ path: string; reason: string; package: string | null; role: string; release?: boolean }>;
  /** Whether the repository's code ran (or stored probe results were given): without it the gate is never GO. Default true. */
  executed?: boolean;
  /** The role of a path and whether it is release code (discover's role map); without it every path is release code. */
  scope?: { role(path: string): string; release(path: string): boolean };
}

/** Outside release code a finding weighs less and never blocks (docs/gate.md). */
export const LOWERED: Record<Severity, Severity> = { critical: 'medium', high: 'low', medium: 'low', low: 'info', info: 'info' };

export interface Evaluation {
  findings: Finding[];
  outcomes: Outcome[];
  scores: Scores;
  gate: Gate;
  unknowns: Unknown[];
  diagnostics: InputDiagnostic[];
}

export function compareFindings(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || (a.location?.path ?? '').localeCompare(b.location?.path ?? '')
    || (a.location?.line ?? 0) - (b.location?.line ?? 0)
    || (a.location?.column ?? 0) - (b.location?.column ?? 0)
    || a.ruleId.localeCompare(b.ruleId)
    || a.message.localeCompare(b.message);
}

export function evaluate(input: EvaluateInput): Evaluation {
  const meta = new Map(input.rules.map((r) => [r.id, r.meta]));
  const overrides = input.config.rules ?? {};
  const occurrences = new Map<string, number>();
  const findings: Finding[] = input.findings
    .map((f): Finding => {
      const m = meta.get(f.ruleId)!;
      const o = overrides[f.ruleId];
      return {
        ruleId: f.ruleId, category: m.category,
        severity: o && o !== 'off' ? o : f.severity ?? m.severity,
        message: f.message,
        ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
        location: f.path ? { path: f.path, line: f.line, column: f.column, endLine: f.endLine, snippet: f.snippet } : null,
        evidence: f.evidence, remediation: m.remediation.text, fingerprint: '', package: f.package, suppressed: null,
        experimental: m.lifecycle === 'experimental',
      };
    })
    .map((f, i): Finding => {
      const path = f.location?.path;
      if (!input.scope || !path || input.findings[i].everywhere || input.scope.release(path)) return f;
      const role = input.scope.role(path);
      if (SUBJECT_ROLES[f.category]?.includes(role)) return f;
      return { ...f, severity: LOWERED[f.severity], outsideRelease: { role, severity: f.severity } };
    })
    .sort(compareFindings);
  for (const f of [...findings].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0))) {
    const key = `${f.ruleId}\0${f.location?.path}\0${f.location?.snippet ?? f.message}`;
    const n = occurrences.get(key) ?? 0;
    occurrences.set(key, n + 1);
    f.fingerprint = fingerprint(f.ruleId, f.location?.path ?? null, f.location?.snippet ?? '', f.message, n);
  }
  const diagnostics = applySuppressions(
    findings, input.suppressionFacts, input.config.exemptions ?? [], input.today, input.configPath,
  );
  // Release code only: an unread test fixture (an MPEG-TS video named .ts) does not void the release checks.
  const unreadIn = unreadByPackage((input.unread ?? []).filter(isReleaseCode));
  const sourceRules = new Set(input.rules.filter((r) => r.kind === 'source').map((r) => r.id));
  const outcomes: Outcome[] = input.outcomes
    .map((o) => ({ ...o, category: meta.get(o.ruleId)!.category, blocking: meta.get(o.ruleId)!.blocking === true }))
    .map((o) => {
      // A source rule saw only what was read: over a package with unread source its silence proves nothing.
      const unread = unreadIn.get(o.package ?? '');
      if (!unread || !sourceRules.has(o.ruleId) || (o.status !== 'pass' && o.status !== 'not-applicable')) return o;
      return { ...o, status: 'unknown' as const, reason: `${unread.length} source file(s) of this package not read (${unread.slice(0, 3).map((u) => u.path).join(', ')}${unread.length > 3 ? ', ...' : ''}); ${o.reason}` };
    })
    .map((o) => {
      if (o.status !== 'fail') return o;
      const own = findings.filter((f) => f.ruleId === o.ruleId && (o.package === null || f.package === o.package));
      const live = own.filter((f) => !f.suppressed);
      if (own.length > 0 && live.length === 0) return { ...o, status: 'pass' as const, reason: `${o.reason}; all suppressed with a reason` };
      // The release code passes when every live finding is outside it; those are reported apart, lowered.
      if (live.length > 0 && live.every((f) => f.outsideRelease)) {
        return { ...o, status: 'pass' as const, reason: `${o.reason}; all ${live.length} outside release code (${[...new Set(live.map((f) => f.outsideRelease!.role))].sort().join(', ')})` };
      }
      return o;
    })
    .sort((a, b) => a.ruleId.localeCompare(b.ruleId) || (a.package ?? '').localeCompare(b.package ?? ''));
  const unknowns: Unknown[] = outcomes
    .filter((o) => o.status === 'unknown' || o.status === 'error')
    .map((o) => ({ check: o.ruleId, package: o.package, reason: o.status === 'error' ? `error: ${o.reason}` : o.reason }));
  const overall = scoreSet(findings, outcomes);
  const packages: Scores['packages'] = {};
  for (const p of input.packages) {
    const own = findings.filter((f) => f.package === p.name);
    // Repository-level outcomes count for a package where that rule found something in it.
    const repoLevel = outcomes
      .filter((o) => o.package === null && o.status === 'fail' && own.some((f) => f.ruleId === o.ruleId))
      .map((o) => ({ ...o, package: p.name }));
    packages[p.name] = scoreSet(own, [...outcomes.filter((o) => o.package === p.name), ...repoLevel]);
  }
  const gate = decideGate(findings, outcomes, resolveGatePolicy(input.config.gate), unreadConditions(input.unread ?? []), input.executed ?? true);
  return { findings, outcomes, scores: { ...overall, weights: { ...CATEGORY_WEIGHTS }, packages }, gate, unknowns, diagnostics };
}

function unreadByPackage(unread: NonNullable<EvaluateInput['unread']>): Map<string, NonNullable<EvaluateInput['unread']>> {
  const out = new Map<string, NonNullable<EvaluateInput['unread']>>();
  for (const u of unread) {
    const list = out.get(u.package ?? '') ?? [];
    list.push(u);
    out.set(u.package ?? '', list);
  }
  return out;
}

/** Release code verdict did not read holds the gate at GO WITH CONDITIONS at best, each file named. */
function unreadConditions(unread: NonNullable<EvaluateInput['unread']>): GateItem[] {
  return unread.filter(isReleaseCode).map((u) => ({
    kind: 'unread', message: `${u.path} was not read (${u.reason}): release code no static check saw`, ruleId: null, evidence: u.path,
  }));
}

function isReleaseCode(u: NonNullable<EvaluateInput['unread']>[number]): boolean {
  return u.release ?? u.role === 'service';
}
