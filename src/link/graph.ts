// The call graph: each declaration's references (collect/symbols) joined across files. An import is
// followed to the file the resolver names, then through that file's exports and re-exports (barrels,
// `export *`) to the declaration that defines the name.
import type { Located } from '../collect/facts/define.js';
import type { DeclFact, SymbolFact, SymbolRef } from '../collect/facts/symbols.js';
import type { Resolver } from './resolve.js';

export const MODULE = '<module>';

/** A declaration of the repository: `path#id`. */
export interface DeclNode {
  key: string;
  path: string;
  id: string;
  kind: DeclFact['kind'];
  line: number;
  exports: readonly string[];
  decorators: readonly string[];
  private: boolean;
  /**
   * Member names used on receivers that could not be resolved, and members of a resolved receiver's
   * class that the class does not declare (an interface's, an inherited one): read by name. The call
   * graph adds the latter.
   */
  members: string[];
  /** Where its body reads who the caller is, and the ORM-write-shaped calls it makes (collect/symbols). */
  identity: readonly string[];
  writes: ReadonlyArray<{ callee: string; line: number; adds?: true }>;
  /** The calls of a method some library checks a signature with (collect/symbols `checks`). */
  checks: ReadonlyArray<{ callee: string; line: number }>;
  /** The SQL it runs by first keyword (`?` unread) and its other state-changing calls (collect/symbols `sql`, `effects`). */
  sql: ReadonlyArray<{ verb: string; line: number }>;
  effects: ReadonlyArray<{ callee: string; line: number }>;
  /** It assigns to something (collect/symbols `assigns`). */
  assigns?: true;
  /** A member built by a chain of method calls handed its function: the methods, in order (`input`, `mutation`). */
  builtBy?: readonly string[];
  /** A class's fields set from a constructor parameter with no declared type (collect/symbols `ctorFields`). */
  ctorFields?: ReadonlyArray<{ field: string; arg: number }>;
  /** A variable bound once to `new X(...)`: the class, as a reference names it (collect/symbols `holds`). */
  holds?: { local?: string; module?: string; name?: string };
  /** A `const` string's value, or an object's string members: constants other files read by import. */
  value?: string;
  strings?: Readonly<Record<string, string>>;
  /** A config constant's values in the default configuration, by member path (collect/symbols `defaults`). */
  defaults?: ReadonlyArray<{ member: string; value: string | boolean | null; line: number; text: string; vars?: readonly string[]; when?: ReadonlyArray<{ name: string; set: string | null; value: string | boolean | null }>; namedDefault?: true }>;
}

export interface Edge {
  to: string;
  line: number;
  /** The callee was constructed (`new X()`). */
  isNew: boolean;
  /** Called each time the caller runs, unconditionally (collect/symbols `runs`): the start path follows only these. */
  runs?: true;
}

export interface FileSymbols {
  decls: Map<string, DeclNode>;
  refs: Map<string, SymbolRef[]>;
  exports: Map<string, string>;
  reexports: Array<{ spec: string; name: string; imported: string }>;
  imports: Map<string, { spec: string; imported: string }>;
  /** Each class's heritage and decorators, for the link to decide which of its methods a framework calls. */
  classes: Map<string, { decorators: readonly string[]; extends: boolean; implements: readonly string[] }>;
}

export const keyOf = (path: string, id: string): string => `${path}#${id}`;

export function fileSymbols(facts: ReadonlyArray<Located<SymbolFact>>): Map<string, FileSymbols> {
  const files = new Map<string, FileSymbols>();
  const fileOf = (path: string): FileSymbols => {
    let f = files.get(path);
    if (!f) files.set(path, (f = { decls: new Map(), refs: new Map(), exports: new Map(), reexports: [], imports: new Map(), classes: new Map() }));
    return f;
  };
  for (const r of facts) {
    const f = fileOf(r.path);
    if (r.type === 'decl') {
      f.decls.set(r.id, {
        key: keyOf(r.path, r.id), path: r.path, id: r.id, kind: r.kind, line: r.line, exports: r.exports,
        decorators: r.decorators ?? [], private: r.private === true, members: [...(r.members ?? [])],
        identity: r.identity ?? [], writes: r.writes ?? [], checks: r.checks ?? [], sql: r.sql ?? [], effects: r.effects ?? [], ...(r.assigns ? { assigns: true as const } : {}), ...(r.builtBy ? { builtBy: r.builtBy } : {}), ...(r.holds ? { holds: r.holds } : {}), ...(r.ctorFields ? { ctorFields: r.ctorFields } : {}),
        ...(r.value !== undefined ? { value: r.value } : {}), ...(r.strings ? { strings: r.strings } : {}), ...(r.defaults ? { defaults: r.defaults } : {}),
      });
      f.refs.set(r.id, r.refs);
      for (const e of r.exports) f.exports.set(e, r.id);
      if (r.kind === 'class') f.classes.set(r.id, { decorators: r.decorators ?? [], extends: r.extends === true, implements: r.implements ?? [] });
    } else if (r.type === 'export') f.exports.set(r.name, r.local);
    else if (r.type === 'reexport') f.reexports.push(r);
    else f.imports.set(r.local, { spec: r.spec, imported: r.imported });
  }
  return files;
}

