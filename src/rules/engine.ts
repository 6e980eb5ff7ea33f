// Runs repository rules over collected facts and probe results, and turns every rule's output into
// findings and outcomes. A rule that throws becomes an `error` outcome with its id; the run goes on.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CollectResult } from '../collect/index.js';
import type { Facts, Located } from '../collect/facts/define.js';
import type { VerdictConfig } from '../config/schema.js';
import { packageOf, type RepoLayout } from '../discover/index.js';
import { buildLink, isLinkText, unreachedReadsText, type Link } from '../link/index.js';
import { moduleFacts } from '../collect/facts/modules.js';
import { symbolFacts } from '../collect/facts/symbols.js';
import { routeFactsOf, type RouteFact } from '../collect/facts/routes.js';
import { adminUiFacts, type AdminUiMount } from '../collect/facts/admin-uis.js';
import { paymentReturnFacts } from '../collect/facts/payment-returns.js';
import { adminUiRoutes } from '../link/admin-uis.js';
import type { MigrationAnalysis } from '../model/migrations.js';
import { fileRole } from '../util/roles.js';
import type { OutcomeStatus, ProbeResult } from '../model/run.js';
import type { SecretScan } from '../probes/secrets.js';
import { lineAt, snippetOf } from '../util/text.js';
import { loadPostgresParser } from '../util/pg-parser.js';
import type { FindingInput, RepoRule, RepoRuleContext, ReviewContext, Rule, RuleFinding, SourceRule } from './api.js';
import { renderMessage } from './messages.js';
import { resultKey, type RuleResult, type RuleResultCache } from '../collect/rule-cache.js';

export type { RuleFinding } from './api.js';


export interface RuleOutcome {
  ruleId: string;
  package: string | null;
  status: OutcomeStatus;
  reason: string;
}

export interface RuleRun {
  findings: RuleFinding[];
  outcomes: RuleOutcome[];
  timings: Record<string, number>;
  /** Repository rules whose result came from the rule cache (their inputs were unchanged). */
  fromCache: number;
  /** Repository rules that ran, in run order (with the rule cache: those it could not answer). */
  ran: string[];
  /** The digest of a named input (as the rule cache keys on it), computed once per run: null when it has none. */
  digest(name: string): string | null;
}

export interface RuleEngineInput {
  rules: Rule[];
  layout: RepoLayout;
  collected: CollectResult;
  probes: ProbeResult[];
  config: VerdictConfig;
  exec: boolean;
  inventory: Record<string, unknown>;
  /** The migrations probe's statement analysis; rules see empty sets when omitted. */
  migrations?: MigrationAnalysis;
  /** Secret values rules found, for the redaction step. */
  secrets: string[];
  /** The secrets scan (secretlint + verdict's detectors on prefiltered files); null when not run. */
  secretScan?: SecretScan | null;
  /**
   * The link stage, built on the first rule's use (audit times it as a stage of its own); when not
   * given, built here from the layout and the collected facts.
   */
  link?: () => Link;
  /** The audit's date (YYYY-MM-DD), what dated facts (an end of life) are compared with; today's UTC date when omitted. */
  today?: string;
  /** Results of the last run, reused for rules whose inputs did not change; null: every rule runs. */
  resultCache?: { cache: RuleResultCache; salt: string } | null;
}

/** What one repository rule (or memo) read (named inputs), and whether its result may be cached at all. */
interface Reads {
  inputs: Set<string>;
  uncacheable: boolean;
  /** Inventory entries set meanwhile (kept for a memo: every rule that gets its value set them too). */
  writes: Array<[string, unknown]>;
}

/** State shared by the repository rules of one run: memos and the digests of the inputs. */
interface Shared {
  memos: Map<string, { value: unknown; reads: Reads }>;
  /** Inputs read while a memo computes, credited to the memo as well as to the rule. */
  frames: Reads[];
  digests: Map<string, string | null>;
  initialInventory: Set<string>;
  link: () => Link;
  /** The input reader of the rule running now: a document looked up through a memo's closure is that rule's input. */
  reader: ((name: string) => void) | null;
  /** The documents as every rule sees them (`recordingDocuments`), crediting `reader`. */
  documents: ReadonlyMap<string, string>;
}

