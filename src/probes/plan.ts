// Which probes run where: per package (the root, and workspace packages where the root does not
// cover a kind with its own script), through the repo's package manager and its own tools.
import { existsSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import type { ProbeOverride, ProbesConfig } from '../config/schema.js';
import type { DiscoveredPackage, RepoLayout } from '../discover/index.js';
import { installedVersion } from './installed.js';
import { flagsFor, toolSpec, TOOLS, type ToolFlags, type ToolName, type ToolSpec } from './tools.js';

export const PROBE_KINDS = ['typecheck', 'tests', 'lint', 'build', 'audit'] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number] | 'install';

export type Reader = 'tsc' | 'vitest-json' | 'jest-json' | 'mocha-json' | 'test-text' | 'eslint-json' | 'biome-json' | 'lint-text' | 'audit' | 'build' | 'none';

export interface PlannedProbe {
  kind: ProbeKind;
  package: string | null;
  /** Package folder relative to the root ("." for the root). */
  pkgPath: string;
  cwd: string;
  file: string;
  args: string[];
  reader: Reader;
  /** Where the machine-readable reporter writes (a temp file), when it writes to a file. */
  reportFile: string | null;
  timeoutMs: number;
  heapMb: number;
  /** Set when the probe is planned but must not run: the reason its checks are UNKNOWN. */
  skip: string | null;
  env?: Record<string, string>;
  /** The tool this probe calls and its installed version (null: unreadable), when the plan depends on it. */
  tool?: { name: ToolName; version: string | null; flags: string | null };
  /** The flags verdict added to the repository's own call (matched against a tool's "unknown option"). */
  added?: string[];
  /** The repository's own command, run instead when the tool rejects verdict's invocation. */
  fallback?: PlannedProbe | null;
}

export const DEFAULT_TIMEOUT_S: Record<ProbeKind, number> = { install: 600, typecheck: 300, tests: 600, lint: 300, audit: 60, build: 600 };
export const DEFAULT_HEAP_MB = 4096;

