// Source files no production entry loads: release code only if something runs them. A package whose
// production entries are known (link/entries.ts) and whose loading verdict could follow completely
// (every import of a reached file resolved, no `import(x)` or `require(x)` of a run-time value, no
// tool or platform that loads files by a convention the link does not model: knowledge/file-loaders)
// has its files reached from those entries, through static and constant dynamic imports, re-exports,
// the framework conventions entries.ts knows, paths handed to a call as text (`new Worker('./w.js')`)
// and the source files deploy commands and package scripts name. A source file of such a package that
// none of these reaches is `unreached`. Wherever the loading is not known, every file stays release
// code: what verdict could not resolve is never taken for "not run".
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { Located } from '../collect/facts/define.js';
import type { ModuleFact } from '../collect/facts/modules.js';
import { deployCommandFileOf, unmodelledLoaderOf } from '../knowledge/index.js';
import type { PackageEntries, EntryPackage } from './entries.js';
import { keyOf, MODULE } from './graph.js';

export interface UnreachedInput {
  files: readonly string[];
  packages: readonly EntryPackage[];
  entries: readonly PackageEntries[];
  modules: ReadonlyArray<Located<ModuleFact>>;
  unresolved: ReadonlyArray<{ path: string; spec: string }>;
  packageOf(path: string): string | null;
  /** A source file for a path a manifest, script or deploy file names (build output read as its source). */
  sourceOf(path: string): string | null;
  /** Every declaration (and module, `path#<module>`) reached from the roots, through imports and the call graph. */
  reach(roots: readonly string[]): ReadonlySet<string>;
  /** The entries' own roots (link/entries.ts). */
  roots: readonly string[];
  /** Files that build a server app, register routes or listen, with the line of the first (route facts). */
  serving?: ReadonlyMap<string, number>;
}

export interface UnreachedOptions {
  /** The role the whole-tree map gives a path (discover/roles.ts): only release code (`service`) can be unreached. */
  role(path: string): string;
  /** Texts of non-source files (Dockerfiles, Procfiles, fly.toml, nest-cli.json), by path. */
  documents: ReadonlyMap<string, string>;
}

export interface PackageReach {
  package: string;
  /** Whether what the package loads is known: false keeps every file of it release code. */
  complete: boolean;
  reason: string;
  unreached: number;
  /** The first unreached files, by path. */
  examples: string[];
}

export interface Unreached {
  /** Source files no production entry reaches, with why they are not release code. */
  files: Map<string, string>;
  packages: PackageReach[];
}