function sourceOutcomes(rule: SourceRule, input: RuleEngineInput, findings: RuleFinding[], unsaid: ReadonlyArray<{ hostId: string; path: string; message: string }>): RuleOutcome[] {
  const examined = input.collected.examined[rule.id] ?? {};
  const errors = [...input.collected.hostErrors, ...unsaid].filter((e) => e.hostId === rule.id);
  const out: RuleOutcome[] = [];
  for (const pkg of input.layout.packages) {
    const n = examined[pkg.name] ?? 0;
    const errs = errors.filter((e) => packageOf(e.path, input.layout.packages) === pkg.name);
    const hits = findings.filter((f) => f.package === pkg.name).length;
    if (errs.length > 0) {
      out.push({ ruleId: rule.id, package: pkg.name, status: 'error', reason: `rule failed on ${errs[0].path}: ${errs[0].message}` });
    } else if (hits > 0) {
      out.push({ ruleId: rule.id, package: pkg.name, status: 'fail', reason: `${hits} finding(s) in ${n} file(s) checked` });
    } else if (n > 0) {
      out.push({ ruleId: rule.id, package: pkg.name, status: 'pass', reason: `${n} file(s) checked, none matched` });
    } else {
      out.push({ ruleId: rule.id, package: pkg.name, status: 'not-applicable', reason: 'no file of this package is in the rule\'s scope' });
    }
  }
  const loose = findings.filter((f) => f.package === null).length;
  // Files outside every package (or a repository without one) fail the same way: a rule error there is not a pass.
  const looseErrors = errors.filter((e) => packageOf(e.path, input.layout.packages) === null);
  if (looseErrors.length > 0) {
    out.push({ ruleId: rule.id, package: null, status: 'error', reason: `rule failed on ${looseErrors[0].path}: ${looseErrors[0].message}` });
  } else if (loose > 0 || input.layout.packages.length === 0) {
    const n = examined[''] ?? 0;
    out.push({
      ruleId: rule.id, package: null, status: loose > 0 ? 'fail' : n > 0 ? 'pass' : 'not-applicable',
      reason: loose > 0 ? `${loose} finding(s) in ${n} file(s) checked` : n > 0 ? `${n} file(s) checked, none matched` : 'no file in the rule\'s scope',
    });
  }
  return out;
}

