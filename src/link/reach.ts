// What a route's handler reaches beyond its own body: the functions of the package it calls, the
// service class its controller is handed by a DI container (`constructor(private users: UserService)`
// then `this.users.create(dto)`, and the repository class that service is handed in turn), and the
// lifecycle hooks of an entity it constructs (`@BeforeInsert() hashPassword()` on `new UserEntity()`).
// Two facts are read there: a password-hashing call (knowledge/accounts: the handler creates an
// account) and a database client package (knowledge/dependencies: the handler reads or writes stored
// data, as a GraphQL query that returns `this.users.find()` does). Declarations of the handler's own
// package are followed, and those of the repository's other packages its resolved calls lead to, a few
// steps deep: past that, nothing is claimed.
import type { BodyFacts } from '../collect/facts/body.js';
import type { SymbolFact } from '../collect/facts/symbols.js';
import type { Located } from '../collect/facts/define.js';
import { hashesPassword, paidCallOf, paidClientOf, type PaidApiKind, INFERENCE_CALLS, inferenceCallOf, isInertExport, paymentConfirmationOf, serviceDependencyOf, writeAdds, writeChangesAccount, writeRecordsEvent } from '../knowledge/index.js';
import { keyOf, type Edge, type FileSymbols, type Target } from './graph.js';
import { callChecksSignature } from './handlers.js';

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

/** A call the handler's declarations reach, and the declaration (`path#id`) that makes it on which line. */
export interface ReachedCall { callee: string; at: string; line: number }

/**
 * What the handler's declarations reach: the first password hash and the first database client met;
 * the first call that checks a sender's signature (a verifier, a constant-time compare, an HMAC a
 * descriptor names: a webhook verified in the service it hands the request to), and the first write
 * to what an account holds (a subscription, a plan, a payment: knowledge/webhooks).
 */
export interface HandlerReach {
  account: AccountCreation | null;
  database: { module: string; at: string } | null;
  /** The first client of any service met (database, cache, queue, search: knowledge/dependencies). */
  service?: { module: string; at: string } | null;
  verifier?: ReachedCall | null;
  accountWrite?: ReachedCall | null;
  /** The first call that asks a payment provider whether the buyer paid (knowledge/payments: a session retrieved, an order captured). */
  confirmation?: ReachedCall | null;
  /** The first write to what an account holds that adds on each run (an insert, an increment: knowledge/payments writeAdds). */
  addingWrite?: ReachedCall | null;
  /** The first write to a table or model named for received events (knowledge/payments writeRecordsEvent). */
  eventRecord?: ReachedCall | null;
  /** The first call met that spends a paid API's quota (knowledge/paid-apis: a model generation, an SMS, an email, a geocoding lookup). */
  paid?: PaidReach | null;
  /** How many declarations of the repository were read: none, and what the handler does is not known here. */
  read?: number;
  /**
   * What the declarations read do to stored data, every one of them followed (none left past the
   * depth or visit limit): `reads` when some SQL they run is a SELECT, or they reach a database
   * client, and nothing they do writes (no
   * ORM write, no SQL but SELECT, no KV put or queue send); `writes` when something does; null when
   * neither is known (nothing read, the walk cut short, SQL text not readable); `none` when every
   * declaration reached was read and resolved and none of them reads or writes stored data, reaches a
   * service client, a package, a paid API, assigns to anything or calls a member verdict could not
   * resolve (a stub that returns a constant or its input).
   */
  effect?: 'reads' | 'writes' | 'none' | null;
}

/** A paid API call reached: the call (`openai.chat.completions.create`), its service and kind, where it is made. */
export interface PaidReach extends ReachedCall { call: string; service: string; kind: PaidApiKind }

/**
 * The paid call a callee text makes, in a file whose declarations are `decls`: resolved to its package
 * (`openai#default#chat#completions#create`, as body facts and collect/symbols name a call on a client the
 * file constructs), or as written on a top-level variable of the file that holds a client the package
 * makes (`client.messages.create` with `const client = twilio(sid, token)`), read through that variable's references.
 */
export function paidCallIn(callee: string, refsOf: (id: string) => ReadonlyArray<{ module?: string; name?: string }> | undefined, resolvesToFile: (spec: string) => boolean): { call: string; service: string; kind: PaidApiKind } | null {
  const hashed = callee.split('#');
  if (hashed.length >= 2 && !hashed[0].startsWith('.') && !resolvesToFile(hashed[0])) {
    const found = paidCallOf(hashed[0], hashed[1], hashed.slice(2));
    return found ? { call: found.call, service: found.api.service, kind: found.api.kind } : null;
  }
  if (hashed.length !== 1) return null;
  const [root, ...path] = callee.split('.');
  if (path.length === 0 || !/^[\w$]+$/.test(root)) return null;
  for (const ref of refsOf(root) ?? []) {
    if (!ref.module || resolvesToFile(ref.module) || !paidClientOf(ref.module, ref.name ?? 'default')) continue;
    const found = paidCallOf(ref.module, ref.name ?? 'default', path);
    if (found) return { call: found.call, service: found.api.service, kind: found.api.kind };
  }
  return null;
}

