// probes: the only code that runs the audited repository's code (its typecheck, tests, lint,
// dependency audit and build). Every child process starts through the one runner module.
import { existsSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProbeOverride, ProbesConfig } from '../config/schema.js';
import type { RepoLayout } from '../discover/index.js';
import type { Diagnosis, ProbeResult } from '../model/run.js';
import { diagnose, diagnosisFor } from './diagnose.js';
import { hasNodeModules, planInstall, planProbes, resolveBin, type PlannedProbe } from './plan.js';
import { createProgress, label } from './progress.js';
import { readProbe } from './read.js';
import { derivedReason, sharedTscRuns } from './one-tsc.js';
import { rejection } from './rejected.js';
import { quote, removeOnExit, run, type RunResult } from './runner.js';
import { confine, detectSandbox, hiddenInSandbox, inView, makeView, probeEnv, type Confinement } from './sandbox.js';
import type { ToolSpec } from './tools.js';

export { PROBE_KINDS } from './plan.js';

export interface ProbeOptions {
  exec: boolean;
  config: ProbesConfig | undefined;
  quiet: boolean;
  /** Clean install with the repo's package manager before the probes (`--install`). */
  install?: { ignoreScripts: boolean } | null;
  /** Where progress goes; stderr by default, nothing when quiet. */
  progress?: NodeJS.WriteStream | null;
  /** Called with each child's pid (tests check that nothing is left running). */
  onSpawn?: (pid: number) => void;
  /**
   * Where the repository's code runs: bubblewrap (`bin`), or unconfined where there is none and the
   * user asked for it; with neither, it does not run. Detected here when not given.
   */
  sandbox?: { bin: string | null; problem: string | null; unconfined: boolean; passEnv: string[] };
  /** The flags table (src/probes/tools.ts unless a test swaps in another). */
  tools?: ToolSpec[];
}

const EXCERPT = 3000;
const FRONTEND = ['vite', 'next', 'react-scripts', '@angular/core', 'vue', 'svelte', 'astro', 'webpack'];

function excerpt(r: RunResult): string {
  const text = [r.stdout.trim(), r.stderr.trim()].filter(Boolean).join('\n');
  return text.length > EXCERPT ? `…${text.slice(-EXCERPT)}` : text;
}

/** The command as shown in the report: tools by name, temp report files as <name> (stable across runs). */
function display(p: PlannedProbe, tmp: string, root: string): string {
  const file = p.file.startsWith(root) ? p.file.slice(p.file.lastIndexOf('/') + 1) : p.file;
  return quote([file, ...p.args.map((a) => a.split(tmp).join('<tmp>').replace(/<tmp>\/\d+-/, '<tmp>/'))]);
}

function skipped(p: PlannedProbe, command: string, reason: string, diagnosis: Diagnosis[] = []): ProbeResult {
  return {
    kind: p.kind, package: p.package, status: 'skipped', reason, command,
    cwd: p.pkgPath, exitCode: null, signal: null, durationMs: 0, timedOut: false, figures: {}, diagnosis, outputExcerpt: '',
  };
}

async function limit<T>(tasks: Array<() => Promise<T>>, n: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}

/**
 * The node_modules a package would use, when it resolves outside the repository into a folder the
 * sandbox shows empty (a link into /tmp or HOME): the probe could not find its tools there.
 */
function hiddenNodeModules(c: Confinement, pkgAbs: string, at: (abs: string) => string): string | null {
  if (!c.bin) return null;
  const top = at(c.root);
  const inside = [top, realpathSync(top), c.tmp].map((d) => `${d}/`);
  for (let dir = at(pkgAbs); dir.startsWith(top); dir = dirname(dir)) {
    const nm = join(dir, 'node_modules');
    if (existsSync(nm)) {
      const real = realpathSync(nm);
      return hiddenInSandbox(real) && !inside.some((d) => real.startsWith(d)) ? real : null;
    }
    if (dir === top) break;
  }
  return null;
}

