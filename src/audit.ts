// The pipeline end to end: discover -> collect (+ probes alongside) -> rules -> evaluate -> model.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
// Only what the probes need before they start is imported here: discover, the config, the sandbox and
// the probes themselves. The analysis (collectors, rules, link, evaluation, the SQL engines; ~0.4 s of
// module loading, more on a loaded machine) is imported once the probes run, so they do not wait for it.
import { defaultCacheDir } from './collect/cache.js';
import { configChanges } from './config/disclose.js';
import { CONFIG_FILE, loadConfig, probeGrants } from './config/load.js';
import { discover, isSourcePath, packageOf } from './discover/index.js';
import { CATEGORIES, SCHEMA_VERSION } from './model/constants.js';
import type { AuditRun, ProbeResult } from './model/run.js';
import { runProbes } from './probes/index.js';
import { detectSandbox } from './probes/sandbox.js';
import type { MigrationEngines } from './probes/migrations/index.js';
import { git, trackedButIgnored } from './probes/git.js';
import type { Rule } from './rules/index.js';
import type { Link } from './link/index.js';
import { CacheSeal, cacheRoot } from './util/cache-seal.js';
import { UsageError } from './util/errors.js';
import { toPosix } from './util/text.js';
import { BINARY_KIND } from './util/binary-kinds.js';
import { Redactor } from './util/redact.js';
import { BUILD_ID, VERSION } from './version.js';

/** The analysis modules, loaded while the probes run (see above). */
async function analysis() {
  const [collectMod, collectorsMod, secretFacts, suppressions, evaluateMod, migrationsMod, secretsMod, rulesMod, engine, ruleCache, history, linkCache] = await Promise.all([
    import('./collect/index.js'), import('./collect/collectors/index.js'), import('./collect/facts/secret-candidates.js'),
    import('./collect/facts/suppressions.js'), import('./evaluate/index.js'), import('./probes/migrations/index.js'),
    import('./probes/secrets.js'), import('./rules/index.js'), import('./rules/engine.js'), import('./collect/rule-cache.js'),
    import('./migration-history.js'), import('./collect/link-cache.js'),
  ]);
  return {
    BIND_TIMING: collectMod.BIND_TIMING, collect: collectMod.collect, collectors: collectorsMod.collectors,
    secretCandidateFacts: secretFacts.secretCandidateFacts, suppressionFacts: suppressions.suppressionFacts,
    evaluate: evaluateMod.evaluate, migrationProbeNeeds: migrationsMod.migrationProbeNeeds, runMigrationProbes: migrationsMod.runMigrationProbes,
    scanSecrets: secretsMod.scanSecrets, allRules: rulesMod.allRules, linkOf: engine.linkOf, runRules: engine.runRules,
    RuleResultCache: ruleCache.RuleResultCache, resultKey: ruleCache.resultKey, migrationStates: history.migrationStates, LinkCache: linkCache.LinkCache,
    UnreachedCache: linkCache.UnreachedCache, unreachedInputs: engine.unreachedInputs,
  };
}

export interface AuditOptions {
  root: string;
  /** Run the repository's code (its probes): in the sandbox, or unconfined only with `unsandboxed`. */
  exec: boolean;
  /** Where no sandbox is available, run the repository's code anyway (`--exec`); the caches stay off. */
  unsandboxed?: boolean;
  /** Lines that must reach the user before the run, whatever the terminal (no sandbox, unconfined). */
  notice?: (line: string) => void;
  only?: string[];
  skip?: string[];
  config?: string;
  cache?: boolean;
  cacheDir?: string;
  /** Called with each probe process's pid (tests count the runs). */
  onSpawn?: (pid: number) => void;
  timing?: boolean;
  quiet?: boolean;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
  /** Fixed date (YYYY-MM-DD) for exemption expiry; today by default. */
  today?: string;
  rules?: Rule[];
  /** `--install`: clean install with the repo's package manager before the probes. */
  install?: { ignoreScripts: boolean } | null;
  /** Given probe results instead of running the probes (rule tests, replaying a run). */
  probeResults?: ProbeResult[];
  /** Embedded SQL engines to reuse across audits (tests); by default the audit starts and closes its own. */
  engines?: MigrationEngines;
  /** Threads for the collect stage, this one included; 1 keeps it on this thread. Default: one per core, at most 4. */
  threads?: number;
  /** Uncached source bytes below which no worker thread is started (tests lower it). */
  poolMinBytes?: number;
  /**
   * The redaction of everything the caller prints: every secret the run finds is registered in it,
   * and the run is redacted with all it holds (verify adds the report's own secrets first).
   */
  redactor?: Redactor;
  /** Given the link stage of this run (built on first call, shared with the rules): verify resolves claims in it. */
  onLink?: (link: () => Link) => void;
}

