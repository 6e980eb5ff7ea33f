// Module resolution by TypeScript's own `resolveModuleName`, over the repository's file list and
// nothing else: the host answers from the list of files discover found and the texts collect kept
// (package.json), never from the disk, so a symlink or a node_modules folder cannot widen what is
// read. Workspace packages resolve inside the repository without node_modules: the host shows every
// `node_modules/<workspace name>` folder as the package's own folder, so TypeScript applies the
// package's `exports`/`main`/`types` itself. When those point at build output that is not in the
// repository (`dist/index.js`), the package's source (`src/index.ts`) stands for it.
import { posix } from 'node:path';
import ts from 'typescript';
import type { ResolvedTsconfig } from './tsconfig.js';

/** Where the host pretends the repository is: a path that exists nowhere, so nothing real is read. */
const ROOT = '/@repo';

export interface ResolverInput {
  /** Every file of the repository, repository-relative, posix. */
  files: readonly string[];
  /** A kept text file by path (package.json); undefined when collect did not keep it. */
  read(path: string): string | undefined;
  /** Workspace packages by name -> their folder. */
  workspaces: ReadonlyMap<string, string>;
  tsconfigs: ReadonlyMap<string, ResolvedTsconfig>;
  /**
   * Folders bare specifiers also resolve from, as NODE_PATH does (`require('rootpath')()`, a script's
   * `NODE_PATH=./src`): for files under `scope`, after no installed package of that name (one of
   * `declared`) is found.
   */
  moduleRoots?: ReadonlyArray<ModuleRoot>;
  /**
   * Answers of an earlier run over the same files and texts (link/memory.ts decides that): a
   * resolution is a function of them and of its key, so it is taken as it was.
   */
  seed?: ReadonlyArray<[string, Resolution]>;
}

export interface ModuleRoot {
  /** The package folder whose files it applies to ('.' for the whole repository). */
  scope: string;
  /** The folder, repository-relative. */
  dir: string;
  /** The package's declared dependencies: an installed package wins over the folder, as in Node. */
  declared: ReadonlySet<string>;
  /** Why it is a module root (file:line or script), for the link stats. */
  because: string;
}

export type Resolution =
  /** A file of the repository. */
  | { kind: 'file'; path: string }
  /** A package that is not part of the repository (from the registry). */
  | { kind: 'external' }
  /** Names a file of the repository (relative, an alias, a workspace package) that was not found. */
  | { kind: 'unresolved' };

export interface Resolver {
  /** The repository file `spec` imported from `fromFile` names, or null. */
  resolveImport(fromFile: string, spec: string): string | null;
  resolve(fromFile: string, spec: string): Resolution;
  /** Every resolution made or seeded so far, by key, to be kept for the next run. */
  entries(): Array<[string, Resolution]>;
  /** Resolutions made this run that were not seeded. */
  readonly made: number;
}

