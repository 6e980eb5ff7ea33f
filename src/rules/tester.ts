// The RuleTester: a rule's behaviour cases, run in memory. Source rules run on code strings through
// collect's own per-file path (collect/in-memory.ts); repository rules are fed hand-built facts,
// documents, probes and layout. Both then go through the rule engine's `runRules`, so messages are
// rendered, reviews applied and outcomes derived exactly as in an audit. No test framework is
// imported here: `RuleTester` takes `describe`/`it`, and the functions below return what a test asserts.
import { emptyResult, type CollectResult, type FactRecord, type MessageData } from '../collect/index.js';
import { collectTexts } from '../collect/in-memory.js';
import type { VerdictConfig } from '../config/schema.js';
import { packageOf, RoleMap, type DiscoveredPackage, type RepoLayout } from '../discover/index.js';
import type { MigrationAnalysis } from '../model/migrations.js';
import type { OutcomeStatus, ProbeResult, Severity } from '../model/run.js';
import type { SecretScan } from '../probes/secrets.js';
import { fileRole, type FileRole } from '../util/roles.js';
import type { RepoRule, Rule, RuleFinding, SourceRule } from './api.js';
import { runRules, type RuleOutcome } from './engine.js';

/** Where the hand-built layout pretends the repository is; nothing is ever read from it. */
const ROOT = '/repo';

/** A package as a test writes it: a name, and only the fields the rule reads. */
export type PackageInput = Partial<DiscoveredPackage> & { name: string };

/** The layout as a test writes it; `files` defaults to every path the case names. */
export interface LayoutInput extends Partial<Omit<RepoLayout, 'packages' | 'files'>> {
  packages?: PackageInput[];
  files?: string[];
}

export interface SourceCase {
  code: string;
  /** Default `src/index.ts`; its extension picks the parser (`.tsx`, `.js`, ...). */
  path?: string;
  /** Default: the role verdict gives the path (`test/a.test.ts` is a test, `scripts/x.ts` a script). */
  role?: FileRole;
  /** Packages (for a rule's `review`, and the file's package); none by default. */
  layout?: LayoutInput;
  /**
   * Other files of the repository, by path: run through the rule and verdict's symbols and modules
   * collectors with the case's file, so a review that reads the link stage sees calls across files.
   */
  files?: Record<string, string>;
  /** Non-source files by path (a lockfile a review reads), as the audit keeps them. */
  documents?: Record<string, string>;
  name?: string;
}

export interface ExpectedSourceError {
  messageId: string;
  line: number;
  /** The file of the finding, for a case with other `files` (any file when omitted). */
  path?: string;
  /** The finding's effective severity (the rule's default when the report gives none). */
  severity?: Severity;
  /** Checked only for the keys given. */
  data?: MessageData;
}

export interface InvalidSourceCase extends SourceCase {
  /** Every finding, in any order; a finding not listed fails the case. */
  errors: ExpectedSourceError[];
}

export interface RepoCase {
  name?: string;
  /** Records per collector id, each with its path (what `ctx.facts(id)` returns). */
  facts?: Record<string, FactRecord[]>;
  /**
   * Files run through verdict's real collectors in memory, for cases about what the code says rather
   * than about the rule's judgement: their records come before `facts`; non-source files become documents.
   */
  files?: Record<string, string>;
  /** Kept non-source files by path (workflows, package.json, SQL, docs). */
  documents?: Record<string, string>;
  layout?: LayoutInput;
  config?: VerdictConfig;
  exec?: boolean;
  /** The audit's date (YYYY-MM-DD) for rules that judge dated facts; today's when omitted. */
  today?: string;
  probes?: ProbeResult[];
  inventory?: Record<string, unknown>;
  migrations?: MigrationAnalysis;
  secretScan?: SecretScan | null;
}

export interface ExpectedFinding {
  messageId: string;
  path: string | null;
  line?: number;
  severity?: Severity;
  data?: MessageData;
}

