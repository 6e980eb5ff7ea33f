// The migrations probe: lints Postgres sets with squawk, parses every statement, and applies each SQL
// set from scratch to an embedded engine. It runs only verdict's own tools on SQL text, never the
// repository's code, so it also runs under --no-exec. A repo without migrations pays nothing.
import { performance } from 'node:perf_hooks';
import type { MigrationAnalysis, MigrationSet, SqlStatement } from '../../model/migrations.js';
import type { ProbeResult } from '../../model/run.js';
import type { CacheSeal } from '../../util/cache-seal.js';
import { applySet, extensionsOf, missingExtensions } from './apply.js';
import { MigrationCache, migrationKey } from './cache.js';
import { MigrationEngines, type EngineCosts } from './engines.js';
import { EngineTimeout } from './pg-worker.js';
import { runSquawk } from './squawk.js';
import { fileStatements, parsePostgres, type FileStatements } from './statements.js';

export { MigrationEngines } from './engines.js';

export interface MigrationProbeOptions {
  root: string;
  /** Lint with squawk / apply to the engines (skipped when no enabled rule reads them). */
  squawk: boolean;
  apply: boolean;
  /** Reuse engines across audits (tests); the probe closes engines it created itself. */
  engines?: MigrationEngines;
  /** Where the last run's result is kept, and the build salt; null: the probe always runs. */
  cache?: { dir: string; salt: string; seal: CacheSeal } | null;
  /** PGlite starts once this settles (the audit holds it while parsing may keep every core busy). */
  engineStartAfter?: Promise<void>;
}

export interface MigrationProbeRun {
  probes: ProbeResult[];
  analysis: MigrationAnalysis;
  costs: EngineCosts;
  /** A problem with the migrations cache (the probe then ran). */
  cacheWarning?: string | null;
}

const APPLIES = new Set(['postgresql', 'sqlite', 'd1']);

export async function runMigrationProbes(sets: MigrationSet[], opts: MigrationProbeOptions): Promise<MigrationProbeRun> {
  const analysis: MigrationAnalysis = { sets, statements: {}, parseFailures: [] };
  const probes: ProbeResult[] = [];
  const sqlSets = sets.filter((s) => s.format === 'sql');
  if (sqlSets.length === 0) return { probes, analysis, costs: {} };
  const cache = opts.cache ? new MigrationCache(opts.cache.dir, opts.cache.seal) : null;
  const key = opts.cache ? migrationKey(opts.root, sqlSets, { squawk: opts.squawk, apply: opts.apply }, opts.cache.salt) : null;
  const hit = cache && key ? cache.get(key) : undefined;
  if (hit) {
    return {
      probes: hit.probes.map((p) => ({ ...p, cached: true })),
      analysis: { sets, statements: hit.statements, parseFailures: hit.parseFailures },
      costs: {},
    };
  }
  const perSet = new Map<MigrationSet, Map<string, FileStatements>>();
  for (const set of sqlSets) {
    const files = new Map<string, FileStatements>();
    for (const path of set.files) {
      const fs = fileStatements(opts.root, set, path);
      files.set(path, fs);
      analysis.statements[path] = [...fs.up, ...fs.down.filter((s) => s.path === path)];
      if (fs.down.length > 0 && fs.down[0].path !== path) analysis.statements[fs.down[0].path] = fs.down;
    }
    perSet.set(set, files);
  }
  const engines = opts.engines ?? new MigrationEngines();
  engines.beginRun(opts.engineStartAfter);
  try {
    // Starting PGlite is the longest step: begun now, it overlaps parsing the statements and squawk.
    if (opts.apply) {
      const ups = sqlSets.filter((s) => s.dialect === 'postgresql').map((s) => [...perSet.get(s)!.values()].flatMap((f) => f.up))
        .filter((up) => missingExtensions(up).length === 0);
      if (ups.length > 0) engines.prestart([...new Set(ups.flatMap(extensionsOf))]);
    }
    for (const set of sqlSets) {
      if (set.dialect === 'postgresql') analysis.parseFailures.push(...await parsePostgres([...perSet.get(set)!.values()].flatMap((f) => [...f.up, ...f.down])));
    }
    if (opts.squawk) {
      await Promise.all(sqlSets.filter((s) => s.dialect === 'postgresql').map(async (set) => {
        const downLines = new Map(set.migrations.filter((m) => m.downLine).map((m) => [m.path, m.downLine!]));
        probes.push(await runSquawk(opts.root, set, downLines));
      }));
    }
    if (opts.apply) for (const set of sqlSets) probes.push(await applyProbe(engines, set, perSet.get(set)!));
  } finally {
    if (!opts.engines) await engines.close();
  }
  probes.sort((a, b) => a.kind.localeCompare(b.kind) || String(a.figures.set).localeCompare(String(b.figures.set)));
  // An engine that failed or was stopped may not fail next time: such a run is not kept.
  if (cache && key && !probes.some((p) => p.status === 'error' || p.timedOut)) {
    cache.set(key, { probes, statements: analysis.statements, parseFailures: analysis.parseFailures });
  }
  return { probes, analysis, costs: { ...engines.costs }, cacheWarning: cache?.warning ?? null };
}

async function applyProbe(engines: MigrationEngines, set: MigrationSet, files: Map<string, FileStatements>): Promise<ProbeResult> {
  const engineName = set.dialect === 'postgresql' ? 'pglite' : 'sqlite';
  const base: ProbeResult = {
    kind: 'migrations-apply', package: set.package, status: 'ran', reason: null,
    command: `${engineName}: apply ${set.path} (${set.files.length} file(s), ${set.runner})`, cwd: '.', exitCode: null, signal: null,
    durationMs: 0, timedOut: false, figures: { set: set.path, dialect: set.dialect, runner: set.runner }, diagnosis: [], outputExcerpt: '',
  };
  if (!APPLIES.has(set.dialect)) return { ...base, status: 'skipped', reason: `no embedded engine for the ${set.dialect} dialect` };
  const scripts = new Map<string, string>();
  for (const [path, f] of files) scripts.set(path, f.up.map((s: SqlStatement) => s.text).join(';\n'));
  const t = performance.now();
  try {
    const o = await applySet(engines, set, files, scripts);
    return {
      ...base, status: o.status === 'unknown' ? 'skipped' : 'ran', reason: o.unknownReason,
      exitCode: o.status === 'failed' ? 1 : o.status === 'applied' ? 0 : null, durationMs: Math.round(performance.now() - t),
      figures: { ...base.figures, ...o }, outputExcerpt: o.failure ? `${o.failure.path}:${o.failure.line}: ${o.failure.message}` : '',
    };
  } catch (err) {
    const timedOut = err instanceof EngineTimeout;
    return { ...base, status: 'error', timedOut, reason: `the ${engineName} engine ${timedOut ? 'was stopped' : 'failed'}: ${(err as Error).message}`, durationMs: Math.round(performance.now() - t) };
  }
}

/** Rules that read squawk's results / the applied sets: the probe does only the work enabled rules need. */
export function migrationProbeNeeds(ruleIds: string[]): { squawk: boolean; apply: boolean } {
  return {
    squawk: ruleIds.some((id) => id.startsWith('migrations/squawk-') || id === 'migrations/locking-table-in-use'),
    apply: ruleIds.some((id) => ['migrations/apply-from-scratch', 'migrations/down-restores-schema', 'migrations/schema-drift', 'database/raw-sql-schema-mismatch'].includes(id)),
  };
}
