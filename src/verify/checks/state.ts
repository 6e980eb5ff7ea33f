// States the report asserts that verdict measures itself: test, typecheck, lint, build and audit
// probes; secrets and SQL injection findings; category scores; the gate.
import type { AuditRun, Evidence } from '../../model/run.js';
import { READY_SCORE } from '../fact.js';
import { fileEvidence, figure } from '../repo.js';
import {
  type Check, type CheckContext, commandEvidence, confirmed, contradicted, figureNumber, probesOf, unverifiable, type Verifier,
} from './context.js';

const sayN = (n: number) => (n === 0 ? 'no' : String(n));

function probeCount(ctx: CheckContext, kind: string, names: string[], claimed: number, what: string): Check {
  const probes = probesOf(ctx, kind);
  if (typeof probes === 'string') return unverifiable(probes);
  let total = 0;
  for (const p of probes) {
    const n = figureNumber(p, ...names);
    if (n === null) return unverifiable(`the ${kind} probe gave no ${what} figure (\`${p.command}\`)`);
    total += n;
  }
  // Counted from output the cap cut: the figure is a lower bound, and only a claim below it is false.
  const atLeast = probes.some((p) => p.figures.truncated === true);
  const ev: Evidence[] = [...probes.map(commandEvidence), figure(atLeast ? `${what} (at least)` : what, total)];
  if (atLeast) {
    if (total > 0 && claimed < total) {
      return contradicted(claimed < 0 ? `${kind} reports at least ${total} ${what}` : `the report says ${sayN(claimed)} ${what}; ${kind} reports at least ${total}`, ev);
    }
    return unverifiable(`${kind} reports at least ${total} ${what} (its output was cut), so the exact figure is unknown`);
  }
  if (claimed < 0) {
    return total === 0 && probes.every((p) => p.exitCode === 0)
      ? confirmed(`${kind} ran clean: ${total} ${what}`, ev)
      : contradicted(`${kind} reports ${total} ${what}`, ev);
  }
  return total === claimed
    ? confirmed(`${kind} reports ${sayN(total)} ${what}, as claimed`, ev)
    : contradicted(`the report says ${sayN(claimed)} ${what}; ${kind} reports ${total}`, ev);
}

export const typecheck: Verifier = (s, ctx) => {
  if (s.delta) return unverifiable('a change over time ("errors fixed"), not a state of the code');
  if (s.failing) {
    const probes = probesOf(ctx, 'typecheck');
    if (typeof probes === 'string') return unverifiable(probes);
    const n = probes.reduce((a, p) => a + (figureNumber(p, 'errors') ?? 0), 0);
    const ev = [...probes.map(commandEvidence), figure('type errors', n)];
    return n > 0 ? confirmed(`typecheck fails with ${n} error(s)`, ev) : contradicted('typecheck passes', ev);
  }
  if (s.code) {
    const probes = probesOf(ctx, 'typecheck');
    if (typeof probes === 'string') return unverifiable(probes);
    const byCode = probes.reduce((a, p) => a + Number((p.figures.byCode as Record<string, number> | undefined)?.[String(s.code)] ?? 0), 0);
    const ev = [...probes.map(commandEvidence), figure(`${s.code} errors`, byCode)];
    return byCode === Number(s.errors === -1 ? 0 : s.errors) ? confirmed(`${byCode} ${s.code} error(s)`, ev) : contradicted(`typecheck reports ${byCode} ${s.code} error(s)`, ev);
  }
  return probeCount(ctx, 'typecheck', ['errors'], Number(s.errors), 'type errors');
};

export const lint: Verifier = (s, ctx) => {
  if (s.claimed === 'partial') return unverifiable('the report does not claim a lint result');
  return probeCount(ctx, 'lint', ['errors'], Number(s.errors), 'lint errors');
};

/** Severities at which a security finding is a vulnerability of the code itself. */
const CODE_VULNERABILITY = new Set(['critical', 'high']);
/** Vulnerability classes judged outside the security category (injection is a database rule). */
const INJECTION = new Set(['database/sql-injection']);