const SOURCE = /\.[cm]?[jt]sx?$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** A word of a command that names a source file (`dist/server.js`, `./src/index.ts`, `--require=./tracing.js`). */
const SOURCE_WORD = /(?:^|[=\s"'[,])((?:\.{0,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[cm]?[jt]sx?)(?=$|[\s"',\]])/g;
const MAX_ROUNDS = 6;
/** An import of something no module graph holds: a stylesheet, an image, data (a bundler's loader reads it). */
const ASSET = /\.(?:css|scss|sass|less|styl|svg|png|jpe?g|gif|webp|avif|ico|json|html?|txt|md|mdx|wasm|graphql|gql|ya?ml|toml|woff2?|ttf|mp[34])(?:\?.*)?$/i;
const BUILTIN = new Set(builtinModules);
const packageName = (spec: string): string => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
/** How many of a package's unreached files the inventory names. */
const EXAMPLES = 10;

const NEST_CLI = /(^|\/)nest-cli\.json$/;

/**
 * The documents whose text `unreachedFiles` reads (a Nest CLI workspace file, the deploy files of
 * knowledge/file-loaders); of the others it reads only the paths. What the unreached roles are
 * cached on (collect/link-cache.ts) names these texts, so a README edit does not recompute them.
 */
export function unreachedReadsText(path: string): boolean {
  return NEST_CLI.test(path) || deployCommandFileOf(path) !== null;
}

export function unreachedFiles(input: UnreachedInput, opts: UnreachedOptions): Unreached {
  const files = new Set(input.files);
  const problems = new Map<string, string>();
  const fail = (pkg: string | null, why: string): void => {
    if (pkg !== null && !problems.has(pkg)) problems.set(pkg, why);
  };
  const packageAt = (dir: string): string | null => {
    // The package whose folder is the deepest holding `dir`.
    const holding = input.packages.filter((p) => p.path === '.' || dir === p.path || dir.startsWith(`${p.path}/`));
    return holding.sort((a, b) => b.path.length - a.path.length)[0]?.name ?? null;
  };
  /** A source file a command's word names, from the deploy file's folder or its package's. */
  const named = (word: string, dirs: readonly string[]): string | null => {
    const w = word.replace(/^\.?\//, '');
    for (const d of dirs) {
      const hit = input.sourceOf(posix.normalize(d === '.' ? w : posix.join(d, w)));
      if (hit) return hit;
    }
    return null;
  };
  const extra: string[] = [];
  const addFile = (f: string) => extra.push(keyOf(f, MODULE));

  // Tools and platforms that load files by conventions the link does not model: their package is not complete.
  for (const f of [...input.files, ...opts.documents.keys()]) {
    const loader = unmodelledLoaderOf(f);
    if (loader && !/(^|\/)node_modules\//.test(f) && opts.role(f) !== 'test') fail(packageAt(posix.dirname(f)), `${f}: ${loader.what} loads files by a convention verdict does not model`);
  }
  for (const [path, text] of opts.documents) {
    // Only the texts `unreachedReadsText` names are read: the cached roles are keyed on those alone.
    if (!unreachedReadsText(path)) continue;
    // A Nest CLI workspace of several applications: each one's entry file is named in it.
    if (NEST_CLI.test(path) && /"(?:projects|monorepo)"/.test(text)) fail(packageAt(posix.dirname(path)), `${path}: a Nest CLI workspace of several applications`);
    if (!deployCommandFileOf(path) || opts.role(path) === 'test') continue;
    const dir = posix.dirname(path);
    const pkg = packageAt(dir);
    const pkgPath = input.packages.find((p) => p.name === pkg)?.path ?? '.';
    for (const m of text.matchAll(SOURCE_WORD)) {
      const hit = named(m[1], [dir, pkgPath, '.']);
      if (hit) addFile(hit);
      // A deploy file that starts a file verdict cannot find: what runs is not known.
      else if (!m[1].includes('*')) fail(pkg, `${path} names ${m[1]}, which verdict could not find among the source files`);
    }
  }
  // Every source file a package script names (a preload `-r ./tracing.js` as much as the file run).
  for (const p of input.packages) {
    for (const script of Object.values(p.scripts)) {
      for (const m of script.matchAll(SOURCE_WORD)) {
        const hit = !m[1].includes('*') ? named(m[1], [p.path]) : null;
        if (hit) addFile(hit);
      }
    }
  }

  const loadsByFile = new Map<string, Array<{ spec: string | null; line: number }>>();
  // Reach is over modules: a file with no import, export or load of its own is a classic script (a
  // browser script a page includes, a global script a runtime concatenates): what loads it is no module.
  const modular = new Set<string>();
  for (const r of input.modules) if (r.type !== 'uses') modular.add(r.path);
  for (const r of input.modules) {
    if (r.type !== 'load') continue;
    const list = loadsByFile.get(r.path) ?? [];
    list.push({ spec: r.spec, line: r.line });
    loadsByFile.set(r.path, list);
  }
  // A package of the registry (a dependency of some package here, or Node's own) is no file of the
  // repository, whatever a catch-all tsconfig path says; an asset import is no module. Any other miss may be one.
  const declared = new Set(input.packages.flatMap((p) => [...Object.keys(p.dependencies ?? {}), ...Object.keys(p.devDependencies ?? {})]));
  const mayBeFile = (spec: string): boolean => !ASSET.test(spec) && !spec.startsWith('node:') && !BUILTIN.has(spec)
    && (spec.startsWith('.') || spec.startsWith('/') || !declared.has(packageName(spec)));
  const unresolvedByFile = new Map<string, string>();
  for (const u of input.unresolved) if (!unresolvedByFile.has(u.path) && mayBeFile(u.spec)) unresolvedByFile.set(u.path, u.spec);

  // Reached files, and the files they load by path, until nothing new is met.
  let roots = [...input.roots, ...extra];
  let reached = input.reach(roots);
  const seenLoads = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const more: string[] = [];
    for (const [file, loads] of loadsByFile) {
      if (seenLoads.has(file) || !reached.has(keyOf(file, MODULE))) continue;
      seenLoads.add(file);
      for (const l of loads) {
        if (l.spec === null) {
          fail(input.packageOf(file), `${file}:${l.line} loads a module whose name is decided at run time`);
          continue;
        }
        // A pattern a loader expands (an ORM's entity glob): which files it takes is not followed here.
        if (l.spec.includes('*')) {
          fail(input.packageOf(file), `${file}:${l.line} loads the files matching ${l.spec}`);
          continue;
        }
        const pkgPath = input.packages.find((p) => p.name === input.packageOf(file))?.path ?? '.';
        const hit = named(l.spec, [posix.dirname(file), pkgPath]);
        if (hit) more.push(keyOf(hit, MODULE));
        else if (SOURCE.test(l.spec)) fail(input.packageOf(file), `${file}:${l.line} loads ${l.spec} by path, which verdict could not find`);
      }
    }
    if (more.length === 0) break;
    roots = [...roots, ...more];
    reached = input.reach(roots);
  }
  for (const [file, spec] of unresolvedByFile) {
    if (reached.has(keyOf(file, MODULE))) fail(input.packageOf(file), `${file} imports ${spec}, which verdict could not resolve`);
  }

  // A file that builds a server, registers routes or listens is started by something: when no known entry
  // reaches it, whatever starts it (a command verdict does not see, a platform convention) is not known,
  // and neither is what else that starter loads. The package stays release code.
  for (const [file, line] of input.serving ?? []) {
    if (!files.has(file) || opts.role(file) !== 'service' || reached.has(keyOf(file, MODULE))) continue;
    fail(input.packageOf(file), `${file}:${line} serves requests, but no entry verdict knows loads it: what starts it is not known`);
  }

  const out = new Map<string, string>();
  const packages: PackageReach[] = [];
  for (const e of input.entries) {
    const problem = !e.known ? `its entries are not known: ${e.reason}` : problems.get(e.package) ?? null;
    let count = 0;
    const examples: string[] = [];
    if (problem === null) {
      for (const f of input.files) {
        if (!files.has(f) || !SOURCE.test(f) || DECLARATION.test(f) || input.packageOf(f) !== e.package || opts.role(f) !== 'service') continue;
        if (reached.has(keyOf(f, MODULE)) || !modular.has(f)) continue;
        out.set(f, `no production entry of ${e.package} loads it (${e.reason})`);
        if (count++ < EXAMPLES) examples.push(f);
      }
    }
    packages.push({ package: e.package, complete: problem === null, reason: problem ?? e.reason, unreached: count, examples });
  }
  return { files: out, packages };
}
