// The scoring of `npm run accuracy:verify` (scripts/accuracy-verify-match.js): verify's verdicts set
// against a hand adjudication by report line.
import { describe, expect, it } from 'vitest';
import { confirmedWithoutEvidence, outcome, score, verdictAtLine } from '../scripts/accuracy-verify-match.js';

const file = (path: string, line: number) => ({ kind: 'file', path, line, snippet: '' });

describe('accuracy:verify matching', () => {
  it('maps each truth to the verdict that counts as right', () => {
    expect(outcome('true', 'confirmed')).toBe('right');
    expect(outcome('true', 'contradicted')).toBe('wrong');
    expect(outcome('false', 'contradicted')).toBe('right');
    expect(outcome('false', 'confirmed')).toBe('wrong');
    expect(outcome('false', 'unverifiable')).toBe('unverifiable');
    expect(outcome('undecidable-statically', 'unverifiable')).toBe('right');
    expect(outcome('undecidable-statically', 'confirmed')).toBe('wrong');
    expect(outcome('true', null)).toBe('missed');
    expect(outcome('not-a-claim', 'confirmed')).toBe('skipped');
    expect(() => outcome('maybe' as never, 'confirmed')).toThrow(/unknown truth "maybe"/);
  });

  it('matches by the line a claim starts on before a range that contains it, and lets a disagreeing verdict win', () => {
    const claims = [
      { line: 10, endLine: 14, verdict: 'confirmed' as const },
      { line: 12, endLine: 12, verdict: 'unverifiable' as const },
      { line: 20, endLine: 20, verdict: 'confirmed' as const },
      { line: 20, endLine: 20, verdict: 'contradicted' as const },
    ];
    expect(verdictAtLine(claims, 12, 'true')).toBe('unverifiable');
    expect(verdictAtLine(claims, 13, 'true')).toBe('confirmed');
    expect(verdictAtLine(claims, 20, 'true')).toBe('contradicted');
    expect(verdictAtLine(claims, 20, 'false')).toBe('confirmed');
    expect(verdictAtLine(claims, 30, 'true')).toBeNull();
  });

  it('scores a report: totals, a fact with two verdicts, and a ✅ without file or command evidence', () => {
    const adjudication = {
      claims: [
        { line: 3, truth: 'false' as const, fact: 'status' },
        { line: 9, truth: 'false' as const, fact: 'status' },
        { line: 12, truth: 'true' as const },
        { line: 15, truth: 'undecidable-statically' as const },
        { line: 18, truth: 'false' as const },
      ],
    };
    const verifyResult = {
      claims: [
        { line: 3, verdict: 'contradicted' as const, evidence: [file('src/a.ts', 1)] },
        { line: 9, verdict: 'confirmed' as const, evidence: [{ kind: 'note' }] },
        { line: 12, verdict: 'confirmed' as const, evidence: [file('src/b.ts', 4)] },
        { line: 15, verdict: 'confirmed' as const, evidence: [] },
      ],
    };
    const s = score(adjudication, verifyResult);
    expect(s.rows.map((r) => r.outcome)).toEqual(['right', 'wrong', 'right', 'wrong', 'missed']);
    expect(s.totals).toMatchObject({ claims: 5, decidable: 4, decidableRight: 2, undecidable: 1, undecidableRight: 0, right: 2, wrong: 2, missed: 1 });
    expect(s.splitFacts).toEqual([{ fact: 'status', lines: { 3: 'contradicted', 9: 'confirmed' }, conflict: true }]);
    expect(s.confirmedWithoutEvidence).toEqual([9, 15]);
    expect(s.confirmedTotal).toBe(3);
    expect(confirmedWithoutEvidence({ line: 1, verdict: 'contradicted', evidence: [] })).toBe(false);
  });
});