export const vulnerabilities: Verifier = (s, ctx) => {
  // "Zero security vulnerabilities in the codebase": the code's own, as the audit's security rules judge it, not the dependency audit.
  if (s.where === 'code') {
    const rank = (f: { severity: string; ruleId: string }) => (f.severity === 'critical' ? 2 : 0) + (INJECTION.has(f.ruleId) ? 1 : 0);
    const live = ctx.run.findings.filter((f) => (f.category === 'security' || INJECTION.has(f.ruleId)) && CODE_VULNERABILITY.has(f.severity) && !f.suppressed && f.location && ctx.repo.isRelease(f.location.path))
      .sort((a, b) => rank(b) - rank(a));
    if (Number(s.n) !== 0) return unverifiable('a count of the code\'s vulnerabilities other than none: verdict\'s security findings are not a census');
    if (live.length === 0) return unverifiable('no critical or high security finding in the release code; that the code has no vulnerability at all is not decided by its rules');
    const f = live[0];
    return contradicted(`${live.length} critical/high security finding(s) in the release code, first ${f.ruleId} at ${f.location!.path}:${f.location!.line}: ${f.message}`,
      live.slice(0, 3).map((x) => ({ kind: 'file' as const, path: x.location!.path, line: x.location!.line, snippet: x.location!.snippet })));
  }
  return probeCount(ctx, 'audit', ['vulnerabilities', 'advisories', 'total'], Number(s.n), 'known vulnerabilities');
};

export const testsPass: Verifier = (s, ctx) => {
  const probes = probesOf(ctx, 'tests');
  if (typeof probes === 'string') return unverifiable(probes);
  const f = probes.map((p) => p.figures as { passed?: number; failed?: number; total?: number });
  const passed = f.reduce((a, x) => a + (x.passed ?? 0), 0);
  const failed = f.reduce((a, x) => a + (x.failed ?? 0), 0);
  const ok = failed === 0 && probes.every((p) => p.exitCode === 0 && !p.timedOut);
  const ev = [...probes.map(commandEvidence), figure('tests passed', passed), figure('tests failed', failed)];
  if (Number(s.n) >= 0 && Number(s.of) < 0 && s.passing && Number(s.n) !== passed) {
    return contradicted(`the report says ${s.n} tests pass; the test run passed ${passed} and failed ${failed}`, ev);
  }
  if (s.passing) return ok ? confirmed(`${passed} passed, none failed`, ev) : contradicted(`${failed} failing test(s); ${passed} passed`, ev);
  return ok ? contradicted(`the report says tests fail; the run passed ${passed}, failed none`, ev) : confirmed(`${failed} failing test(s)`, ev);
};

export const build: Verifier = (s, ctx) => {
  const probes = probesOf(ctx, 'build');
  if (typeof probes === 'string') return unverifiable(probes);
  const ok = probes.every((p) => p.exitCode === 0 && !p.timedOut);
  const ev = probes.map(commandEvidence);
  if (s.passing) return ok ? confirmed('the build script exits 0', ev) : contradicted('the build fails', ev);
  return ok ? contradicted('the report says the build fails; it exits 0', ev) : confirmed('the build fails', ev);
};

function findingsOf(run: AuditRun, match: (ruleId: string) => boolean) {
  return run.findings.filter((f) => !f.suppressed && match(f.ruleId));
}

function outcomeCheck(ctx: CheckContext, match: (ruleId: string) => boolean, what: string, fact: string, where?: (path: string) => boolean): Check {
  const bad = findingsOf(ctx.run, match).filter((f) => !where || (f.location !== null && f.location !== undefined && where(f.location.path)));
  if (bad.length) {
    const ev = bad.slice(0, 5).map((f) => (f.location ? fileEvidence({ path: f.location.path, line: f.location.line, text: f.location.snippet }) : figure(f.ruleId, f.message)));
    return contradicted(`${bad.length} ${what} finding(s), first: ${bad[0].message}`, ev);
  }
  if (where) return unverifiable(`no ${what} finding there, but the rule's silence names no file or command to show`);
  const passes = ctx.run.outcomes.filter((o) => match(o.ruleId) && o.status === 'pass');
  // A passing rule names no file it looked at: "no X" is not shown by a pass alone.
  if (passes.length) return unverifiable(`${passes[0].ruleId} found no ${what} (${passes[0].reason}), but a pass names no file or command to show`);
  return unverifiable(`needs ${fact}: no ${what} check ran in this build of verdict`);
}

export const secrets: Verifier = (_s, ctx) => outcomeCheck(ctx, (id) => /secret|\.env/i.test(id), 'committed secret', 'a secrets scan');

export const sqlInjection: Verifier = (s, ctx) => {
  // "SQL injection in the migration script": findings in the scripts only; one in the service says nothing of them.
  const scripts = s.where === 'scripts' ? (p: string) => ctx.repo.role(p) === 'script' : undefined;
  const c = outcomeCheck(ctx, (id) => id.startsWith('database/') && /injection|raw-unsafe/.test(id), scripts ? 'SQL injection in scripts' : 'SQL injection', 'the database/sql-injection rule', scripts);
  if (s.prevented || c.verdict === 'unverifiable') return c;
  return { ...c, verdict: c.verdict === 'confirmed' ? 'contradicted' : 'confirmed' };
};

