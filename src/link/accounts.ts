// Whether a route's handler creates an account, from what it does (knowledge/accounts): it reaches a
// password-hashing call in its own body, in the functions of the package it calls, in the service
// class its controller is handed by a DI container (`constructor(private users: UserService)` then
// `this.users.create(dto)`), or in a lifecycle hook of an entity it constructs (`@BeforeInsert()
// hashPassword()` on `new UserEntity()`). Only declarations of the handler's own package are followed,
// a few steps deep: past that, nothing is claimed.
import type { BodyFacts } from '../collect/facts/body.js';
import type { SymbolFact } from '../collect/facts/symbols.js';
import type { Located } from '../collect/facts/define.js';
import { hashesPassword } from '../knowledge/index.js';
import { keyOf, type Edge, type FileSymbols, type Target } from './graph.js';

export interface AccountInput {
  files: ReadonlyMap<string, FileSymbols>;
  edges: ReadonlyMap<string, Edge[]>;
  symbols: ReadonlyArray<Located<SymbolFact>>;
  resolveImport(fromFile: string, spec: string): string | null;
  resolveExport(path: string, name: string): Target;
  packageOf(path: string): string | null;
}

/** Where a handler hashes a password: the module and export called, and the declaration that calls it. */
export interface AccountCreation { hasher: string; at: string }

const MAX_DEPTH = 4;
const MAX_VISITS = 200;

/** The password hash a call text of body facts names (`bcrypt#default#hash`, `argon2#hash`), or null. */
export function hashInCalls(body: BodyFacts | undefined): string | null {
  if (!body) return null;
  for (const b of [body, ...(body.helpers ?? []).map((h) => h.body)]) {
    for (const c of b.calls) {
      const [module, name, member] = c.split('#');
      if (!module || !name || module.startsWith('.')) continue;
      const h = hashesPassword({ module, name, ...(member ? { member } : {}) });
      if (h) return `${module}.${member ?? name}`;
    }
  }
  return null;
}

export function accountReach(input: AccountInput) {
  // The types a DI container hands each file's constructors (collect/symbols marks them `injected`).
  const injected = new Map<string, Set<string>>();
  for (const s of input.symbols) {
    if (s.type !== 'import' || !s.injected) continue;
    let set = injected.get(s.path);
    if (!set) injected.set(s.path, (set = new Set()));
    set.add(s.local);
  }
  const declAt = (key: string) => {
    const hash = key.lastIndexOf('#');
    return input.files.get(key.slice(0, hash))?.decls.get(key.slice(hash + 1));
  };
  /** The class declarations a file's constructors are handed. */
  const servicesOf = (path: string): Array<{ path: string; id: string }> => {
    const out: Array<{ path: string; id: string }> = [];
    const f = input.files.get(path);
    for (const local of injected.get(path) ?? []) {
      const imp = f?.imports.get(local);
      const target = imp ? input.resolveImport(path, imp.spec) : null;
      const t = target && imp ? input.resolveExport(target, imp.imported) : null;
      if (t && 'decl' in t && t.decl.kind === 'class') out.push({ path: t.decl.path, id: t.decl.id });
    }
    return out;
  };

  /** Follows from the handler's declarations; the first password hash met, or null. */
  return (starts: readonly string[]): AccountCreation | null => {
    const pkg = starts.length > 0 ? input.packageOf(starts[0].slice(0, starts[0].lastIndexOf('#'))) : null;
    const seen = new Set<string>(starts);
    let frontier = [...starts];
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0 && seen.size < MAX_VISITS; depth++) {
      const next: string[] = [];
      const push = (key: string) => {
        const path = key.slice(0, key.lastIndexOf('#'));
        if (seen.has(key) || input.packageOf(path) !== pkg || !declAt(key)) return;
        seen.add(key);
        next.push(key);
      };
      for (const key of frontier) {
        const path = key.slice(0, key.lastIndexOf('#'));
        const d = declAt(key);
        if (!d) continue;
        const f = input.files.get(path)!;
        for (const ref of f.refs.get(d.id) ?? []) {
          // An import of a package (not a file of the repository) that hashes a password.
          if (ref.module === undefined || input.resolveImport(path, ref.module)) continue;
          const h = hashesPassword({ module: ref.module, name: ref.name ?? 'default', ...(ref.member ? { member: ref.member } : {}) });
          if (h) return { hasher: `${ref.module}.${ref.member ?? ref.name}`, at: key };
        }
        for (const e of input.edges.get(key) ?? []) push(e.to);
        // `this.users.create(dto)`: a method of the name on a class the file's constructors are handed.
        if (d.members.length > 0) {
          for (const svc of servicesOf(path)) for (const m of d.members) push(keyOf(svc.path, `${svc.id}.${m}`));
        }
        // A constructed entity: the framework calls its decorated methods (`@BeforeInsert()`) on save.
        if (d.kind === 'class') {
          for (const m of f.decls.values()) if (m.id.startsWith(`${d.id}.`) && m.decorators.length > 0) push(m.key);
        }
      }
      frontier = next;
    }
    return null;
  };
}