export async function runProbes(layout: RepoLayout, opts: ProbeOptions): Promise<ProbeResult[]> {
  const config = opts.config ?? {};
  const manager = layout.packageManager ?? 'npm';
  const tmp = mkdtempSync(join(tmpdir(), 'verdict-probes-'));
  const scratch = removeOnExit(tmp);
  const sandbox = opts.sandbox ?? (opts.exec ? { ...await detectSandbox(), unconfined: false, passEnv: [] } : { bin: null, problem: null, unconfined: false, passEnv: [] });
  const c: Confinement = { bin: sandbox.bin, root: layout.root, view: sandbox.bin ? join(tmp, 'view') : layout.root, shared: [], tmp, home: join(tmp, 'home') };
  mkdirSync(c.home);
  let view: Promise<string | null> | null = null;
  // The install replaces node_modules, so it gets a whole copy; the other probes share the packages.
  const ensureView = (share: boolean) => (view ??= Promise.resolve(c.bin ? makeView(c, share) : null));
  const blocked = !opts.exec ? '--no-exec was given (verdict ran none of the repository\'s code)'
    : !sandbox.bin && !sandbox.unconfined ? `no sandbox to run the repository's code in (${sandbox.problem}); give --exec to run it unconfined` : null;
  const pmBin = resolveBin(manager, layout.root, layout.root) ?? manager;
  // After an install the dependencies are in the scratch copy, not in the repository.
  const at = (abs: string) => (view ? inView(c, abs) : abs);
  const ctx = { layout, config, tmp, pmBin, at, tools: opts.tools };
  const progress = createProgress(opts.quiet ? null : opts.progress === undefined ? process.stderr : opts.progress);
  const workspacePackages = layout.packages.filter((p) => p.path !== '.').map((p) => p.name);
  let seq = 0;
  /** Each finished run by the probe planned: a typecheck the build's tsc run serves reads it. */
  const runs = new Map<PlannedProbe, { r: RunResult; result: ProbeResult; started: number }>();
  const attempt = async (p: PlannedProbe) => {
    const started = Date.now();
    // The dependency audit and the install ask the registry; nothing else gets a network.
    const [file, args] = confine(c, p.file, p.args, p.cwd, p.kind === 'install' || p.kind === 'audit');
    const r = await run(file, args, {
      cwd: p.cwd, timeoutMs: p.timeoutMs, memoryMb: p.heapMb * 2 + 1024, onSpawn: opts.onSpawn,
      exactEnv: probeEnv(c, { heapMb: p.heapMb, set: p.env, pass: sandbox.passEnv }),
    });
    const pkg = layout.packages.find((x) => x.name === p.package);
    const deps = { ...pkg?.dependencies, ...pkg?.devDependencies };
    const read = r.spawnError ? { figures: {}, unusable: null, readable: false } : readProbe(p, r, { root: layout.root, started, frontend: FRONTEND.some((d) => d in deps), manager, files: (abs) => inView(c, abs) });
    return { r, read, started };
  };
  const execute = async (planned: PlannedProbe): Promise<ProbeResult> => {
    const id = ++seq;
    progress.start(id, label(planned.kind, planned.package));
    let p = planned;
    let { r, read, started } = await attempt(p);
    const refused = rejection(p, r, read.readable);
    let rejectedInvocation: ProbeResult['rejectedInvocation'];
    let unusable = read.unusable;
    if (refused) {
      rejectedInvocation = { command: display(p, tmp, layout.root), exitCode: r.exitCode, reason: refused };
      if (p.fallback) {
        p = p.fallback;
        ({ r, read, started } = await attempt(p));
        unusable = read.unusable ?? (r.exitCode !== 0 && !read.readable && !r.timedOut
          ? `${refused}; the repository's own command \`${display(p, tmp, layout.root)}\` then failed (exit code ${r.exitCode ?? r.signal}) without output verdict could read`
          : null);
      } else unusable = refused;
    }
    const output = `${r.stdout}\n${r.stderr}`;
    const failures = ((read.figures as { failures?: Array<{ error: string }> }).failures ?? []).map((f) => f.error)
      .concat(((read.figures as { failedFiles?: Array<{ error: string }> }).failedFiles ?? []).map((f) => f.error));
    const result: ProbeResult = {
      kind: p.kind, package: p.package,
      status: r.spawnError || unusable ? 'error' : 'ran',
      reason: r.spawnError ? `could not start \`${display(p, tmp, layout.root)}\`: ${r.spawnError}` : unusable,
      command: display(p, tmp, layout.root),
      cwd: p.pkgPath, exitCode: r.exitCode, signal: r.signal, durationMs: r.durationMs, timedOut: r.timedOut,
      figures: read.figures,
      diagnosis: r.exitCode === 0 && !r.timedOut ? [] : diagnose({
        kind: p.kind, output, timedOut: r.timedOut, timeoutMs: p.timeoutMs, heapMb: p.heapMb, workspacePackages, packageManager: manager,
        command: display(p, tmp, layout.root), failures,
      }),
      outputExcerpt: excerpt(r),
      ...(planned.tool ? { tool: planned.tool } : {}),
      ...(rejectedInvocation ? { rejectedInvocation } : {}),
    };
    progress.finish(id, result);
    runs.set(planned, { r, result, started });
    return result;
  };
  /** The typecheck `tc`, read from the output of the build run that served it. */
  const derive = (tc: PlannedProbe, from: PlannedProbe): ProbeResult => {
    const { r, result: build, started } = runs.get(from)!;
    const derivedFrom = { kind: build.kind, command: build.command, reason: derivedReason(build.command) };
    const base = { ...build, kind: tc.kind, figures: {}, diagnosis: [], derivedFrom };
    delete base.tool;
    if (build.status !== 'ran') return base;
    const read = readProbe({ ...tc, cwd: from.cwd, reader: 'tsc' }, r, { root: layout.root, started, frontend: false, manager, files: (abs) => inView(c, abs) });
    const diagnosis = r.exitCode === 0 && !r.timedOut ? [] : diagnose({
      kind: tc.kind, output: `${r.stdout}\n${r.stderr}`, timedOut: r.timedOut, timeoutMs: from.timeoutMs, heapMb: from.heapMb, workspacePackages, packageManager: manager,
      command: build.command, failures: [],
    });
    return { ...base, figures: read.figures, diagnosis };
  };

  try {
    const results: ProbeResult[] = [];
    const root = layout.packages.find((p) => p.path === '.' && p.manifestPath) ?? null;
    if (opts.install && opts.exec) {
      const inst = planInstall(ctx, root, opts.install.ignoreScripts);
      const problem = inst && !inst.skip && !blocked ? await ensureView(false) : null;
      const why = inst?.skip ?? blocked ?? problem;
      if (inst) results.push(why ? skipped(inst, display(inst, tmp, layout.root), why) : await execute(inst));
    }
    const plan = planProbes(ctx);
    const todo: PlannedProbe[] = [];
    const slots: Array<ProbeResult | PlannedProbe> = [];
    for (const p of plan) {
      const command = display(p, tmp, layout.root);
      const pkg = layout.packages.find((x) => x.name === p.package);
      const needsDeps = p.kind !== 'audit' && pkg && Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).length > 0;
      let r: ProbeResult | null = null;
      const hidden = needsDeps ? hiddenNodeModules(c, pkg.abs, at) : null;
      if (blocked) r = skipped(p, command, blocked);
      else if ((config[p.kind as keyof ProbesConfig] as ProbeOverride | undefined)?.off) r = skipped(p, command, `turned off in verdict.config.json (probes.${p.kind}.off)`);
      else if (needsDeps && !hasNodeModules(at(pkg.abs), at(layout.root))) {
        const d = diagnosisFor('node-modules-missing', { kind: p.kind, output: '', timedOut: false, timeoutMs: p.timeoutMs, heapMb: p.heapMb, workspacePackages, packageManager: manager, command, failures: [] });
        r = skipped(p, command, 'node_modules is missing: the dependencies are not installed', [d]);
      } else if (hidden) {
        r = skipped(p, command, `node_modules resolves to ${hidden}, which the sandbox shows empty (it hides /tmp, /run, /home and HOME): install the dependencies inside the repository (--install)`);
      } else if (p.skip) r = skipped(p, command, p.skip);
      if (r) slots.push(r);
      else { slots.push(p); todo.push(p); }
    }
    const problem = todo.length > 0 ? await ensureView(true) : null;
    const served = problem ? new Map<PlannedProbe, PlannedProbe>() : sharedTscRuns(todo, layout);
    const running = todo.filter((p) => !served.has(p));
    const ran = problem
      ? running.map((p) => skipped(p, display(p, tmp, layout.root), problem))
      : await limit(running.map((p) => () => execute(p)), config.concurrency ?? 2);
    for (const s of slots) {
      if ('kind' in s && 'status' in s) results.push(s);
      else {
        const from = served.get(s as PlannedProbe);
        results.push(from ? derive(s as PlannedProbe, from) : ran[running.indexOf(s as PlannedProbe)]);
      }
    }
    return results;
  } finally {
    progress.stop();
    // The scratch copy is removed in the background: removing it took 0.4 s here after the last probe
    // ended, on the audit's critical path, while nothing reads it any more. Until it is gone, the exit
    // hook removes it (the whole of it, synchronously) if the process ends first.
    void rm(tmp, { recursive: true, force: true }).then(() => scratch.release(), () => {});
  }
}
