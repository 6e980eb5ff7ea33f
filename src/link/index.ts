// link: the whole-program view, built once per run from the per-file facts: the module graph
// (TypeScript's own module resolution over the repository's files), export bindings through
// barrels and re-exports, the call graph, entry points, and the reachability of every declaration
// from production entries or from tests. Never reads the disk: files come from discover, texts
// (package.json, tsconfig) from what collect kept.
import { posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Located } from '../collect/facts/define.js';
import type { ModuleFact } from '../collect/facts/modules.js';
import type { PaymentReturn } from '../collect/facts/payment-returns.js';
import type { RouteFact } from '../collect/facts/routes.js';
import type { SymbolFact } from '../collect/facts/symbols.js';
import type { FileRole } from '../util/roles.js';
import { fastifyCliTargets, findEntries, type EntryPackage, type PackageEntries } from './entries.js';
import { buildEdges, exportResolver, fileSymbols, keyOf, MODULE, type DeclNode, type Edge, type Target } from './graph.js';
import { onlyProvider } from '../knowledge/index.js';
import { createResolver, type Resolution } from './resolve.js';
import { moduleRootsOf } from './module-roots.js';
import { buildRouteTable, type RouteTable } from './routes.js';
import { handlerReach, paidCallIn } from './reach.js';
import { addFieldEdges } from './fields.js';
import { readTsconfigs, type TsconfigProblem } from './tsconfig.js';
import { linkContext, LinkReuse, parseMemory, type LinkMemory } from './memory.js';
import { unreachedFiles, type Unreached, type UnreachedOptions } from './unreached.js';
export { unreachedReadsText } from './unreached.js';

export type { DeclNode, Edge, Target } from './graph.js';
export type { EntryPoint, PackageEntries } from './entries.js';
export type { Resolution } from './resolve.js';
export type { LinkMemory } from './memory.js';
export type { Unreached, UnreachedOptions, PackageReach } from './unreached.js';
export type { AssembledRoute, RouteTable } from './routes.js';
export { MODULE, keyOf } from './graph.js';

/**
 * Where a declaration can be reached from. `unknown`: its package's entries are not known, or only a
 * member name used on a receiver verdict could not resolve leads to it (a method of that name on some
 * class): it may run, it is not proved to.
 */
export type Reach = 'production' | 'tests' | 'none' | 'unknown';

export interface LinkInput {
  files: readonly string[];
  packages: ReadonlyArray<EntryPackage>;
  wrangler: ReadonlyArray<{ path: string; main: string | null; packagePath: string }>;
  /** Texts collect kept (package.json, tsconfig*.json) by path. */
  documents: ReadonlyMap<string, string>;
  symbols: ReadonlyArray<Located<SymbolFact>>;
  modules: ReadonlyArray<Located<ModuleFact>>;
  /** The per-file route facts the route table is assembled from. */
  routes: readonly RouteFact[];
  /** Hosted checkouts and the URL each sends the buyer back to (collect/payment-returns), for the route table. */
  paymentReturns?: ReadonlyArray<Located<PaymentReturn>>;
  /** The user's `auth.middleware` names (verdict config), for the route table's guards. */
  authMiddleware: readonly string[];
  role(path: string): FileRole;
  packageOf(path: string): string | null;
  /**
   * The memory an earlier build left (link/memory.ts) and each file's symbol records digest now:
   * what is unchanged since is reused instead of linked again. Absent: everything is linked.
   */
  memory?: { previous: unknown; symbolDigests: ReadonlyMap<string, string> } | null;
}

export interface LinkStats {
  /** Import specifiers looked up (one per file and specifier). */
  imports: number;
  resolved: number;
  external: number;
  unresolved: number;
  declarations: number;
  edges: number;
  ms: number;
  /** The route table's assembly, on its first read (0 until then): part of the link stage, not of the rule that read it first. */
  routesMs: number;
  /** Files whose edges were computed this run; the others were reused from the earlier build's memory. */
  relinked: number;
}

