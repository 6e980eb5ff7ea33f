// The rate limiters the route facts recorded, and whether each is applied: used in its own file, or
// imported by another file (resolved by the link stage: tsconfig paths, barrels, renamed
// re-exports), never by a binding that merely has the same name.
import type { KindOf, RouteFact } from '../collect/facts/routes.js';
import type { Target } from './graph.js';

export interface LimiterEntry {
  path: string;
  line: number;
  name: string;
  lib: string;
  /** Where it is applied: `in its file`, or the file that imports it; null when nothing does. */
  appliedBy: string | null;
}

export interface LimiterImport { path: string; line: number; local: string; from: string; used: boolean }

export interface LimiterInput {
  facts: readonly RouteFact[];
  resolveImport(fromFile: string, spec: string): string | null;
  resolveExport(path: string, name: string): Target;
}

export function limiterTable(input: LimiterInput): { limiters: LimiterEntry[]; imports: LimiterImport[] } {
  const of = <K extends RouteFact['kind']>(k: K) => input.facts.filter((f): f is KindOf<K> => f.kind === k);
  const defined = of('limiter');
  // An exported limiter nothing in its file uses is applied where another file imports it: resolve imports only then.
  let importers: Map<string, string> | null = null;
  const importerOf = (key: string): string | null => {
    if (!importers) {
      importers = new Map();
      for (const i of of('import')) {
        const file = input.resolveImport(i.path, i.from);
        const t = file ? input.resolveExport(file, i.imported) : null;
        if (t && 'decl' in t && !importers.has(t.decl.key)) importers.set(t.decl.key, i.path);
      }
    }
    return importers.get(key) ?? null;
  };
  const limiters = defined.map((l): LimiterEntry => ({
    path: l.path, line: l.line, name: l.name, lib: l.lib,
    appliedBy: l.refs > 0 ? 'in its file' : l.exported ? importerOf(`${l.path}#${l.name}`) : null,
  }));
  const imports = of('limiter-import').map((i): LimiterImport => ({ path: i.path, line: i.line, local: i.local, from: i.from, used: i.refs > 0 }));
  return { limiters, imports };
}
