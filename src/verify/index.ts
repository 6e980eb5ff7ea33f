// verify: fact-check a readiness report against the code, claim by claim. Runs after the whole
// pipeline: it audits the repository, then checks each claim against the audit and the files.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { audit } from '../audit.js';
import type { Link } from '../link/index.js';
import type { AuditRun } from '../model/run.js';
import { secretsInText } from '../probes/secrets.js';
import { UsageError } from '../util/errors.js';
import { loadPostgresParser } from '../util/pg-parser.js';
import { Redactor } from '../util/redact.js';
import { VERSION } from '../version.js';
import { count } from './checks/count.js';
import { feature } from './checks/feature.js';
import { value } from './checks/value.js';
import { migration } from './checks/migration.js';
import { history, historyHashes, readHistory } from './checks/history.js';
import { ci, dbAccess, envVar, topic, lineRange, path, script, symbol } from './checks/code.js';
import { call, ciNode, link, pkg, quote, setting } from './checks/cited.js';
import { type Check, type CheckContext, unverifiable, type Verifier } from './checks/context.js';
import { build, lint, readiness, score, secrets, sqlInjection, testsPass, typecheck, vulnerabilities } from './checks/state.js';
import { ownList, ownListClaim } from './checks/own-list.js';
import { declaredCount } from './checks/declared-counts.js';
import { classifyAll } from './classify.js';
import { codeClaim } from './code-claims.js';
import { readReport } from './decode.js';
import { extractClaims } from './extract.js';
import { factOf } from './fact.js';
import { isShown } from './shown.js';
import { historyOfSnippets } from './same-fact.js';
import { sameSubject } from './same-subject.js';
import { scannerOfSection } from './scan-run.js';
import { entailed } from './entails.js';
import { changedLines, gitTop, provenance, resolveCommit, worktreeAt } from './git.js';
import { type Claim, type ClaimKind, type Provenance, VERIFY_SCHEMA_VERSION, type VerifyResult, type VerifySummary } from './model.js';
import { RepoIndex } from './repo.js';

export interface VerifyOptions {
  report: string;
  repo?: string;
  at?: string;
  exec: boolean;
  /** Where no sandbox is available, run the repository's code anyway (`--exec`). */
  unsandboxed?: boolean;
  install?: boolean;
  cache?: boolean;
  notice?: (line: string) => void;
  /** --config: a configuration file for the audit, or `none` to ignore the repository's own. */
  config?: string;
  /** For tests: check against this audit instead of running one. */
  run?: AuditRun;
  /**
   * The redaction of everything the caller prints (the annotated copy too): the report's own secrets
   * and the repository's are registered in it. One is made when none is given.
   */
  redactor?: Redactor;
  log?: (line: string) => void;
}

const VERIFIERS: Partial<Record<ClaimKind, Verifier>> = {
  count, value, feature, topic, ci: (s, ctx, t) => (s.node ? ciNode(s, ctx, t) : ci(s, ctx, t)), symbol, path, 'line-range': lineRange, script, 'env-var': envVar,
  'tests-pass': testsPass, typecheck, lint, build, vulnerabilities, secrets, 'db-access': dbAccess, 'sql-injection': sqlInjection,
  score, readiness, quote, link, package: pkg, call, setting, migration, history,
};

/** Kinds whose general check reads presence or words: a subject resolved in the code's structure decides first. */
const RESOLVED_FIRST = new Set<ClaimKind>(['feature', 'value', 'topic', 'setting', 'path', 'outside', 'unrecognised']);

/** Worst first: what a reviewer must not ship on. */
const SEVERITY: ClaimKind[] = ['readiness', 'tests-pass', 'typecheck', 'secrets', 'sql-injection', 'vulnerabilities', 'db-access', 'ci', 'build',
  'migration', 'history', 'symbol', 'call', 'value', 'feature', 'quote', 'topic', 'line-range', 'count', 'setting', 'score', 'package', 'path', 'link', 'script', 'env-var', 'lint'];

function fallback(kind: ClaimKind, subject: Record<string, unknown>): Check {
  if (kind === 'outside') {
    if (subject.scanner) return unverifiable(`what a run of ${String(subject.scanner)} found: no file of the repository records it, and verdict does not run ${String(subject.scanner)}`);
    return unverifiable(subject.judgement ? 'a judgement with nothing specific to check'
      : subject.history ? 'about an earlier state (a past date or commit), not the code as it is'
        : subject.git ? 'about the git history (commits, files changed, insertions): verify checks the tree, not its history'
        : subject.own ? 'a count of the issues the report itself lists: verdict does not match its own findings to the report\'s'
        : 'about the world outside the repo (deployments, services, people)');
  }
  if (kind === 'plan') return unverifiable('a plan or recommendation, not a claim about the current code');
  return unverifiable('not recognised as a checkable claim');
}