export interface ExpectedOutcome {
  status: OutcomeStatus;
  /** Default null: the outcome without a package. */
  package?: string | null;
}

export interface ValidRepoCase extends RepoCase {
  /** Every outcome the rule declares (when given). */
  outcomes?: ExpectedOutcome[];
}

export interface InvalidRepoCase extends RepoCase {
  findings: ExpectedFinding[];
  outcomes?: ExpectedOutcome[];
}

export interface CaseResult {
  findings: RuleFinding[];
  outcomes: RuleOutcome[];
}

/** A package with every field a rule may read, the rest filled with "nothing declared". */
export function packageFrom(p: PackageInput): DiscoveredPackage {
  const path = p.path ?? '.';
  return {
    path, kind: path === '.' ? 'root' : 'workspace', private: false, scripts: {}, frameworks: [], orms: [], testRunners: [],
    loggers: [], runtimes: [], sourceFiles: 0, abs: path === '.' ? ROOT : `${ROOT}/${path}`, dependencies: {}, devDependencies: {},
    manifestPath: path === '.' ? 'package.json' : `${path}/package.json`, engines: {}, packageManagerField: null, ...p,
  };
}

/** A complete layout from what a case gives; `paths` are the files it names (the default `files`). */
export function layoutFrom(input: LayoutInput = {}, paths: string[] = []): RepoLayout {
  const { packages = [], files = paths, ...rest } = input;
  return {
    root: ROOT, large: [], symlinks: 0, unreadable: 0, packageManager: null, lockfiles: [], wrangler: [], tsconfigs: [],
    workflows: [], docs: [], migrationDirs: [], migrations: [], migrationFolders: [], diagnostics: [], outside: [], unread: [], trees: [],
    roles: new RoleMap([], {}), ...rest,
    packages: packages.map(packageFrom),
    files: [...new Set(files)].map((path) => ({ path, abs: `${ROOT}/${path}`, size: 0 })),
  };
}

/** Runs a source rule on one code string, as collect and the rule engine would in an audit. */
export async function runSourceCase(rule: SourceRule, c: SourceCase): Promise<CaseResult> {
  const path = c.path ?? 'src/index.ts';
  const others = Object.entries(c.files ?? {});
  const layout = layoutFrom(c.layout, [path, ...others.map(([p]) => p)]);
  const metaOf = (p: string, role?: FileRole) => {
    const dot = p.lastIndexOf('.');
    return { path: p, role: role ?? fileRole(p), package: packageOf(p, layout.packages), ext: dot >= 0 ? p.slice(dot) : '' };
  };
  // The link stage is built from these two collectors' facts; a one-file case does not need them.
  const linkers = others.length > 0 ? (await import('../collect/collectors/index.js')).collectors.filter((h) => h.id === 'collect/symbols' || h.id === 'collect/modules') : [];
  const texts = [{ meta: metaOf(path, c.role), text: c.code }, ...others.map(([p, text]) => ({ meta: metaOf(p), text }))];
  const collected = collectTexts(texts, [rule, ...linkers]);
  for (const [p, text] of Object.entries(c.documents ?? {})) collected.documents.set(p, text);
  return engine(rule, collected, layout, {});
}

/** Runs a repository rule on the facts, documents and layout a case gives. */
export async function runRepoCase(rule: RepoRule, c: RepoCase): Promise<CaseResult> {
  const files = Object.entries(c.files ?? {});
  const layout = layoutFrom(c.layout, [...files.map(([p]) => p), ...Object.keys(c.documents ?? {})]);
  // Loaded only for cases that give files: a source rule's test needs no collector.
  const collectors = files.length > 0 ? (await import('../collect/collectors/index.js')).collectors : [];
  const collected = files.length > 0
    ? collectTexts(files.map(([path, text]) => {
      const dot = path.lastIndexOf('.');
      return { meta: { path, role: fileRole(path), package: packageOf(path, layout.packages), ext: dot >= 0 ? path.slice(dot) : '' }, text };
    }), collectors)
    : emptyResult([]);
  for (const [path, text] of Object.entries(c.documents ?? {})) collected.documents.set(path, text);
  for (const [id, records] of Object.entries(c.facts ?? {})) {
    const value = [...(collected.facts[id] ?? []), ...records];
    Object.defineProperty(collected.facts, id, { value, enumerable: true, configurable: true, writable: true });
  }
  return engine(rule, collected, layout, c);
}

