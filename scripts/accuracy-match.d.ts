// Types for scripts/accuracy-match.js, so its test (TypeScript) can import it under `strict`.
export interface ExpectedItem { path: string; line?: number; category: string; severity: string; reason: string }
export interface MustNotPlace { path: string; line: number; reason: string }
export interface Expectation { name: string; set: ExpectationSet; findings: ExpectedItem[]; mustNot: MustNotPlace[] }
export interface RunFinding {
  ruleId: string; category: string; severity: string; package: string | null;
  location: { path: string; line: number } | null; suppressed?: unknown; message?: string;
}
export interface Run { findings?: RunFinding[]; gate?: { decision: string } }
export type Judgment = 'true' | 'false' | 'debatable';
export interface Classed { finding: RunFinding; key: string; judgment: Judgment | 'unjudged'; expected: boolean }
export interface RepoScore {
  name: string; matched: number; total: number; missed: ExpectedItem[];
  mustNotHits: { place: MustNotPlace; by: RunFinding[] }[]; mustNotTotal: number;
  blocking: Classed[]; judged: { true: number; false: number; unjudged: number }; gate: string;
}
export const LINE_TOLERANCE: number;
export type ExpectationSet = 'develop' | 'aside' | 'heldout2' | 'heldout3' | 'heldout4' | 'heldout5' | 'heldout6' | 'heldout7' | 'heldout8' | 'heldout9' | 'heldout10';
export const SETS: ExpectationSet[];
export function selectExpectations<E extends { name: string; set: string }>(all: E[], set: string, only?: Set<string> | null): E[];
export function isRepoLevel(item: { path?: string | null }): boolean;
export function answeringCategories(category: string): string[];
export function liveFindings(run: Run): RunFinding[];
export function answers(finding: RunFinding, item: ExpectedItem): boolean;
export function hits(finding: RunFinding, place: MustNotPlace): boolean;
export function findingKey(finding: Pick<RunFinding, 'ruleId' | 'location' | 'package'>): string;
export function readJudgments(doc: unknown, source?: string): Map<string, Judgment>;
export function scoreRepo(expectation: Expectation, run: Run, judgments?: Map<string, Judgment>): RepoScore;
export function pool(scores: RepoScore[]): {
  matched: number; total: number; mustNotHits: number; mustNotTotal: number; blocking: number;
  judgedTrue: number; judgedFalse: number; unjudged: number; precision: number | null;
};