/**
 * Below this much uncached source a worker thread does not pay off. Measured here (2 cores; V8's own
 * GC threads already use part of the second one): eslint's sources (3 MB) and outline (17 MB read)
 * ran 0.2 s slower with a worker, the 50 MB bench corpus 2 s faster (14.5 -> 12.4 s).
 */
const POOL_MIN_BYTES = 20 * 1024 * 1024;
type CpuTimes = Array<{ times: { user: number; nice: number; sys: number; idle: number; irq: number } }>;
/** The machine's CPU counters and this process's own CPU time (ms), read at one moment. */
export interface CpuSample { cpus: CpuTimes; ownMs: number }

const sampleCpu = (): CpuSample => {
  const own = process.cpuUsage();
  return { cpus: cpus(), ownMs: (own.user + own.system) / 1000 };
};

/** CPU counters when this module loaded: in the CLI, a window of ~0.3 s before any audit starts. */
const CPU_AT_LOAD = sampleCpu();

/**
 * One thread per core that other processes leave free, at most 4: a worker on a core that others
 * keep busy only adds its start-up and copying (measured here: slower than one thread under a load
 * of 5 on 2 cores). Over a window (since the audit started, or since verdict loaded when that is
 * under 0.1 s), the busy time of all cores minus this process's own CPU time (its GC threads
 * included) is what other processes used. The earlier form counted idle time only, so this
 * process's own GC threads made the second core look taken: on an idle 2-core machine it chose one
 * thread in 4 runs of 5. The load average is not used: it still counts processes that ended a
 * minute ago. With no usable window, every core counts as free.
 */
export function autoThreads(windows: CpuSample[], now: CpuSample): number {
  const cores = now.cpus.length || 1;
  const limit = Math.max(1, Math.min(4, cores));
  for (const before of windows) {
    let busy = 0;
    let span = 0;
    for (let i = 0; i < Math.min(before.cpus.length, now.cpus.length); i++) {
      const a = before.cpus[i].times;
      const b = now.cpus[i].times;
      const used = (b.user - a.user) + (b.nice - a.nice) + (b.sys - a.sys) + (b.irq - a.irq);
      const total = used + (b.idle - a.idle);
      if (total <= 0) continue;
      busy += used;
      span = Math.max(span, total);
    }
    if (span < 100) continue;
    const others = Math.max(0, busy - (now.ownMs - before.ownMs)) / span;
    return Math.max(1, Math.min(limit, Math.round(cores - others)));
  }
  return limit;
}

const WORKER_SCRIPT = new URL(import.meta.url.endsWith('.ts') ? '../dist/collect-worker.js' : './collect-worker.js', import.meta.url);

const DOCUMENT = /\.(md|mdx|markdown|sql|ya?ml|toml|jsonc?|prisma|sh|txt)$|(^|\/)(\.gitignore|\.dockerignore|[\w.-]+\.dockerignore|\.env[\w.-]*|Dockerfile[\w.-]*|[\w.-]+\.Dockerfile|Procfile|\.nvmrc|\.node-version|yarn\.lock|\.tool-versions|CODEOWNERS|LICENSE|LICENCE|README(\.\w+)?)$/i;

