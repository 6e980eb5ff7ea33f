// "23 tests", "75 tables", "14 RPC bindings", "(107 lines)": recomputed from the code or the probes.
import type { WranglerConfig } from '../../discover/index.js';
import { parseWrangler } from '../../discover/wrangler.js';
import type { Evidence } from '../../model/run.js';
import { symbolSites } from './code.js';
import { fileEvidence, figure, type Hit } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, figureNumber, inventoryArray, probesOf, routeRows, unverifiable, type Verifier } from './context.js';

interface Counted {
  n: number;
  evidence: Evidence[];
  how: string;
}

const TEST_DECL = /(^|[^\w.])(it|test)(\.(only|skip|todo|concurrent|fails))?(\.each\s*\([^)]*\)\s*)?\s*\(\s*['"`]/;

function scopeOf(ctx: CheckContext, path: string): string | null | undefined {
  if (!path) return undefined;
  return ctx.repo.resolve(path)[0] ?? null;
}

function tests(ctx: CheckContext, scope: string | undefined): Counted {
  const probes = probesOf(ctx, 'tests');
  if (typeof probes !== 'string' && !scope) {
    const n = probes.reduce((a, p) => a + (figureNumber(p, 'total') ?? ((figureNumber(p, 'passed') ?? 0) + (figureNumber(p, 'failed') ?? 0) + (figureNumber(p, 'skipped') ?? 0))), 0);
    return { n, evidence: [figure('tests run', n)], how: 'tests the runner ran' };
  }
  const files = ctx.repo.testFiles(scope ?? '');
  const hits = ctx.repo.grep(TEST_DECL, files, 100_000);
  return { n: hits.length, evidence: [figure('test declarations (it/test)', hits.length), ...hits.slice(0, 1).map(fileEvidence)], how: `it()/test() declarations in ${files.length} test file(s)` };
}

function tables(ctx: CheckContext, words: string, scope?: string | null): Counted | null {
  // "schema.ts has 21 tables": the tables of the schema the claim names, not of the whole repository.
  // A document that lists the tables is not where they are declared: its figure is checked against the repository's.
  const place = scope && !/\.(md|mdx|txt)$/i.test(scope) ? scope : null;
  const within = (f: string) => !place || f === place || f.startsWith(`${place}/`);
  const prisma = ctx.repo.files.filter((f) => f.endsWith('.prisma') && within(f));
  const models = ctx.repo.grep(/^\s*model\s+\w+\s*\{/, prisma, 100_000);
  if (models.length) return { n: models.length, evidence: [figure('Prisma models', models.length), fileEvidence(models[0])], how: `models in ${prisma.join(', ')}` };
  if (/model/.test(words)) return null;
  const orm = ctx.repo.grep(/\b(sqliteTable|pgTable|mysqlTable)\s*\(/, ctx.repo.serviceFiles().filter(within), 100_000);
  if (orm.length) return { n: orm.length, evidence: [figure('Drizzle tables', orm.length), fileEvidence(orm[0])], how: 'Drizzle table declarations' };
  const sql = ctx.repo.grep(/CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/i, ctx.repo.files.filter((f) => f.endsWith('.sql') && within(f)), 100_000);
  const names = new Set(sql.map((h) => h.text.match(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["`]?(\w+)/i)?.[1]?.toLowerCase()));
  if (names.size) return { n: names.size, evidence: [figure('distinct CREATE TABLE names', names.size), fileEvidence(sql[0])], how: 'CREATE TABLE statements in SQL files' };
  return null;
}

/** The wrangler config at `path`: the audit's worker, else the file read as wrangler would (a shared base config). */
export function wranglerAt(ctx: CheckContext, path: string): WranglerConfig | null {
  return ((ctx.run.inventory.workers as WranglerConfig[] | undefined) ?? []).find((w) => w.path === path) ?? sharedWrangler(ctx, path);
}

function sharedWrangler(ctx: CheckContext, path: string): WranglerConfig | null {
  if (!/(^|\/)wrangler[\w.-]*\.(jsonc?|toml)$/.test(path)) return null;
  const text = ctx.repo.lines(path)?.join('\n');
  const parsed = text === undefined ? null : parseWrangler(path, text, path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');
  return parsed?.ok ? parsed.value : null;
}

function bindings(ctx: CheckContext, words: string, scope: string | null | undefined): (Counted & { workers: number }) | null {
  // Templates, archived and vendored copies of a worker are not the release: their bindings do not count.
  const workers = ((ctx.run.inventory.workers as WranglerConfig[] | undefined) ?? []).filter((w) => ctx.repo.isRelease(w.path));
  // A shared config other workers extend (`wrangler.base.jsonc`) is no worker of its own: read it as wrangler would.
  const shared = scope && !workers.some((w) => w.path === scope) ? sharedWrangler(ctx, scope) : null;
  if (shared) workers.push(shared);
  const mine = shared ? [shared] : scope ? workers.filter((w) => w.path.startsWith(scope) || w.packagePath === scope || scope.startsWith(w.packagePath)) : workers;
  if (mine.length === 0) return null;
  const pick = (w: WranglerConfig) => (/rpc|service/.test(words) ? w.services : /d1|database/.test(words) ? w.d1 : /kv/.test(words) ? w.kv
    : /queue/.test(words) ? w.queueProducers : [...w.d1, ...w.kv, ...w.r2, ...w.durableObjects, ...w.services, ...w.queueProducers]);
  const n = mine.reduce((a, w) => a + pick(w).length, 0);
  const first = mine.find((w) => pick(w).length);
  const b = first ? pick(first)[0] : null;
  return { n, workers: mine.filter((w) => pick(w).length > 0).length, evidence: [figure(`${words} in ${mine.map((w) => w.path).join(', ')}`, n), ...(first && b ? [fileEvidence({ path: first.path, line: b.line, text: ctx.repo.lines(first.path)?.[b.line - 1] ?? b.binding })] : [])], how: 'wrangler config bindings' };
}

/** The first few of the files a count counted, as file evidence: what the figure rests on. */
function firstFiles(ctx: CheckContext, files: string[], n = 3): Evidence[] {
  return files.slice(0, n).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }));
}

function migrations(ctx: CheckContext, scope: string | null | undefined): Counted | null {
  const inv = inventoryArray(ctx, 'migrations') as Array<{ path?: string; files?: unknown[]; count?: number }> | null;
  if (inv && !scope) {
    const n = inv.reduce((a, m) => a + (m.count ?? m.files?.length ?? 1), 0);
    return { n, evidence: [figure('migrations (inventory)', n)], how: 'inventory.migrations' };
  }
  const dirs = scope ? [scope] : ((ctx.run.inventory.migrationDirs as string[] | undefined) ?? []);
  if (dirs.length === 0) return null;
  const prismaSteps = new Set(ctx.repo.files.filter((f) => dirs.some((d) => f.startsWith(`${d}/`)) && f.endsWith('/migration.sql')).map((f) => f));
  const sqlFiles = ctx.repo.files.filter((f) => dirs.some((d) => f.startsWith(`${d}/`)) && /\.(sql|[jt]s)$/.test(f) && !/(down|rollback)\.sql$/.test(f));
  const n = prismaSteps.size || sqlFiles.length;
  return { n, evidence: [figure(`migrations in ${dirs.join(', ')}`, n), ...firstFiles(ctx, prismaSteps.size ? [...prismaSteps] : sqlFiles)], how: prismaSteps.size ? 'Prisma migration folders' : 'migration files' };
}

function filesIn(ctx: CheckContext, scope: string | null | undefined): Counted | null {
  if (!scope || !ctx.repo.isDir(scope)) return null;
  const files = ctx.repo.files.filter((f) => f.startsWith(`${scope}/`) && !f.slice(scope.length + 1).includes('/'));
  return { n: files.length, evidence: [figure(`files in ${scope}`, files.length), ...firstFiles(ctx, files)], how: `files directly in ${scope}` };
}

function measure(s: Record<string, unknown>, ctx: CheckContext, scope: string | null | undefined): Counted | string {
  const words = String(s.words);
  switch (s.what) {
    case 'tests': return tests(ctx, scope ?? undefined);
    case 'test-files': {
      const files = ctx.repo.testFiles(scope ?? '').filter((f) => !/unit|integration|e2e/.test(words) || f.includes(words.split(' ')[0]));
      return { n: files.length, evidence: [figure('test files', files.length), ...files.slice(0, 1).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }))], how: 'test files' };
    }
    case 'tables': return tables(ctx, words, scope) ?? 'needs a schema: no Prisma schema, Drizzle tables or CREATE TABLE found';
    case 'bindings': case 'databases': {
      const b = bindings(ctx, s.what === 'databases' ? 'd1' : words, scope);
      if (!b) return 'needs wrangler configs: none found for that worker';
      // A service (RPC) binding is one worker's link to another: summed over several workers the claim does not
      // name ("14 orchestrator RPC bindings"), the figure is the count of no one config.
      if (!scope && b.workers > 1 && /rpc|service/.test(words)) return `the report names no worker, and ${b.workers} release workers declare ${words}: a sum over them (${b.n}) is the count of no one config`;
      return b;
    }
    case 'workflows': {
      const w = (ctx.run.inventory.workflowFiles as string[] | undefined) ?? [];
      return { n: w.length, evidence: [figure('workflow files', w.length), ...w.slice(0, 1).map((f) => fileEvidence({ path: f, line: 1, text: ctx.repo.lines(f)?.[0] ?? '' }))], how: 'CI workflow files' };
    }
    case 'lines': {
      if (!scope) return scope === null ? `${s.path}: no such file` : 'no file named for the line count';
      const n = ctx.repo.lineCount(scope);
      if (n === null) return `${scope} is not a readable file`;
      // Editors number the empty line after a final newline too: a file `wc -l` counts as N shows N+1.
      const editor = (ctx.repo.lines(scope) ?? []).length;
      const claimed = Number(s.n);
      const shown = editor !== n && claimed === editor ? editor : n;
      // The file's last line is where the count ends: the reader can open it there.
      const last = Math.max(1, n);
      const ev = [fileEvidence({ path: scope, line: last, text: ctx.repo.lines(scope)?.[last - 1] ?? '' }), figure(`lines in ${scope}`, n)];
      return { n: shown, evidence: [...ev, ...(editor !== n ? [figure(`lines in ${scope} as an editor numbers them`, editor)] : [])], how: editor !== n && shown === editor ? `lines of ${scope}, counting the line after the final newline as editors do` : `lines of ${scope}` };
    }
    case 'migrations': return migrations(ctx, scope) ?? 'needs migrations: no migration folder found';
    case 'entrypoints': case 'files': return filesIn(ctx, scope) ?? (s.what === 'files' ? 'a count of changed files: needs the change set' : 'no folder named for the count');
    case 'queues': {
      const q = ctx.repo.grep(/new\s+Queue\s*[<(]/, ctx.repo.serviceFiles().filter((f) => !scope || f.startsWith(scope)), 10_000);
      const built = q.map((h) => queuesBuiltAt(ctx, h));
      const w = bindings(ctx, 'queue', undefined);
      const n = built.reduce((a, b) => a + b.n, 0) + (w?.n ?? 0);
      const factories = built.filter((b) => b.factory);
      return {
        n, evidence: [figure('queues (new Queue, once per call of a factory that makes one, + wrangler producers)', n), ...q.slice(0, 1).map(fileEvidence), ...factories.slice(0, 1).flatMap((b) => b.calls.slice(0, 1).map(fileEvidence))],
        how: factories.length ? `queue declarations, counting each call of ${factories.map((b) => `${b.factory}()`).join(', ')}` : 'queue declarations',
      };
    }
    case 'coverage': {
      const probes = probesOf(ctx, 'tests');
      if (typeof probes === 'string') return probes;
      const pct = probes.map((p) => {
        const c = p.figures.coverage as { lines?: number | null } | number | undefined;
        return typeof c === 'number' ? c : c?.lines ?? null;
      }).find((x) => x !== null && x !== undefined);
      return pct === undefined || pct === null ? 'needs a coverage figure: the test run reported none' : { n: pct, evidence: [figure('line coverage %', pct)], how: 'line coverage of the test run' };
    }
    case 'routes': {
      const r = routeRows(ctx);
      if (!r) return 'needs inventory.routes (route collector)';
      // The first routes counted, each where it is registered: what the count rests on.
      const at = r.filter((x) => x.file && x.line).slice(0, 3).map((x) => fileEvidence({ path: x.file!, line: x.line!, text: `${x.method} ${x.path}` }));
      return { n: r.length, evidence: [figure('routes in release code (inventory)', r.length), ...at], how: 'inventory.routes' };
    }
    default: return `no counter for ${s.what}`;
  }
}

export const count: Verifier = (s, ctx): Check => {
  // A scope the row names counts only when it is a folder of the repository (a package or worker).
  const named = s.scope ? ctx.repo.resolve(String(s.scope)).find((d) => ctx.repo.isDir(d) && ctx.repo.isRelease(`${d}/x.ts`)) : undefined;
  if (!named && String(s.scope ?? '').includes('/')) return unverifiable(`${s.scope}: the row names no package, worker or folder of the repository to count in`);
  const scope = named ?? scopeOf(ctx, String(s.path ?? ''));
  if (scope === null && s.what !== 'lines') return contradicted(`${s.path}: no such file or folder`, [figure(`files matching ${s.path}`, 0)]);
  // A shell smoke script's tests are the checks it numbers, not it() calls it cannot have.
  if (s.what === 'tests' && scope && !ctx.repo.isDir(scope) && SCRIPT.test(scope)) {
    const steps = stepsClaim(ctx, scope, `${String(s.n)} tests`);
    if (steps) return steps;
  }
  const m = measure(s, ctx, scope);
  if (typeof m === 'string') return unverifiable(m);
  const claimed = Number(s.n);
  const ok = s.atLeast ? m.n >= claimed : s.approx ? Math.abs(m.n - claimed) <= Math.max(1, claimed * 0.2) : m.n === claimed;
  return ok ? confirmed(`${m.n} ${s.words} (${m.how})`, m.evidence)
    : contradicted(`the report says ${s.atLeast ? 'at least ' : s.approx ? 'about ' : ''}${claimed} ${s.words}; verdict counts ${m.n} (${m.how})`, m.evidence);
};

const FUNCTION_HEAD = /^\s*(?:export\s+)?(?:async\s+)?function\s+([A-Za-z_$][\w$]*)|^\s*(?:export\s+)?(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[\w$]+)\s*(?::[^=]+)?=>/;

/**
 * How many queues a `new Queue(...)` makes: one at module level; inside a factory function, one per
 * call of that factory in release code (twelve `buildQueue("x")` calls are twelve queues).
 */
function queuesBuiltAt(ctx: CheckContext, h: Hit): { n: number; factory: string | null; calls: Hit[] } {
  if (!/^\s/.test(h.text)) return { n: 1, factory: null, calls: [] };
  const lines = ctx.repo.lines(h.path) ?? [];
  let factory: string | null = null;
  let exported = false;
  for (let i = h.line - 1; i >= 0 && factory === null; i--) {
    const m = lines[i].match(FUNCTION_HEAD);
    if (m) { factory = m[1] ?? m[2]; exported = /^\s*export\b/.test(lines[i]); }
    else if (/^\S/.test(lines[i]) && i < h.line - 1 && !/^[})\]]/.test(lines[i])) break;
  }
  if (!factory) return { n: 1, factory: null, calls: [] };
  // A factory its module does not export is called only there (a same-named one elsewhere is another).
  const calls = symbolSites(ctx, factory, exported ? ctx.repo.serviceFiles() : [h.path]).uses.filter((u) => new RegExp(`\\b${factory}\\s*\\(`).test(u.text));
  const n = calls.reduce((a, c) => a + (c.text.match(new RegExp(`\\b${factory}\\s*\\(`, 'g'))?.length ?? 0), 0);
  return { n, factory, calls };
}

const FENCE = /^\s*(```|~~~)/;
const SCRIPT = /\.(sh|bash|zsh|ps1)$|(^|\/)[^./]+$/;

/**
 * The numbered steps a document or script defines: a checklist's numbered headings (`### [ ] 12. Deploy`),
 * else its top-level numbered list; a script's numbered checks (`# Test 3:`, `echo "[3/7] ..."`).
 * Null when it numbers nothing.
 */
export function numberedSteps(ctx: CheckContext, file: string): Counted | null {
  const lines = ctx.repo.lines(file) ?? [];
  const seen = new Map<number, Hit>();
  const note = (n: number, i: number) => { if (!seen.has(n)) seen.set(n, { path: file, line: i + 1, text: lines[i] }); };
  if (SCRIPT.test(file)) {
    let total = 0;
    lines.forEach((t, i) => {
      const c = t.match(/^\s*#+\s*(?:test|check|step)\s*#?(\d+)\b/i);
      if (c) note(Number(c[1]), i);
      const f = t.match(/\[(\d+)\/(\d+)\]/);
      if (f) { note(Number(f[1]), i); total = Math.max(total, Number(f[2])); }
    });
    if (seen.size === 0) return null;
    const n = Math.max(seen.size, total);
    return { n, evidence: [figure(`numbered checks in ${file}`, n), ...[...seen.values()].slice(-1).map(fileEvidence)], how: `numbered checks in the script ${file}` };
  }
  const outside: Array<[string, number]> = [];
  let fenced = false;
  lines.forEach((t, i) => { if (FENCE.test(t)) fenced = !fenced; else if (!fenced) outside.push([t, i]); });
  for (const [t, i] of outside) {
    const h = t.match(/^#{1,6}\s+(?:\[[ xX]\]\s*)?(?:step\s+)?(\d+)[.):]\s/i);
    if (h) note(Number(h[1]), i);
  }
  let how = `numbered headings in ${file}`;
  if (seen.size === 0) {
    for (const [t, i] of outside) { const m = t.match(/^(\d+)[.)]\s+\S/); if (m) note(Number(m[1]), i); }
    how = `top-level numbered items in ${file}`;
  }
  if (seen.size === 0) return null;
  return { n: seen.size, evidence: [figure(how, seen.size), ...[...seen.values()].slice(-1).map(fileEvidence)], how };
}

const STEP_CLAIM = /(?<![\w.])(\d+)\s+(?:numbered\s+)?(steps?|checks?|tests?)\b/i;

/** "`DEPLOYMENT.md` (26 steps)", "smoke script: 7 checks": the count of what that file numbers. Null when the claim counts no steps. */
export function stepsClaim(ctx: CheckContext, file: string, text: string): Check | null {
  const m = text.match(STEP_CLAIM);
  if (!m) return null;
  if (/^tests?$/i.test(m[2]) && !SCRIPT.test(file)) return null;
  const c = numberedSteps(ctx, file);
  if (!c) return unverifiable(`${file} numbers no steps or checks to count`);
  const claimed = Number(m[1]);
  return c.n === claimed ? confirmed(`${c.n} ${m[2]} (${c.how})`, c.evidence)
    : contradicted(`the report says ${claimed} ${m[2]}; ${file} has ${c.n} (${c.how})`, c.evidence);
}