function referencedPaths(c: Claim): string[] {
  const s = c.subject;
  const fromSubject = [s.path, s.paths, s.scope].filter((x): x is string => typeof x === 'string' && x !== '').flatMap((x) => x.split(','));
  const fromEvidence = c.evidence.flatMap((e) => (e.kind === 'file' ? [e.path] : []));
  return [...new Set([...fromSubject, ...fromEvidence])];
}

/** Names a claim is about (a function, a script, an env var, cited symbols), to find them in the changed lines. */
function referencedNames(c: Claim): string[] {
  const s = c.subject;
  return [s.name, ...String(s.symbols ?? '').split(',')].filter((x): x is string => typeof x === 'string' && x.length > 2);
}

function markStale(c: Claim, prov: Provenance, diff: Map<string, string>): Claim {
  if (!prov.addedIn || prov.changedSince.length === 0) return c;
  const byPath = referencedPaths(c).filter((p) => prov.changedSince.some((f) => f === p || f.endsWith(`/${p}`) || f.startsWith(`${p}/`)));
  const names = referencedNames(c);
  const byName = [...diff].filter(([, text]) => names.some((n) => new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text))).map(([f]) => f);
  const changed = [...new Set([...byPath, ...byName])];
  if (changed.length === 0) return c;
  const stale = { since: prov.addedIn, paths: changed };
  return c.verdict === 'contradicted'
    ? { ...c, stale, reason: `${c.reason} (stale: ${changed.join(', ')} changed after the report's commit ${prov.addedIn.slice(0, 7)})` }
    : { ...c, stale };
}


/** Non-blank lines outside code fences, headings and table rules that no shown claim covers. */
function proseLinesNotClaims(markdown: string, claims: Claim[]): number {
  const covered = new Set<number>();
  for (const c of claims.filter(isShown)) for (let l = c.line; l <= c.endLine; l++) covered.add(l);
  let fenced = false;
  let n = 0;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) { fenced = !fenced; return; }
    if (fenced || !text.trim() || /^\s*#|^\s*\|?[\s:|-]+\|?\s*$|^\s*(---|\*\*\*|___)\s*$/.test(text)) return;
    if (!covered.has(i + 1)) n++;
  });
  return n;
}

/** The audit's whole-tree roles (inventory.roles.trees). */
function rolesOf(run: AuditRun): Array<{ path: string; role: string }> {
  const trees = (run.inventory.roles as { trees?: unknown } | undefined)?.trees;
  return Array.isArray(trees) ? trees.filter((t): t is { path: string; role: string } => typeof t?.path === 'string' && typeof t?.role === 'string') : [];
}

export function summarise(claims: Claim[], markdown = ''): VerifySummary {
  const verdicts = { confirmed: 0, contradicted: 0, unverifiable: 0 };
  for (const c of claims) verdicts[c.verdict]++;
  const recognised = claims.filter((c) => c.kind !== 'unrecognised').length;
  const worst = claims.filter((c) => c.verdict === 'contradicted')
    .sort((a, b) => SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind) || a.line - b.line).map((c) => c.id);
  const checked = verdicts.confirmed + verdicts.contradicted;
  const trust = checked === 0 ? 'Nothing in this report could be checked against the code: treat every line as unverified.'
    : verdicts.contradicted > 0
      ? `${verdicts.contradicted} of ${checked} checked claims are contradicted by the code: read those before trusting the rest; ${verdicts.unverifiable} claims could not be checked.`
      : `All ${checked} checked claims hold; ${verdicts.unverifiable} could not be checked.`;
  return { claims: claims.length, recognised, recognisedShare: claims.length ? recognised / claims.length : 0, verdicts, worst, notClaims: proseLinesNotClaims(markdown, claims), trust };
}