/** Below this many verified checks a verdict score or gate says too little to confirm or refute a report's. */
const MIN_VERIFIED = 2;
/** A category score this high says the category has no serious problem; below LOW_SCORE it says it has. */
const HIGH_SCORE = 90;
const LOW_SCORE = 70;

type RunFinding = AuditRun['findings'][number];
const located = (fs: RunFinding[]) => fs.filter((f) => f.location).slice(0, 3)
  .map((f) => fileEvidence({ path: f.location!.path, line: f.location!.line, text: f.location!.snippet }));
const atLeast = (sev: readonly string[]) => (f: RunFinding) => sev.includes(f.severity);
const SERIOUS = ['critical', 'high'] as const;

/**
 * A report's score and verdict's are on different scales, so a score is never confirmed by being near
 * verdict's: it is judged by what the category's findings say of the code. A high score is
 * contradicted by a critical or high finding, a perfect one by any finding of medium or above; a low
 * score is borne out by the serious findings it points at. Whatever ✅ is given names those findings'
 * files; where there is nothing but a number to compare, the claim is unverifiable.
 */
export const score: Verifier = (s, ctx, text) => {
  const cat = String(s.category);
  const n = Number(s.score);
  if (cat === 'overall' && n >= READY_SCORE) {
    const status = readiness({ ready: true, conditional: false }, ctx, text);
    if (status.verdict !== 'unverifiable') return { ...status, reason: `a score of ${s.score} claims the release is ready: ${status.reason}` };
  }
  const mine = ctx.run.findings.filter((f) => (cat === 'overall' || f.category === cat) && !f.suppressed && !f.outsideRelease);
  const of = cat === 'overall' ? '' : `${cat} `;
  const serious = mine.filter(atLeast(SERIOUS));
  if (cat !== 'overall' && n >= HIGH_SCORE && serious.length) {
    return contradicted(`the report scores ${cat} ${s.score}; verdict has ${serious.length} critical/high ${cat} finding(s), first ${serious[0].ruleId}: ${serious[0].message}`,
      serious.slice(0, 3).map((f) => (f.location ? fileEvidence({ path: f.location.path, line: f.location.line, text: f.location.snippet }) : figure(f.ruleId, f.message))));
  }
  // A perfect score says there is nothing to fix: any finding of the category that counts (medium and
  // above) is the evidence against it, whatever verdict's own score of the category is.
  const counted = mine.filter(atLeast([...SERIOUS, 'medium']));
  if (n >= 100 && counted.length) {
    return contradicted(`the report scores ${cat} ${s.score} (nothing to fix); verdict has ${counted.length} ${of}finding(s) of medium severity or above, first ${counted[0].ruleId}: ${counted[0].message}`,
      counted.slice(0, 3).map((f) => (f.location ? fileEvidence({ path: f.location.path, line: f.location.line, text: f.location.snippet }) : figure(f.ruleId, f.message))));
  }
  const cov = cat === 'overall' ? ctx.run.scores.coverage : ctx.run.scores.categories[cat]?.coverage;
  if (!cov) return unverifiable(`verdict has no ${cat} checks to judge a score by`);
  if (cov.verified < MIN_VERIFIED) return unverifiable(`verdict verified only ${cov.verified} of ${cov.total} ${cat} checks: too few to judge a score`);
  const checked = figure(`${cat} checks verified`, `${cov.verified} of ${cov.total}`);
  if (n < LOW_SCORE) {
    const ev = located(serious);
    return ev.length
      ? confirmed(`a score of ${s.score} says ${of}problems stand: verdict has ${serious.length} critical/high ${of}finding(s), first ${serious[0].ruleId}: ${serious[0].message}`, [...ev, checked])
      : unverifiable(`a score of ${s.score} says ${of}problems stand; verdict has no critical or high ${of}finding with a location to show, and a number alone is not evidence`);
  }
  // A high testing score says the tests pass: without the test run, lesser findings do not bear it out.
  const run = cat === 'testing' ? probesOf(ctx, 'tests') : [];
  if (n >= HIGH_SCORE && typeof run === 'string') return unverifiable(`a testing score of ${s.score} rests on the test run: ${run}`);
  if (n >= HIGH_SCORE) {
    // Short of perfect: how many medium findings a 95 allows is a matter of the report's scale, not the code.
    if (counted.length) {
      return unverifiable(`no critical or high ${of}finding, but ${counted.length} of medium severity (first ${counted[0].ruleId}): whether they fit a score of ${s.score} depends on the report's scale`);
    }
    // Only minor findings: they are what keeps it below 100, and they are what can be shown.
    const minor = mine;
    const ev = located(minor);
    return ev.length
      ? confirmed(`no critical or high ${of}finding in ${cov.verified} verified checks; ${minor.length} lesser finding(s), first ${minor[0].ruleId}: ${minor[0].message}`, [...ev, checked])
      : unverifiable(`no critical or high ${of}finding in ${cov.verified} verified checks, but nothing in the code to show for a score of ${s.score}: a number alone is not evidence`);
  }
  return unverifiable(`a score of ${s.score} says neither ready nor blocked, and verdict's scale is not the report's: nothing to check it against`);
};