/** What `node_modules` and `node_modules/@scope` map to: folders that exist and hold no file. */
const NODE_MODULES = '\0node_modules';
const SOURCE_EXT = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function createResolver(input: ResolverInput): Resolver {
  const files = new Set(input.files);
  const dirs = new Set<string>(['.']);
  for (const f of input.files) {
    for (let d = posix.dirname(f); d !== '.' && !dirs.has(d); d = posix.dirname(d)) dirs.add(d);
  }
  const rel = (abs: string): string | null => {
    if (abs === ROOT) return '.';
    if (!abs.startsWith(`${ROOT}/`)) return null;
    // `import '.'` asks for the folder with a trailing slash.
    const p = posix.normalize(abs.slice(ROOT.length + 1)).replace(/\/+$/, '');
    return p === '' || p === '.' ? '.' : mapNodeModules(p);
  };
  /** `x/node_modules/@scope/pkg/rest` -> the workspace folder's `rest`; other node_modules paths exist only if listed. */
  const mapNodeModules = (p: string): string | null => {
    const at = p.lastIndexOf('node_modules/');
    if (at < 0 || (at > 0 && p[at - 1] !== '/')) return p;
    const rest = p.slice(at + 'node_modules/'.length).split('/');
    const n = rest[0].startsWith('@') ? 2 : 1;
    // The node_modules folder itself (and a scope's folder) exists, so TypeScript looks inside it.
    if (rest[0] === '' || rest.length < n) return NODE_MODULES;
    const folder = input.workspaces.get(rest.slice(0, n).join('/'));
    if (folder === undefined) return files.has(p) ? p : null;
    const sub = rest.slice(n).join('/');
    return sub ? (folder === '.' ? sub : `${folder}/${sub}`) : folder;
  };
  const host: ts.ModuleResolutionHost = {
    fileExists: (f) => { const r = rel(f); return r !== null && files.has(r); },
    readFile: (f) => { const r = rel(f); return r !== null && files.has(r) ? input.read(r) : undefined; },
    directoryExists: (d) => { const r = rel(d); return r !== null && (r === NODE_MODULES || dirs.has(r)); },
    realpath: (f) => f,
    getCurrentDirectory: () => ROOT,
    getDirectories: () => [],
    useCaseSensitiveFileNames: true,
  };
  const configOf = nearestTsconfig(input.tsconfigs);
  const perConfig = new Map<string, { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache }>();
  const optionsFor = (cfg: ResolvedTsconfig | null) => {
    const key = cfg?.path ?? '';
    let o = perConfig.get(key);
    if (!o) {
      const options: ts.CompilerOptions = {
        moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true, resolveJsonModule: true,
        ...(cfg?.baseUrl ? { baseUrl: `${ROOT}/${cfg.baseUrl}` } : {}),
        ...(cfg?.paths ? { paths: withConfigDir(cfg.paths, `${ROOT}/${posix.dirname(cfg.path)}`) } : {}),
      };
      o = { options, cache: ts.createModuleResolutionCache(ROOT, (f) => f, options) };
      perConfig.set(key, o);
    }
    return o;
  };
  const memo = new Map<string, Resolution>(input.seed ?? []);
  // The same look-up by file and specifier, asked again and again by the route table and the rules: answered
  // without finding the file's tsconfig and folder again (the key of `memo` is a function of those two).
  const byFile = new Map<string, Resolution>();
  let made = 0;
  const resolve = (fromFile: string, spec: string): Resolution => {
    const fileKey = `${fromFile}\0${spec}`;
    const known = byFile.get(fileKey);
    if (known) return known;
    const out = resolveOnce(fromFile, spec);
    byFile.set(fileKey, out);
    return out;
  };
  const resolveOnce = (fromFile: string, spec: string): Resolution => {
    const cfg = configOf(fromFile);
    const key = `${cfg?.path ?? ''}\0${posix.dirname(fromFile)}\0${spec}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const { options, cache } = optionsFor(cfg);
    const found = ts.resolveModuleName(spec, `${ROOT}/${fromFile}`, options, host, cache).resolvedModule;
    let path = found ? rel(found.resolvedFileName) : null;
    // A declaration file stands for code: the source beside it is what runs.
    if (path && /\.d\.[cm]?ts$/.test(path)) path = sourceFor(path, files) ?? path;
    if (!path) path = workspaceSource(spec, input.workspaces, input.read, files) ?? assetOf(fromFile, spec, files);
    if (!path && input.moduleRoots?.length) path = fromModuleRoot(fromFile, spec, input.moduleRoots, (s2, from) => {
      const r = ts.resolveModuleName(s2, from, options, host, cache).resolvedModule;
      return r ? rel(r.resolvedFileName) : null;
    });
    const out: Resolution = path ? { kind: 'file', path }
      : isInRepoSpec(spec, cfg, input.workspaces) ? { kind: 'unresolved' } : { kind: 'external' };
    memo.set(key, out);
    made++;
    return out;
  };
  return {
    resolve, resolveImport: (fromFile, spec) => { const r = resolve(fromFile, spec); return r.kind === 'file' ? r.path : null; },
    entries: () => [...memo],
    get made() { return made; },
  };
}

/** A bare specifier found under a module root that applies to the importing file, or null. */
function fromModuleRoot(fromFile: string, spec: string, roots: ReadonlyArray<ModuleRoot>, resolveFrom: (spec: string, containing: string) => string | null): string | null {
  if (spec.startsWith('.') || spec.startsWith('/') || /^[a-z]+:/i.test(spec)) return null;
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  for (const root of roots) {
    if (root.scope !== '.' && fromFile !== root.scope && !fromFile.startsWith(`${root.scope}/`)) continue;
    if (root.declared.has(name)) continue;
    const found = resolveFrom(`./${spec}`, `${ROOT}/${root.dir === '.' ? '' : `${root.dir}/`}__module_root__.ts`);
    if (found) return found;
  }
  return null;
}

/** A relative import of a file that is not code (`./styles.css`, `./logo.svg?url`, `./Widget.astro`): the file, when it is there. */
function assetOf(fromFile: string, spec: string, files: ReadonlySet<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const p = posix.normalize(posix.join(posix.dirname(fromFile), spec.replace(/[?#].*$/, '')));
  return files.has(p) && !SOURCE_EXT.some((e) => p.endsWith(e)) ? p : null;
}

/** `${configDir}` in `paths` (TypeScript 5.5) is the folder of the tsconfig that governs the file, wherever the paths were declared. */
function withConfigDir(paths: Record<string, string[]>, dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(paths)) out[k] = v.map((t) => t.split('${configDir}').join(dir));
  return out;
}

/** The tsconfig that governs a file: the nearest `tsconfig.json` in its folder or above. */
function nearestTsconfig(configs: ReadonlyMap<string, ResolvedTsconfig>): (file: string) => ResolvedTsconfig | null {
  const byDir = new Map<string, ResolvedTsconfig>();
  for (const [p, c] of configs) if (posix.basename(p) === 'tsconfig.json') byDir.set(posix.dirname(p), c);
  const memo = new Map<string, ResolvedTsconfig | null>();
  return (file) => {
    const start = posix.dirname(file);
    if (memo.has(start)) return memo.get(start)!;
    let found: ResolvedTsconfig | null = null;
    for (let d = start; ; d = posix.dirname(d)) {
      const c = byDir.get(d);
      if (c) { found = c; break; }
      if (d === '.' || d === '/' || d === '') break;
    }
    memo.set(start, found);
    return found;
  };
}

function isInRepoSpec(spec: string, cfg: ResolvedTsconfig | null, workspaces: ReadonlyMap<string, string>): boolean {
  if (spec.startsWith('.') || spec.startsWith('/')) return true;
  if (workspaces.has(packageName(spec))) return true;
  return Object.keys(cfg?.paths ?? {}).some((k) => {
    const star = k.indexOf('*');
    return star < 0 ? k === spec : spec.startsWith(k.slice(0, star)) && spec.endsWith(k.slice(star + 1));
  });
}

const packageName = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** `dist/index.d.ts` or `dist/index.js` -> `src/index.ts` (or beside it, `index.ts`) when that exists. */
function sourceFor(built: string, files: ReadonlySet<string>): string | null {
  const stem = built.replace(/\.d\.[cm]?ts$|\.[cm]?jsx?$/, '');
  const swapped = stem.replace(/(^|\/)(dist|build|lib|out|esm|cjs)\//, '$1src/');
  for (const s of [stem, swapped]) {
    for (const ext of SOURCE_EXT) if (files.has(s + ext)) return s + ext;
  }
  return null;
}

/**
 * The source of a workspace package whose manifest points at build output that is not in the
 * repository: the target with `dist/` read as `src/`, else `src/index.ts` or `index.ts`.
 */
function workspaceSource(spec: string, workspaces: ReadonlyMap<string, string>, read: (p: string) => string | undefined, files: ReadonlySet<string>): string | null {
  const name = packageName(spec);
  const folder = workspaces.get(name);
  if (folder === undefined) return null;
  const at = (p: string) => (folder === '.' ? p : posix.join(folder, p));
  const sub = spec.slice(name.length).replace(/^\//, '');
  const targets: string[] = [];
  let manifest: Record<string, unknown> = {};
  try { manifest = JSON.parse(read(at('package.json')) ?? '{}') as Record<string, unknown>; } catch { /* a broken manifest: the conventional places below */ }
  const exp = manifest.exports;
  const key = sub ? `./${sub}` : '.';
  const entry = typeof exp === 'string' && !sub ? exp : exp && typeof exp === 'object' ? (exp as Record<string, unknown>)[key] : undefined;
  targets.push(...conditionTargets(entry));
  if (!sub) for (const f of ['types', 'typings', 'module', 'main']) if (typeof manifest[f] === 'string') targets.push(manifest[f] as string);
  for (const t of targets) {
    const p = posix.normalize(at(t));
    if (files.has(p)) return p;
    const s = sourceFor(p, files);
    if (s) return s;
  }
  const stems = sub ? [`src/${sub}`, sub, `src/${sub}/index`, `${sub}/index`] : ['src/index', 'index'];
  for (const s of stems) for (const ext of SOURCE_EXT) if (files.has(at(s + ext))) return at(s + ext);
  return null;
}

/** Every string target under an `exports` entry, whatever its conditions. */
function conditionTargets(v: unknown, depth = 0): string[] {
  if (typeof v === 'string') return [v];
  if (depth > 5 || !v || typeof v !== 'object') return [];
  return Object.values(v as Record<string, unknown>).flatMap((x) => conditionTargets(x, depth + 1));
}