async function runRepoRule(rule: RepoRule, input: RuleEngineInput, priorFindings: RuleFinding[], shared: Shared): Promise<{ findings: RuleFinding[]; outcomes: RuleOutcome[]; reads: Reads; threw: boolean }> {
  const findings: RuleFinding[] = [];
  const declared = new Map<string, RuleOutcome>();
  const keyOf = (pkg: string | null | undefined) => pkg ?? '';
  const declare = (status: OutcomeStatus) => (reason: string, pkg?: string | null) => {
    declared.set(keyOf(pkg), { ruleId: rule.id, package: pkg ?? null, status, reason });
  };
  const pkgs = input.layout.packages;
  const reads: Reads = { inputs: new Set(), uncacheable: false, writes: [] };
  const read = (name: string): void => {
    reads.inputs.add(name);
    for (const f of shared.frames) f.inputs.add(name);
  };
  const refuse = (): void => {
    reads.uncacheable = true;
    for (const f of shared.frames) f.uncacheable = true;
  };
  // The inventory as this rule sees it: entries of the stages before the rules are an input; an entry
  // another rule set makes the result depend on rule order, so it is not cached.
  const written = reads.writes;
  const inventory = new Proxy(input.inventory, {
    get(target, k, receiver) {
      if (typeof k === 'string') {
        if (shared.initialInventory.has(k)) read('inventory');
        else if (!written.some(([w]) => w === k)) refuse();
      }
      return Reflect.get(target, k, receiver);
    },
    set(target, k, v, receiver) {
      if (typeof k === 'string') {
        written.push([k, v]);
        for (const f of shared.frames) f.writes.push([k, v]);
      }
      return Reflect.set(target, k, v, receiver);
    },
    has(target, k) { refuse(); return Reflect.has(target, k); },
    ownKeys(target) { refuse(); return Reflect.ownKeys(target); },
    deleteProperty(target, k) { refuse(); return Reflect.deleteProperty(target, k); },
  });
  const ctx: RepoRuleContext = {
    get layout() { read('layout'); return input.layout; },
    get config() { read('config'); return input.config; },
    get exec() { read('exec'); return input.exec; },
    get today() { read('clock'); return todayOf(input); },
    facts: ((collector: string | Facts<unknown>) => {
      const id = typeof collector === 'string' ? collector : collector.id;
      read(`facts:${id}`);
      return typeof collector === 'string' ? input.collected.facts[id] ?? [] : collector.of(input.collected.facts);
    }) as RepoRuleContext['facts'],
    get link() {
      // The link is a function of these inputs: a rule that reads it is cached on their digests.
      for (const name of LINK_INPUTS) read(name);
      return shared.link();
    },
    documents: shared.documents,
    get probes() { read('probes'); return input.probes; },
    get migrations() { read('migrations'); return input.migrations ?? { sets: [], statements: {}, parseFailures: [] }; },
    get secretScan() { read('secretScan'); return input.secretScan ?? null; },
    inventory,
    get priorFindings() { refuse(); return priorFindings; },
    get enabledRules() { read('enabledRules'); return input.rules.map((r) => r.id); },
    packageOf: (p: string) => { read('layout'); return packageOfPath(p, pkgs); },
    registerSecret: (v: string) => { refuse(); input.secrets.push(v); },
    memo: <T>(name: string, compute: () => T): T => {
      const hit = shared.memos.get(name);
      if (hit) {
        for (const i of hit.reads.inputs) read(i);
        if (hit.reads.uncacheable) refuse();
        // The entries the memo set are this rule's too: replayed from its cached result, they are there
        // even when the rule that computed the memo is not enabled next time.
        for (const w of hit.reads.writes) {
          written.push(w);
          for (const f of shared.frames) f.writes.push(w);
        }
        return hit.value as T;
      }
      const frame: Reads = { inputs: new Set(), uncacheable: false, writes: [] };
      shared.frames.push(frame);
      try {
        const value = compute();
        shared.memos.set(name, { value, reads: frame });
        return value;
      } finally {
        shared.frames.splice(shared.frames.indexOf(frame), 1);
      }
    },
    report: (f: FindingInput) => findings.push(toFinding(rule, f, input, read)),
    pass: declare('pass'),
    unknown: declare('unknown'),
    notApplicable: declare('not-applicable'),
  };
  // Rules run one at a time (each awaited): while this one runs, a document read anywhere is its input.
  const outer = shared.reader;
  shared.reader = read;
  try {
    await rule.check(ctx);
  } catch (err) {
    return { findings: [], outcomes: [{ ruleId: rule.id, package: null, status: 'error', reason: `rule threw: ${(err as Error).message}` }], reads, threw: true };
  } finally {
    shared.reader = outer;
  }
  const byPkg = new Map<string, number>();
  for (const f of findings) byPkg.set(keyOf(f.package), (byPkg.get(keyOf(f.package)) ?? 0) + 1);
  const outcomes: RuleOutcome[] = [];
  for (const [key, o] of declared) {
    const hits = key === '' && !byPkg.has('') && declared.size === 1 ? findings.length : byPkg.get(key) ?? 0;
    outcomes.push(hits > 0 ? { ...o, status: 'fail', reason: `${hits} finding(s); ${o.reason}` } : o);
  }
  for (const [key, hits] of byPkg) {
    if (declared.has(key) || (declared.size === 1 && declared.has(''))) continue;
    outcomes.push({ ruleId: rule.id, package: key || null, status: 'fail', reason: `${hits} finding(s)` });
  }
  if (outcomes.length === 0) {
    outcomes.push({ ruleId: rule.id, package: null, status: 'error', reason: 'the rule reported no outcome (a rule must say what it inspected)' });
  }
  return { findings, outcomes, reads, threw: false };
}

/** Input names of the documents: one document's text (absent included), the list of their paths, the texts the link reads. */
const DOC = 'doc:';
const DOC_PATHS = 'documents:paths';
const LINK_TEXTS = 'documents:link';
/** The named inputs the link stage is a function of (what `linkOf` builds it from). */
const LINK_INPUTS = ['layout', LINK_TEXTS, 'config', `facts:${moduleFacts.id}`, `facts:${symbolFacts.id}`, `facts:${routeFactsOf.id}`, `facts:${adminUiFacts.id}`, `facts:${paymentReturnFacts.id}`];