export interface Link {
  /** The repository file `spec` names when `fromFile` imports it; null for a package outside the repository or a miss. */
  resolveImport(fromFile: string, spec: string): string | null;
  resolution(fromFile: string, spec: string): Resolution;
  /** The declaration a file's export `name` is, through re-exports and barrels. */
  resolveExport(path: string, name: string): Target;
  /** What a top-level name of a file is: a declaration of the file, or what its import resolves to (through barrels). */
  resolveName(path: string, name: string): Target;
  decl(key: string): DeclNode | undefined;
  /** The class a variable is bound to an instance of (`const users = new UserService(repo)`), through its file's imports. */
  heldClass(d: DeclNode): DeclNode | undefined;
  /**
   * The method a route hands the request to when it names it on a value (`controller.update`,
   * `users.update` with `users` a variable of the file or an import bound to `new X()`, `X.update` on a
   * class or a namespace's export): undefined when it does not resolve.
   */
  memberOf(path: string, root: string, member: string): DeclNode | undefined;
  declarations(): IterableIterator<DeclNode>;
  /** Declarations that refer to this one, with the line of the reference. */
  callers(key: string): ReadonlyArray<{ from: string; line: number; isNew: boolean }>;
  /** What this declaration refers to (the call graph's edges out of it), with the line of each reference. */
  callees(key: string): readonly Edge[];
  reach(key: string): Reach;
  /**
   * How a declaration runs when the service starts: from a start root (the top level of the file a main,
   * bin or start script runs, a startup hook) through calls made each time their caller runs (collect
   * `runs`: not from a route handler, a timer or an event, not in a branch) and the modules a loaded
   * module imports, the steps (declaration key, line of the call) from the root to it; null when no start
   * root reaches it that way. `startKnown` says whether the package has a start root at all.
   */
  startPath(key: string): ReadonlyArray<{ key: string; line: number }> | null;
  startKnown(pkg: string | null): boolean;
  /** The files of the repository a module loads (its imports that resolve to one), by path. */
  loadsOf(path: string): readonly string[];
  entries: readonly PackageEntries[];
  /** Imports in a file whose module could not be found in the repository (relative, alias or workspace). */
  unresolved: ReadonlyArray<{ path: string; spec: string }>;
  tsconfigProblems: readonly TsconfigProblem[];
  /** Every route with its mount prefix, middleware chain and guard (routes.ts): assembled on first read. */
  readonly routes: RouteTable;
  stats: LinkStats;
  /** What the next build may reuse (call once the link's readers are done); null when it is what was given or there is none. */
  memory(): LinkMemory | null;
  /** Source files of release code no production entry loads, where the package's loading is fully known (unreached.ts). */
  unreached(opts: UnreachedOptions): Unreached;
}

/**
 * The texts the link may read: package.json manifests, tsconfig files and what they extend, workspace
 * tool files (project.json, angular.json), and the package.json files TypeScript's resolution reads.
 * Every one is JSON (with comments at most); any other text reads as absent.
 */
export function isLinkText(path: string): boolean {
  return LINK_TEXT.test(path);
}
const LINK_TEXT = /\.jsonc?$/i;

