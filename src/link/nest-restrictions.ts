// NestJS restrictions resolved against the guards that would enforce them: a decorator on a route (or its
// controller) that sets a value under a key (`@Roles('admin')` -> `SetMetadata(ROLES_KEY, ['admin'])`,
// `Reflector.createDecorator()`, or `@SetMetadata('roles', ...)` in place) restricts the route only when a
// guard of its chain (global, controller, method, or one the decorator applies itself) reads that key,
// for the method or the class the decorator is on. The guards' code decides (collect/routes-nest-meta
// `reads`); a package guard reads none of the app's keys only when knowledge says so, and a guard
// verdict cannot read leaves the restriction unknown, never enforced.
import type { KindOf, RouteRecord } from '../collect/facts/routes.js';
import { readsNoAppMetadata } from '../knowledge/index.js';
import { nestNames, type NestLink, type PlacedGuard } from './nest-metadata.js';

type Ref = { name: string; from: string | null; imported: string | null };
type Candidate = NonNullable<RouteRecord['metadata']>[number];

export interface NestRestriction {
  /** The decorator as written on the route, where, and the key it sets (its string, or the name it is bound to). */
  name: string; on: 'class' | 'method'; line: number; key: string;
  /** The guards of the chain that read the key for where the decorator is. */
  enforcedBy: string[];
  /** The guards whose code verdict could not read: whether they enforce it is unknown. */
  unread: string[];
  /** Every guard of the chain, the decorator's own included. */
  guards: string[];
}

export function nestRestrictions(metas: ReadonlyArray<KindOf<'nest-metadata'>>, guardFacts: ReadonlyArray<KindOf<'nest-guard'>>, link: NestLink) {
  const { declOf, keyId } = nestNames(link);
  const defs = new Map<string, KindOf<'nest-metadata'>>();
  for (const m of metas) defs.set(`${m.path}#${m.name}`, m);
  const classes = new Map<string, KindOf<'nest-guard'>>();
  for (const g of guardFacts) classes.set(`${g.path}#${g.name}`, g);

  type Key = KindOf<'nest-metadata'>['key'];
  /**
   * A key's identities: its string, and the declaration its name is bound to (`ROLES_KEY` is known by
   * its value in its own file, by its declaration in a file that imports it when the value is not kept).
   */
  const idsOf = (file: string, key: Key): string[] => {
    const out: string[] = [];
    const a = keyId(file, key);
    if (a) out.push(a);
    if (key.value !== undefined && key.name) {
      const b = keyId(file, { name: key.name, ...(key.from ? { from: key.from } : {}), ...(key.imported ? { imported: key.imported } : {}) });
      if (b) out.push(b);
    }
    return out;
  };
  /** The keys a guard reads and for what (its base class's too); null when verdict cannot tell. */
  const readsOf = (file: string, ref: Ref, depth: number): Array<{ ids: string[]; on: readonly string[] }> | null => {
    const decl = declOf(file, ref);
    if (decl === null) {
      const base = ref.imported ?? ref.name.replace(/\(.*$/, '');
      return ref.from && readsNoAppMetadata(ref.from, base.replace(/\(.*$/, '')) ? [] : null;
    }
    const g = decl === undefined ? undefined : classes.get(decl);
    // A guard that hands its Reflector to a helper may read any key there.
    if (!g || !g.reads || g.handsReflector) return null;
    const own = g.reads.map((r) => ({ ids: idsOf(g.path, r.key), on: r.on }));
    if (!g.base || depth > 4) return own;
    const base = readsOf(g.path, g.base, depth + 1);
    return base === null ? null : [...own, ...base];
  };

  /** A decorator of the route as a restriction (its definition followed through its import), with the guards it applies; null for another. */
  const restrictionOf = (file: string, c: Candidate): { keys: string[]; shown: string; guards: PlacedGuard[] } | null => {
    if (c.key) {
      if (!c.restricts) return null;
      const ids = idsOf(file, c.key);
      return ids.length > 0 ? { keys: ids, shown: c.key.value ?? c.key.name ?? '?', guards: [] } : null;
    }
    const decl = declOf(file, c);
    const d = decl ? defs.get(decl) : undefined;
    if (!d?.restricts) return null;
    const ids = idsOf(d.path, d.key);
    return ids.length > 0 ? { keys: ids, shown: d.key.value ?? d.key.name ?? d.name, guards: applied(d) } : null;
  };
  const applied = (d: KindOf<'nest-metadata'>): PlacedGuard[] => (d.guards ?? []).map((g) => ({ mw: { ...g, nest: 'guard' as const }, file: d.path }));
  /** The guards other decorators of the route apply (`@Auth()` composing `UseGuards(JwtGuard, RolesGuard)`). */
  const composed = (file: string, metadata: readonly Candidate[]): PlacedGuard[] => metadata.flatMap((c) => {
    if (c.key) return [];
    const decl = declOf(file, c);
    const d = decl ? defs.get(decl) : undefined;
    return d ? applied(d) : [];
  });

  return (file: string, metadata: readonly Candidate[] | undefined, chain: readonly PlacedGuard[]): NestRestriction[] => {
    if (!metadata || metadata.length === 0) return [];
    const out: NestRestriction[] = [];
    const extra = composed(file, metadata);
    for (const c of metadata) {
      const r = restrictionOf(file, c);
      if (!r) continue;
      const guards = [...chain.filter((g) => g.mw.nest === 'guard'), ...extra];
      const enforcedBy: string[] = [];
      // A decorator of the app's own whose definition was not read may compose guards of its own.
      const unread: string[] = chain.filter((g) => g.mw.nest === 'decorator' && g.mw.name !== c.name).filter((g) => {
        const decl = declOf(g.file, g.mw);
        return decl !== null && (decl === undefined || !defs.has(decl));
      }).map((g) => g.mw.name);
      for (const g of guards) {
        const reads = readsOf(g.file, g.mw, 0);
        if (reads === null) unread.push(g.mw.name);
        else if (reads.some((x) => x.ids.some((id) => r.keys.includes(id)) && x.on.includes(c.on))) enforcedBy.push(g.mw.name);
      }
      out.push({ name: c.name, on: c.on, line: c.line, key: r.shown, enforcedBy, unread, guards: [...new Set(guards.map((g) => g.mw.name))] });
    }
    return out;
  };
}
