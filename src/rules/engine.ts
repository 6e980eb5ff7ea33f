// Runs repository rules over collected facts and probe results, and turns every rule's output into
// findings and outcomes. A rule that throws becomes an `error` outcome with its id; the run goes on.
import { performance } from 'node:perf_hooks';
import type { CollectResult } from '../collect/index.js';
import type { VerdictConfig } from '../config/schema.js';
import { packageOf, type RepoLayout } from '../discover/index.js';
import type { MigrationAnalysis } from '../model/migrations.js';
import type { OutcomeStatus, ProbeResult } from '../model/run.js';
import type { SecretScan } from '../probes/secrets.js';
import { lineAt, snippetOf } from '../util/text.js';
import type { FindingInput, RepoRule, Rule, RuleFinding, SourceRule } from './api.js';

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
}

function sourceOutcomes(rule: SourceRule, input: RuleEngineInput, findings: RuleFinding[]): RuleOutcome[] {
  const examined = input.collected.examined[rule.id] ?? {};
  const errors = input.collected.hostErrors.filter((e) => e.hostId === rule.id);
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
  if (loose > 0 || input.layout.packages.length === 0) {
    const n = examined[''] ?? 0;
    out.push({
      ruleId: rule.id, package: null, status: loose > 0 ? 'fail' : n > 0 ? 'pass' : 'not-applicable',
      reason: loose > 0 ? `${loose} finding(s) in ${n} file(s) checked` : n > 0 ? `${n} file(s) checked, none matched` : 'no file in the rule\'s scope',
    });
  }
  return out;
}

async function runRepoRule(rule: RepoRule, input: RuleEngineInput, priorFindings: RuleFinding[]): Promise<{ findings: RuleFinding[]; outcomes: RuleOutcome[] }> {
  const findings: RuleFinding[] = [];
  const declared = new Map<string, RuleOutcome>();
  const keyOf = (pkg: string | null | undefined) => pkg ?? '';
  const declare = (status: OutcomeStatus) => (reason: string, pkg?: string | null) => {
    declared.set(keyOf(pkg), { ruleId: rule.id, package: pkg ?? null, status, reason });
  };
  const pkgs = input.layout.packages;
  const ctx = {
    layout: input.layout,
    config: input.config,
    exec: input.exec,
    facts: (id: string) => input.collected.facts[id] ?? [],
    documents: input.collected.documents,
    probes: input.probes,
    migrations: input.migrations ?? { sets: [], statements: {}, parseFailures: [] },
    secretScan: input.secretScan ?? null,
    inventory: input.inventory,
    priorFindings,
    enabledRules: input.rules.map((r) => r.id),
    packageOf: (p: string) => packageOf(p, pkgs),
    registerSecret: (v: string) => { input.secrets.push(v); },
    report: (f: FindingInput) => findings.push(toFinding(rule.id, f, input)),
    pass: declare('pass'),
    unknown: declare('unknown'),
    notApplicable: declare('not-applicable'),
  };
  try {
    await rule.check(ctx);
  } catch (err) {
    return { findings: [], outcomes: [{ ruleId: rule.id, package: null, status: 'error', reason: `rule threw: ${(err as Error).message}` }] };
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
  return { findings, outcomes };
}

function toFinding(ruleId: string, f: FindingInput, input: RuleEngineInput): RuleFinding {
  const loc = f.location ?? null;
  let snippet = loc?.snippet ?? '';
  if (loc && !loc.snippet) {
    const doc = input.collected.documents.get(loc.path);
    if (doc !== undefined) snippet = snippetOf(lineAt(doc, loc.line));
  }
  return {
    ruleId,
    path: loc?.path ?? null,
    line: loc?.line ?? 0,
    column: loc?.column ?? 1,
    endLine: loc?.endLine ?? loc?.line ?? 0,
    snippet,
    message: f.message,
    severity: f.severity,
    evidence: f.evidence ?? [],
    package: f.package !== undefined ? f.package : loc ? packageOf(loc.path, input.layout.packages) : null,
  };
}

export async function runRules(input: RuleEngineInput): Promise<RuleRun> {
  const run: RuleRun = { findings: [], outcomes: [], timings: {} };
  const sourceRules = new Map(input.rules.filter((r): r is SourceRule => r.kind === 'source').map((r) => [r.id, r]));
  for (const f of input.collected.findings) {
    const rule = sourceRules.get(f.ruleId);
    if (!rule) continue;
    const finding: RuleFinding = { ...f, severity: f.severity, package: f.package };
    run.findings.push(rule.review ? rule.review(finding, input.layout) : finding);
  }
  for (const rule of input.rules) {
    if (rule.kind !== 'source') continue;
    run.outcomes.push(...sourceOutcomes(rule, input, run.findings.filter((f) => f.ruleId === rule.id)));
    run.timings[rule.id] = input.collected.hostTimings[rule.id] ?? 0;
  }
  const repoRules = input.rules.filter((r): r is RepoRule => r.kind === 'repository');
  const ordered = [...repoRules.filter((r) => !isFinal(r)), ...repoRules.filter(isFinal)];
  for (const rule of ordered) {
    const t = performance.now();
    const res = await runRepoRule(rule, input, isFinal(rule) ? [...run.findings] : []);
    run.timings[rule.id] = performance.now() - t;
    run.findings.push(...res.findings);
    run.outcomes.push(...res.outcomes);
  }
  return run;
}

/** Rules about other rules' findings (suppression hygiene) run last and see the findings so far. */
function isFinal(rule: RepoRule): boolean {
  return rule.id === 'lint/unused-suppression';
}