/** A name an import reaches: a declaration, or a whole module (`import * as ns`, `export * as ns`). */
export type Target = { decl: DeclNode } | { module: string } | null;

const MAX_HOPS = 32;
const MAX_STEPS = 20_000;

/** A name's export resolution, and what it read: `track` names the files a computation looked into. */
export interface ExportResolver {
  (path: string, name: string): Target;
  /** Runs `fn` and returns the files whose symbols it (or a remembered look-up it reused) read. */
  track<T>(fn: () => T): { value: T; files: Set<string> };
  /** Counts a file as read by the computations being tracked. */
  touch(path: string): void;
}

export function exportResolver(files: ReadonlyMap<string, FileSymbols>, resolver: Resolver): ExportResolver {
  const memo = new Map<string, Target>();
  // The files each remembered look-up read, so a look-up answered from `memo` still counts them:
  // the link's reuse of a file's edges (link/memory.ts) depends on every file they were resolved through.
  const readBy = new Map<string, string[]>();
  const frames: Array<Set<string>> = [];
  const touch = (path: string): void => {
    for (const f of frames) f.add(path);
  };
  /** The chain being followed (a cycle of `export *` ends it), and whether a look-up met a cycle. */
  const chain = new Set<string>();
  let cycles = 0;
  // Misses that meet cycles are not remembered, so a hostile web of `export *` could make a look-up
  // try every path through it: each look-up from outside has a budget of steps.
  let steps = 0;
  const resolveExport = (path: string, name: string): Target => {
    const key = `${path}\0${name}`;
    if (memo.has(key)) {
      if (frames.length > 0) for (const p of readBy.get(key) ?? []) touch(p);
      return memo.get(key)!;
    }
    if (chain.size === 0) steps = 0;
    if (chain.has(key) || chain.size >= MAX_HOPS || ++steps > MAX_STEPS) {
      cycles++;
      return null;
    }
    chain.add(key);
    const before = cycles;
    const frame = new Set<string>();
    frames.push(frame);
    try {
      const out = find(path, name);
      // A miss that met a cycle may be a hit from another starting point: only what is certain is kept.
      if (out || cycles === before) {
        memo.set(key, out);
        readBy.set(key, [...frame]);
      }
      return out;
    } finally {
      frames.splice(frames.lastIndexOf(frame), 1);
      chain.delete(key);
    }
  };
  const viaImport = (path: string, imp: { spec: string; imported: string }): Target => {
    const target = resolver.resolveImport(path, imp.spec);
    if (!target) return null;
    return imp.imported === '*' ? { module: target } : resolveExport(target, imp.imported);
  };
  const find = (path: string, name: string): Target => {
    touch(path);
    const f = files.get(path);
    if (!f) return null;
    const local = f.exports.get(name);
    if (local !== undefined) {
      const d = f.decls.get(local);
      if (d) return { decl: d };
      const imp = f.imports.get(local);
      if (imp) return viaImport(path, imp);
    }
    for (const r of f.reexports) {
      if (r.name === name && r.imported !== '*') return viaImport(path, { spec: r.spec, imported: r.imported });
      if (r.name === name) return viaImport(path, { spec: r.spec, imported: '*' });
    }
    for (const r of f.reexports) {
      if (r.name !== '*' || name === 'default') continue;
      const t = viaImport(path, { spec: r.spec, imported: name });
      if (t) return t;
    }
    return null;
  };
  const track = <T>(fn: () => T): { value: T; files: Set<string> } => {
    const frame = new Set<string>();
    frames.push(frame);
    try {
      return { value: fn(), files: frame };
    } finally {
      frames.splice(frames.lastIndexOf(frame), 1);
    }
  };
  return Object.assign((path: string, name: string): Target => resolveExport(path, name), { track, touch });
}

/** One file's part of the call graph: its declarations' edges and the member names its references made readable by name. */
export interface FileEdges {
  /** By declaration id, in the file's order. */
  edges: Array<[string, Edge[]]>;
  /** Names `buildEdges` added to a declaration's `members`, by declaration id, in the order added. */
  members: Array<[string, string[]]>;
  /** The files whose symbols the edges were resolved through (the file itself included). */
  reads: string[];
}

/** Reuse of a file's edges from an earlier run (link/memory.ts decides when they still hold). */
export interface EdgeReuse {
  previous(path: string): FileEdges | undefined;
  /** Each file's edges, computed or reused, in file order. */
  keep(path: string, edges: FileEdges, reused: boolean): void;
}

/**
 * The edges of the call graph, by caller key. A reference to a module as a whole (a namespace used
 * without a member) reaches every export of it; a member of a class or object reaches that member
 * when it is declared, else the class or object itself.
 */
