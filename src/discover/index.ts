// discover: what is in the repo. No judging.
import { readFileSync } from 'node:fs';
import { dirname, posix } from 'node:path';
import type { InputDiagnostic } from '../model/run.js';
import { matchAny } from '../util/glob.js';
import { decode } from '../util/text.js';
import { isRecord, parseJsoncText, parseYamlText } from '../util/structured.js';
import { detectFrameworks, detectLoggers, detectOrms, detectRuntimes, detectTestRunners } from './detect.js';
import type { DiscoveredPackage, RepoLayout, TsconfigInfo, WranglerConfig } from './types.js';
import { declaredMigrationFolders, discoverMigrations } from './migrations.js';
import { decideRoles } from './roles.js';
import { MAX_SOURCE_BYTES, walk, type FileEntry } from './walk.js';
import type { FileRole } from '../util/roles.js';
import { parseWrangler, WRANGLER_FILES } from './wrangler.js';

export type { RepoLayout, DiscoveredPackage, WranglerConfig, TsconfigInfo, UnreadFile } from './types.js';
export type { FileEntry, ListedTree } from './walk.js';
export { RoleMap, type MigrationState, type RoleInventory, type RoleTree } from './roles.js';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const LOCKFILES: Record<string, RepoLayout['packageManager']> = {
  'package-lock.json': 'npm', 'npm-shrinkwrap.json': 'npm', 'pnpm-lock.yaml': 'pnpm', 'yarn.lock': 'yarn',
  'bun.lockb': 'bun', 'bun.lock': 'bun',
};

export function isSourcePath(p: string): boolean {
  if (p.endsWith('.d.ts') || p.endsWith('.d.mts') || p.endsWith('.d.cts')) return false;
  const dot = p.lastIndexOf('.');
  return dot >= 0 && SOURCE_EXTENSIONS.includes(p.slice(dot));
}

function readText(f: FileEntry, diagnostics: InputDiagnostic[]): string | null {
  try {
    return decode(readFileSync(f.abs)).text;
  } catch (err) {
    diagnostics.push({ path: f.path, problem: `cannot read (${(err as NodeJS.ErrnoException).code ?? err})`, action: 'check permissions' });
    return null;
  }
}

