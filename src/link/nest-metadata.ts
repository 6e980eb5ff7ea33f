// NestJS opt-outs resolved, not named: a decorator on a route (or its controller) lets the caller
// through a guard when the decorator sets a metadata key to true (`SetMetadata(IS_PUBLIC_KEY, true)`,
// followed through its import to its definition) and that guard's `canActivate` reads the same key
// through the Reflector, for the method or the class the decorator is on, and returns true when it is
// set (collect/routes-nest-meta). A decorator called Public that no guard reads opens nothing; one
// called SkipAuth that the guard reads does. Only a guard whose class verdict cannot read, with a
// decorator whose definition it cannot read either, falls back to the decorator's name (knowledge
// PUBLIC_DECORATORS, low confidence).
import type { KindOf, Mw, RouteRecord } from '../collect/facts/routes.js';
import { PUBLIC_DECORATORS } from '../knowledge/index.js';
import type { Target } from './graph.js';

type NestKey = KindOf<'nest-metadata'>['key'];
type Ref = { name: string; from: string | null; imported: string | null };
type Candidate = NonNullable<RouteRecord['metadata']>[number];

export interface NestLink {
  resolveImport(fromFile: string, spec: string): string | null;
  resolveExport(path: string, name: string): Target;
}

/** A guard as a route's chain holds it, with the file its reference is written in. */
export interface PlacedGuard { mw: Mw; file: string }

export interface NestOptOut { name: string; on: 'class' | 'method'; line: number; skipped: PlacedGuard[] }

export function nestOptOuts(metas: ReadonlyArray<KindOf<'nest-metadata'>>, guardFacts: ReadonlyArray<KindOf<'nest-guard'>>, link: NestLink, readFiles: ReadonlySet<string> = new Set()) {
  const decorators = new Map<string, { key: NestKey; path: string }>();
  // A restriction (`@Roles('admin')`) opens nothing: link/nest-restrictions judges it.
  for (const m of metas) if (!m.restricts) decorators.set(`${m.path}#${m.name}`, { key: m.key, path: m.path });
  const classes = new Map<string, KindOf<'nest-guard'>>();
  for (const g of guardFacts) classes.set(`${g.path}#${g.name}`, g);

  const { declOf, keyId } = nestNames(link);
  /** The key a route's decorator sets to true: written in place, or the decorator's definition followed through its import. */
  const candidateKey = (file: string, c: Candidate): string | null => {
    if (c.key) return keyId(file, c.key);
    const decl = declOf(file, c);
    const d = decl ? decorators.get(decl) : undefined;
    return d ? keyId(d.path, d.key) : null;
  };
  /**
   * The keys a guard lets the request through for, and whose metadata it reads; a class without its own
   * `canActivate` runs the one it extends. Null when the guard is a class of the repo verdict cannot read.
   */
  const skipsOf = (file: string, ref: Ref, depth: number): Array<{ id: string | null; on: readonly string[] }> | null => {
    const decl = declOf(file, ref);
    if (decl === null) return []; // a package's guard reads no key of the app's
    const g = decl === undefined ? undefined : classes.get(decl);
    if (!g) return null;
    const own = g.skips.map((s) => ({ id: keyId(g.path, s.key), on: s.on }));
    if (g.canActivate || !g.base || depth > 4) return own;
    return skipsOf(g.path, g.base, depth + 1);
  };
  /** Whether the decorator's definition is a file of the repo verdict read (whatever it sets). */
  const definitionRead = (file: string, c: Candidate): boolean => {
    if (c.key) return true;
    const decl = declOf(file, c);
    return typeof decl === 'string' && readFiles.has(decl.slice(0, decl.lastIndexOf('#')));
  };
  /** Every key some guard class of the repo lets the request through for: the keys that are an opt-out. */
  const readKeys = new Set<string>();
  for (const g of guardFacts) for (const s of g.skips) {
    const id = keyId(g.path, s.key);
    if (id) readKeys.add(id);
  }

  /**
   * The first decorator of the route (the method's before its class's) that lets the caller through one
   * of its guards, and the guards it lets through; with no guard at all, a decorator whose key some guard
   * class of the repo reads (the opt-out changes nothing here, and the finding says so).
   */
  return (file: string, metadata: readonly Candidate[] | undefined, guards: readonly PlacedGuard[]): NestOptOut | null => {
    if (!metadata || metadata.length === 0) return null;
    for (const c of metadata) {
      if (c.restricts) continue;
      const key = candidateKey(file, c);
      const skipped = guards.filter((g) => {
        if (g.mw.nest !== 'guard') return false;
        const skips = skipsOf(g.file, g.mw, 0);
        // A guard class of the repo verdict cannot read: a decorator whose definition was read opens it when
        // its key is one some guard of the repo lets the request through for; only one whose definition
        // was not read either is judged by its name (low confidence).
        if (skips === null) return key !== null ? readKeys.has(key) : !definitionRead(file, c) && PUBLIC_DECORATORS.includes(c.name);
        return key !== null && skips.some((s) => s.id === key && s.on.includes(c.on));
      });
      if (skipped.length > 0) return { name: c.name, on: c.on, line: c.line, skipped };
    }
    if (guards.some((g) => g.mw.nest === 'guard')) return null;
    const open = metadata.find((c) => {
      const key = candidateKey(file, c);
      return key !== null && readKeys.has(key);
    });
    return open ? { name: open.name, on: open.on, line: open.line, skipped: [] } : null;
  };
}

/** How a file's names resolve for NestJS metadata: a reference to its declaration, a key to its identity. */
export function nestNames(link: NestLink) {
  /** The declaration a name of `file` refers to (`path#id`); null for a package's export; undefined when a file of the repo does not resolve. */
  const declOf = (file: string, ref: Ref): string | null | undefined => {
    if (!ref.from) return `${file}#${ref.name}`;
    const target = link.resolveImport(file, ref.from);
    if (!target) return /^[.~]|^@\//.test(ref.from) ? undefined : null;
    const t = link.resolveExport(target, ref.imported ?? ref.name);
    return t && 'decl' in t ? t.decl.key : `${target}#${ref.imported ?? ref.name}`;
  };
  /** A key's identity: its string when known, else the declaration it is bound to. */
  const keyId = (file: string, key: NestKey): string | null => {
    if (key.value !== undefined) return `=${key.value}`;
    if (!key.name) return null;
    const t = key.from ? (() => {
      const target = link.resolveImport(file, key.from);
      return target ? link.resolveExport(target, key.imported ?? key.name) : null;
    })() : link.resolveExport(file, key.name);
    if (t && 'decl' in t) return t.decl.value !== undefined ? `=${t.decl.value}` : `@${t.decl.key}`;
    return key.from ? `@${key.from}#${key.imported ?? key.name}` : `@${file}#${key.name}`;
  };
  return { declOf, keyId };
}