const MAX_DEPTH = 4;
const INFERENCE_PACKAGES = new Set(INFERENCE_CALLS.map((e) => e.package));
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

export function handlerReach(input: AccountInput) {
  // The types a DI container hands each file's constructors (collect/symbols marks them `injected`).
  const injected = new Map<string, Set<string>>();
  // Classes that extend another: only they have members they do not declare.
  const extending = new Set<string>();
  for (const s of input.symbols) {
    if (s.type === 'decl' && s.kind === 'class' && s.heritage) extending.add(keyOf(s.path, s.id));
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

  /** Follows from the handler's declarations (`path#id`). */
  return (starts: readonly string[]): HandlerReach => {
    const out: HandlerReach = { account: null, database: null, service: null, verifier: null, accountWrite: null, confirmation: null, addingWrite: null, eventRecord: null, paid: null, read: 0 };
    // Tallied over every declaration read (the early return below leaves it unknown).
    let selects = 0, writes = 0, unread = 0;
    // What keeps a handler from being judged a stub: an assignment, a member no class it is handed declares.
    let opaque = 0, resolvedWrites = 0;
    // A write- or effect-shaped call (`this.pets.add(input)`) the call graph resolves to a method of the repository, on its line: that method is read in turn.
    const intoRepository = (key: string, c: { callee: string; line: number }): boolean => {
      const name = c.callee.slice(Math.max(c.callee.lastIndexOf('.'), c.callee.lastIndexOf('#')) + 1);
      return (input.edges.get(key) ?? []).some((e) => e.line === c.line && e.to.endsWith(`.${name}`) && declAt(e.to) !== undefined);
    };
    const asks: string[] = [];
    const imported = new Set<string>();
    const done = () => out.account !== null && out.database !== null && out.service !== null && out.verifier !== null && out.accountWrite !== null;
    const pkg = starts.length > 0 ? input.packageOf(starts[0].slice(0, starts[0].lastIndexOf('#'))) : null;
    const seen = new Set<string>(starts);
    // Declarations reached only through a value (a variable, an object, a module's top level: a router, an
    // auth library's instance built from a config of callbacks): referred to, not shown to be called. A paid
    // call there is not claimed for the handler.
    const throughValue = new Set<string>();
    let frontier = [...starts];
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0 && seen.size < MAX_VISITS; depth++) {
      const next: string[] = [];
      // A call resolved through an import may lead into another package of the repository (a workspace
      // package the handler's package depends on, resolved through its manifest and tsconfig paths): that
      // code runs for the route as much as its own. What is found by name alone stays within the package.
      let from = '';
      const push = (key: string, imported = false) => {
        const path = key.slice(0, key.lastIndexOf('#'));
        if (seen.has(key) || (!imported && input.packageOf(path) !== pkg) || !declAt(key)) return;
        seen.add(key);
        if (throughValue.has(from) || ['variable', 'object', 'module'].includes(declAt(from)?.kind ?? '')) throughValue.add(key);
        next.push(key);
      };
      for (const key of frontier) {
        const path = key.slice(0, key.lastIndexOf('#'));
        const d = declAt(key);
        if (!d) continue;
        const f = input.files.get(path)!;
        from = key;
        out.read!++;
        // A generation asked of a model-inference SDK (knowledge INFERENCE_CALLS) stores nothing, when its package is what the walk imports.
        for (const w of d.writes) {
          const asked = inferenceCallOf(w.callee);
          if (asked) asks.push(asked);
          else writes++;
          if (!asked && intoRepository(key, w)) resolvedWrites++;
        }
        for (const e of d.effects) if (intoRepository(key, e)) resolvedWrites++;
        writes += d.effects.length + d.sql.filter((q) => q.verb !== 'select' && q.verb !== '?').length;
        selects += d.sql.filter((q) => q.verb === 'select').length;
        unread += d.sql.filter((q) => q.verb === '?').length;
        if (!out.paid && !throughValue.has(key)) {
          const refsOf = (id: string) => f.refs.get(id);
          const toFile = (spec: string) => input.resolveImport(path, spec) !== null;
          for (const c of [...d.writes, ...d.effects]) {
            const p = paidCallIn(c.callee, refsOf, toFile);
            if (p) { out.paid = { ...p, callee: c.callee, at: key, line: c.line }; break; }
          }
          for (const ref of out.paid ? [] : f.refs.get(d.id) ?? []) {
            if (!ref.module || toFile(ref.module) || ref.new) continue;
            const p = paidCallOf(ref.module, ref.name ?? 'default', ref.member ? [ref.member] : []);
            if (p) { out.paid = { call: p.call, service: p.api.service, kind: p.api.kind, callee: `${ref.module}#${ref.name ?? 'default'}${ref.member ? `#${ref.member}` : ''}`, at: key, line: ref.line }; break; }
          }
        }
        for (const c of d.checks) if (!out.verifier && callChecksSignature(c.callee) !== null) out.verifier = { callee: c.callee, at: key, line: c.line };
        for (const c of d.checks) if (!out.confirmation && paymentConfirmationOf(c.callee)) out.confirmation = { callee: c.callee, at: key, line: c.line };
        // A write whose callee, or the declaration making it (`PaymentsService.handleEvent`), is named for what an account holds.
        for (const w of d.writes) if (!out.accountWrite && writeChangesAccount(`${d.id}#${w.callee}`)) out.accountWrite = { callee: w.callee, at: key, line: w.line };
        for (const w of d.writes) {
          if (!out.addingWrite && writeAdds(w.callee, Boolean(w.adds)) && writeChangesAccount(w.callee)) out.addingWrite = { callee: w.callee, at: key, line: w.line };
          if (!out.eventRecord && writeRecordsEvent(w.callee)) out.eventRecord = { callee: w.callee, at: key, line: w.line };
        }
        for (const ref of f.refs.get(d.id) ?? []) {
          // An import of a package (not a file of the repository) that hashes a password.
          if (ref.module === undefined || input.resolveImport(path, ref.module)) continue;
          // A file of the repository that could not be resolved, or a package that is no database
          // client (a mailer, a payment SDK): what it does is not known.
          // A framework's decorator or exception (knowledge/inert-exports) changes nothing.
          imported.add(ref.module);
          if (ref.module.startsWith('.') || (serviceDependencyOf(ref.module)?.kind !== 'database' && !isInertExport(ref.module, ref.name) && !INFERENCE_PACKAGES.has(ref.module))) unread++;
          const h = hashesPassword({ module: ref.module, name: ref.name ?? 'default', ...(ref.member ? { member: ref.member } : {}) });
          if (h) out.account ??= { hasher: `${ref.module}.${ref.member ?? ref.name}`, at: key };
          const service = serviceDependencyOf(ref.module);
          if (service) out.service ??= { module: ref.module, at: key };
          if (service?.kind === 'database') out.database ??= { module: ref.module, at: key };
          if (done()) return out;
        }
        for (const e of input.edges.get(key) ?? []) {
          push(e.to, true);
          // A callee the walk does not read (no declaration of the repository for it): what it does is not known.
          if (!seen.has(e.to)) opaque++;
        }
        // `this.users.create(dto)`: a method of the name on a class the file's constructors are handed.
        if (d.assigns) opaque++;
        if (d.members.length > 0) {
          const services = servicesOf(path);
          opaque += d.members.filter((m) => !services.some((svc) => declAt(keyOf(svc.path, `${svc.id}.${m}`)))).length;
          for (const svc of services) {
            const own = d.members.filter((m) => declAt(keyOf(svc.path, `${svc.id}.${m}`)));
            for (const m of own) push(keyOf(svc.path, `${svc.id}.${m}`));
            // A member the class does not declare is inherited (`this.repo.find()` on a class extending an ORM repository).
            if (own.length < d.members.length && extending.has(keyOf(svc.path, svc.id))) push(keyOf(svc.path, svc.id));
          }
        }
        // A constructed entity: the framework calls its decorated methods (`@BeforeInsert()`) on save.
        if (d.kind === 'class') {
          for (const m of f.decls.values()) if (m.id.startsWith(`${d.id}.`) && m.decorators.length > 0) push(m.key);
        }
      }
      frontier = next;
    }
    // Cut short by the limits, and what lies past them is not known: a read-only handler is never claimed then.
    const complete = frontier.length === 0;
    // A read is known from a SELECT run, or from a database client reached (an ORM model, a Prisma
    // service) by declarations none of which makes an ORM write, a state-changing call or SQL but SELECT.
    // An inference call whose package the walk never imported is judged as the write its shape says.
    const asked = asks.filter((p) => imported.has(p)).length;
    writes += asks.length - asked;
    // Nothing at all: every declaration reached read and resolved, its write-shaped calls all into the repository's own methods.
    const none = complete && unread === 0 && opaque === 0 && starts.length > 0 && declAt(starts[0]) !== undefined && asks.length === 0
      && out.database === null && out.service === null && out.paid === null && out.read! > 0 && selects === 0 && writes === resolvedWrites;
    out.effect = writes > 0 ? (none ? 'none' : 'writes') : complete && unread === 0 && (selects > 0 || out.database !== null || asked > 0) ? 'reads' : none ? 'none' : null;
    return out;
  };
}