/**
 * The named inputs of the unreached roles (link/unreached.ts): the link's, the list of document
 * paths (a loader's file is found by its path) and the texts it reads (deploy files, nest-cli.json).
 * Digested with `RuleRun.digest`, they key the roles' cache (collect/link-cache.ts).
 */
export function unreachedInputs(documents: ReadonlyMap<string, string>): string[] {
  return [...LINK_INPUTS, DOC_PATHS, ...[...documents.keys()].filter(unreachedReadsText).sort().map((p) => `${DOC}${p}`)];
}

/**
 * The kept documents as a rule sees them: looking one up by path makes that document's text an
 * input, listing the paths makes the path list one, and reading every text makes all of them one.
 * So a README edit re-runs the rules that read the README or every document, not every rule that
 * read package.json.
 */
function recordingDocuments(docs: ReadonlyMap<string, string>, read: (name: string) => void): ReadonlyMap<string, string> {
  const all = (): ReadonlyMap<string, string> => { read('documents'); return docs; };
  return {
    get: (path: string) => { read(`${DOC}${path}`); return docs.get(path); },
    has: (path: string) => { read(`${DOC}${path}`); return docs.has(path); },
    get size() { read(DOC_PATHS); return docs.size; },
    keys: () => { read(DOC_PATHS); return docs.keys(); },
    values: () => all().values(),
    entries: () => all().entries(),
    forEach: (fn, thisArg?: unknown) => all().forEach(fn, thisArg),
    [Symbol.iterator]: () => all()[Symbol.iterator](),
  };
}

/** packageOf, remembered per path for one layout's packages: a rule may report thousands of findings in one folder. */
const packagesByPath = new WeakMap<object, Map<string, string | null>>();
function packageOfPath(path: string, packages: RepoLayout['packages']): string | null {
  let known = packagesByPath.get(packages);
  if (!known) packagesByPath.set(packages, (known = new Map()));
  let name = known.get(path);
  if (name === undefined) known.set(path, (name = packageOf(path, packages)));
  return name;
}

function toFinding(rule: RepoRule, f: FindingInput, input: RuleEngineInput, read: (name: string) => void): RuleFinding {
  const loc = f.location ?? null;
  // Throws on an undeclared message id: inside the rule's check, so it becomes the rule's error outcome.
  const message = renderMessage(rule.id, rule.meta, f);
  let snippet = loc?.snippet ?? '';
  if (loc && !loc.snippet) {
    read(`${DOC}${loc.path}`);
    const doc = input.collected.documents.get(loc.path);
    if (doc !== undefined) snippet = snippetOf(lineAt(doc, loc.line));
  }
  return {
    ruleId: rule.id,
    path: loc?.path ?? null,
    line: loc?.line ?? 0,
    column: loc?.column ?? 1,
    endLine: loc?.endLine ?? loc?.line ?? 0,
    snippet,
    message,
    ...(f.messageId !== undefined ? { messageId: f.messageId, ...(f.data ? { data: f.data } : {}) } : {}),
    severity: f.severity,
    evidence: f.evidence ?? [],
    package: f.package !== undefined ? f.package : loc ? (read('layout'), packageOfPath(loc.path, input.layout.packages)) : null,
    ...(f.everywhere ? { everywhere: true } : {}),
  };
}

