// Types for scripts/accuracy-verify-match.js (the tests import it from TypeScript).
export type Truth = 'true' | 'false' | 'undecidable-statically' | 'not-a-claim';
export type Verdict = 'confirmed' | 'contradicted' | 'unverifiable';
export type Outcome = 'right' | 'wrong' | 'unverifiable' | 'missed' | 'skipped';
export interface VerifyClaimLike { line: number; endLine?: number; verdict: Verdict; evidence?: { kind: string }[] }
export interface AdjudicatedClaim { line: number; truth: Truth; fact?: string }
export const EXPECTED: Record<Truth, Verdict | null>;
export function claimsAtLine(verifyClaims: VerifyClaimLike[], line: number): VerifyClaimLike[];
export function verdictAtLine(verifyClaims: VerifyClaimLike[], line: number, truth: Truth): Verdict | null;
export function outcome(truth: Truth, verdict: Verdict | null | undefined): Outcome;
export function confirmedWithoutEvidence(claim: VerifyClaimLike): boolean;
export function score(adjudication: { claims: AdjudicatedClaim[] }, verifyResult: { claims?: VerifyClaimLike[] }): {
  rows: { line: number; truth: Truth; fact: string | null; verdict: Verdict | null; outcome: Outcome }[];
  totals: {
    claims: number; decidable: number; decidableRight: number; undecidable: number; undecidableRight: number;
    right: number; wrong: number; unverifiable: number; missed: number;
  };
  splitFacts: { fact: string; lines: Record<number, Verdict>; conflict: boolean }[];
  confirmedWithoutEvidence: number[];
  confirmedTotal: number;
};
