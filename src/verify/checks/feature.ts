// "Rate limiting ✅", "Prometheus /metrics ❌ MISSING", "Added a backfill step": is the feature in
// the code and actually used (not only imported), or truly absent, searched repo-wide?
import type { Evidence } from '../../model/run.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { healthTouchesDb, symbolSites } from './code.js';
import { reachAt, unreached } from './reach.js';
import { resolvedSubject } from './subject.js';
import { checkValues } from './value.js';
import { expiryCheck, expiryClaim } from './expiry.js';
import { namedTable, tableClaim } from './tables.js';
import { RLS_CLAIM, rowSecurity } from './rls.js';
import { type Check, type CheckContext, confirmed, contradicted, routeRows, unverifiable, type Verifier } from './context.js';

const SIGNATURES: Record<string, RegExp> = {
  'rate-limiting': /rate.?limit|ratelimit|throttl/i,
  'security-headers': /\bhelmet\b|secureHeaders|Content-Security-Policy|X-Frame-Options|Strict-Transport-Security/i,
  metrics: /prom-client|collectDefaultMetrics|['"`]\/metrics['"`]|new (Counter|Histogram|Gauge)\s*\(/,
  'health-endpoint': /['"`]\/(api\/)?(health|healthz|ready|readyz)['"`]/,
  'graceful-shutdown': /process\.on\(\s*['"]SIG(TERM|INT)['"]|gracefulShutdown|server\.close\(/,
  'env-validation': /validateEnv\w*|loadEnv\w*|envalid|cleanEnv\s*\(|env\w*Schema\.(safe)?[pP]arse|\benv\w*\.(safe)?parse\s*\(|\.parse\(\s*process\.env\s*\)/i,
  'structured-logging': /\bpino\s*\(|winston\.createLogger|createLogger\s*\(|new \w*Logger\s*\(|\w*[lL]ogger\.(info|warn|error|debug)\s*\(/,
  'audit-logging': /\baudit\w*\s*\(|level:\s*['"]audit['"]/i,
  'mock-mode': /USE_MOCK\w*|MOCK_MODE|mockMode/,
  'circuit-breaker': /circuit.?breaker|opossum|\bgetCircuit\b/i,
  retry: /\bretr(y|ies)|backoff|p-retry/i,
  tracing: /@opentelemetry|startSpan|startActiveSpan|\btracer\b/,
  cors: /\bcors\s*\(/,
  'input-validation': /\bz\.object\s*\(|\bJoi\.|\byup\.|\bvalibot\b|safeParse\s*\(/,
};

/** The audit rules that judge a feature: their live findings contradict a claim that it is in place. */
const JUDGED_BY: Record<string, string[]> = {
  'rate-limiting': ['security/rate-limit-missing', 'security/rate-limiter-unused'],
  'security-headers': ['security/security-headers'],
  metrics: ['observability/metrics'],
  'health-endpoint': ['observability/health-endpoint', 'observability/health-constant'],
  'graceful-shutdown': ['reliability/graceful-shutdown'],
  'env-validation': ['reliability/env-validation'],
  'structured-logging': ['observability/console-logging'],
  tracing: ['observability/tracing-without-exporter'],
};

/** Messages of the judging rules that are not about the feature the claim names. */
const ASIDE = new Set(['observability/health-endpoint:noReadiness']);

function judgedByAudit(ctx: CheckContext, id: string): Check | null {
  const rules = JUDGED_BY[id];
  if (!rules) return null;
  // A finding about something beside the feature (no readiness endpoint next to a health one) says nothing of it.
  const live = ctx.run.findings.filter((f) => rules.includes(f.ruleId) && !f.suppressed && !(f.messageId && ASIDE.has(`${f.ruleId}:${f.messageId}`)));
  if (live.length === 0) return null;
  const f = live[0];
  const ev: Evidence[] = live.slice(0, 3).map((x) => (x.location
    ? { kind: 'file' as const, path: x.location.path, line: x.location.line, snippet: x.location.snippet }
    : { kind: 'note' as const, text: `${x.ruleId}: ${x.message}` }));
  return contradicted(`${f.ruleId}: ${f.message}${live.length > 1 ? ` (and ${live.length - 1} more finding(s))` : ''}`, ev);
}

const DEFINES = /\b(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/;
const IN_TEST = /\.(test|spec)\.|(^|\/)(tests?|__tests__)\//;

/** A line that only defines something matching the signature, which nothing outside tests uses. */
function unusedDefinition(ctx: CheckContext, h: Hit, sig: RegExp): boolean {
  const name = h.text.match(DEFINES)?.[1];
  if (!name || !sig.test(name)) return false;
  return symbolSites(ctx, name).uses.filter((u) => !IN_TEST.test(u.path) && !(u.path === h.path && u.line === h.line)).length === 0;
}

const IMPORT = /^\s*(import\b|export\s+\{[^}]*\}\s+from)|\brequire\s*\(/;
const COMMENT = /^\s*(\/\/|\*|\/\*|#)/;

function routeHit(ctx: CheckContext, endpoint: string, method: string): Hit | null | undefined {
  const routes = routeRows(ctx)?.filter((x) => !method || !x.method || x.method === method || x.method === 'ALL');
  if (!routes) return undefined;
  const r = routes.find((x) => x.path === endpoint || x.path?.endsWith(endpoint));
  return r ? { path: r.file ?? '?', line: r.line ?? 1, text: `${r.method ?? ''} ${r.path}`.trim() } : null;
}

function backfill(ctx: CheckContext, s: Record<string, unknown>): Check {
  const sql = ctx.repo.files.filter((f) => f.endsWith('.sql'));
  if (sql.length === 0) return unverifiable('needs migrations: no .sql migration files in the repository');
  const updates = ctx.repo.grep(/^\s*UPDATE\s+\S+(\s+\w+)?\s+SET\b/i, sql).filter((h) => !COMMENT.test(h.text));
  if (s.polarity === 'absent') return updates.length ? contradicted(`a backfill UPDATE exists at ${updates[0].path}:${updates[0].line}`, [fileEvidence(updates[0])]) : confirmed(`no UPDATE in any of ${sql.length} migration file(s)`,
    [figure('migration files searched', sql.length), ...sql.slice(0, 3).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }))]);
  if (updates.length === 0) {
    const mention = ctx.repo.grep(/backfill/i, sql, 3);
    return contradicted(`no backfill UPDATE statement in ${sql.length} migration file(s)${mention.length ? `; only a mention at ${mention[0].path}:${mention[0].line}` : ''}`,
      [...mention.map(fileEvidence), figure('UPDATE statements in migrations', 0)]);
  }
  const u = updates[0];
  if (s.before) {
    const constraint = ctx.repo.grep(/ADD\s+CONSTRAINT|FOREIGN\s+KEY|UNIQUE|SET\s+NOT\s+NULL/i, [u.path]).filter((h) => !COMMENT.test(h.text) && h.line < u.line);
    if (constraint.length) return contradicted(`the constraint at ${u.path}:${constraint[0].line} comes before the backfill at line ${u.line}`, [fileEvidence(constraint[0]), fileEvidence(u)]);
  }
  return confirmed(`backfill UPDATE at ${u.path}:${u.line}`, [fileEvidence(u)]);
}

function rollback(ctx: CheckContext, s: Record<string, unknown>, text: string): Check {
  const migrations = ctx.repo.files.filter((f) => /migrat/i.test(f));
  if (migrations.length === 0) return unverifiable('needs migrations: the repository has no migration files to look at');
  const files = ctx.repo.files.filter((f) => /(^|[./_-])(down|rollback)(\.[\w]+)?\.sql$|\/down\/|\/rollbacks?\//i.test(f));
  const fns = ctx.repo.grep(/export\s+(async\s+)?function\s+down\b|\bdown\s*:\s*async|async\s+down\s*\(/, ctx.repo.sourceFiles((f) => /migrat/i.test(f)), 3);
  const ev = [...files.slice(0, 3).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' })), ...fns.map(fileEvidence)];
  const has = files.length + fns.length > 0;
  if (has && s.polarity !== 'absent' && /\b(every|all|each)\b/i.test(text)) {
    const downOf = (f: string) => f.replace(/(\.|_|-)(down|rollback)(\.\w+)?\.sql$/i, '.sql');
    const covered = new Set(files.map(downOf));
    const ups = migrations.filter((f) => f.endsWith('.sql') && !files.includes(f) && !f.endsWith('/migration.sql'));
    const bare = ups.filter((f) => !covered.has(f));
    if (bare.length) {
      return contradicted(`${bare.length} of ${ups.length} migration(s) have no rollback file, first ${bare[0]}`, [...ev.slice(0, 1), figure('migrations without a rollback file', bare.length)]);
    }
  }
  if (s.polarity === 'absent') return has ? contradicted(`rollback files exist: ${files[0] ?? fns[0].path}`, ev) : confirmed('no rollback (down) migrations', [figure('down/rollback files', 0)]);
  return has ? confirmed(`${files.length} rollback file(s), ${fns.length} down() function(s)`, ev)
    : contradicted('no rollback (down) file or down() function in the repository', [figure('down/rollback files', 0), figure('files searched', ctx.repo.files.length)]);
}

/** Migration findings that make a set unsafe to deploy: it fails to apply, or it locks or breaks a table in use. */
const UNSAFE_SEVERITY = new Set(['critical', 'high']);

/**
 * "Production-safe migration", "Safe versioned migrations": judged by the audit's migration rules
 * (applied from scratch to an embedded engine, squawk's unsafe operations, version order). A critical or
 * high finding in release migrations contradicts it; a duplicate or out-of-order version contradicts a
 * claim of versioning. No finding leaves it unverifiable: safety beyond those checks is not decided.
 */
function migrationSafety(ctx: CheckContext, s: Record<string, unknown>): Check {
  if (s.polarity !== 'present') return unverifiable('the report says the migrations are not safe; verdict does not decide that they are unsafe in the way meant');
  const versioned = s.versioned === true;
  const live = ctx.run.findings.filter((f) => f.ruleId.startsWith('migrations/') && !f.suppressed
    && (!f.location || ctx.repo.isRelease(f.location.path))
    && (UNSAFE_SEVERITY.has(f.severity) || (versioned && f.ruleId === 'migrations/version-sequence')));
  if (live.length === 0) {
    const ran = ctx.run.outcomes.some((o) => o.ruleId.startsWith('migrations/') && o.status === 'pass');
    return unverifiable(ran ? 'no critical or high migrations finding; safety beyond verdict\'s migration checks is not decided'
      : 'needs migrations: no migration rule judged this repository');
  }
  const rank = (sev: string) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(sev);
  live.sort((a, b) => rank(a.severity) - rank(b.severity));
  const f = live[0];
  const ev: Evidence[] = live.slice(0, 3).map((x) => (x.location
    ? { kind: 'file' as const, path: x.location.path, line: x.location.line, snippet: x.location.snippet }
    : { kind: 'note' as const, text: `${x.ruleId}: ${x.message}` }));
  return contradicted(`${f.ruleId} (${f.severity}): ${f.message}${live.length > 1 ? ` (and ${live.length - 1} more migrations finding(s))` : ''}`, ev);
}

export const feature: Verifier = (s, ctx, text) => {
  const id = String(s.feature);
  if (s.polarity === 'partial') return unverifiable('the report itself marks it partial, a stub or unknown');
  if (id === 'backfill') return backfill(ctx, s);
  if (id === 'rollback') return rollback(ctx, s, text);
  if (id === 'migration-safety') return migrationSafety(ctx, s);
  // "Rate limiting: 60 req/min per agent": the figure names the mechanism; its value in code decides first.
  if (s.polarity === 'present') {
    const figured = checkValues(ctx, text);
    // A figure found nowhere: the audit's finding on the feature (a limiter built and never applied) says why, where it has one.
    if (figured && figured.verdict !== 'unverifiable') {
      if (figured.verdict === 'confirmed' || figured.evidence.some((e) => e.kind === 'file')) return figured;
      const other = inPlace(s, ctx, text, id);
      return other.verdict === 'contradicted' ? other : figured;
    }
  }
  return inPlace(s, ctx, text, id);
};

/** Whether the feature is in place (or absent, as claimed): the audit's rules first, then its code signature and reach. */
function inPlace(s: Record<string, unknown>, ctx: CheckContext, text: string, id: string): Check {
  if (s.polarity !== 'absent') {
    const judged = judgedByAudit(ctx, id);
    if (judged) return judged;
  }
  const sig = SIGNATURES[id];
  // "API key expiration": an expiry field on the key's table that release code compares.
  const expiry = !sig ? expiryClaim(id) : null;
  if (expiry) return expiryCheck(ctx, expiry, String(s.polarity));
  // "Row Level Security enabled": ENABLE ROW LEVEL SECURITY in the applied Postgres migrations.
  if (!sig && RLS_CLAIM.test(String(s.phrase ?? id))) return rowSecurity(ctx, text, String(s.polarity));
  // "AgentRunMetric table ✅ PRESENT": the table the release schema declares.
  const table = !sig ? namedTable(String(s.phrase ?? id)) : null;
  if (table) return tableClaim(ctx, table, text);
  // No signature, no resolved subject: a word of the claim found in some file would confirm anything.
  if (!sig) return (s.polarity === 'present' ? resolvedSubject(ctx, String(s.phrase ?? id)) : null) ?? unverifiable(`"${id}" resolves to no code verdict knows how to check (no file, function, route, package or rule names it)`);
  if (s.endpoint) {
    const r = routeHit(ctx, String(s.endpoint), String(s.method ?? ''));
    if (r) return s.polarity === 'absent' ? contradicted(`route ${r.text} at ${r.path}:${r.line}`, [fileEvidence(r)]) : confirmed(`route ${r.text} at ${r.path}:${r.line}`, [fileEvidence(r)]);
  }
  const files = ctx.repo.serviceFiles();
  if (files.length === 0) return unverifiable('the repository has no source files to search');
  if (id === 'health-endpoint' && s.polarity === 'present' && /\b(database|db)\b/i.test(text)) return healthChecksDb(ctx, files);
  const hits = ctx.repo.grep(sig, files, 50).filter((h) => !COMMENT.test(h.text));
  const code = hits.filter((h) => !IMPORT.test(h.text) && !unusedDefinition(ctx, h, sig));
  // In place means run: code no production entry reaches (dead, or reached only from tests) is not.
  const uses = code.filter((h) => !unreached(reachAt(ctx, h)));
  const dead = code.filter((h) => !uses.includes(h));
  const imports = hits.filter((h) => IMPORT.test(h.text) || unusedDefinition(ctx, h, sig));
  if (s.polarity === 'absent') {
    return uses.length ? contradicted(`${id} found at ${uses[0].path}:${uses[0].line}`, uses.slice(0, 3).map(fileEvidence))
      : confirmed(`no ${id} in ${files.length} source file(s)${imports.length ? ' (imported only)' : ''}`,
        // An absence rests on the search: the import that is never used, else the files searched.
        [...(imports.length ? imports.slice(0, 2).map(fileEvidence) : files.slice(0, 3).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }))), figure(`source files searched for ${id}`, files.length)]);
  }
  if (uses.length) return confirmed(`${id} at ${uses[0].path}:${uses[0].line}${reachAt(ctx, uses[0]) === 'production' ? ', reachable from a production entry' : ''}`, uses.slice(0, 2).map(fileEvidence));
  if (dead.length) return contradicted(`${id} at ${dead[0].path}:${dead[0].line} is not reachable from any production entry (${reachAt(ctx, dead[0])})`, [...dead.slice(0, 2).map(fileEvidence), figure(`${id} sites reachable from production`, 0)]);
  if (imports.length) return contradicted(`${id} is defined or imported (${imports[0].path}:${imports[0].line}) but never used`, [fileEvidence(imports[0]), figure(`uses of ${id} besides the import`, 0)]);
  return contradicted(`no ${id} anywhere in ${files.length} source file(s)`, [figure(`source files searched for ${id}`, files.length)]);
}

function healthChecksDb(ctx: CheckContext, files: string[]): Check {
  const routes = ctx.repo.grep(SIGNATURES['health-endpoint'], files, 5).filter((h) => !COMMENT.test(h.text));
  if (routes.length === 0) return contradicted('no health route in the source', [figure('health routes', 0)]);
  const r = routes[0];
  const hit = healthTouchesDb(ctx, r.path, r.line, r.line + 8);
  return hit ? confirmed(`the health handler at ${r.path}:${r.line} queries the database (line ${hit.line})`, [fileEvidence(r), fileEvidence(hit)])
    : contradicted(`the health handler at ${r.path}:${r.line} makes no database call in its first lines: it answers without checking`, [fileEvidence(r)]);
}
