// How `npm run accuracy` reads one audit against a reviewer's written expectations. Pure functions
// over plain data (an expectation file, verdict's JSON run, an optional judgments file), so the
// rules of the measurement can be tested without running verdict.
//
// The rules (issue 17, "How to measure"):
// - an expected item with a path is answered by a finding at the same path within ±LINE_TOLERANCE
//   lines; an item about the repository as a whole (path "" or "(repo)") by a repository-level
//   finding (no location) of the same category;
// - a must-not place is hit by a finding of medium severity or above within ±LINE_TOLERANCE lines;
// - precision is pooled over critical and high findings, each classed by a reviewer in a judgments
//   file; an unjudged finding is never counted as true, and "debatable" counts as false.
// Suppressed findings and info-level findings answer nothing and hit nothing: they are not alarms.

export const LINE_TOLERANCE = 3;

// Expectation files use a reviewer's words for a few categories verdict files under other names;
// each maps to the verdict categories that may answer it at repository level.
const CATEGORY_ANSWERS = {
  config: ['reliability', 'security'],
  deploy: ['ci', 'build'],
  database: ['database', 'migrations'],
  migrations: ['migrations', 'database'],
};

// The sets an expectation file may name. `develop` is what `npm run accuracy` measures by default; the
// others were written down before any run and are held out: they run only when named, or with `all`.
export const SETS = ['develop', 'aside', 'heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6', 'heldout7', 'heldout8', 'heldout9', 'heldout10'];

/**
 * The expectation files one run measures: those of `set` (or every set for `all`), narrowed to `only`
 * when given. A file naming a set nobody knows is an error, never silently left out of every run.
 */
export function selectExpectations(all, set, only = null) {
  if (set !== 'all' && !SETS.includes(set)) throw new Error(`unknown set "${set}": use ${SETS.join(', ')} or all`);
  for (const e of all) {
    if (!SETS.includes(e.set)) throw new Error(`expectation ${e.name} names set "${e.set}": use one of ${SETS.join(', ')}`);
  }
  return all.filter((e) => (set === 'all' || e.set === set) && (!only || only.has(e.name)));
}

const BLOCKING = new Set(['critical', 'high']);
const ALARM = new Set(['critical', 'high', 'medium']);

/** An expectation item about the repository as a whole rather than a place in it. */
export function isRepoLevel(item) {
  return item.path === '' || item.path === '(repo)' || item.path == null;
}

/** The verdict categories that answer an expected repository-level item of this category. */
export function answeringCategories(category) {
  return CATEGORY_ANSWERS[category] ?? [category];
}

/** Findings that count as something verdict said: not suppressed, not info. */
export function liveFindings(run) {
  return (run.findings ?? []).filter((f) => !f.suppressed && f.severity !== 'info');
}

function near(location, path, line) {
  return location != null && location.path === path && Math.abs(location.line - line) <= LINE_TOLERANCE;
}

/** Does this finding answer this expected item? */
export function answers(finding, item) {
  if (isRepoLevel(item)) return finding.location == null && answeringCategories(item.category).includes(finding.category);
  return near(finding.location, item.path, item.line);
}

/** Does this finding raise an alarm at this must-not place? */
export function hits(finding, place) {
  return ALARM.has(finding.severity) && near(finding.location, place.path, place.line);
}

/** The key a reviewer's judgment is recorded under: rule id + path + line (package for a repo-level one). */
export function findingKey(finding) {
  const where = finding.location ? `${finding.location.path}|${finding.location.line}` : `(repo:${finding.package ?? ''})|0`;
  return `${finding.ruleId}|${where}`;
}

/** Judgments file → Map key → 'true' | 'false' | 'debatable'. Throws with the entry when one is malformed. */
export function readJudgments(doc, source = 'judgments') {
  const out = new Map();
  for (const [i, j] of (doc?.judgments ?? []).entries()) {
    const verdict = j.verdict === true ? 'true' : j.verdict === false ? 'false' : j.verdict;
    if (typeof j.ruleId !== 'string' || !['true', 'false', 'debatable'].includes(verdict)) {
      throw new Error(`${source}: judgments[${i}] needs a string ruleId and a verdict of true, false or "debatable"`);
    }
    const location = j.path ? { path: j.path, line: Number(j.line) } : null;
    out.set(findingKey({ ruleId: j.ruleId, location, package: j.package ?? null }), verdict);
  }
  return out;
}

/**
 * One repository's figures. `expectation` is an accuracy/expectations file, `run` verdict's JSON
 * result, `judgments` a Map from readJudgments (empty when the reviewer has not classed anything).
 */
export function scoreRepo(expectation, run, judgments = new Map()) {
  const live = liveFindings(run);
  const expected = expectation.findings.map((item) => ({ item, by: live.filter((f) => answers(f, item)) }));
  const mustNot = expectation.mustNot.map((place) => ({ place, by: live.filter((f) => hits(f, place)) }));
  const blocking = live.filter((f) => BLOCKING.has(f.severity));
  const classed = blocking.map((f) => ({
    finding: f,
    key: findingKey(f),
    judgment: judgments.get(findingKey(f)) ?? 'unjudged',
    expected: expectation.findings.some((item) => answers(f, item)),
  }));
  const count = (j) => classed.filter((c) => c.judgment === j).length;
  return {
    name: expectation.name,
    matched: expected.filter((e) => e.by.length > 0).length,
    total: expected.length,
    missed: expected.filter((e) => e.by.length === 0).map((e) => e.item),
    mustNotHits: mustNot.filter((m) => m.by.length > 0),
    mustNotTotal: mustNot.length,
    blocking: classed,
    judged: { true: count('true'), false: count('false') + count('debatable'), unjudged: count('unjudged') },
    gate: run.gate?.decision ?? 'UNKNOWN',
  };
}

/** Pooled figures over several scoreRepo results. Precision counts an unjudged finding as not true. */
export function pool(scores) {
  const sum = (pick) => scores.reduce((n, s) => n + pick(s), 0);
  const blocking = sum((s) => s.blocking.length);
  const judgedTrue = sum((s) => s.judged.true);
  return {
    matched: sum((s) => s.matched),
    total: sum((s) => s.total),
    mustNotHits: sum((s) => s.mustNotHits.length),
    mustNotTotal: sum((s) => s.mustNotTotal),
    blocking,
    judgedTrue,
    judgedFalse: sum((s) => s.judged.false),
    unjudged: sum((s) => s.judged.unjudged),
    precision: blocking === 0 ? null : judgedTrue / blocking,
  };
}
