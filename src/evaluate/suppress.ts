// Suppressions (comments with a reason) and config exemptions (with an optional expiry). Suppressed
// findings stay in the model, marked, and are counted; they never reach the gate or the scores.
import { ruleMatches, type SuppressionComment } from '../collect/facts/suppressions.js';
import type { Exemption } from '../config/schema.js';
import type { Finding, InputDiagnostic } from '../model/run.js';
import { matchAny } from '../util/glob.js';

export function applySuppressions(
  findings: Finding[], comments: SuppressionComment[], exemptions: Exemption[], today: string, configPath: string,
): InputDiagnostic[] {
  const diagnostics: InputDiagnostic[] = [];
  const index = new Map<string, SuppressionComment[]>();
  for (const c of comments) {
    if (!c.ruleId || !c.reason) continue;
    const key = `${c.path}:${c.appliesToLine}`;
    const list = index.get(key) ?? [];
    list.push(c);
    index.set(key, list);
  }
  exemptions.forEach((e, i) => {
    if (e.expires && e.expires < today) {
      diagnostics.push({
        path: configPath, problem: `exemptions[${i}] (${e.rule} on ${e.path}) expired on ${e.expires} and no longer applies`,
        action: 'fix the findings it covered, or renew the exemption with a new date and reason',
      });
    }
  });
  for (const f of findings) {
    if (!f.location) continue;
    const hit = (index.get(`${f.location.path}:${f.location.line}`) ?? []).find((c) => ruleMatches(c.ruleId!, f.ruleId));
    if (hit) {
      f.suppressed = { reason: hit.reason!, where: `${hit.path}:${hit.line}` };
      continue;
    }
    for (const [i, e] of exemptions.entries()) {
      if (!ruleMatches(e.rule, f.ruleId) || !matchAny(f.location.path, [e.path])) continue;
      if (e.expires && e.expires < today) {
        f.evidence.push({ kind: 'note', text: `exemption ${configPath} exemptions[${i}] expired on ${e.expires}` });
        continue;
      }
      f.suppressed = { reason: e.reason, where: `${configPath} exemptions[${i}]` };
      break;
    }
  }
  return diagnostics;
}