export function buildLink(input: LinkInput): Link {
  const t0 = performance.now();
  const files = new Set(input.files);
  // Every text read is recorded: the resolutions kept for the next build hold only while these are unchanged.
  const reads = new Map<string, string | undefined>();
  const read = (p: string) => {
    // Only JSON texts (manifests, tsconfigs, workspace tool files): what keys a cached rule on the link
    // (`linkTextsDigest`) covers these alone, so a README edit is no input of a rule that reads the link.
    const text = isLinkText(p) ? input.documents.get(p) : undefined;
    reads.set(p, text);
    return text;
  };
  const workspaces = new Map<string, string>();
  for (const p of input.packages) if (p.manifestPath && !p.name.startsWith('(') && !p.name.includes(' (')) workspaces.set(p.name, p.path);
  const tsconfigPaths = input.files.filter((f) => /(^|\/)tsconfig[\w.-]*\.json$/.test(f));
  const { configs, problems } = readTsconfigs(tsconfigPaths, { read, exists: (p) => files.has(p), workspaces });
  const moduleRoots = moduleRootsOf(input.modules, input.packages, read);
  const reuse = input.memory
    ? new LinkReuse(parseMemory(input.memory.previous), linkContext(input.files, workspaces, moduleRoots), read, input.memory.symbolDigests)
    : null;
  const resolver = createResolver({ files: input.files, read, workspaces, tsconfigs: configs, moduleRoots, seed: reuse?.seed });
  const symbols = fileSymbols(input.symbols);
  reuse?.useSymbols(symbols);
  const resolveExport = exportResolver(symbols, resolver);
  const edges = buildEdges(symbols, resolver, resolveExport, reuse ?? undefined);
  // Not kept in the memory of each file's edges: they depend on the `new` sites of every file.
  addFieldEdges(symbols, resolver, resolveExport, edges);

  // Loading a module runs its top-level code and loads what it imports (side-effect imports, require, import()).
  const stats: LinkStats = { imports: 0, resolved: 0, external: 0, unresolved: 0, declarations: 0, edges: 0, ms: 0, routesMs: 0, relinked: reuse ? reuse.relinked : symbols.size };
  const unresolved: Array<{ path: string; spec: string }> = [];
  const loads = new Map<string, Edge[]>();
  const seenImport = new Set<string>();
  for (const r of input.modules) {
    if (r.type !== 'import') continue;
    const k = `${r.path}\0${r.spec}`;
    if (seenImport.has(k)) continue;
    seenImport.add(k);
    stats.imports++;
    const res = resolver.resolve(r.path, r.spec);
    if (res.kind === 'file') {
      stats.resolved++;
      const list = loads.get(r.path) ?? [];
      list.push({ to: keyOf(res.path, MODULE), line: r.line, isNew: false });
      loads.set(r.path, list);
    } else if (res.kind === 'external') stats.external++;
    else {
      stats.unresolved++;
      unresolved.push({ path: r.path, spec: r.spec });
    }
  }

  const sourceOf = (p: string): string | null => {
    if (files.has(p) && /\.[cm]?[jt]sx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p)) return p;
    const stem = p.replace(/\.d\.[cm]?ts$|\.[cm]?jsx?$/, '');
    for (const s of [stem, stem.replace(/(^|\/)(dist|build|lib|out)\//, '$1src/'), `${stem}/index`]) {
      for (const ext of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx']) if (files.has(s + ext)) return s + ext;
    }
    return null;
  };
  const found = findEntries({
    packages: input.packages, wrangler: input.wrangler, files: input.files, read, role: input.role,
    symbols, packageOf: input.packageOf, sourceOf, resolveExport: (path, name) => resolveExport(path, name),
    pluginFolders: input.routes.flatMap((r) => (r.kind === 'use' && r.loader?.dir ? [posix.join(posix.dirname(r.path), r.loader.dir)]
      // A loop loading each module of a folder listing (collect/routes-folders): its folder's files run.
      : r.kind === 'use' && r.loads?.dir ? [posix.join(posix.dirname(r.path), r.loads.dir)] : [])),
  });

  const decls = new Map<string, DeclNode>();
  for (const f of symbols.values()) for (const d of f.decls.values()) decls.set(d.key, d);
  const reverse = new Map<string, Array<{ from: string; line: number; isNew: boolean }>>();
  for (const [from, out] of edges) {
    for (const e of out) {
      stats.edges++;
      const list = reverse.get(e.to) ?? [];
      list.push({ from, line: e.line, isNew: e.isNew });
      reverse.set(e.to, list);
    }
  }
  const framed = framedClasses(symbols, resolver);
  const reachFrom = (roots: Iterable<string>, byName: boolean) => reachable(roots, { edges, loads, symbols, decls, framed }, byName);
  const productionRoots = found.packages.flatMap((p) => p.entries.flatMap((e) => e.keys));
  // Through resolved references only, and also through member names used on receivers verdict could
  // not resolve (`x.stop()` may call any `stop`): what only the second reaches may run, or may not.
  const production = reachFrom(productionRoots, false);
  const productionByName = reachFrom(productionRoots, true);
  const tests = reachFrom(found.testRoots, true);
  const knownPackages = new Set(found.packages.filter((p) => p.known).map((p) => p.package));
  stats.declarations = decls.size;
  stats.ms = Math.round((performance.now() - t0) * 10) / 10;
  let routes: RouteTable | null = null;
  const heldClass = (d: DeclNode): DeclNode | undefined => {
    const h = d.holds;
    if (!h) return undefined;
    if (h.local !== undefined) return decls.get(keyOf(d.path, h.local));
    const file = h.module !== undefined ? resolver.resolveImport(d.path, h.module) : null;
    const t = file ? resolveExport(file, h.name === undefined || h.name === '*' ? 'default' : h.name) : null;
    return t && 'decl' in t && t.decl.kind === 'class' ? t.decl : undefined;
  };
  let started: Map<string, { from: string; line: number } | null> | null = null;
  const startRoots = found.packages.flatMap((p) => p.entries.flatMap((e) => e.starts ?? []));
  const startPackages = new Set(found.packages.filter((p) => p.entries.some((e) => (e.starts ?? []).length > 0)).map((p) => p.package));
  const startedFrom = (): Map<string, { from: string; line: number } | null> => {
    if (started) return started;
    started = new Map();
    const queue: string[] = [];
    for (const r of startRoots) if (!started.has(r)) { started.set(r, null); queue.push(r); }
    while (queue.length > 0) {
      const k = queue.shift()!;
      const path = k.slice(0, k.lastIndexOf('#'));
      const next = [...(edges.get(k) ?? []).filter((e) => e.runs), ...(k.endsWith(`#${MODULE}`) ? loads.get(path) ?? [] : [])];
      for (const e of next) {
        if (started.has(e.to)) continue;
        started.set(e.to, { from: k, line: e.line });
        queue.push(e.to);
      }
    }
    return started;
  };
  const link: Link = {
    startPath(key) {
      const from = startedFrom();
      if (!from.has(key)) return null;
      const steps: Array<{ key: string; line: number }> = [];
      for (let k: string | undefined = key, guard = 0; k !== undefined && guard < 64; guard++) {
        const at = from.get(k);
        steps.unshift({ key: k, line: at?.line ?? 0 });
        k = at?.from;
      }
      return steps;
    },
    startKnown: (pkg) => pkg !== null && startPackages.has(pkg),
    resolveImport: resolver.resolveImport,
    resolution: resolver.resolve,
    resolveExport: (path, name) => resolveExport(path, name),
    resolveName(path, name) {
      const f = symbols.get(path);
      const own = f?.decls.get(name);
      if (own) return { decl: own };
      const imp = f?.imports.get(name);
      if (!imp) return null;
      const file = resolver.resolveImport(path, imp.spec);
      if (!file) return null;
      return imp.imported === '*' ? { module: file } : resolveExport(file, imp.imported);
    },
    decl: (key) => decls.get(key),
    heldClass,
    memberOf(path, root, member) {
      const t = link.resolveName(path, root);
      if (!t) return undefined;
      if ('module' in t) {
        const m = resolveExport(t.module, member);
        return m && 'decl' in m ? m.decl : undefined;
      }
      const cls = t.decl.kind === 'variable' ? heldClass(t.decl) : t.decl;
      return cls ? decls.get(`${cls.path}#${cls.id}.${member}`) : undefined;
    },
    declarations: () => decls.values(),
    callers: (key) => reverse.get(key) ?? [],
    callees: (key) => edges.get(key) ?? [],
    reach(key) {
      if (production.has(key)) return 'production';
      const d = decls.get(key);
      const pkg = d ? input.packageOf(d.path) : null;
      if (pkg === null || !knownPackages.has(pkg) || productionByName.has(key)) return 'unknown';
      return tests.has(key) ? 'tests' : 'none';
    },
    loadsOf: (path) => (loads.get(path) ?? []).map((e) => e.to.slice(0, e.to.lastIndexOf('#'))),
    entries: found.packages,
    unresolved,
    tsconfigProblems: problems,
    // Only the route rules read it: the other readers of the link do not pay for it.
    get routes() {
      if (routes) return routes;
      const t = performance.now();
      routes = buildRouteTable({
        facts: [...input.routes], modules: input.modules, authMiddleware: input.authMiddleware, packageOf: input.packageOf, role: input.role, paymentReturns: input.paymentReturns ?? [],
        edgesOf: (key) => edges.get(key) ?? [],
        rootPlugins: input.packages.flatMap((p) => Object.values(p.scripts).flatMap(fastifyCliTargets)
          .map((f) => sourceOf(posix.normalize(p.path === '.' ? f : posix.join(p.path, f))))).filter((f) => f !== null),
        resolveImport: resolver.resolveImport, resolveExport: (path, name) => resolveExport(path, name),
        dependencyMajor: (file, name) => {
          const pkg = input.packageOf(file);
          const range = input.packages.find((p) => p.name === pkg)?.dependencies?.[name];
          // `^6.7.0`, `~6.1`, `6.x`, `6.2.0`: the major it pins; `>=6`, `*`, a tag or a URL pin none.
          const m = range ? /^\s*[\^~=v]?\s*(\d+)(?:\.[\dx*]+){0,2}\s*$/.exec(range) : null;
          return m ? Number(m[1]) : null;
        },
        memberOf: (path, root, member) => link.memberOf(path, root, member)?.key,
        instanceMember: (key, member) => {
          const d = decls.get(key);
          const cls = d?.kind === 'variable' ? heldClass(d) : d?.kind === 'class' ? d : undefined;
          return cls ? decls.get(`${cls.path}#${cls.id}.${member}`)?.key : undefined;
        },
        reachOf: handlerReach({ files: symbols, edges, symbols: input.symbols, resolveImport: resolver.resolveImport, resolveExport, packageOf: input.packageOf }),
        paidIn: (file, callee) => paidCallIn(callee, (id) => symbols.get(file)?.refs.get(id), (spec) => resolver.resolveImport(file, spec) !== null),
      });
      stats.routesMs = performance.now() - t;
      return routes;
    },
    stats,
    memory: () => (reuse ? reuse.memory(resolver.entries(), resolver.made, reads) : null),
    unreached: (opts) => unreachedFiles({
      files: input.files, packages: input.packages, entries: found.packages, modules: input.modules, unresolved, packageOf: input.packageOf,
      sourceOf, reach: (roots) => reachFrom(roots, true), roots: productionRoots, serving: servingFiles(input.routes),
    }, opts),
  };
  return link;
}

/** Files that build a server app, register a route or listen: the first such line of each. */
function servingFiles(routes: readonly RouteFact[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of routes) {
    if (r.kind !== 'app' && r.kind !== 'route' && r.kind !== 'listen') continue;
    const at = out.get(r.path);
    if (at === undefined || r.line < at) out.set(r.path, r.line);
  }
  return out;
}

/**
 * Classes whose public methods a framework or a base class calls (keys): a class that extends another
 * (the base calls its overrides), implements an interface from outside the repository (`CanActivate`,
 * `OnModuleInit`: the framework calls it), or carries decorators other than a provider's (a
 * controller, a resolver, a processor). A provider (`@Injectable()`) or a class implementing only the
 * repository's own interfaces is called by whoever holds it: by its type, or by name.
 */
function framedClasses(symbols: ReturnType<typeof fileSymbols>, resolver: { resolveImport(from: string, spec: string): string | null }): Set<string> {
  const out = new Set<string>();
  for (const [path, f] of symbols) {
    for (const [id, c] of f.classes) {
      const external = c.implements.some((spec) => spec === '' || (spec !== '.' && resolver.resolveImport(path, spec) === null));
      if (c.extends || external || (c.decorators.length > 0 && !onlyProvider(c.decorators))) out.add(keyOf(path, id));
    }
  }
  return out;
}

/**
 * Every declaration reached from the roots. Reaching a declaration loads its module; reaching a
 * class reaches the methods used by name anywhere reached (a receiver's class is not always known),
 * and all public methods of a class a framework calls (`framedClasses`);
 * reaching an object reaches its members (a handler map).
 */
function reachable(roots: Iterable<string>, g: {
  edges: ReadonlyMap<string, Edge[]>; loads: ReadonlyMap<string, Edge[]>;
  symbols: ReturnType<typeof fileSymbols>; decls: ReadonlyMap<string, DeclNode>; framed: ReadonlySet<string>;
}, byName: boolean): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const names = new Set<string>();
  const waiting = new Map<string, string[]>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    queue.push(k);
  };
  for (const r of roots) visit(r);
  while (queue.length > 0) {
    const k = queue.pop()!;
    const hash = k.lastIndexOf('#');
    const path = k.slice(0, hash);
    const id = k.slice(hash + 1);
    visit(keyOf(path, MODULE));
    for (const e of g.edges.get(k) ?? []) visit(e.to);
    if (id === MODULE) for (const e of g.loads.get(path) ?? []) visit(e.to);
    const d = g.decls.get(k);
    if (!d) continue;
    for (const m of byName ? d.members : []) {
      if (names.has(m)) continue;
      names.add(m);
      for (const w of waiting.get(m) ?? []) visit(w);
      waiting.delete(m);
    }
    const f = g.symbols.get(path);
    if (!f || (d.kind !== 'class' && d.kind !== 'object')) continue;
    const framed = d.kind === 'object' || g.framed.has(d.key);
    for (const m of f.decls.values()) {
      if (!m.id.startsWith(`${d.id}.`)) continue;
      const member = m.id.slice(d.id.length + 1);
      if ((framed && !m.private) || names.has(member)) visit(m.key);
      else waiting.set(member, [...(waiting.get(member) ?? []), m.key]);
    }
  }
  return seen;
}
