// Fields a class's constructor is handed with no declared type (`constructor(repo) { this.repo = repo }`,
// JavaScript's hand-wired layers): what they hold is what the `new` sites hand in
// (`new UserService(new UserRepository(db))`, `new UserService(userRepository)` with an imported
// instance). One pass over the `new` references of the repository collects, per class and argument, the
// classes handed in; `this.repo.update()` then reaches `UserRepository.update` for each of them. A field
// no `new` site resolves keeps only the member name (read by name, as before): no edge is invented.
import { keyOf, type DeclNode, type Edge, type ExportResolver, type FileSymbols } from './graph.js';
import type { Resolver } from './resolve.js';

type Named = { local?: string; module?: string; name?: string };

/** Adds the edges of `this.<field>.<member>` references to `edges` (new arrays: the reused ones are not changed). */
export function addFieldEdges(files: ReadonlyMap<string, FileSymbols>, resolver: Resolver, resolveExport: ExportResolver, edges: Map<string, Edge[]>): number {
  const hasFields = new Set<string>();
  for (const f of files.values()) for (const d of f.decls.values()) if (d.kind === 'class' && d.ctorFields) hasFields.add(d.key);
  if (hasFields.size === 0) return 0;
  /** A class of the repository a reference names: a class, or a variable bound to an instance of one. */
  const classOf = (path: string, t: Named, depth = 0): DeclNode | null => {
    let d: DeclNode | undefined;
    if (t.local !== undefined) d = files.get(path)?.decls.get(t.local);
    else if (t.module !== undefined) {
      const file = resolver.resolveImport(path, t.module);
      // `const UserService = require('./users.service')`: a CommonJS module's value is its default export.
      const r = file ? resolveExport(file, t.name === undefined || t.name === '*' ? 'default' : t.name) : null;
      d = r && 'decl' in r ? r.decl : undefined;
    }
    if (!d) return null;
    if (d.kind === 'class') return d;
    return d.kind === 'variable' && d.holds && depth < 2 ? classOf(d.path, d.holds, depth + 1) : null;
  };
  // Class key -> argument index -> the classes handed in there.
  const handed = new Map<string, Map<number, Set<DeclNode>>>();
  for (const [path, f] of files) {
    for (const refs of f.refs.values()) {
      for (const r of refs) {
        if (!r.new || !r.args) continue;
        const cls = classOf(path, r);
        if (!cls || !hasFields.has(cls.key)) continue;
        let byArg = handed.get(cls.key);
        if (!byArg) handed.set(cls.key, (byArg = new Map()));
        r.args.forEach((a, i) => {
          const c = a.local !== undefined || a.module !== undefined ? classOf(path, a) : null;
          if (!c) return;
          let set = byArg!.get(i);
          if (!set) byArg!.set(i, (set = new Set()));
          set.add(c);
        });
      }
    }
  }
  let added = 0;
  for (const [path, f] of files) {
    for (const [id, refs] of f.refs) {
      const extra: Edge[] = [];
      for (const r of refs) {
        if (r.field === undefined || r.member === undefined) continue;
        const cls = f.decls.get(id.slice(0, id.lastIndexOf('.')));
        const arg = cls?.ctorFields?.find((x) => x.field === r.field)?.arg;
        if (!cls || arg === undefined) continue;
        for (const c of handed.get(cls.key)?.get(arg) ?? []) {
          const m = files.get(c.path)?.decls.get(`${c.id}.${r.member}`);
          if (m) extra.push({ to: m.key, line: r.line, isNew: false });
        }
      }
      if (extra.length === 0) continue;
      const key = keyOf(path, id);
      edges.set(key, [...(edges.get(key) ?? []), ...extra]);
      added += extra.length;
    }
  }
  return added;
}
