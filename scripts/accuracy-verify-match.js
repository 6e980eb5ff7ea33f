// The scoring behind `npm run accuracy:verify`: verify's verdicts set against a hand adjudication of
// the same report (accuracy/verify/<id>.json), claim by claim, matched by the report line.
// Pure functions over plain objects so the rules of the count can be tested without a repository.
//
// What counts as right:
//   truth true                      -> confirmed
//   truth false                     -> contradicted
//   truth undecidable-statically    -> unverifiable (with --no-exec a claim that needs execution is
//                                      right only when verify says it cannot tell)
//   truth not-a-claim               -> not scored
// A decidable claim verify answers "unverifiable" is neither right nor wrong: it is counted apart.
// A claim verify did not extract at all is "missed" (also not right).

/** The verdict a right answer has for each adjudicated truth (null: not scored). */
export const EXPECTED = {
  true: 'confirmed',
  false: 'contradicted',
  'undecidable-statically': 'unverifiable',
  'not-a-claim': null,
};

/**
 * verify's claims that cover a report line: the one starting on it first, then any whose range
 * (line..endLine) contains it. A table row or list item is one claim; a multi-line paragraph is one
 * claim spanning its lines.
 */
export function claimsAtLine(verifyClaims, line) {
  const starting = verifyClaims.filter((c) => c.line === line);
  if (starting.length > 0) return starting;
  return verifyClaims.filter((c) => c.line <= line && line <= (c.endLine ?? c.line));
}

/**
 * One verdict for one adjudicated line. When verify gives several claims on the line with different
 * verdicts, a definite verdict that disagrees with the adjudication wins over one that agrees: a
 * line that says both ✅ and ❌ is not right.
 */
export function verdictAtLine(verifyClaims, line, truth) {
  const found = claimsAtLine(verifyClaims, line);
  if (found.length === 0) return null;
  const verdicts = [...new Set(found.map((c) => c.verdict))];
  if (verdicts.length === 1) return verdicts[0];
  const expected = EXPECTED[truth];
  const definite = verdicts.filter((v) => v !== 'unverifiable');
  const wrong = definite.find((v) => v !== expected);
  if (wrong) return wrong;
  return definite[0] ?? verdicts[0];
}

/** right | wrong | unverifiable | missed | skipped for one adjudicated claim. */
export function outcome(truth, verdict) {
  const expected = EXPECTED[truth];
  if (expected === undefined) throw new Error(`unknown truth "${truth}" (expected true, false, undecidable-statically or not-a-claim)`);
  if (expected === null) return 'skipped';
  if (verdict === null || verdict === undefined) return 'missed';
  if (verdict === expected) return 'right';
  if (verdict === 'unverifiable') return 'unverifiable';
  return 'wrong';
}

/** A confirmed claim whose evidence names no file location and no command run. */
export function confirmedWithoutEvidence(claim) {
  if (claim.verdict !== 'confirmed') return false;
  return !(claim.evidence ?? []).some((e) => e.kind === 'file' || e.kind === 'command');
}

/**
 * Score one report: per-claim rows, totals, the facts that got more than one verdict, and the
 * confirmed claims without evidence (over all of verify's claims, adjudicated or not).
 */
export function score(adjudication, verifyResult) {
  const verifyClaims = verifyResult.claims ?? [];
  const rows = adjudication.claims.map((c) => {
    const verdict = verdictAtLine(verifyClaims, c.line, c.truth);
    return { line: c.line, truth: c.truth, fact: c.fact ?? null, verdict, outcome: outcome(c.truth, verdict) };
  });
  const count = (pred) => rows.filter(pred).length;
  const decidable = (r) => r.truth === 'true' || r.truth === 'false';
  const totals = {
    claims: rows.length,
    decidable: count(decidable),
    decidableRight: count((r) => decidable(r) && r.outcome === 'right'),
    undecidable: count((r) => r.truth === 'undecidable-statically'),
    undecidableRight: count((r) => r.truth === 'undecidable-statically' && r.outcome === 'right'),
    right: count((r) => r.outcome === 'right'),
    wrong: count((r) => r.outcome === 'wrong'),
    unverifiable: count((r) => r.outcome === 'unverifiable'),
    missed: count((r) => r.outcome === 'missed'),
  };
  // One fact, one verdict: the adjudication groups lines stating the same fact under a `fact` key.
  const byFact = new Map();
  for (const r of rows) {
    if (!r.fact || r.verdict === null) continue;
    if (!byFact.has(r.fact)) byFact.set(r.fact, new Map());
    byFact.get(r.fact).set(r.line, r.verdict);
  }
  const splitFacts = [...byFact.entries()]
    .filter(([, lines]) => new Set(lines.values()).size > 1)
    .map(([fact, lines]) => {
      const verdicts = new Set(lines.values());
      // ✅ on one line and ❌ on another: the worst kind of split (a mix with "unverifiable" is milder).
      return { fact, lines: Object.fromEntries(lines), conflict: verdicts.has('confirmed') && verdicts.has('contradicted') };
    });
  const unevidenced = verifyClaims.filter(confirmedWithoutEvidence).map((c) => c.line);
  return {
    rows,
    totals,
    splitFacts,
    confirmedWithoutEvidence: unevidenced,
    confirmedTotal: verifyClaims.filter((c) => c.verdict === 'confirmed').length,
  };
}
