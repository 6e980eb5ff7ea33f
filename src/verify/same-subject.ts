// One fact, one verdict, where the wording differs but the subject resolves the same: a line the checks
// could not decide takes the fact of a decided line when
// - it names exactly one feature of the vocabulary and another line decides that feature ("`src/index.ts` -
//   Added audit logging for API keys" beside "Security audit trail | ✅", judged on audit logging), or
// - it states the same thing in the same words once its marks, numbering and parenthesised asides are
//   stripped ("✅ Validated onboarding flow (impossible to skip requirements)" and "Validated onboarding
//   flow (OnboardingGuard)").
// - it counts the same thing to the same figure as one decided count, in a place the repository does not
//   have ("apps/base | 14 RPC bindings" beside "14 orchestrator RPC bindings" in the shared config): the
//   report states one figure twice.
// - it is a plan step that checks a feature ("Verify health endpoint: `/health`"): checking a thing presupposes
//   it is there, so the step states the feature's presence and takes its verdict. A step that adds or fixes
//   a feature presupposes nothing about the code and stays a plan.
// Only claims that assert are joined: a line that says a feature is missing states another fact.
import { polarity } from './classify.js';
import type { Claim } from './model.js';
import { FEATURES } from './vocabulary.js';

/** The statement without status marks, Markdown, list numbering and parenthesised asides. */
export function statement(text: string): string {
  return text.split('\n')[0].replace(/\([^)]*\)/g, ' ').replace(/[\u{1F300}-\u{1FAFF}\u2600-\u27BF]|\uFE0F/gu, ' ')
    .replace(/[*_`|]/g, ' ').replace(/^\s*(\d+[.)]|[-+])\s+/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

const decided = (c: Claim) => c.verdict !== 'unverifiable' && c.fact.key !== null && c.fact.polarity === 'asserts';
/** The verbs of a step that inspects what is there rather than changing it. */
const CHECK_STEP = /^\W*(verify|check|confirm|test|validate|monitor)\b/;
const checkStep = (c: Claim) => c.kind === 'plan' && CHECK_STEP.test(statement(c.text));
// A bare status line ("Status: ✅ PASS") is about its section, whose words it does not carry: never joined on words.
const open = (c: Claim) => c.verdict === 'unverifiable' && c.fact.key === null && !c.subject.bare && (c.kind !== 'plan' || checkStep(c)) && c.kind !== 'outside' && polarity(c.text) === 'present';

export function sameSubject(claims: Claim[]): Claim[] {
  const byFeature = new Map<string, Claim>();
  for (const c of claims) if (c.kind === 'feature' && decided(c) && !byFeature.has(c.fact.subject)) byFeature.set(c.fact.subject, c);
  const byStatement = new Map<string, Claim>();
  for (const c of claims) {
    const s = statement(c.text);
    if (decided(c) && s.split(' ').length >= 3 && !byStatement.has(s)) byStatement.set(s, c);
  }
  const counts = claims.filter((c) => c.kind === 'count' && decided(c));
  return claims.map((c) => {
    if (c.kind === 'count' && c.verdict === 'unverifiable' && c.subject.scope && c.fact.polarity === 'asserts') {
      const words = String(c.subject.words).split(' ');
      const same = counts.filter((o) => o.subject.what === c.subject.what && o.subject.n === c.subject.n && words.every((w) => String(o.subject.words).split(' ').includes(w)));
      if (same.length === 1) return { ...c, fact: { ...same[0].fact } };
    }
    if (!open(c)) return c;
    const named = FEATURES.filter((f) => f.words.test(c.text));
    const byName = named.length === 1 ? byFeature.get(named[0].id) : undefined;
    // A step is joined to a feature only: its words are an instruction, not a statement to match.
    const lead = checkStep(c) ? byName : byName ?? byStatement.get(statement(c.text));
    return lead && lead !== c ? { ...c, fact: { ...lead.fact } } : c;
  });
}