function strRecord(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

function workspaceGlobs(rootManifest: Record<string, unknown> | null, pnpmYaml: unknown): string[] {
  const globs: string[] = [];
  const ws = rootManifest?.workspaces;
  if (Array.isArray(ws)) globs.push(...ws.filter((x): x is string => typeof x === 'string'));
  else if (isRecord(ws) && Array.isArray(ws.packages)) globs.push(...ws.packages.filter((x): x is string => typeof x === 'string'));
  if (isRecord(pnpmYaml) && Array.isArray(pnpmYaml.packages)) {
    globs.push(...pnpmYaml.packages.filter((x): x is string => typeof x === 'string'));
  }
  return globs.map((g) => g.replace(/^\.\//, '').replace(/\/$/, ''));
}

export function packageOf(path: string, packages: Array<{ path: string; name: string }>): string | null {
  let best: { path: string; name: string } | null = null;
  for (const p of packages) {
    const inside = p.path === '.' || path === p.path || path.startsWith(`${p.path}/`);
    if (inside && (!best || best.path === '.' || p.path.length > best.path.length)) best = p;
  }
  return best?.name ?? null;
}

function readTsconfigs(files: FileEntry[], diagnostics: InputDiagnostic[]): TsconfigInfo[] {
  const raw = new Map<string, { cfg: Record<string, unknown>; text: string }>();
  for (const f of files) {
    if (!/(^|\/)tsconfig[\w.-]*\.json$/.test(f.path)) continue;
    const text = readText(f, diagnostics);
    if (text === null) continue;
    const parsed = parseJsoncText(text, f.path);
    if (!parsed.ok) {
      diagnostics.push({ path: f.path, problem: parsed.error, action: 'fix the JSON; this tsconfig was not read' });
      continue;
    }
    raw.set(f.path, { cfg: isRecord(parsed.value) ? parsed.value : {}, text });
  }
  const strictOf = (path: string, depth: number): boolean | null => {
    const entry = raw.get(path);
    if (!entry || depth > 10) return null;
    const co = isRecord(entry.cfg.compilerOptions) ? entry.cfg.compilerOptions : {};
    if (typeof co.strict === 'boolean') return co.strict;
    const ext = entry.cfg.extends;
    if (typeof ext === 'string' && ext.startsWith('.')) {
      let target = posix.normalize(posix.join(posix.dirname(path), ext));
      if (!target.endsWith('.json')) target += '.json';
      return strictOf(target, depth + 1);
    }
    return null;
  };
  return [...raw.entries()].map(([path, { cfg, text }]) => {
    const refs = Array.isArray(cfg.references) ? cfg.references.filter(isRecord).map((r) => String(r.path ?? '')) : [];
    const m = /"strict"\s*:/.exec(text);
    return {
      path,
      strict: strictOf(path, 0),
      strictLine: m ? text.slice(0, m.index).split('\n').length : null,
      references: refs,
      hasInputs: !(Array.isArray(cfg.files) && cfg.files.length === 0) || Array.isArray(cfg.include),
    };
  });
}

/** `roleOverrides`: the configuration's `roles` (glob -> role), applied before anything the tree shows. */
/** `tracked`: files git tracks although a .gitignore names them (see walk): listed like any other. */
export function discover(root: string, ignoreGlobs: string[] = [], roleOverrides: Record<string, FileRole> = {}, tracked: ReadonlySet<string> = new Set()): RepoLayout {
  // A root lockfile is read past the 1 MB limit too (up to the source limit): a workspace's lockfile
  // is commonly a few megabytes, and its sync with package.json is a check, not an afterthought.
  const w = walk(root, ignoreGlobs, (p) => isSourcePath(p) || (!p.includes('/') && p in LOCKFILES && p !== 'bun.lockb'), tracked);
  const diagnostics: InputDiagnostic[] = [...w.diagnostics];
  for (const l of w.outside) {
    diagnostics.push({
      path: l.path, problem: `symlink to a ${l.kind} outside the repository: not read`,
      action: 'nothing in this report comes from it; if it is part of the service, audit its target on its own',
    });
  }
  const unread = [
    ...w.outside.filter((l) => l.kind === 'file' && isSourcePath(l.path)).map((l) => ({ path: l.path, reason: 'a symlink to a file outside the repository' })),
    ...w.large.filter((f) => isSourcePath(f.path)).map((f) => ({ path: f.path, reason: `${f.size} bytes, over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit for source` })),
  ];
  const byPath = new Map(w.files.map((f) => [f.path, f]));
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

  const manifests = new Map<string, Record<string, unknown> | null>();
  for (const f of w.files) {
    if (base(f.path) !== 'package.json') continue;
    const text = readText(f, diagnostics);
    if (text === null) continue;
    const parsed = parseJsoncText(text, f.path);
    if (!parsed.ok || !isRecord(parsed.value)) {
      diagnostics.push({
        path: f.path, problem: parsed.ok ? 'package.json is not an object' : parsed.error,
        action: 'fix the file; the package is audited without its manifest (no scripts or dependencies known)',
      });
      manifests.set(f.path, null);
    } else manifests.set(f.path, parsed.value);
  }
  const rootManifest = manifests.get('package.json') ?? null;
  let pnpmYaml: unknown = null;
  const pnpmWs = byPath.get('pnpm-workspace.yaml');
  if (pnpmWs) {
    const text = readText(pnpmWs, diagnostics);
    const parsed = text === null ? null : parseYamlText(text, pnpmWs.path);
    if (parsed && !parsed.ok) diagnostics.push({ path: pnpmWs.path, problem: parsed.error, action: 'fix the YAML; workspaces were inferred from package.json files' });
    else if (parsed) pnpmYaml = parsed.value;
  }
  const wsGlobs = workspaceGlobs(rootManifest, pnpmYaml);

  const wrangler: WranglerConfig[] = [];
  for (const f of w.files) {
    if (!WRANGLER_FILES.includes(base(f.path))) continue;
    const text = readText(f, diagnostics);
    if (text === null) continue;
    const dir = dirname(f.path);
    const parsed = parseWrangler(f.path, text, dir === '.' ? '.' : dir);
    if (parsed.ok) wrangler.push(parsed.value);
    else diagnostics.push({ path: f.path, problem: parsed.error, action: 'fix the file; its bindings were not read' });
  }

  const packages: DiscoveredPackage[] = [];
  for (const [mpath, manifest] of manifests) {
    const dir = dirname(mpath);
    const path = dir === '.' ? '.' : dir;
    const deps = { ...strRecord(manifest?.peerDependencies), ...strRecord(manifest?.optionalDependencies), ...strRecord(manifest?.dependencies) };
    const devDeps = strRecord(manifest?.devDependencies);
    const all = { ...devDeps, ...deps };
    const scripts = strRecord(manifest?.scripts);
    const hasWrangler = wrangler.some((c) => c.packagePath === path);
    packages.push({
      name: typeof manifest?.name === 'string' && manifest.name ? manifest.name : path === '.' ? '(root)' : path,
      path,
      abs: dir === '.' ? root : `${root}/${dir}`,
      kind: path === '.' ? 'root' : matchAny(path, wsGlobs) ? 'workspace' : 'nested',
      private: manifest?.private === true,
      scripts,
      frameworks: detectFrameworks(all),
      orms: detectOrms(all),
      testRunners: detectTestRunners(all, scripts),
      loggers: detectLoggers(all),
      runtimes: detectRuntimes(all, hasWrangler),
      sourceFiles: 0,
      dependencies: deps,
      devDependencies: devDeps,
      manifestPath: mpath,
      engines: strRecord(manifest?.engines),
      packageManagerField: typeof manifest?.packageManager === 'string' ? manifest.packageManager : null,
    });
  }
  for (const c of wrangler) {
    if (packages.some((p) => p.path === c.packagePath)) continue;
    packages.push({
      name: c.name ?? c.packagePath, path: c.packagePath, abs: `${root}/${c.packagePath}`, kind: 'worker',
      private: true, scripts: {}, frameworks: [], orms: [], testRunners: [], loggers: [],
      runtimes: ['cloudflare-workers'], sourceFiles: 0, dependencies: {}, devDependencies: {},
      manifestPath: null, engines: {}, packageManagerField: null,
    });
  }
  // Roles before names are made unique: a copy is known by repeating a package's name.
  const roles = decideRoles(w.files, w.trees, packages.filter((p) => p.manifestPath).map((p) => ({
    dir: p.path, name: manifests.get(p.manifestPath!)?.name as string | null ?? null, workspace: p.kind === 'workspace',
  })), roleOverrides);
  // A package inside an archived copy or a template is not one the repository ships: its files count
  // for the package around it, and no probe runs in it.
  for (let i = packages.length - 1; i >= 0; i--) {
    const role = packages[i].path === '.' ? null : roles.of(`${packages[i].path}/package.json`);
    if (role === 'archived' || role === 'template' || role === 'vendored') packages.splice(i, 1);
  }
  packages.sort((a, b) => (a.path === '.' ? -1 : b.path === '.' ? 1 : a.path.localeCompare(b.path)));
  // Two manifests may share a name (copies, fixtures): make names unique so per-package results stay apart.
  const seen = new Map<string, number>();
  for (const p of packages) {
    const n = seen.get(p.name) ?? 0;
    seen.set(p.name, n + 1);
    if (n > 0) p.name = `${p.name} (${p.path})`;
  }
  // Config files name tools that dependencies alone may not (hoisted deps in monorepos).
  const FILE_RUNNERS: Array<[RegExp, 'testRunners' | 'frameworks', string]> = [
    [/(^|\/)vitest\.(config|workspace)\.[cm]?[jt]s$/, 'testRunners', 'vitest'],
    [/(^|\/)jest\.config\.[cm]?[jt]s(on)?$/, 'testRunners', 'jest'],
    [/(^|\/)\.mocharc(\.[\w]+)?$/, 'testRunners', 'mocha'],
    [/(^|\/)playwright\.config\.[cm]?[jt]s$/, 'testRunners', 'playwright'],
    [/(^|\/)next\.config\.[cm]?[jt]s$/, 'frameworks', 'next'],
  ];
  for (const f of w.files) {
    for (const [re, field, name] of FILE_RUNNERS) {
      if (!re.test(f.path)) continue;
      const pkg = packages.find((p) => p.name === packageOf(f.path, packages));
      if (pkg && !pkg[field].includes(name)) pkg[field] = [...pkg[field], name].sort();
    }
    if (!isSourcePath(f.path)) continue;
    const name = packageOf(f.path, packages);
    const pkg = packages.find((p) => p.name === name);
    if (pkg) pkg.sourceFiles++;
  }

  const lockfiles = w.files.map((f) => f.path).filter((p) => base(p) in LOCKFILES && !p.includes('/')).sort();
  const pmField = rootManifest && typeof rootManifest.packageManager === 'string' ? rootManifest.packageManager.split('@')[0] : null;
  const packageManager = (['npm', 'pnpm', 'yarn', 'bun'].includes(pmField ?? '') ? pmField : lockfiles.length ? LOCKFILES[lockfiles[0]] : rootManifest ? 'npm' : null) as RepoLayout['packageManager'];

  const texts = new Map<string, string | null>();
  const migrationInput = {
    paths: w.files.map((f) => f.path),
    read: (p: string) => {
      if (!texts.has(p)) texts.set(p, byPath.has(p) ? readText(byPath.get(p)!, diagnostics) : null);
      return texts.get(p)!;
    },
    wrangler, packages, packageOf: (p: string) => packageOf(p, packages),
  };
  const migrations = discoverMigrations(migrationInput);
  const migrationFolders = declaredMigrationFolders(migrationInput);

  return {
    root,
    files: w.files,
    roles,
    trees: w.trees,
    large: w.large,
    outside: w.outside,
    unread,
    symlinks: w.symlinks,
    unreadable: w.unreadable,
    packages,
    packageManager,
    lockfiles,
    wrangler,
    tsconfigs: readTsconfigs(w.files, diagnostics),
    workflows: w.files.map((f) => f.path).filter((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || p === '.gitlab-ci.yml'),
    docs: w.files.map((f) => f.path).filter((p) => /\.(md|mdx|markdown|rst|txt)$/i.test(p) && !/(^|\/)(CHANGELOG|LICENSE)/i.test(base(p)) || /^(CHANGELOG|LICENSE|LICENCE)/i.test(base(p))),
    migrationDirs: [...new Set(w.files.map((f) => f.path).filter((p) => /(^|\/)(migrations|drizzle)\/.*\.sql$/i.test(p)).map((p) => p.slice(0, p.lastIndexOf('/'))))].sort(),
    migrations,
    migrationFolders,
    diagnostics,
  };
}