const TYPECHECK_SCRIPTS = ['typecheck', 'type-check', 'check-types', 'types:check', 'tsc'];
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', '.eslintrc', '.eslintrc.js', '.eslintrc.cjs', '.eslintrc.json', '.eslintrc.yml', '.eslintrc.yaml'];
const SINGLE = /^([\w@./-]+)((?:\s+[^\s&|;<>`$()]+)*)\s*$/;

/** Finds node_modules/.bin/<name> from the package folder up to the repo root. */
export function resolveBin(name: string, pkgAbs: string, root: string): string | null {
  let dir = pkgAbs;
  for (;;) {
    const bin = join(dir, 'node_modules', '.bin', name);
    if (existsSync(bin)) return bin;
    if (dir === root || dir.length <= root.length) return null;
    dir = posix.dirname(dir);
  }
}

export function hasNodeModules(pkgAbs: string, root: string): boolean {
  // Yarn Plug'n'Play installs without node_modules.
  if (existsSync(join(root, '.pnp.cjs')) || existsSync(join(root, '.pnp.js'))) return true;
  let dir = pkgAbs;
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return true;
    if (dir === root || dir.length <= root.length) return false;
    dir = posix.dirname(dir);
  }
}

/** A script that is one call of `tool` (no &&, pipes or env tricks): its arguments, else null. */
export function singleCall(script: string | undefined, tool: string): string[] | null {
  if (!script) return null;
  const m = SINGLE.exec(script.trim());
  if (!m || m[1] !== tool) return null;
  return m[2].trim() ? m[2].trim().split(/\s+/) : [];
}

export interface PlanContext {
  layout: RepoLayout;
  config: ProbesConfig;
  tmp: string;
  pmBin: string;
  /** Where a path of the repository is on disk now: its scratch copy once an install filled it. */
  at?: (abs: string) => string;
  /** The flags table (tests swap in another to exercise the fallback). */
  tools?: ToolSpec[];
}

function base(ctx: PlanContext, kind: ProbeKind, pkg: DiscoveredPackage | null): Omit<PlannedProbe, 'file' | 'args' | 'reader' | 'reportFile'> {
  const o: ProbeOverride = ctx.config[kind] ?? {};
  return {
    kind, package: pkg?.name ?? null, pkgPath: pkg?.path ?? '.', cwd: pkg?.abs ?? ctx.layout.root,
    timeoutMs: (o.timeout ?? DEFAULT_TIMEOUT_S[kind]) * 1000, heapMb: o.heapMb ?? DEFAULT_HEAP_MB, skip: null,
  };
}

let reportSeq = 0;
function reportPath(ctx: PlanContext, name: string): string {
  return join(ctx.tmp, `${++reportSeq}-${name}`);
}

function runScript(ctx: PlanContext, pkg: DiscoveredPackage, kind: ProbeKind, script: string, reader: Reader): PlannedProbe {
  return { ...base(ctx, kind, pkg), file: ctx.pmBin, args: ['run', script], reader, reportFile: null };
}

function tool(ctx: PlanContext, pkg: DiscoveredPackage, kind: ProbeKind, bin: string, args: string[], reader: Reader, reportFile: string | null = null): PlannedProbe {
  const at = ctx.at ?? ((abs: string) => abs);
  const found = resolveBin(bin, at(pkg.abs), at(ctx.layout.root));
  // Named by its path in the repository: the sandbox shows the scratch copy there.
  const path = found && join(ctx.layout.root, relative(at(ctx.layout.root), found));
  const p: PlannedProbe = { ...base(ctx, kind, pkg), file: path ?? bin, args, reader, reportFile };
  if (!path) p.skip = `\`${bin}\` is not installed (no node_modules/.bin/${bin} in ${pkg.path} or above)`;
  return p;
}

/** The repository's own arguments without those the table says to drop: flags with their values, and lone words. */
function strip(args: string[], flags: Pick<ToolFlags, 'strip' | 'drop'>): string[] {
  return args.filter((a, i) => !flags.drop.includes(a)
    && !flags.strip.some((f) => a === f || a.startsWith(`${f}=`) || a.startsWith(`${f}.`) || args[i - 1] === f));
}

/**
 * One call of a known tool. Its installed version picks the flags from the table; a version outside
 * the table (or unreadable) gets no added flag: the repository's own script (else the tool with the
 * repository's arguments), read from what it prints. `lead` comes first (vitest's `run`).
 */
function planCall(ctx: PlanContext, pkg: DiscoveredPackage, kind: ProbeKind, name: ToolName, own: string[], script: string | null, textReader: Reader, lead: string[] = []): PlannedProbe {
  const spec = toolSpec(ctx.tools ?? TOOLS, name);
  const version = installedVersion(spec.package, pkg.abs, ctx.layout.root);
  const flags = flagsFor(spec, version);
  const plain = script ? runScript(ctx, pkg, kind, script, textReader) : tool(ctx, pkg, kind, spec.bin, [...lead, ...own], textReader);
  if (!flags) return { ...plain, tool: { name, version, flags: null } };
  const file = flags.outputFile.length > 0 ? reportPath(ctx, `${name}.json`) : null;
  const added = [...flags.reporter, ...flags.outputFile.map((a) => a.replace('{file}', file ?? '')), ...flags.location];
  const p = tool(ctx, pkg, kind, spec.bin, [...lead, ...strip(own, flags), ...added], flags.reader, file);
  return { ...p, tool: { name, version, flags: flags.versions }, added, fallback: p.skip ? null : plain };
}

export function planTypecheck(ctx: PlanContext, pkg: DiscoveredPackage): PlannedProbe[] {
  const script = TYPECHECK_SCRIPTS.find((s) => pkg.scripts[s]);
  if (script) return [runScript(ctx, pkg, 'typecheck', script, 'tsc')];
  const prefix = pkg.path === '.' ? '' : `${pkg.path}/`;
  const own = ctx.layout.tsconfigs.filter((t) => t.path === `${prefix}tsconfig.json`);
  return own.map((t) => {
    const solution = t.references.length > 0 && !t.hasInputs;
    return planCall(ctx, pkg, 'typecheck', 'tsc', solution ? ['-b', 'tsconfig.json'] : ['--noEmit', '-p', 'tsconfig.json'], null, 'tsc');
  });
}

export function planTests(ctx: PlanContext, pkg: DiscoveredPackage): PlannedProbe[] {
  const script = pkg.scripts.test;
  if (script && /no test specified/.test(script)) return [];
  const own = script ? 'test' : null;
  const vitest = singleCall(script, 'vitest') ?? (!script && pkg.testRunners.includes('vitest') ? [] : null);
  if (vitest) return [planCall(ctx, pkg, 'tests', 'vitest', vitest, own, 'test-text', ['run'])];
  for (const name of ['jest', 'mocha'] as const) {
    const call = singleCall(script, name);
    if (call) return [planCall(ctx, pkg, 'tests', name, call, own, 'test-text')];
  }
  if (script) return [runScript(ctx, pkg, 'tests', 'test', 'test-text')];
  return [];
}

export function planLint(ctx: PlanContext, pkg: DiscoveredPackage): PlannedProbe[] {
  const script = pkg.scripts.lint;
  const eslint = singleCall(script, 'eslint');
  if (eslint) return [planCall(ctx, pkg, 'lint', 'eslint', eslint, 'lint', 'lint-text')];
  const biome = singleCall(script, 'biome');
  if (biome && ['lint', 'check', 'ci'].includes(biome[0] ?? '')) return [planCall(ctx, pkg, 'lint', 'biome', biome, 'lint', 'lint-text')];
  if (script) return [runScript(ctx, pkg, 'lint', 'lint', 'lint-text')];
  const has = (f: string) => existsSync(join(pkg.abs, f));
  if (ESLINT_CONFIGS.some(has)) return [planCall(ctx, pkg, 'lint', 'eslint', ['.'], null, 'lint-text')];
  if (has('biome.json') || has('biome.jsonc')) return [planCall(ctx, pkg, 'lint', 'biome', ['lint', '.'], null, 'lint-text')];
  return [];
}

export function planBuild(ctx: PlanContext, pkg: DiscoveredPackage): PlannedProbe[] {
  return pkg.scripts.build ? [runScript(ctx, pkg, 'build', 'build', 'build')] : [];
}

export function planAudit(ctx: PlanContext, root: DiscoveredPackage | null): PlannedProbe[] {
  const pm = ctx.layout.packageManager;
  if (!root || !pm) return [];
  const p: PlannedProbe = { ...base(ctx, 'audit', root), file: ctx.pmBin, args: ['audit', '--json'], reader: 'audit', reportFile: null };
  if (ctx.config.registry) p.args.push('--registry', ctx.config.registry);
  // An unreachable registry should answer UNKNOWN within seconds, not after minutes of back-off.
  p.env = { npm_config_fetch_retries: '1', npm_config_fetch_retry_mintimeout: '1000', npm_config_fetch_retry_maxtimeout: '3000' };
  if (pm === 'bun') p.skip = 'bun has no JSON dependency audit';
  else if (ctx.layout.lockfiles.length === 0) p.skip = 'no lockfile: the dependency audit needs the exact versions a lockfile pins';
  return [p];
}

export function planInstall(ctx: PlanContext, root: DiscoveredPackage | null, ignoreScripts: boolean): PlannedProbe | null {
  const pm = ctx.layout.packageManager;
  if (!root || !pm) return null;
  const args = pm === 'npm' ? ['ci', '--no-audit', '--no-fund'] : pm === 'pnpm' ? ['install', '--frozen-lockfile'] : pm === 'yarn' ? ['install', '--frozen-lockfile', '--non-interactive'] : ['install', '--frozen-lockfile'];
  if (ignoreScripts) args.push('--ignore-scripts');
  const p: PlannedProbe = { ...base(ctx, 'install', root), file: ctx.pmBin, args, reader: 'none', reportFile: null };
  if (ctx.layout.lockfiles.length === 0) p.skip = 'no lockfile: --install runs a clean install from the lockfile only';
  return p;
}

const PLANNERS: Record<Exclude<ProbeKind, 'install' | 'audit'>, (ctx: PlanContext, pkg: DiscoveredPackage) => PlannedProbe[]> = {
  typecheck: planTypecheck, tests: planTests, lint: planLint, build: planBuild,
};

/** The probes of every kind: the root's, then each workspace package's where the root's do not cover it. */
export function planProbes(ctx: PlanContext): PlannedProbe[] {
  const pkgs = ctx.layout.packages.filter((p) => p.manifestPath);
  const root = pkgs.find((p) => p.path === '.') ?? null;
  const members = root ? pkgs.filter((p) => p.kind === 'workspace') : pkgs.filter((p) => p.kind === 'nested');
  const out: PlannedProbe[] = [];
  for (const kind of PROBE_KINDS) {
    const o = ctx.config[kind] ?? {};
    if (kind === 'audit') {
      out.push(...planAudit(ctx, root));
      continue;
    }
    if (o.command) {
      const cwd = o.cwd ? join(ctx.layout.root, o.cwd) : ctx.layout.root;
      const pkg = pkgs.find((p) => p.abs === cwd) ?? null;
      const reader: Reader = kind === 'typecheck' ? 'tsc' : kind === 'tests' ? 'test-text' : kind === 'lint' ? 'lint-text' : 'build';
      out.push({ ...base(ctx, kind, pkg), cwd, file: '/bin/sh', args: ['-c', o.command], reader, reportFile: null, pkgPath: o.cwd ?? '.' });
      continue;
    }
    const planner = PLANNERS[kind];
    if (o.cwd) {
      for (const pkg of pkgs.filter((p) => p.path === o.cwd)) out.push(...planner(ctx, pkg));
      continue;
    }
    const fromRoot = root ? planner(ctx, root) : [];
    out.push(...fromRoot);
    // A root script (`turbo test`, `jest` with projects, `pnpm -r typecheck`) or a solution build covers the workspace.
    const script = kind === 'typecheck' ? TYPECHECK_SCRIPTS.find((n) => root?.scripts[n]) : root?.scripts[kind === 'tests' ? 'test' : kind];
    if (fromRoot.length > 0 && (script || fromRoot.some((p) => p.args.includes('-b')))) continue;
    for (const pkg of members) out.push(...planner(ctx, pkg));
  }
  return out;
}