export async function runRules(input: RuleEngineInput): Promise<RuleRun> {
  const run: RuleRun = { findings: [], outcomes: [], timings: {}, fromCache: 0, ran: [], digest: () => null };
  const sourceRules = new Map(input.rules.filter((r): r is SourceRule => r.kind === 'source').map((r) => [r.id, r]));
  // A finding whose message cannot be rendered (an undeclared id) is the rule's error on that file.
  const unsaid: Array<{ hostId: string; path: string; message: string }> = [];
  let link: Link | null = null;
  let linkMs = 0;
  // Built by whichever source review or rule reads it first: its time is the link's, not that rule's.
  const linkOnce = (): Link => {
    if (link) return link;
    const t = performance.now();
    link = input.link ? input.link() : linkOf(input.layout, input.collected, input.config);
    linkMs += performance.now() - t;
    return link;
  };
  const reviewMemos = new Map<string, unknown>();
  const reviewContext = (rule: SourceRule): ReviewContext => ({
    get link() { return linkOnce(); },
    records: () => input.collected.facts[rule.id] ?? [],
    documents: input.collected.documents,
    memo: <T>(name: string, compute: () => T): T => {
      const k = `${rule.id}\0${name}`;
      if (!reviewMemos.has(k)) reviewMemos.set(k, compute());
      return reviewMemos.get(k) as T;
    },
  });
  const contexts = new Map<string, ReviewContext>();
  if (input.collected.findings.some((f) => sourceRules.get(f.ruleId)?.reviewParsesSql)) await loadPostgresParser();
  for (const f of input.collected.findings) {
    const rule = sourceRules.get(f.ruleId);
    if (!rule) continue;
    const raw: RuleFinding = { ...f, severity: f.severity, package: f.package };
    // Reviewed before rendering: a review may name another message (and add data) for what it learnt.
    let reviewed: RuleFinding | null = raw;
    if (rule.review) {
      if (!contexts.has(rule.id)) contexts.set(rule.id, reviewContext(rule));
      try {
        reviewed = rule.review(raw, input.layout, contexts.get(rule.id)!);
      } catch (err) {
        unsaid.push({ hostId: rule.id, path: f.path, message: (err as Error).message });
        continue;
      }
    }
    if (!reviewed) continue;
    try {
      run.findings.push({ ...reviewed, message: renderMessage(rule.id, rule.meta, reviewed) });
    } catch (err) {
      unsaid.push({ hostId: rule.id, path: f.path, message: (err as Error).message });
    }
  }
  for (const rule of input.rules) {
    if (rule.kind !== 'source') continue;
    run.outcomes.push(...sourceOutcomes(rule, input, run.findings.filter((f) => f.ruleId === rule.id), unsaid));
    run.timings[rule.id] = input.collected.hostTimings[rule.id] ?? 0;
  }
  const shared: Shared = {
    memos: new Map(), frames: [], digests: new Map(), initialInventory: new Set(Object.keys(input.inventory)),
    link: linkOnce, reader: null, documents: input.collected.documents,
  };
  shared.documents = recordingDocuments(input.collected.documents, (name) => shared.reader?.(name));
  // The link stage (and its route table) is built inside whichever rule reads it first: its time is the link's, not that rule's.
  const linkSpent = () => linkMs + (link?.stats.routesMs ?? 0);
  const cached = input.resultCache ?? null;
  // Digested now: the rules add entries of their own to the inventory.
  if (cached) shared.digests.set('inventory', digestOf('inventory', input, shared));
  const digest = (name: string): string | null => {
    if (!shared.digests.has(name)) shared.digests.set(name, digestOf(name, input, shared));
    return shared.digests.get(name)!;
  };
  run.digest = digest;
  const repoRules = input.rules.filter((r): r is RepoRule => r.kind === 'repository');
  const ordered = [...repoRules.filter((r) => !isFinal(r)), ...repoRules.filter(isFinal)];
  for (const rule of ordered) {
    const t = performance.now();
    const linkBefore = linkSpent();
    const inputs = cached?.cache.inputsOf(rule.id);
    const hit = cached && inputs ? cached.cache.get<RuleFinding, RuleOutcome>(rule.id, resultKey(rule.id, cached.salt, inputs, digest)) : undefined;
    if (hit) {
      for (const [k, v] of hit.inventory) input.inventory[k] = v;
      run.findings.push(...hit.findings);
      run.outcomes.push(...hit.outcomes);
      run.fromCache++;
      run.timings[rule.id] = performance.now() - t;
      continue;
    }
    run.ran.push(rule.id);
    const res = await runRepoRule(rule, input, isFinal(rule) ? [...run.findings] : [], shared);
    run.timings[rule.id] = performance.now() - t - (linkSpent() - linkBefore);
    run.findings.push(...res.findings);
    run.outcomes.push(...res.outcomes);
    if (cached && !res.threw && !res.reads.uncacheable) {
      const key = resultKey(rule.id, cached.salt, [...res.reads.inputs], digest);
      if (key !== null) {
        const result: RuleResult<RuleFinding, RuleOutcome> = { findings: res.findings, outcomes: res.outcomes, inventory: res.reads.writes };
        cached.cache.set(rule.id, key, [...res.reads.inputs], result);
      }
    }
  }
  // Saved by the caller, through the run's redaction, once every secret of the run is known.
  return run;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('base64url');
/** Probe figures that differ between runs of the same inputs: how long it took, and whether it was a cached result. */
const withoutDuration = (k: string, v: unknown): unknown => (k === 'durationMs' || k === 'cached' ? undefined : v);

function todayOf(input: RuleEngineInput): string {
  return input.today ?? new Date().toISOString().slice(0, 10);
}

/** The digest of one named input of the repository rules (null: it cannot be digested, nothing is cached). */
function digestOf(name: string, input: RuleEngineInput, shared: Shared): string | null {
  if (name.startsWith('facts:')) return input.collected.factDigest(name.slice('facts:'.length));
  if (name.startsWith(DOC)) {
    const text = input.collected.documents.get(name.slice(DOC.length));
    return text === undefined ? '-' : sha1(text);
  }
  switch (name) {
    case DOC_PATHS: return sha1([...input.collected.documents.keys()].sort().join('\0'));
    case LINK_TEXTS: {
      const hash = createHash('sha1');
      for (const [path, text] of [...input.collected.documents].filter(([p]) => isLinkText(p)).sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(path).update('\0').update(text).update('\0');
      return hash.digest('base64url');
    }
    // A file's size and stamps are not an input: rules read the paths (an edit does not change them).
    case 'layout': return sha1(JSON.stringify({ ...input.layout, files: input.layout.files.map((f) => f.path), large: input.layout.large.map((f) => [f.path, f.size]) }));
    case 'config': return sha1(JSON.stringify(input.config));
    case 'exec': return String(input.exec);
    case 'clock': return todayOf(input);
    case 'documents': {
      const hash = createHash('sha1');
      for (const [path, text] of [...input.collected.documents].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(path).update('\0').update(text).update('\0');
      return hash.digest('base64url');
    }
    case 'probes': return sha1(JSON.stringify(input.probes, withoutDuration));
    case 'migrations': return sha1(JSON.stringify(input.migrations ?? null));
    case 'secretScan': return sha1(JSON.stringify(input.secretScan ?? null, withoutDuration));
    case 'inventory': return sha1(JSON.stringify([...shared.initialInventory].map((k) => [k, input.inventory[k]])));
    case 'enabledRules': return sha1(input.rules.map((r) => r.id).join(','));
    default: return null;
  }
}

/** The link stage over a layout and collected facts (tests, and callers that do not time it). */
export function linkOf(layout: RepoLayout, collected: CollectResult, config: VerdictConfig, previous?: unknown): Link {
  // With the facts cache, each file's symbol records digest lets the link reuse what an earlier build derived from it.
  const symbolDigests = previous !== undefined ? collected.fileDigests(symbolFacts.id) : null;
  return buildLink({
    memory: symbolDigests ? { previous, symbolDigests } : null,
    files: layout.files.map((f) => f.path), packages: layout.packages, wrangler: layout.wrangler, documents: collected.documents,
    symbols: symbolFacts.of(collected.facts), modules: moduleFacts.of(collected.facts), role: fileRole,
    routes: withAdminUis(routeFactsOf.of(collected.facts), adminUiFacts.of(collected.facts)), authMiddleware: config.auth?.middleware ?? [],
    paymentReturns: paymentReturnFacts.of(collected.facts),
    packageOf: (p) => packageOf(p, layout.packages),
  });
}

/** Rules about other rules' findings (suppression hygiene) run last and see the findings so far. */
function isFinal(rule: RepoRule): boolean {
  return rule.id === 'lint/unused-suppression';
}

/** The route facts with the admin dashboards mounted on a server added as routes (link/admin-uis). */
function withAdminUis(routes: RouteFact[], mounts: Array<Located<AdminUiMount>>): RouteFact[] {
  return mounts.length === 0 ? routes : [...routes, ...adminUiRoutes(mounts, routes)];
}