export function checkClaims(markdown: string, ctx: CheckContext, prov: Provenance, diff = new Map<string, string>()): Claim[] {
  const { claims: raws } = extractClaims(markdown);
  const classified = classifyAll(raws);
  const claims = raws.map((raw, i): Claim => {
    let { kind, subject } = classified[i];
    const verifier = VERIFIERS[kind];
    let check: Check;
    // A total of what the report itself lists is counted in the report.
    const listed = kind === 'plan' ? null : ownListClaim(markdown, raw.line);
    const fromList = listed ? ownList(listed, markdown, ctx.reportPath ?? 'the report') : null;
    // A count of what the code declares, once the counted thing resolves (models, enum members, a helper's calls).
    const declared = fromList || kind === 'plan' ? null : declaredCount(raw.text, raw.line, ctx);
    if (listed && fromList) {
      kind = 'count';
      subject = { what: `${listed.noun} the report lists under "${listed.under}"`, n: listed.n, words: listed.noun, path: '', own: true };
      check = fromList;
    } else if (declared) {
      kind = 'count';
      subject = { what: declared.what, n: declared.n, words: declared.what, path: '' };
      check = declared.check;
    } else try {
      check = verifier ? verifier(subject, ctx, raw.text) : fallback(kind, subject);
    } catch (err) {
      check = unverifiable(`the ${kind} check failed: ${(err as Error).message}`);
    }
    // A line that names an option, a route's chain or a config setting is judged on that resolved subject:
    // before a feature's presence or a word near a figure, after what the audit and its probes decide.
    if (kind !== 'plan' && (check.verdict === 'unverifiable' || RESOLVED_FIRST.has(kind))) {
      try {
        const own = codeClaim(raw, ctx);
        if (own && (own.check.verdict !== 'unverifiable' || (check.verdict === 'unverifiable' && (kind === 'unrecognised' || kind === 'outside')))) ({ kind, subject, check } = own);
      } catch (err) {
        check = unverifiable(`the code check failed: ${(err as Error).message}`);
      }
    }
    if (check.verdict !== 'unverifiable' && check.evidence.length === 0) check = unverifiable(`${check.reason} (no evidence to show)`);
    // A ✅ rests on a file or a command the reader can check: a figure alone is a number, not evidence.
    if (check.verdict === 'confirmed' && !check.evidence.some((e) => e.kind === 'file' || e.kind === 'command')) {
      check = unverifiable(`${check.reason} (only a figure to show: no file or command)`);
    }
    return {
      id: i + 1, text: raw.text, line: raw.line, endLine: raw.endLine, section: raw.section, source: raw.source,
      kind, subject, fact: factOf(kind, subject), verdict: check.verdict, evidence: check.evidence, reason: check.reason, stale: null,
    };
  });
  return oneVerdictPerFact(sameSubject(historyOfSnippets(statusFromReport(entailed(sectionScans(claims, markdown))), markdown))).map((c) => markStale(c, prov, diff));
}

/** A bare status line under a section that shows a scanner's run states what that run found. */
function sectionScans(claims: Claim[], markdown: string): Claim[] {
  return claims.map((c) => {
    if (!c.subject.bare || c.verdict !== 'unverifiable') return c;
    const subject = scannerOfSection(markdown, c.line);
    if (!subject) return c;
    const check = fallback('outside', subject);
    return { ...c, kind: 'outside' as const, subject, fact: factOf('outside', subject), verdict: check.verdict, evidence: check.evidence, reason: check.reason };
  });
}

const isStatus = (c: Claim) => c.fact.key !== null && c.fact.subject === 'the service' && c.fact.predicate === 'status ready' && c.fact.polarity === 'asserts';

/**
 * "PRODUCTION READY" where the gate cannot decide (every condition is a probe that did not run): the
 * report's own claims that the code contradicts are blockers it says do not exist.
 */
function statusFromReport(claims: Claim[]): Claim[] {
  const against = claims.filter((c) => c.verdict === 'contradicted' && !isStatus(c) && c.kind !== 'score' && c.fact.polarity === 'asserts');
  if (against.length === 0) return claims;
  return claims.map((c) => {
    if (!isStatus(c) || c.verdict !== 'unverifiable') return c;
    const first = against[0];
    return {
      ...c, verdict: 'contradicted' as const,
      reason: `${against.length} of the report's own claims are contradicted by the code, first line ${first.line}: ${first.reason}`,
      evidence: [...first.evidence.slice(0, 2), { kind: 'figure' as const, name: 'contradicted claims in the report', value: against.length }],
    };
  });
}

const RANK = { contradicted: 0, confirmed: 1, unverifiable: 2 } as const;

/** Claims that state the same fact share the verdict of the most decisive among them (a contradiction first). */
function oneVerdictPerFact(claims: Claim[]): Claim[] {
  const groups = new Map<string, Claim[]>();
  for (const c of claims) if (c.fact.key) groups.set(c.fact.key, [...(groups.get(c.fact.key) ?? []), c]);
  const lead = new Map<string, Claim>();
  for (const [key, group] of groups) lead.set(key, [...group].sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || a.line - b.line)[0]);
  return claims.map((c) => {
    const l = c.fact.key ? lead.get(c.fact.key) : undefined;
    if (!l || l === c || l.verdict === c.verdict) return c;
    return { ...c, verdict: l.verdict, evidence: l.evidence, reason: `same fact as line ${l.line}: ${l.reason}` };
  });
}

