// Category scores: 100 minus deductions by severity, each rule capped; unknown checks lower the
// coverage figure instead of the score. A category with nothing verified has no score (null).
import { CATEGORIES, SEVERITIES } from '../model/constants.js';
import type { Finding, Outcome, ScoreSet, Severity } from '../model/run.js';
import { CATEGORY_WEIGHTS, RULE_CAP_MULTIPLIER, SEVERITY_POINTS } from './policy.js';

function emptyCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export function scoreSet(findings: Finding[], outcomes: Outcome[]): ScoreSet {
  const active = findings.filter((f) => !f.suppressed && !f.experimental);
  const categories: ScoreSet['categories'] = {};
  let wSum = 0;
  let wTotal = 0;
  let verifiedAll = 0;
  let totalAll = 0;
  for (const cat of CATEGORIES) {
    const outs = outcomes.filter((o) => o.category === cat && o.status !== 'not-applicable');
    if (outs.length === 0) continue;
    const verified = outs.filter((o) => o.status === 'pass' || o.status === 'fail').length;
    const byRule = new Map<string, Finding[]>();
    const counts = emptyCounts();
    for (const f of active) {
      if (f.category !== cat) continue;
      counts[f.severity]++;
      const list = byRule.get(f.ruleId) ?? [];
      list.push(f);
      byRule.set(f.ruleId, list);
    }
    const deductions = [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, list]) => {
      const raw = list.reduce((s, f) => s + SEVERITY_POINTS[f.severity], 0);
      const worst = list.reduce((w, f) => Math.max(w, SEVERITY_POINTS[f.severity]), 0);
      const cap = worst * RULE_CAP_MULTIPLIER;
      const worstSeverity = SEVERITIES.find((s) => SEVERITY_POINTS[s] === worst) ?? 'info';
      return { ruleId, severity: worstSeverity, findings: list.length, points: Math.min(raw, cap), capped: raw > cap };
    });
    const score = verified === 0 ? null : Math.max(0, 100 - deductions.reduce((s, d) => s + d.points, 0));
    categories[cat] = { score, coverage: { verified, total: outs.length }, deductions, counts };
    verifiedAll += verified;
    totalAll += outs.length;
    if (score !== null) {
      wSum += score * CATEGORY_WEIGHTS[cat];
      wTotal += CATEGORY_WEIGHTS[cat];
    }
  }
  return {
    overall: wTotal === 0 ? null : Math.round(wSum / wTotal),
    coverage: { verified: verifiedAll, total: totalAll },
    categories,
  };
}