function checkCategories(list: string[] | undefined, flag: string): string[] {
  const out = (list ?? []).map((c) => c.trim()).filter(Boolean);
  for (const c of out) {
    if (!(CATEGORIES as readonly string[]).includes(c)) {
      throw new UsageError(`${flag}: unknown category "${c}"; expected some of ${CATEGORIES.join(', ')}`);
    }
  }
  return out;
}

export function selectRules(rules: Rule[], only: string[], skip: string[], settings: Record<string, string>): Rule[] {
  return rules.filter((r) => (only.length === 0 || only.includes(r.meta.category)) && !skip.includes(r.meta.category) && settings[r.id] !== 'off');
}

async function gitInfo(root: string): Promise<{ gitRoot: string | null; commit: string | null; dirty: boolean | null }> {
  const top = await git(root, ['rev-parse', '--show-toplevel'], 10_000);
  if (top.exitCode !== 0) return { gitRoot: null, commit: null, dirty: null };
  const head = await git(root, ['rev-parse', 'HEAD'], 10_000);
  const status = await git(root, ['status', '--porcelain', '--', '.'], 30_000);
  return {
    gitRoot: top.stdout.trim(),
    commit: head.exitCode === 0 ? head.stdout.trim() : null,
    dirty: status.exitCode === 0 ? status.stdout.trim().length > 0 : null,
  };
}

/**
 * A cache folder inside the audited repository is refused: the repository would supply the cache's
 * key and its sealed facts (a committed `.cache/verdict` could say "no secrets here"), and the code
 * the probes run could rewrite them. Compared by real paths, so a link into the tree is caught too.
 */
function refuseCacheInside(root: string, cacheDir: string): void {
  const real = (p: string): string => {
    // The cache folder may not exist yet: the real path of its nearest existing ancestor, then the rest.
    let at = resolve(p);
    const rest: string[] = [];
    while (!existsSync(at) && dirname(at) !== at) {
      rest.unshift(basename(at));
      at = dirname(at);
    }
    return join(realpathSync(at), ...rest);
  };
  const within = relative(real(root), real(cacheDir));
  if (within === '' || (!within.startsWith('..') && !isAbsolute(within))) {
    throw new UsageError(`--cache-dir ${cacheDir}: inside the audited repository (${root}); the repository could supply or rewrite the cache. Give a folder outside it, or leave --cache-dir out to use the user cache folder`);
  }
}