/** The report's folder relative to the repository root (posix), or null when the report lies outside it. */
function reportFolder(repoRoot: string, reportAbs: string): string | null {
  const rel = relative(repoRoot, dirname(reportAbs));
  if (rel.startsWith('..') || isAbsolute(rel)) return null;
  return rel.split(sep).join('/') || '.';
}

/**
 * The repository a report describes when --repo is not given: the git work tree that holds it, else
 * the nearest folder above it with a package.json. Anything else is refused: auditing the report's
 * own folder or the current one would check the claims against code they may not be about.
 */
async function repositoryOf(reportAbs: string, given: string): Promise<string> {
  const top = await gitTop(dirname(reportAbs));
  if (top) return resolve(top);
  for (let dir = dirname(reportAbs); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new UsageError(`${given}: the report is in no git repository and under no folder with a package.json; give --repo <dir>, the root of the repository it describes`);
}

export async function verifyReport(opts: VerifyOptions): Promise<VerifyResult> {
  const reportAbs = resolve(opts.report);
  const report = readReport(reportAbs);
  const log = opts.log ?? (() => {});
  const redactor = opts.redactor ?? new Redactor();
  for (const v of await secretsInText(reportAbs, report.text)) redactor.add(v);
  if (opts.repo && !(existsSync(opts.repo) && statSync(opts.repo).isDirectory())) throw new UsageError(`--repo ${opts.repo}: no such folder; give the root of the repository the report describes`);
  const repoRoot = opts.repo ? resolve(opts.repo) : await repositoryOf(reportAbs, opts.report);
  const at = opts.at ? await resolveCommit((await gitTop(repoRoot)) ?? repoRoot, opts.at) : null;
  const prov = await provenance(reportAbs, repoRoot, at);
  const tree = at ? await worktreeAt(repoRoot, at) : null;
  try {
    const root = tree?.root ?? repoRoot;
    let noExecReason: string | null = opts.exec ? null : '--no-exec was given';
    // A fresh worktree has no dependencies: with --install the audit installs them (in its sandbox), else its probes cannot run.
    const installHere = tree !== null && opts.exec && opts.install === true;
    if (tree && opts.exec && !opts.install) noExecReason = `the worktree at ${at!.slice(0, 7)} has no node_modules (give --install)`;
    log(`auditing ${root}${at ? ` at ${at.slice(0, 7)}` : ''}`);
    let link: (() => Link) | undefined;
    const run = opts.run ?? await audit({
      onLink: (l) => { link = l; },
      root, exec: noExecReason === null, unsandboxed: opts.unsandboxed, notice: opts.notice, quiet: true, cache: opts.cache, config: opts.config, redactor,
      install: installHere ? { ignoreScripts: false } : null,
    });
    const sb = run.options.sandbox;
    if (noExecReason === null && opts.run === undefined && !sb.tool && !sb.unconfined) noExecReason = `no sandbox (${sb.problem}); give --exec to run the repository's code unconfined`;
    const installed = run.probes.find((p) => p.kind === 'install');
    if (noExecReason === null && installHere && installed?.exitCode !== 0) noExecReason = `\`${installed?.command ?? 'install'}\` failed in the worktree (${installed?.reason ?? `exit ${installed?.exitCode}`})`;
    const ctx: CheckContext = { run, repo: new RepoIndex(root, rolesOf(run)), noExecReason, link, reportDir: reportFolder(repoRoot, reportAbs), reportText: report.text,
      reportPath: reportFolder(repoRoot, reportAbs) === null ? opts.report : relative(repoRoot, reportAbs).split(sep).join('/') };
    const named = historyHashes(classifyAll(extractClaims(report.text).claims).filter((c) => c.kind === 'history').map((c) => c.subject));
    if (named.length) ctx.history = await readHistory(await gitTop(root), named);
    // Row level security is read from Postgres migrations with the real parser, which loads asynchronously.
    if (((run.inventory.migrations as Array<{ dialect?: string }> | undefined) ?? []).some((m) => m.dialect === 'postgresql')) await loadPostgresParser();
    const claims = checkClaims(report.text, ctx, prov, await changedLines(repoRoot, prov));
    return redactor.deep<VerifyResult>({
      schemaVersion: VERIFY_SCHEMA_VERSION,
      tool: { name: 'verdict', version: VERSION },
      report: { path: opts.report, encoding: report.encoding, repaired: report.repaired },
      repo: { root: repoRoot, exec: noExecReason === null, gate: run.gate.decision, configuration: run.configuration },
      provenance: prov,
      claims,
      summary: summarise(claims, report.text),
    });
  } finally {
    await tree?.remove();
  }
}
