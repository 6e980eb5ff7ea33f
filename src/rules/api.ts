// The rule API. A rule is a plain object: `meta` (category, severity, title, remediation, ...) and
// either visitors that run inside the shared traversal (source rules) or a check over collected
// facts and probe results (repository rules). Rules never touch the disk or start processes.
import type { Facts, Located } from '../collect/facts/define.js';
import type { FactRecord, FileMeta, MessageData, SourceContext, Visitors } from '../collect/index.js';
import type { VerdictConfig } from '../config/schema.js';
import type { RepoLayout } from '../discover/index.js';
import type { Link } from '../link/index.js';
import type { MigrationAnalysis } from '../model/migrations.js';
import type { Category, Evidence, ProbeResult, Severity } from '../model/run.js';
import type { SecretScan } from '../probes/secrets.js';

export interface RuleMeta {
  category: Category;
  severity: Severity;
  title: string;
  /** One or two sentences: why it matters. The doc holds the rest. */
  rationale: string;
  remediation: { text: string; effort: 'low' | 'medium' | 'high' };
  /**
   * What the rule says, keyed by message id: templates with `{{name}}` placeholders filled from a
   * report's `data`. Tests assert the id, so the wording can change without touching them.
   */
  messages?: Record<string, string>;
  /** Experimental rules report but do not move the gate. */
  lifecycle?: 'stable' | 'experimental';
  /** A failure makes the gate NO_GO whatever its severity; unknown holds it at conditions. */
  blocking?: boolean;
  /** Needs probe results (it is UNKNOWN under --no-exec). */
  needsExec?: boolean;
  /** Reads the secrets scan (run after collect only when an enabled rule asks for it). */
  needsSecretScan?: boolean;
}

export interface SourceRule {
  kind: 'source';
  id: string;
  meta: RuleMeta;
  triggers?: readonly string[];
  appliesTo?(file: FileMeta): boolean;
  create(ctx: SourceContext): Visitors;
  /** See VisitorHost.parents. */
  parents?: false;
  /**
   * Rates a finding again with what only the repository knows (a package's declared dependencies,
   * the callers of a function in other files), after collect: a source rule sees one file, and its
   * findings are cached per file. Null drops the finding (what it was about is settled elsewhere).
   */
  review?(finding: RuleFinding, layout: RepoLayout, ctx: ReviewContext): RuleFinding | null;
  /** Its review parses SQL (util/pg-parser): the parser is loaded before the reviews run, when it has findings. */
  reviewParsesSql?: boolean;
}

/** What a source rule's review may read beyond the layout: the whole program, and its own records of every file. */
export interface ReviewContext {
  /** The link stage's view, built on first use and shared with the repository rules. */
  readonly link: Link;
  /** The records the rule emitted (`ctx.emit`) in every file, each with its path. */
  records(): readonly FactRecord[];
  /** A value computed once per run for this rule's reviews (an index over its records). */
  memo<T>(name: string, compute: () => T): T;
  /** The kept non-source files by path (Dockerfiles, compose files, deploy configs): what the deployment sets. */
  readonly documents: ReadonlyMap<string, string>;
}

export interface FindingInput {
  /** A key of `meta.messages`, rendered with `data` (see RawReport). */
  messageId?: string;
  data?: MessageData;
  /** Prose for rules without message ids yet. */
  message?: string;
  location?: { path: string; line: number; column?: number; endLine?: number; snippet?: string } | null;
  severity?: Severity;
  evidence?: Evidence[];
  /** Package name; derived from the location when omitted. */
  package?: string | null;
  /**
   * The finding matters wherever the file is (a live credential is a leak in a test or an archived
   * copy too): evaluate does not lower it outside release code.
   */
  everywhere?: boolean;
}

export interface RuleFinding {
  ruleId: string;
  path: string | null;
  line: number;
  column: number;
  endLine: number;
  snippet: string;
  message: string;
  /** The message's id in the rule's `meta.messages` (absent for rules that report prose). */
  messageId?: string;
  data?: MessageData;
  severity: Severity | undefined;
  evidence: Evidence[];
  package: string | null;
  /** See FindingInput.everywhere. */
  everywhere?: boolean;
}

/**
 * The layout as repository rules see it: files by path only. A file's size and stamps change with
 * every edit and are not an input of the rule cache (collect/rule-cache.ts), so rules cannot read them.
 */
export type RuleLayout = Omit<RepoLayout, 'files'> & { files: ReadonlyArray<{ path: string; abs: string }> };

export interface RepoRuleContext {
  layout: RuleLayout;
  config: VerdictConfig;
  exec: boolean;
  /** The audit's date (YYYY-MM-DD): dated facts (a Node major's end of life) are judged against it, never against the machine's clock in a rule. */
  readonly today: string;
  /** A collector's records, typed by its facts declaration (`ctx.facts(consoleFacts)`), each with its path. */
  facts<T>(collector: Facts<T>): Array<Located<T>>;
  /** Records by collector id, untyped: for a source rule's own records (`ctx.emit`), which declare no facts. */
  facts(collectorId: string): FactRecord[];
  /**
   * The link stage's whole-program view (module graph, call graph, entries, reachability), built on
   * first use and shared by every rule of the run. Reading it reads the layout, the JSON documents
   * (manifests, tsconfigs) and the facts it was built from.
   */
  readonly link: Link;
  /**
   * Text of non-source files kept by collect (docs, SQL, YAML, TOML, JSON, .env, prisma). For the rule
   * cache, `get`/`has` read that one document, `keys`/`size` the list of paths, iterating every text.
   */
  documents: ReadonlyMap<string, string>;
  probes: readonly ProbeResult[];
  /** Migration sets with their parsed statements (the migrations probe's work; empty sets when none). */
  migrations: MigrationAnalysis;
  /** The secrets scan over the files the prefilter flagged; null when it did not run. */
  secretScan: SecretScan | null;
  /** Named facts other stages computed (e.g. migrations applied); rules may add to the inventory. */
  inventory: Record<string, unknown>;
  packageOf(path: string): string | null;
  /** A secret value a rule found: masked wherever it appears in any output. */
  registerSecret(value: string): void;
  report(f: FindingInput): void;
  /** Declare what was inspected: the outcome is pass unless findings were reported. */
  /** Findings of the rules that ran before (given to rules about findings, such as suppression hygiene). */
  priorFindings: readonly RuleFinding[];
  /** Ids of the rules enabled in this run. */
  enabledRules: readonly string[];
  pass(reason: string, pkg?: string | null): void;
  unknown(reason: string, pkg?: string | null): void;
  notApplicable(reason: string, pkg?: string | null): void;
  /**
   * A value computed once per run and shared by every rule that asks for it by `name` (the route
   * inventory, the workflows, the resolved data-access sites). What `compute` reads counts as read
   * by each rule that gets the value, so the rule cache (collect/rule-cache.ts) sees it. Shared
   * state in a module variable would hide those reads: use this instead.
   */
  memo<T>(name: string, compute: () => T): T;
}

export interface RepoRule {
  kind: 'repository';
  id: string;
  meta: RuleMeta;
  check(ctx: RepoRuleContext): void | Promise<void>;
}

export type Rule = SourceRule | RepoRule;

export function defineSourceRule(rule: Omit<SourceRule, 'kind'>): SourceRule {
  return { kind: 'source', ...rule };
}

export function defineRepoRule(rule: Omit<RepoRule, 'kind'>): RepoRule {
  return { kind: 'repository', ...rule };
}