export async function audit(opts: AuditOptions): Promise<AuditRun> {
  const root = resolve(opts.root);
  if (!existsSync(root)) throw new UsageError(`audit: ${opts.root}: no such folder`);
  if (!statSync(root).isDirectory()) throw new UsageError(`audit: ${opts.root}: not a folder (give the repository's root folder)`);
  if (opts.cacheDir && opts.cache !== false) refuseCacheInside(root, opts.cacheDir);
  const only = checkCategories(opts.only, '--only');
  const skip = checkCategories(opts.skip, '--skip');
  const startedAt = new Date();
  const cpuAtStart = sampleCpu();
  const t0 = performance.now();
  const stages: Record<string, number> = {};
  const stage = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    try { return await fn(); } finally { stages[name] = Math.round((performance.now() - t) * 10) / 10; }
  };
  const log = opts.quiet ? () => {} : (opts.log ?? (() => {}));

  const loaded = await loadConfig(root, opts.config);
  const { config, path: configPath, origin: configOrigin, repositoryConfigIgnored } = loaded;
  const grants = probeGrants(loaded, root);
  const sandbox = opts.exec && !opts.probeResults ? await detectSandbox() : null;
  const unconfined = sandbox !== null && !sandbox.bin && (opts.unsandboxed === true || grants.allowUnsandboxed);
  if (sandbox && !sandbox.bin) {
    opts.notice?.(unconfined
      ? `no sandbox (${sandbox.problem}): running the repository's code UNCONFINED because it was asked for (${opts.unsandboxed ? '--exec' : 'probes.allowUnsandboxed'}); the caches are off for this run`
      : `no sandbox (${sandbox.problem}): the repository's code will not run; give --exec to run it unconfined`);
  }
  const layout = await stage('discover', async () => discover(root, config.ignore ?? [], config.roles ?? {}, await trackedButIgnored(root)));
  if (layout.packages.length === 0 && layout.migrations.length === 0 && layout.unread.length === 0 && !layout.files.some((f) => isSourcePath(f.path))) {
    // Scoring an empty tree would say 100/100 about nothing.
    throw new UsageError(`audit: ${opts.root}: nothing to audit: no package.json, no JavaScript/TypeScript source file and no migrations among the ${layout.files.length} file(s) found; give the root folder of the service's repository`);
  }
  const cacheDir = opts.cacheDir ? resolve(opts.cacheDir) : defaultCacheDir(root);
  // The key that seals the caches lives in the cache root (the --cache-dir folder itself when given).
  let seal: CacheSeal | null = null;
  let sealProblem: string | null = null;
  // Code that ran unconfined could have rewritten the caches: such a run neither reads nor writes them.
  if (opts.cache !== false && !unconfined) {
    try {
      seal = CacheSeal.open(opts.cacheDir ? cacheDir : cacheRoot());
    } catch (err) {
      sealProblem = `caches off: no private key to seal them (${(err as Error).message})`;
    }
  }
  const cacheOn = seal !== null;
  log(`discovered ${layout.files.length} files in ${layout.packages.length} package(s)`);

  // PGlite's start (about a second of CPU) waits for collect when collect may keep every core busy
  // (enough source for worker threads); otherwise it runs beside collect, on a core collect leaves idle.
  let openEngineGate = (): void => {};
  const engineGate = new Promise<void>((r) => { openEngineGate = r; });
  const probesPromise = opts.probeResults ? Promise.resolve(opts.probeResults) : stage('probes', () => runProbes(layout, {
    exec: opts.exec, config: config.probes, quiet: opts.quiet ?? false, install: opts.install ?? null, onSpawn: opts.onSpawn,
    sandbox: sandbox ? { bin: sandbox.bin, problem: sandbox.problem, unconfined, passEnv: grants.passEnv } : undefined,
  }));
  // A failure of the probes is the run's failure, but only once awaited: until then it must not end the process.
  probesPromise.catch(() => {});
  const {
    BIND_TIMING, collect, collectors, secretCandidateFacts, suppressionFacts, evaluate, migrationProbeNeeds, runMigrationProbes,
    scanSecrets, allRules, linkOf, runRules, RuleResultCache, resultKey, migrationStates, LinkCache, UnreachedCache, unreachedInputs,
  } = await analysis();
  const rules = selectRules(opts.rules ?? allRules, only, skip, (config.rules ?? {}) as Record<string, string>);
  const migrationsPromise = stage('migrations', () => runMigrationProbes(layout.migrations, {
    root, engines: opts.engines, ...migrationProbeNeeds(rules.map((r) => r.id)),
    cache: seal ? { dir: cacheDir, salt: `${VERSION}|${BUILD_ID}`, seal } : null, engineStartAfter: engineGate,
  }));
  const gitPromise = gitInfo(root);
  const migrationStatesPromise = migrationStates(root, layout.files.map((f) => f.path).filter((p) => layout.roles.of(p) === 'migration'));
  // One turn of the event loop before collect holds the thread: a stage started alongside that has
  // nothing to do (no migrations, --no-exec) settles now, so its timing says so instead of
  // lasting until collect's first yield (0.4-0.7 s of cache loading and hashing on a large repo).
  await new Promise<void>((r) => setImmediate(r));
  const sourceRules = rules.filter((r) => r.kind === 'source');
  // The secrets scan runs even when no rule reads it (--only testing, the rule turned off): the
  // redaction must know every secret value of the repository, whatever the rules report.
  const activeCollectors = collectors;
  // Facts carry the role of their file: roles the tree or the config decides are part of the salt.
  const roleSalt = createHash('sha1').update(layout.roles.signature()).digest('hex').slice(0, 12);
  const salt = `${VERSION}|${BUILD_ID}|${roleSalt}|${[...activeCollectors.map((c) => c.id), ...sourceRules.map((r) => r.id)].sort().join(',')}`;
  const hosts = [...activeCollectors, ...sourceRules];
  const threads = opts.threads ?? autoThreads([cpuAtStart, CPU_AT_LOAD], sampleCpu());
  const poolMinBytes = opts.poolMinBytes ?? POOL_MIN_BYTES;
  const pooled = opts.rules === undefined && threads > 1
    && layout.files.reduce((n, f) => n + (isSourcePath(f.path) ? f.size : 0), 0) >= poolMinBytes;
  if (!pooled) openEngineGate();
  const collected = await stage('collect', () => collect({
    layout,
    hosts,
    cache: seal ? { dir: cacheDir, salt, seal } : null,
    keepDocument: (p) => DOCUMENT.test(p),
    timing: opts.timing ?? false,
    // Workers rebuild the hosts from the registry by id, so rules handed in by a caller stay on this thread.
    pool: opts.rules === undefined && threads > 1
      ? { script: WORKER_SCRIPT, hostIds: hosts.map((h) => h.id), threads, minBytes: poolMinBytes }
      : null,
  })).finally(openEngineGate);
  log(`read ${collected.stats.files} files, parsed ${collected.stats.parsed}, ${collected.stats.cached} from cache${collected.threads > 1 ? ` (${collected.threads} threads)` : ''}`);
  // Always: the redactor must know every secret of the repository, whichever rules run.
  const secretScan = await stage('secrets', () => scanSecrets(layout, secretCandidateFacts.of(collected.facts), (p) => layout.roles.of(p)));
  const migrationRun = await migrationsPromise;
  const probes = [...await probesPromise, ...migrationRun.probes];
  const inventory: Record<string, unknown> = {
    packageManager: layout.packageManager,
    lockfiles: layout.lockfiles,
    workers: layout.wrangler,
    tsconfigs: layout.tsconfigs,
    workflowFiles: layout.workflows,
    docs: layout.docs,
    migrationDirs: layout.migrationDirs,
    migrations: layout.migrations,
  };
  const secrets: string[] = [];
  // Rules given by a caller (tests) may change under the same build id: their results are not cached.
  const resultCache = seal && opts.rules === undefined ? new RuleResultCache(cacheDir, salt, seal) : null;
  // Before the rules: a rule may judge a migration by whether it is pending (and the rule cache keys on the states).
  const states = await migrationStatesPromise;
  if (states) layout.roles.setMigrationStates(states.states, states.basis);
  // Built when a rule (or verify, through onLink) first reads it, never when the rule cache answers every
  // rule that would; timed as its own stage.
  let builtLink: Link | null = null;
  // What the last build of the link left: after an edit, only what depends on the edited files is linked again.
  const linkCache = seal ? new LinkCache(cacheDir, salt, seal) : null;
  const link = () => {
    if (builtLink) return builtLink;
    const t = performance.now();
    try { return (builtLink = linkOf(layout, collected, config, linkCache ? linkCache.previous() : undefined)); } finally { stages.link = Math.round((performance.now() - t) * 10) / 10; }
  };
  opts.onLink?.(link);
  const ruleRun = await stage('rules', () => runRules({
    rules, layout, collected, probes, config, exec: opts.exec, inventory, secrets, migrations: migrationRun.analysis, secretScan,
    link, today: startedAt.toISOString().slice(0, 10),
    resultCache: resultCache ? { cache: resultCache, salt } : null,
  }));
  // The link and its route table were built inside the rules stage: book them under link alone.
  if (builtLink !== null) {
    const linkMs = (stages.link ?? 0) + (builtLink as Link).stats.routesMs;
    stages.link = Math.round(linkMs * 10) / 10;
    stages.rules = Math.round(((stages.rules ?? 0) - linkMs) * 10) / 10;
  }
  collected.saveRepairs();
  // Release code no production entry loads, where what loads is fully known (link/unreached.ts): its
  // findings are weighed as outside release code. Decided on every run, so a run the rule cache
  // answers reports the same roles: taken from the last run when what they are decided from (the
  // link's inputs and the documents they read) is unchanged, else from the link (built for them
  // when no rule read it).
  const unreachedCache = seal ? new UnreachedCache(cacheDir, salt, seal) : null;
  const unreachedKey = unreachedCache ? resultKey('(unreached)', salt, unreachedInputs(collected.documents), ruleRun.digest) : null;
  const storedUnreached = unreachedKey !== null ? unreachedCache!.get(unreachedKey) : null;
  const unreached = storedUnreached ?? link().unreached({ role: (p) => layout.roles.of(p), documents: collected.documents });
  layout.roles.setUnreached(unreached.files, unreached.packages);
  if (builtLink !== null && linkCache) {
    // After the rules: their look-ups add resolutions worth keeping. It holds names and paths the facts cache holds already.
    const memory = (builtLink as Link).memory();
    if (memory) linkCache.save(memory);
  }
  // Every secret value of the run is known now: the report is redacted with them, and the rule cache keeps no result they would mask.
  const redactor = opts.redactor ?? new Redactor();
  for (const s of secrets) redactor.add(s);
  for (const h of secretScan.hits) for (const v of [h.value, ...h.related]) redactor.add(v);
  resultCache?.save((v) => redactor.deep(v), redactor.values());
  // Like a rule's result, roles that hold a value the redaction masks are not written to disk.
  if (unreachedKey !== null && storedUnreached === null) {
    const stored = { files: [...unreached.files], packages: unreached.packages };
    if (redactor.deep(stored) === stored) unreachedCache!.save(unreachedKey, unreached);
  }
  if (ruleRun.fromCache > 0) log(`${ruleRun.fromCache} repository rule(s) answered from the rule cache (their inputs were unchanged)`);
  const configLabel = configPath ? CONFIG_FILE : 'config';
  const packages = layout.packages.map((p) => ({
    name: p.name, path: p.path, kind: p.kind, private: p.private, scripts: p.scripts, frameworks: p.frameworks,
    orms: p.orms, testRunners: p.testRunners, loggers: p.loggers, runtimes: p.runtimes, sourceFiles: p.sourceFiles,
  }));
  const unread = [...layout.unread, ...collected.unread]
    .map((u) => ({ ...u, package: packageOf(u.path, layout.packages), role: layout.roles.of(u.path), release: layout.roles.isRelease(u.path) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  inventory.roles = layout.roles.inventory([...layout.files, ...layout.large].map((f) => f.path));
  const evaluation = await stage('evaluate', () => evaluate({
    rules, findings: ruleRun.findings, outcomes: ruleRun.outcomes, unread, executed: opts.exec || Boolean(opts.probeResults),
    scope: { role: (p) => layout.roles.of(p), release: (p) => layout.roles.isRelease(p) },
    suppressionFacts: suppressionFacts.of(collected.facts), config, configPath: configLabel,
    packages, today: opts.today ?? new Date().toISOString().slice(0, 10),
  }));
  const git = await gitPromise;
  const diagnostics = [
    ...layout.diagnostics, ...collected.diagnostics, ...evaluation.diagnostics,
    ...grants.refused.map((key) => ({ path: configPath ? relative(root, configPath) : 'config', problem: `${key} is ignored: the repository's own config cannot widen what its code may do`, action: 'set it in a config file outside the repository and pass it with --config' })),
    // An image or archive is read at no size (util/binary-kinds): its size skipped nothing.
    ...layout.large.filter((f) => !isSourcePath(f.path) && !BINARY_KIND.test(f.path)).map((f) => ({ path: f.path, problem: `skipped: ${f.size} bytes is over the 1 MB limit`, action: 'nothing to do unless it is hand-written source' })),
    ...layout.unread.filter((u) => !u.reason.startsWith('a symlink')).map((u) => ({ path: u.path, problem: `source file not read: ${u.reason}`, action: 'split or shrink the file; until then its package\'s static checks are incomplete' })),
    ...(sealProblem ? [{ path: opts.cacheDir ?? 'cache', problem: sealProblem, action: 'nothing is lost: every file was read and parsed; make the cache folder writable, or use --cache-dir or --no-cache' }] : []),
    ...(collected.cacheWarning ? [{ path: opts.cacheDir ?? 'cache', problem: collected.cacheWarning, action: 'nothing is lost: what the cache could not answer was read and parsed again' }] : []),
    ...(migrationRun.cacheWarning ? [{ path: opts.cacheDir ?? 'cache', problem: migrationRun.cacheWarning, action: 'nothing is lost: the migrations probe ran' }] : []),
    ...(resultCache?.warning ? [{ path: opts.cacheDir ?? 'cache', problem: resultCache.warning, action: 'nothing is lost: the rules the cache could not answer ran' }] : []),
    ...(linkCache?.warning ? [{ path: opts.cacheDir ?? 'cache', problem: linkCache.warning, action: 'nothing is lost: the link was built from every file' }] : []),
    ...(unreachedCache?.warning ? [{ path: opts.cacheDir ?? 'cache', problem: unreachedCache.warning, action: 'nothing is lost: the unreached roles were decided from the link' }] : []),
  ].sort((a, b) => a.path.localeCompare(b.path) || a.problem.localeCompare(b.problem));
  const ruleTimings: Record<string, number> = {};
  const collectorTimings: Record<string, number> = {};
  if (opts.timing) {
    for (const [k, v] of Object.entries(ruleRun.timings)) ruleTimings[k] = Math.round(v * 10) / 10;
    for (const c of activeCollectors) collectorTimings[c.id] = Math.round((collected.hostTimings[c.id] ?? 0) * 10) / 10;
    // Binding scopes happens inside the host that first asks, so it is in that host's time too.
    const bind = collected.hostTimings[BIND_TIMING];
    if (bind !== undefined) collectorTimings[BIND_TIMING] = Math.round(bind * 10) / 10;
  }
  const endedAt = new Date();
  const model: AuditRun = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'verdict', version: VERSION },
    repo: { root, ...git },
    options: {
      exec: opts.exec, only, skip, config: configPath, cache: cacheOn,
      sandbox: { tool: sandbox?.tool ?? null, problem: sandbox?.problem ?? null, unconfined },
    },
    configuration: {
      origin: configOrigin,
      path: configPath && configOrigin === 'repository' ? toPosix(relative(root, configPath)) || CONFIG_FILE : configPath,
      repositoryConfigIgnored,
      changes: configChanges(config),
    },
    packages,
    inventory,
    stats: {
      files: collected.stats.files, sourceFiles: collected.stats.sourceFiles, parsed: collected.stats.parsed,
      cached: collected.stats.cached, rulesCached: ruleRun.fromCache, bytes: collected.stats.bytes,
      skipped: { large: layout.large.length, binary: collected.stats.binary, symlinks: layout.symlinks, unreadable: layout.unreadable + collected.stats.unreadable, listed: collected.stats.listed },
    },
    probes,
    outcomes: evaluation.outcomes,
    findings: evaluation.findings,
    scores: evaluation.scores,
    gate: evaluation.gate,
    unknowns: evaluation.unknowns,
    diagnostics,
    timings: {
      startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), totalMs: Math.round(performance.now() - t0),
      stages, rules: ruleTimings, collectors: collectorTimings, threads: collected.threads, ...(resultCache ? { rulesRan: ruleRun.ran } : {}), ...(Object.keys(migrationRun.costs).length > 0 ? { engines: migrationRun.costs } : {}),
    },
  };
  return redactor.deep(model);
}