async function engine(rule: Rule, collected: CollectResult, layout: RepoLayout, c: RepoCase): Promise<CaseResult> {
  const run = await runRules({
    rules: [rule], layout, collected, probes: c.probes ?? [], config: c.config ?? {}, exec: c.exec ?? false, today: c.today,
    inventory: { ...c.inventory }, migrations: c.migrations, secrets: [], secretScan: c.secretScan ?? null,
  });
  return { findings: run.findings, outcomes: run.outcomes };
}

const severityOf = (rule: Rule, f: RuleFinding): Severity => f.severity ?? rule.meta.severity;

function dataProblems(want: MessageData | undefined, got: MessageData | undefined): string[] {
  return Object.entries(want ?? {})
    .filter(([k, v]) => got?.[k] !== v)
    .map(([k, v]) => `data.${k} is ${JSON.stringify(got?.[k])}, expected ${JSON.stringify(v)}`);
}

/** How a finding that matches by id and place differs from what was expected. */
function differences(rule: Rule, f: RuleFinding, e: { severity?: Severity; data?: MessageData }): string[] {
  return [...(e.severity && severityOf(rule, f) !== e.severity ? [`severity is ${severityOf(rule, f)}, expected ${e.severity}`] : []), ...dataProblems(e.data, f.data)];
}

/** An error outcome always fails a case: the rule threw, or said something its meta does not declare. */
function errorProblems(result: CaseResult): string[] {
  return result.outcomes.filter((o) => o.status === 'error').map((o) => `the rule errored${o.package ? ` in ${o.package}` : ''}: ${o.reason}`);
}

/** What differs between a source case's findings and the expected errors ([] when it passes). */
export function sourceProblems(rule: SourceRule, result: CaseResult, expected: readonly ExpectedSourceError[]): string[] {
  const problems = errorProblems(result);
  const key = (id: string | undefined, line: number) => `${id ?? '(no messageId)'} at line ${line}`;
  const got = [...result.findings].sort((a, b) => a.line - b.line || (a.messageId ?? '').localeCompare(b.messageId ?? ''));
  const want = [...expected].sort((a, b) => a.line - b.line || a.messageId.localeCompare(b.messageId));
  const unmatched = [...got];
  for (const e of want) {
    const same = (f: RuleFinding) => f.messageId === e.messageId && f.line === e.line && (e.path === undefined || f.path === e.path);
    const i = unmatched.findIndex((f) => same(f) && differences(rule, f, e).length === 0);
    const near = i >= 0 ? i : unmatched.findIndex(same);
    if (near < 0) problems.push(`expected ${key(e.messageId, e.line)}, not reported`);
    else if (i < 0) problems.push(`${key(e.messageId, e.line)}: ${differences(rule, unmatched[near], e).join('; ')}`);
    if (near >= 0) unmatched.splice(near, 1);
  }
  for (const f of unmatched) problems.push(`unexpected ${key(f.messageId, f.line)}: ${f.message}`);
  return problems;
}