export function buildEdges(files: ReadonlyMap<string, FileSymbols>, resolver: Resolver, resolveExport: ExportResolver, reuse?: EdgeReuse): Map<string, Edge[]> {
  const edges = new Map<string, Edge[]>();
  const memberOf = (d: DeclNode, member: string | undefined): string => {
    if (!member) return d.key;
    resolveExport.touch(d.path);
    const m = files.get(d.path)?.decls.get(`${d.id}.${member}`);
    return m ? m.key : d.key;
  };
  /** The class a variable holds (`export const users = new UserService()`), through the variable's file's imports. */
  const classHeld = (d: DeclNode): DeclNode | null => {
    const h = d.holds;
    if (!h) return null;
    resolveExport.touch(d.path);
    if (h.local !== undefined) {
      const c = files.get(d.path)?.decls.get(h.local);
      return c?.kind === 'class' ? c : null;
    }
    const file = h.module !== undefined ? resolver.resolveImport(d.path, h.module) : null;
    const t = file ? resolveExport(file, h.name === undefined || h.name === '*' ? 'default' : h.name) : null;
    return t && 'decl' in t && t.decl.kind === 'class' ? t.decl : null;
  };
  const moduleExports = (path: string): string[] => {
    resolveExport.touch(path);
    const f = files.get(path);
    if (!f) return [];
    return [keyOf(path, MODULE), ...[...f.exports.keys()].flatMap((n) => {
      const t = resolveExport(path, n);
      return t && 'decl' in t ? [t.decl.key] : [];
    })];
  };
  for (const [path, f] of files) {
    const old = reuse?.previous(path);
    if (old) {
      for (const [id, names] of old.members) {
        const d = f.decls.get(id);
        if (d) for (const m of names) if (!d.members.includes(m)) d.members.push(m);
      }
      for (const [id, out] of old.edges) edges.set(keyOf(path, id), out);
      reuse!.keep(path, old, true);
      continue;
    }
    const had = new Map([...f.decls].map(([id, d]) => [id, d.members.length]));
    const own: Array<[string, Edge[]]> = [];
    const { files: reads } = resolveExport.track(() => fileEdges(path, f, own));
    for (const [id, out] of own) edges.set(keyOf(path, id), out);
    const members: Array<[string, string[]]> = [];
    for (const [id, d] of f.decls) if (d.members.length > had.get(id)!) members.push([id, d.members.slice(had.get(id))]);
    reads.add(path);
    reuse?.keep(path, { edges: own, members, reads: [...reads] }, false);
  }
  return edges;

  function fileEdges(path: string, f: FileSymbols, own: Array<[string, Edge[]]>): void {
    for (const [id, refs] of f.refs) {
      const out: Edge[] = [];
      const caller = f.decls.get(id);
      // A member of an instance whose class does not declare it (an interface's, an inherited one):
      // whichever class is behind it at run time, so it is read by name, as an unresolved receiver's is.
      const byName = (member: string | undefined) => {
        if (member && caller && !caller.members.includes(member)) caller.members.push(member);
      };
      for (const r of refs) {
        const isNew = r.new === true;
        const runs = r.runs ? { runs: true as const } : {};
        if (r.local !== undefined) {
          const exact = f.decls.get(r.local);
          const d = exact ?? f.decls.get(r.local.slice(0, r.local.indexOf('.')));
          if (!exact && r.instance) byName(r.local.slice(r.local.indexOf('.') + 1));
          if (d) out.push({ to: d.key, line: r.line, isNew, ...runs });
          continue;
        }
        if (r.module === undefined) continue;
        const file = resolver.resolveImport(path, r.module);
        // A library's class (`Repository` from typeorm): its own method, none of the repository's.
        if (!file) continue;
        let t: Target = r.name === '*' ? { module: file } : resolveExport(file, r.name ?? 'default');
        // `users.update()` on an imported `users = new UserService()`: the class's method, when it declares one.
        const held = r.member && t && 'decl' in t && t.decl.kind === 'variable' ? classHeld(t.decl) : null;
        if (held && memberOf(held, r.member) !== held.key) {
          out.push({ to: t && 'decl' in t ? t.decl.key : held.key, line: r.line, isNew });
          out.push({ to: memberOf(held, r.member), line: r.line, isNew: false, ...runs });
          continue;
        }
        if (r.instance && (!t || !('decl' in t) || t.decl.kind !== 'class' || memberOf(t.decl, r.member) === t.decl.key)) byName(r.member);
        if (t && 'module' in t && r.member) t = resolveExport(t.module, r.member) ?? t;
        else if (t && 'decl' in t) {
          out.push({ to: memberOf(t.decl, r.member), line: r.line, isNew, ...runs });
          continue;
        }
        if (t && 'decl' in t) out.push({ to: t.decl.key, line: r.line, isNew, ...runs });
        else if (t) for (const k of moduleExports(t.module)) out.push({ to: k, line: r.line, isNew: false });
        // A name the target file does not export (a type, a generated re-export): its module still loads.
        else out.push({ to: keyOf(file, MODULE), line: r.line, isNew: false });
      }
      own.push([id, out]);
    }
  }
}
