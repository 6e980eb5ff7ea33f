// NestJS guards judged by what they do when the route carries none of the metadata they read. A roles
// guard written `const roles = reflector.get(ROLES_KEY, ...); if (!roles) return true; ...` checks only
// the routes that carry a decorator setting ROLES_KEY (`@Roles('admin')` -> `SetMetadata(ROLES_KEY, ...)`,
// followed to its definition; the key resolved by the binder), on the method or the class it reads; every
// other route of its chain it lets through, signed in or not. A guard that throws or returns false when
// the metadata is absent is closed by default and is judged as before (collect/routes-nest-meta `opensWithout`).
import type { KindOf, Mw, RouteRecord } from '../collect/facts/routes.js';
import { nestNames, type NestLink, type PlacedGuard } from './nest-metadata.js';

type Ref = { name: string; from: string | null; imported: string | null };
type Candidate = NonNullable<RouteRecord['metadata']>[number];
type Key = KindOf<'nest-metadata'>['key'];

/** What a guard of the route's chain does on this route: lets it through (none of its keys set), or checks it by its metadata (one set, or it refuses without). */
export interface NestGuardDefault { opens: Set<Mw>; checks: Set<Mw> }

export function nestGuardDefaults(metas: ReadonlyArray<KindOf<'nest-metadata'>>, guardFacts: ReadonlyArray<KindOf<'nest-guard'>>, link: NestLink) {
  const { declOf, keyId } = nestNames(link);
  const defs = new Map<string, KindOf<'nest-metadata'>>();
  for (const m of metas) defs.set(`${m.path}#${m.name}`, m);
  const classes = new Map<string, KindOf<'nest-guard'>>();
  for (const g of guardFacts) classes.set(`${g.path}#${g.name}`, g);

  /** A key's identities: its string, and the declaration its name is bound to. */
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
  /**
   * What a guard class's `canActivate` answers when its metadata is absent: the keys it lets every request
   * through without, or refuses without (closed); null when it does neither (or is not read).
   */
  const absentOf = (file: string, ref: Ref, depth: number): { opens: Array<{ ids: string[]; on: readonly string[] }> } | { closed: true } | null => {
    const decl = declOf(file, ref);
    const g = decl ? classes.get(decl) : undefined;
    if (!g) return null;
    if (!g.canActivate) return g.base && depth < 4 ? absentOf(g.path, g.base, depth + 1) : null;
    if (g.closedWithout && g.closedWithout.length > 0) return { closed: true };
    return g.opensWithout && g.opensWithout.length > 0 ? { opens: g.opensWithout.map((o) => ({ ids: idsOf(g.path, o.key), on: o.on })) } : null;
  };
  /** The keys the route's decorators set, each where it is (the decorator's definition followed through its import). */
  const keysOf = (file: string, metadata: readonly Candidate[]): Array<{ ids: string[]; on: string }> => metadata.flatMap((c) => {
    if (c.key) return [{ ids: idsOf(file, c.key), on: c.on }];
    const decl = declOf(file, c);
    const d = decl ? defs.get(decl) : undefined;
    return d && (d.key.value !== undefined || d.key.name) ? [{ ids: idsOf(d.path, d.key), on: c.on }] : [];
  });

  return (file: string, metadata: readonly Candidate[] | undefined, chain: readonly PlacedGuard[]): NestGuardDefault => {
    const out: NestGuardDefault = { opens: new Set(), checks: new Set() };
    const set = keysOf(file, metadata ?? []);
    for (const g of chain) {
      if (g.mw.nest !== 'guard') continue;
      const absent = absentOf(g.file, g.mw, 0);
      if (!absent) continue;
      const carried = 'closed' in absent || absent.opens.some((o) => set.some((s) => o.on.includes(s.on) && s.ids.some((id) => o.ids.includes(id))));
      (carried ? out.checks : out.opens).add(g.mw);
    }
    return out;
  };
}