/** What differs between a repository case's findings and outcomes and the expected ones. */
export function repoProblems(rule: RepoRule, result: CaseResult, expected: { findings: readonly ExpectedFinding[]; outcomes?: readonly ExpectedOutcome[] }): string[] {
  const problems = errorProblems(result);
  const where = (path: string | null, line?: number) => (path === null ? '(no location)' : line === undefined ? path : `${path}:${line}`);
  const unmatched = [...result.findings];
  for (const e of expected.findings) {
    const same = (f: RuleFinding) => f.messageId === e.messageId && f.path === e.path && (e.line === undefined || f.line === e.line);
    const i = unmatched.findIndex((f) => same(f) && differences(rule, f, e).length === 0);
    const near = i >= 0 ? i : unmatched.findIndex(same);
    if (near < 0) problems.push(`expected ${e.messageId} at ${where(e.path, e.line)}, not reported`);
    else if (i < 0) problems.push(`${e.messageId} at ${where(e.path, e.line)}: ${differences(rule, unmatched[near], e).join('; ')}`);
    if (near >= 0) unmatched.splice(near, 1);
  }
  for (const f of unmatched) problems.push(`unexpected ${f.messageId ?? '(no messageId)'} at ${where(f.path, f.line)}: ${f.message}`);
  if (expected.outcomes) {
    const show = (o: { status: string; package?: string | null }) => `${o.status}${o.package ? ` (${o.package})` : ''}`;
    const got = result.outcomes.map((o) => show(o)).sort();
    const want = expected.outcomes.map((o) => show({ status: o.status, package: o.package ?? null })).sort();
    if (got.join('|') !== want.join('|')) {
      problems.push(`outcomes are [${got.join(', ')}], expected [${want.join(', ')}] (${result.outcomes.map((o) => `${show(o)}: ${o.reason}`).join('; ')})`);
    }
  }
  return problems;
}

export interface SourceCases {
  valid: Array<SourceCase | string>;
  invalid: InvalidSourceCase[];
}

export interface RepoCases {
  valid: ValidRepoCase[];
  invalid: InvalidRepoCase[];
}

/** The two functions of a test framework the tester needs (vitest's and node:test's fit). */
export interface TestFramework {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>): void;
}

const fail = (problems: string[]): void => {
  if (problems.length > 0) throw new Error(problems.map((p) => `- ${p}`).join('\n'));
};

const nameOf = (c: { name?: string; code?: string; path?: string }, i: number): string =>
  `#${i + 1}${c.name ? ` ${c.name}` : c.code !== undefined ? ` ${c.path ?? 'src/index.ts'}: ${c.code.trim().split('\n')[0].slice(0, 60)}` : ''}`;

export class RuleTester {
  constructor(private readonly t: TestFramework) {}

  run(rule: SourceRule, cases: SourceCases): void;
  run(rule: RepoRule, cases: RepoCases): void;
  run(rule: Rule, cases: SourceCases | RepoCases): void {
    this.t.describe(rule.id, () => {
      if (rule.kind === 'source') {
        const { valid, invalid } = cases as SourceCases;
        valid.map((v) => (typeof v === 'string' ? { code: v } : v)).forEach((c, i) => {
          this.t.it(`valid ${nameOf(c, i)}`, async () => fail(sourceProblems(rule, await runSourceCase(rule, c), [])));
        });
        invalid.forEach((c, i) => {
          this.t.it(`invalid ${nameOf(c, i)}`, async () => {
            fail(c.errors.length === 0 ? ['an invalid case lists no error: put it under valid'] : sourceProblems(rule, await runSourceCase(rule, c), c.errors));
          });
        });
        return;
      }
      const { valid, invalid } = cases as RepoCases;
      valid.forEach((c, i) => {
        this.t.it(`valid ${nameOf(c, i)}`, async () => fail(repoProblems(rule, await runRepoCase(rule, c), { findings: [], outcomes: c.outcomes })));
      });
      invalid.forEach((c, i) => {
        this.t.it(`invalid ${nameOf(c, i)}`, async () => {
          fail(c.findings.length === 0 ? ['an invalid case lists no finding: put it under valid'] : repoProblems(rule, await runRepoCase(rule, c), c));
        });
      });
    });
  }
}