function categoryReadiness(s: Record<string, unknown>, ctx: CheckContext): Check {
  const cat = String(s.category);
  const cs = ctx.run.scores.categories[cat];
  if (!cs || cs.score === null) return unverifiable(`verdict could not score ${cat}${cs ? ` (${cs.coverage.verified} of ${cs.coverage.total} checks verified)` : ''}`);
  const blocking = ctx.run.findings.filter((f) => f.category === cat && !f.suppressed && (f.severity === 'critical' || f.severity === 'high'));
  const ev: Evidence[] = [figure(`verdict ${cat} score`, cs.score), ...blocking.slice(0, 3).map((f) => (f.location ? fileEvidence({ path: f.location.path, line: f.location.line, text: f.location.snippet }) : figure(f.ruleId, f.message)))];
  const ready = blocking.length === 0 && cs.score >= 70;
  if (s.ready && ready) {
    // Nothing serious found is shown by what was found: the lesser findings of the category, located.
    const minor = ctx.run.findings.filter((f) => f.category === cat && !f.suppressed && !f.outsideRelease && f.location);
    return minor.length
      ? confirmed(`${cat}: no critical or high finding in ${cs.coverage.verified} verified checks; ${minor.length} lesser finding(s), first ${minor[0].ruleId}`, [...located(minor), ...ev])
      : unverifiable(`${cat}: no critical or high finding in ${cs.coverage.verified} verified checks, but no file to show for it (verdict scores ${cat} ${cs.score})`);
  }
  if (s.ready) return contradicted(`${cat}: ${blocking.length} critical/high finding(s), score ${cs.score}`, ev);
  return ready ? contradicted(`${cat}: verdict finds no critical or high problem (score ${cs.score})`, ev) : confirmed(`${cat}: ${blocking.length} critical/high finding(s)`, ev);
}

export const readiness: Verifier = (s, ctx) => {
  if (s.category) return categoryReadiness(s, ctx);
  const g = ctx.run.gate;
  // The gate's reasons are findings: their locations are what a NO-GO rests on.
  const why = new Set(g.reasons.map((r) => r.ruleId).filter(Boolean));
  const blockers = ctx.run.findings.filter((f) => !f.suppressed && !f.outsideRelease && why.has(f.ruleId) && atLeast(SERIOUS)(f));
  const ev: Evidence[] = [figure('verdict gate', g.decision), ...located(blockers), ...g.reasons.slice(0, 3).map((r) => figure(r.ruleId ?? r.kind, r.evidence ? `${r.message} (${r.evidence})` : r.message))];
  const cov = ctx.run.scores.coverage;
  if (cov.verified < MIN_VERIFIED) return unverifiable(`verdict verified only ${cov.verified} of ${cov.total} checks in this repository: too few to judge readiness`);
  if (!s.ready) return g.decision === 'GO' ? contradicted('verdict says GO', ev) : confirmed(`verdict says ${g.decision}`, ev);
  if (g.decision === 'NO_GO') return contradicted(`verdict says NO-GO: ${g.reasons[0]?.message ?? ''}`.trim(), ev);
  if (g.decision === 'GO') return confirmed('verdict says GO', ev);
  if (s.conditional) return confirmed('verdict says GO WITH CONDITIONS', [...ev, ...g.conditions.slice(0, 3).map((c) => figure('condition', c.message))]);
  // A high finding is a condition the report says does not exist; an unchecked probe is not.
  const standing = g.conditions.filter((c) => c.kind === 'finding');
  if (standing.length) {
    return contradicted(`verdict says GO WITH CONDITIONS: ${standing.length} high finding(s) stand, first ${standing[0].message}`,
      [figure('verdict gate', g.decision), ...standing.slice(0, 3).map((c) => figure(c.ruleId ?? c.kind, c.evidence ? `${c.message} (${c.evidence})` : c.message))]);
  }
  return unverifiable(`verdict says GO WITH CONDITIONS and every condition is a check that did not run (${g.conditions.map((c) => c.ruleId ?? c.kind).join(', ')}): needs --exec`);
};

