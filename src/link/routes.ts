// The route table, built once per run by the link stage from the typed per-file route facts
// (collect/facts/routes): resolves `app.route('/x', sub)`, `app.use('/x', router)` and
// `fastify.register(plugin, { prefix })` across files through imports and exports as the link
// resolves them (tsconfig paths, workspaces, barrels), applies app-level middleware and hooks
// (sub-apps' own `use('*', guard)` included), and judges auth and rate limiting with the pure
// functions of guards.ts and handlers.ts. Rules read it through `routeFacts(ctx)` (rules/shared/routes).
import { posix } from 'node:path';
import type { Located } from '../collect/facts/define.js';
import type { ModuleFact } from '../collect/facts/modules.js';
import { healthOf, joinNestPath, targetsRoute, type KindOf, type Mw, type RouteFact, type RouteRecord, type SwitchRef, type SwitchVia } from '../collect/facts/routes.js';
import type { BodyFacts } from '../collect/facts/body.js';
import type { PaymentReturn } from '../collect/facts/payment-returns.js';
import { authHandlerLibraryOf, type AuthHandlerLibrary, calleeFact, isRefusalResponse, endsInAccounts, exportFact, LIMITER_PACKAGES, nameSaysCallerCheck, nameSaysLimiter, nameSaysSignUp, nameSaysWebhook, nameWords, ormWriteMethods, pathSaysWebhook, STATE_CHANGING_METHODS, sqlExecutorMethods, BINDING_DATA_METHODS, serviceDependencyOf, writeChangesAccount, publicPurposeOf, ROUTER_NAME_WORDS, paymentConfirmationOf, HOOKLESS_WRITES, writeAdds, writeRecordsEvent } from '../knowledge/index.js';
import { bodyGuards, byName, calleeRole, judgeMiddleware, type GuardJudgment } from './guards.js';
import { callTouchesData, captchaGate, type CaptchaGate, checksCaller, exportGuards, healthCalls, limitsRequests, onlyRefuses, ownSessionOnly, readsCaller, skipsAuth, touchesData, verifiesWebhook, webhookOf } from './handlers.js';
import type { Target } from './graph.js';
import { hashInCalls, type AccountCreation, type HandlerReach, type PaidReach, type ReachedCall } from './reach.js';
import type { PaidApiKind } from '../knowledge/index.js';
import { limiterTable, type LimiterEntry, type LimiterImport } from './limiters.js';
import { paymentReturnTo } from './payments.js';
import { nestIdentity } from './nest-identity.js';
import { nestGuardDefaults } from './nest-defaults.js';
import { nestOptOuts, type PlacedGuard } from './nest-metadata.js';
import { nestRestrictions, type NestRestriction } from './nest-restrictions.js';
import { roleCheckOf, type RoleCheck } from './role-checks.js';
import type { RouteEntry, RouteInventory } from '../model/routes.js';
import { pushTo } from '../util/group.js';
import { isTestSide } from '../util/roles.js';
import { PARAM_FRAMEWORK } from '../collect/collectors/routes-registration.js';

export interface RouteTable {
  routes: AssembledRoute[];
  facts: RouteFact[];
  inventory: RouteInventory;
  /** Rate limiters defined in the repository and where each is applied; imports of limiter packages and whether each is used. */
  limiters: LimiterEntry[];
  limiterImports: LimiterImport[];
}

export interface RouteInput {
  facts: RouteFact[];
  modules: ReadonlyArray<Located<ModuleFact>>;
  /** The user's `auth.middleware` names (verdict config). */
  authMiddleware: readonly string[];
  packageOf(path: string): string | null;
  /** Each file's role (util/roles): a test that hands its own app to a registration function is no second caller of it. */
  role?(path: string): string;
  /** The declarations a declaration refers to (the link's call graph), to follow an auth library's instance. */
  edgesOf?(key: string): ReadonlyArray<{ to: string }>;
  /** Files fastify-cli starts (`fastify start app.js`): the instance their default export is given is the root app. */
  rootPlugins?: readonly string[];
  resolveImport(fromFile: string, spec: string): string | null;
  resolveExport(path: string, name: string): Target;
  /** The major version of a dependency of the package a file is in, when its package.json range pins one (`^6.7.0`: 6). */
  dependencyMajor?(file: string, name: string): number | null;
  /** What the declarations (`path#id`) reach within their package: a password hash, a database client (reach.ts). */
  reachOf?(starts: readonly string[]): HandlerReach;
  /** The method a handler names on a value of its file (`controller.update` with `controller = new X()`, or imported): its key (link.memberOf). */
  memberOf?(path: string, root: string, member: string): string | undefined;
  /** A method of a class, or of the class a variable holds an instance of: its key. */
  instanceMember?(key: string, member: string): string | undefined;
  /** The paid API call a callee text of a handler's body makes in its file (reach.ts paidCallIn). */
  paidIn?(file: string, callee: string): { call: string; service: string; kind: PaidApiKind } | null;
  /** Hosted checkouts and the URL each sends the buyer back to (collect/payment-returns). */
  paymentReturns?: ReadonlyArray<Located<PaymentReturn>>;
}

/** The route table and its summary for `inventory.routes`. */
export function buildRouteTable(input: RouteInput): RouteTable {
  const routes = assemble(input);
  const { limiters, imports } = limiterTable(input);
  return { routes, facts: input.facts, inventory: summarise(routes), limiters, limiterImports: imports };
}

export interface AssembledRoute extends RouteEntry {
  /** The mount chain of a sub-router could not be followed: its prefix and guards are unknown. */
  unresolved: boolean;
  /** Unresolved because its package loads modules from a folder verdict could not read: that load, `file:line` and the expression. */
  unreadLoad?: string;
  public: string | null;
  /** A handler whose method says it writes (POST) and whose calls only read (onlyReads): a read, judged as a GET's. */
  readsOnly?: true;
  /** An unguarded handler whose reach was read and resolved to the end and holds no data read or write, service, package, file, queue or assignment (reach.ts effect `none`): a stub. */
  stub?: true;
  signature: boolean;
  health: { claims: readonly string[]; calls: number } | null;
  /**
   * For a GET handler read in place: the first call that reaches a service client (in its body, a
   * function of its file, or, through the link, a file of the repository it calls), and the calls
   * verdict cannot rule out as checks (handlers.ts healthCalls). Both empty: it answers from nothing.
   */
  probeCalls?: { dependency: string | null; open: string[] };
  snippet: string;
  /** The handler tells a request helper to skip its auth check (`{ skipAuth: true }`): public on purpose. */
  authOptOut: boolean;
  /** The callee texts of the handler's first 40 calls, space-separated (`callsOf` splits them). */
  calls: string;
  /** The handler only answers 405/501: the method is not served. */
  refuses: boolean;
  /** A named function of the file the route hands the request to: the line it is declared on. */
  handlerLine?: number;
  /** The handler is an auth library's own catch-all handler (knowledge AUTH_HANDLER_LIBRARIES). */
  authLibrary?: string;
  /** The handler's body was read in place (inline, or a function of its file): its calls are all it makes. */
  inspected: boolean;
  /** The fields of the request a handler read in place reads (`user`, `params`; `*` when it hands the request on), from its body facts. */
  requestFields?: readonly string[];
  /** Role fields the handler read in place sets from the request body (collect's `grants`). */
  grants?: ReadonlyArray<{ field: string; line: number }>;
  /** A limiter in the route's chain that is mounted under a condition off in the default configuration (and none on). */
  limitOff: { name: string; condition: string; path: string; line: number; skips?: true; byVersion?: true; via?: SwitchVia; unknown?: true } | null;
  /** A GraphQL operation (a resolver's query or mutation). */
  graphql: boolean;
  /**
   * The limiters that apply to the route (on by default) and where each is applied: two limiters of one
   * name (`app.use(rateLimit(...))`, `app.use('/auth', rateLimit(...))`) are two. `handler` for one its
   * handler applies; no place for one an auth library builds in.
   */
  limiters: RouteLimiter[];
  /** The webhook provider whose header the handler reads (knowledge/webhooks), or null. */
  webhook: string | null;
  /** The route receives webhooks: a provider's header read, or its path's or handler's name says so. */
  webhookRoute?: true;
  /** Where a webhook's signature is checked outside the handler's body: the call, and the declaration of the repository that makes it (link/reach). */
  verifiedBy?: ReachedCall;
  /** An unverified webhook's first write to what an account holds (a subscription, a plan, a payment), in its body or what it calls. */
  accountWrite?: ReachedCall;
  /** The request is refused unless a CAPTCHA service accepts the visitor's token (in the handler or a middleware of the chain): where it is asked. */
  captcha?: { service: string; path: string; line: number };
  /**
   * A GET the payment provider sends the buyer back to (a checkout's return URL names its path: link/payments):
   * where that checkout is created, the first write to what an account holds the handler makes or reaches,
   * the first call asking the provider whether the buyer paid, and whether any of its code was read.
   */
  paymentReturn?: { from: { path: string; line: number; provider: string; field: string; url: string }; write: ReachedCall | null; confirmation: ReachedCall | null; read: boolean };
  /** A verified webhook whose handler, or what it reaches, writes to what an account holds so that each delivery adds (an insert, an increment) and writes no record of the event. */
  redelivery?: { write: ReachedCall };
  /** A verified webhook none of whose handler's code could be read: whether a redelivery adds again is unknown. */
  redeliveryUnread?: true;
  /** A webhook whose handler verdict could not read (an import it could not follow, a package's): whether it verifies is unknown. */
  handlerUnseen?: true;
  /** The route's path or method is computed (collect: the expression as written): it is listed, never judged. */
  computed?: string;
  /** The handler is what a package's factory returned and no knowledge entry says what it does (`module#export`): listed, never judged. */
  builtBy?: string;
  /** NestJS: the opt-out on the route's method or controller (`@Public()`, resolved by link/nest-metadata), with the guards it lets the caller through. */
  optOut?: { name: string; on: 'class' | 'method'; line: number; guards: string[] };
  /** NestJS: the restrictions on the route (`@Roles('admin')`) and the guards of its chain that read them (link/nest-restrictions). */
  restrictions?: NestRestriction[];
  /** What checks the caller's role or permission beyond authentication: a middleware of the chain, the handler, or nothing seen (link/role-checks). */
  roleCheck: RoleCheck;
  /** An unguarded handler's first call that spends a paid API's quota, in its body or what it reaches (link/reach, knowledge/paid-apis). */
  paid?: PaidReach;
  /** The unguarded handler reads nothing of the request but the caller's own session, and keys every write it makes by it (handlers.ts ownSessionOnly). */
  ownSession?: true;
  /** The handler creates an account: the password hash it reaches and where (accounts.ts); judged only for unguarded POSTs to a collection. */
  createsAccount: AccountCreation | null;
  /**
   * Each middleware of the chain with the module it is imported from and how the route table judged it
   * a guard (`by`: a library descriptor, its body, the user's config, or, last resort, its name), or null
   * when it is no guard; `refuses`: its code (read in place or as the export it imports) can end the
   * request instead of passing it on. What a claim about the chain is checked against.
   */
  steps: Array<{
    name: string; from: string | null; guard: GuardJudgment['by'] | null; refuses: boolean; captcha?: string;
    /** A NestJS guard whose `canActivate` lets every request through when the route carries none of the metadata it reads, as this route does (link/nest-defaults). */
    opens?: true;
    /** A NestJS guard that checks this route by the metadata it reads (the route carries it, or the guard refuses without it): a restriction, not only who the caller is. */
    checks?: true;
  }>;
}

export interface RouteLimiter { name: string; path: string | null; line: number | null }

/**
 * The files of the tree a folder listing takes, relative to the repository: with no pattern, the source
 * files directly in the folder and its sub-folders' index files (what `require(dir + '/' + name)` loads for
 * each name `readdirSync` lists); with a glob, the files it matches under the folder.
 */
export function loadedFiles(files: readonly string[], base: string, pattern: string | null): string[] {
  const dir = base === '.' ? '' : `${base.replace(/\/$/, '')}/`;
  const source = /\.[cm]?[jt]sx?$/;
  const match = pattern === null ? null : globRegExp(pattern);
  return files.filter((f) => {
    if (!f.startsWith(dir) || !source.test(f) || /\.d\.[cm]?ts$/.test(f)) return false;
    const rel = f.slice(dir.length);
    if (match) return match.test(rel);
    const parts = rel.split('/');
    return parts.length === 1 || (parts.length === 2 && /^index\.[cm]?[jt]sx?$/.test(parts[1]));
  });
}

/** A glob pattern (`**`, `*`, `?`, `{a,b}`) as a regular expression over a relative path. */
function globRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      out += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') out += '(?:';
    else if (c === '}') out += ')';
    else if (c === ',') out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Where a middleware is applied, and a limiter whose own skip option is on by default as off there. */
function placed(m: Mw, path: string, line: number): Mw {
  const off = !m.off && m.skipped ? { off: { condition: m.skipped.condition, path, line: m.skipped.line, skips: true as const, ...switchOf(m.skipped) } } : {};
  return m.at ? { ...m, ...off } : { ...m, ...off, at: { path, line } };
}

/** What a skip option decided through the link adds to the limiter's `off` (Mw.off `via`, `unknown`). */
function switchOf(s: NonNullable<Mw['skipped']>): Pick<NonNullable<Mw['off']>, 'byVersion' | 'via' | 'unknown'> {
  return { ...(s.onlyBelow ? { byVersion: true as const } : {}), ...(s.via ? { via: s.via } : {}), ...(s.unresolved ? { unknown: true as const } : {}) };
}

/** A body that can end the request instead of passing it on: answers 401/403, throws, or redirects (knowledge REFUSAL_RESPONSES). */
function refuses(body: BodyFacts): boolean {
  return Boolean(body.denies || body.throws) || body.calls.some(isRefusalResponse);
}

function summarise(routes: AssembledRoute[]): RouteInventory {
  const byFramework: Record<string, number> = {};
  for (const r of routes) byFramework[r.framework] = (byFramework[r.framework] ?? 0) + 1;
  return {
    // Written out rather than `({ unresolved, ...r }) => r`: rest destructuring is slow over 26k routes.
    routes: routes.map((r): RouteEntry => ({
      framework: r.framework, method: r.method, path: r.path, file: r.file, line: r.line, package: r.package, handler: r.handler,
      middleware: r.middleware, auth: r.auth, ...(r.authBy ? { authBy: r.authBy } : {}), rateLimited: r.rateLimited, touchesData: r.touchesData, websocket: r.websocket,
    })),
    summary: {
      total: routes.length, byFramework,
      withoutAuth: routes.filter((r) => needsAuth(r) && !r.auth).length,
      public: routes.filter((r) => r.public).length,
    },
  };
}

/** Routes that read or change data: every non-GET method, and GET/ALL handlers that visibly touch data. */
export function needsAuth(r: AssembledRoute): boolean {
  if (r.public || r.unresolved || r.websocket) return false;
  if (r.method === 'OPTIONS' || r.method === 'HEAD') return false;
  return r.touchesData || !['GET', 'ALL', '?'].includes(r.method);
}

type Node = string; // `${file}#${receiver}`
/** One way a route's node is mounted (link `chains`): the path and middleware from the app at the top, and that app's framework. */
interface Resolution { path: string; mws: Mw[]; unresolved: boolean; framework: string | null }

function assemble(input: RouteInput): AssembledRoute[] {
  const facts = input.facts;
  const kinds = new Map<string, RouteFact[]>();
  for (const f of facts) pushTo(kinds, f.kind, f);
  const byKind = <K extends RouteFact['kind']>(k: K): Array<KindOf<K>> => (kinds.get(k) ?? []) as Array<KindOf<K>>;
  // Fastify decorators by name (`fastify.decorate('authenticate', fn)`), with the package each is made in.
  let decorators: Map<string, Array<{ path: string; mw: Mw }>> | null = null;
  /**
   * A hook naming an app decorator (`onRequest: [fastify.authenticate]`): judged by the body of every
   * function its package decorates the app with under that name (a guard only if each guards), or null
   * when one cannot be read (then its name is the last resort).
   */
  const decoratorJudgment = (m: Mw, file: string): GuardJudgment | null => {
    if (m.from || m.body || m.nest || !m.name.includes('.')) return null;
    if (!decorators) {
      decorators = new Map();
      for (const d of byKind('decorate')) for (const mw of d.middleware) decorators.set(d.name, [...(decorators.get(d.name) ?? []), { path: d.path, mw }]);
    }
    const mine = (decorators.get(m.name.slice(m.name.lastIndexOf('.') + 1)) ?? []).filter((d) => packageOf(d.path) === packageOf(file));
    if (mine.length === 0) return null;
    const judged = mine.map((d) => judgeMiddleware(d.mw, []));
    if (judged.some((j) => j === null || j.by === 'name')) return null;
    return { guard: judged.every((j) => j!.guard), confidence: 'high', by: judged.every((j) => j!.by === 'library') ? 'library' : 'body' };
  };
  const packages = new Map<string, string | null>();
  const packageOf = (file: string): string | null => {
    let pkg = packages.get(file);
    if (pkg === undefined) packages.set(file, (pkg = input.packageOf(file)));
    return pkg;
  };
  const imports = new Map<string, Map<string, { from: string; imported: string }>>();
  for (const i of byKind('import')) {
    let m = imports.get(i.path);
    if (!m) imports.set(i.path, (m = new Map()));
    m.set(i.local, { from: i.from, imported: i.imported });
  }
  const exports = new Map<string, Map<string, string>>();
  // A second record for one export names another candidate (collect: the value an exported function
  // returns, then the app it is given): the one that is an app or router wins (exportedNode).
  const alternates = new Map<string, string>();
  for (const e of byKind('export')) {
    let m = exports.get(e.path);
    if (!m) exports.set(e.path, (m = new Map()));
    if (m.has(e.exported) && m.get(e.exported) !== e.local) alternates.set(`${e.path}#${e.exported}`, e.local);
    else m.set(e.exported, e.local);
  }
  const receivers = new Set<Node>();
  const roots = new Set<Node>();
  for (const a of byKind('app')) {
    receivers.add(`${a.path}#${a.name}`);
    if (a.root) roots.add(`${a.path}#${a.name}`);
  }
  // Each node's framework as its records say; a registration parameter's (collect: PARAM_FRAMEWORK) is its caller's app's.
  const nodeFramework = new Map<Node, string>();
  for (const r of [...byKind('route'), ...byKind('use')]) {
    if (!r.receiver) continue;
    receivers.add(`${r.path}#${r.receiver}`);
    if (!nodeFramework.has(`${r.path}#${r.receiver}`) || nodeFramework.get(`${r.path}#${r.receiver}`) === PARAM_FRAMEWORK) nodeFramework.set(`${r.path}#${r.receiver}`, r.framework);
  }
  for (const a of byKind('app')) if (!nodeFramework.has(`${a.path}#${a.name}`)) nodeFramework.set(`${a.path}#${a.name}`, a.framework);
  for (const file of input.rootPlugins ?? []) {
    const local = exports.get(file)?.get('default');
    if (local) roots.add(`${file}#${local}`);
  }

  // Modules and export bindings as the link stage resolves them: TypeScript's module resolution with
  // each package's tsconfig `paths`, workspace packages, barrels and re-exports.
  const link = input;
  const resolveModule = (fromFile: string, spec: string): string | null => link.resolveImport(fromFile, spec);
  /** The app or router a module's export `name` is: a local export, else through barrels and re-exports. */
  const exportedNode = (target: string, name: string): Node | null => {
    const local = exports.get(target)?.get(name) ?? (name === '*' ? null : name);
    if (local && receivers.has(`${target}#${local}`)) return `${target}#${local}`;
    const other = alternates.get(`${target}#${name}`);
    if (other && receivers.has(`${target}#${other}`)) return `${target}#${other}`;
    if (name === '*') return null;
    const t = link.resolveExport(target, name);
    if (!t || !('decl' in t)) return null;
    const node = `${t.decl.path}#${t.decl.id}`;
    return receivers.has(node) ? node : null;
  };
  /** The app or router a middleware argument names, in this file or the file it is imported from. */
  const resolveNode = (file: string, mw: Pick<Mw, 'name' | 'from' | 'imported'>): Node | null => {
    if (mw.name !== 'require' && receivers.has(`${file}#${mw.name}`)) return `${file}#${mw.name}`;
    const imp = mw.name === 'require' && mw.from ? { from: mw.from, imported: 'default' } : imports.get(file)?.get(mw.name);
    if (!imp) return null;
    const target = resolveModule(file, imp.from);
    return target ? exportedNode(target, imp.imported) : null;
  };

  // A limiter another file builds with a skip option on by default (`export const authLimiter = rateLimit({ skip })`):
  // the file applying it sees only its name, so what its own file read of it is carried over.
  // An option that turns the limiter off only in some versions (`max: 0` below express-rate-limit 7) is in
  // force where the package's range pins such a version; otherwise it is no skip (a version from 7 blocks every request).
  const inForce = (s: NonNullable<Mw['skipped']>, file: string): NonNullable<Mw['skipped']> | null => {
    if (s.ref) return importedSwitch(s, s.ref, file);
    if (!s.onlyBelow) return s;
    const major = input.dependencyMajor?.(file, s.onlyBelow.package) ?? null;
    return major !== null && major < s.onlyBelow.major
      ? { ...s, condition: `${s.condition}: ${s.onlyBelow.package} ${major} lets every request through (0 disables it before ${s.onlyBelow.major}, package.json)` }
      : null;
  };
  // A skip option answering with an imported config value: the export it reaches, decided in the default
  // configuration (collect/symbols `defaults`); one verdict cannot reach or decide leaves the limiter unknown.
  const decideRef = (ref: SwitchRef, file: string): { truthy: boolean; said: string; via: SwitchVia } | null => {
    const target = resolveModule(file, ref.from);
    let t = target ? link.resolveExport(target, ref.imported) : null;
    let members = ref.members;
    if (t && 'module' in t && members.length > 0) [t, members] = [link.resolveExport(t.module, members[0]), members.slice(1)];
    const value = t && 'decl' in t ? t.decl.defaults?.find((d) => d.member === members.join('.')) : undefined;
    if (!t || !('decl' in t) || !value) return null;
    const read = [ref.imported === 'default' ? t.decl.id : ref.imported, ...ref.members].join('.');
    return { truthy: Boolean(value.value), said: `${read} is ${JSON.stringify(value.value ?? undefined) ?? 'undefined'} in the default configuration`, via: { path: t.decl.path, line: value.line, text: value.text } };
  };
  const unresolvedText = (ref: SwitchRef): string => `${ref.imported === 'default' ? '' : `${ref.imported} of `}${ref.from} could not be resolved to a value`;
  const importedSwitch = (s: NonNullable<Mw['skipped']>, ref: SwitchRef, file: string): NonNullable<Mw['skipped']> | null => {
    const { ref: _, ...rest } = s;
    const d = decideRef(ref, file);
    if (!d) return { ...rest, condition: `${s.condition} (${unresolvedText(ref)})`, unresolved: true as const };
    return d.truthy === ref.negate ? null : { ...rest, condition: `${s.condition}: ${d.said}`, via: d.via };
  };
  /** A mount's condition on an imported value (collect `offRef`): off where it does not hold by default, unknown where it cannot be decided. */
  const mountOff = (u: KindOf<'use'>): NonNullable<Mw['off']> | null => {
    if (u.off) return { condition: u.off, path: u.path, line: u.line };
    if (!u.offRef) return null;
    const d = decideRef(u.offRef.ref, u.path);
    if (!d) return { condition: `${u.offRef.condition} (${unresolvedText(u.offRef.ref)})`, path: u.path, line: u.line, unknown: true };
    return d.truthy === u.offRef.ref.negate ? { condition: `${u.offRef.condition}: ${d.said}`, path: u.path, line: u.line, via: d.via } : null;
  };
  const skips = new Map<string, NonNullable<Mw['skipped']>>();
  for (const l of byKind('limiter')) {
    const s = l.skipped ? inForce(l.skipped, l.path) : null;
    if (s) skips.set(`${l.path}#${l.name}`, s);
  }
  const place = (raw: Mw, path: string, line: number): Mw => {
    const own = raw.skipped ? inForce(raw.skipped, path) : null;
    const m = raw.skipped && own !== raw.skipped ? { ...raw, skipped: own ?? undefined } : raw;
    if (!m.skipped) delete m.skipped;
    if (skips.size === 0 || m.skipped || m.off || !m.from || !m.imported) return placed(m, path, line);
    const target = resolveModule(path, m.from);
    const local = target ? exports.get(target)?.get(m.imported) ?? m.imported : null;
    const skipped = target && local ? skips.get(`${target}#${local}`) : undefined;
    // The skip is on the limiter's own line, in its own file: the evidence a reviewer opens.
    return skipped ? { ...m, at: { path, line }, off: { condition: skipped.condition, line: skipped.line, path: target!, skips: true, ...switchOf(skipped) } } : placed(m, path, line);
  };

  /**
   * `ordered`: a Fastify limiter plugin's registration, which hooks the routes added after it (`onRoute`)
   * and so covers only the routes of its context declared or registered after it, whatever Fastify's
   * other hooks do. `hoisted`: made on the instance of a plugin wrapped in fastify-plugin, so its parent's.
   */
  interface Use { node: Node; line: number; prefix: string | null; mws: Mw[]; ordered?: boolean; hoisted?: boolean }
  const uses = new Map<Node, Use[]>();
  const parents = new Map<Node, Array<{ parent: Node; prefix: string; line: number }>>();
  const unresolvedMounts = new Set<string>(); // packages with a mount that could not be followed
  /** A module required in place (`use(require('./auth'))`) that makes no app or router and exports a function read by the collector. */
  const requiredFunction = (file: string, spec: string | null): boolean => {
    const target = spec ? resolveModule(file, spec) : null;
    if (!target || [...receivers].some((n) => n.startsWith(`${target}#`))) return false;
    return input.modules.some((e) => e.type === 'export' && e.path === target && e.name === 'default' && e.body !== undefined);
  };
  for (const u of byKind('use')) {
    const node = `${u.path}#${u.receiver}`;
    const prefix = typeof u.prefix === 'string' ? u.prefix : null;
    const mws: Mw[] = [];
    const off = mountOff(u);
    for (const mw of u.middleware.map((m) => place(off ? { ...m, off } : m, u.path, u.line))) {
      const child = resolveNode(u.path, mw);
      if (child && child !== node) {
        const list = parents.get(child) ?? [];
        list.push({ parent: node, prefix: prefix && prefix !== '*' ? prefix.replace(/\/\*$/, '') : '', line: u.line });
        parents.set(child, list);
      } else if (mw.name === 'require' && !u.register && requiredFunction(u.path, mw.from)) {
        // `router.use(require('./auth'))`: a file of the repo whose export is a function with a body, no router: a middleware.
        mws.push({ ...mw, name: `require('${mw.from}')` });
      } else if ((mw.from?.startsWith('.') || mw.name === 'require') && (u.register || namesRouter(mw.name) || mw.name === 'require')) {
        unresolvedMounts.add(packageOf(u.path) ?? '');
      } else mws.push(mw);
    }
    const ordered = Boolean(u.register) && u.framework === 'fastify' && mws.some((m) => m.perRoute || isLimiter(m));
    pushTo(uses, node, { node, line: u.line, prefix, mws, ...(ordered ? { ordered } : {}), ...(u.hoisted ? { hoisted: true } : {}) });
  }

  // A loop that loads each module a folder listing names and mounts it (`fs.readdirSync(dir).forEach((f) =>
  // app.use(require(join(dir, f)).routes()))`, collect/routes-folders): every module of the tree the listing
  // takes is mounted there, under the loop's prefix (and its file's name where the prefix is made of it). A
  // folder verdict cannot read leaves the package's routers unmounted and says which load it was.
  const knownFiles = [...new Set(facts.map((f) => f.path))];
  const unreadLoads = new Map<string, string>(); // package -> the first load whose folder could not be read
  for (const u of byKind('use')) {
    if (!u.loads) continue;
    const parent = `${u.path}#${u.receiver}`;
    if (u.loads.dir === null) {
      unresolvedMounts.add(packageOf(u.path) ?? '');
      if (!unreadLoads.has(packageOf(u.path) ?? '')) unreadLoads.set(packageOf(u.path) ?? '', `${u.path}:${u.line} loads modules by a computed path verdict could not resolve (${u.loads.text})`);
      continue;
    }
    const base = posix.join(posix.dirname(u.path), u.loads.dir);
    for (const f of loadedFiles(knownFiles, base, u.loads.pattern)) {
      if (f === u.path || (input.role && isTestSide(input.role(f)))) continue;
      const child = exportedNode(f, 'default');
      if (!child || child === parent) continue;
      const stem = posix.basename(f).replace(/\.[cm]?[jt]sx?$/, '').replace(/^index$/, posix.basename(posix.dirname(f)));
      const named = u.loads.named ? u.loads.named.split('{name}').join(stem) : '';
      pushTo(parents, child, { parent, prefix: joinPath(u.prefix && u.prefix !== '*' ? u.prefix.replace(/\/\*$/, '') : '', named), line: u.line });
    }
  }

  // A plugin loader (`@fastify/autoload`) registers every file under its folder as a plugin of the app
  // it is registered on, prefixed by the folder's path below it (unless told not to) and the file's own
  // prefix export; a folder verdict cannot read leaves the package's plugins unmounted, never guessed.
  const pluginNodes = [...byKind('route'), ...byKind('use')].filter((r) => r.framework === 'fastify' && r.receiver);
  for (const u of byKind('use')) {
    if (!u.loader) continue;
    if (u.loader.dir === null) {
      unresolvedMounts.add(packageOf(u.path) ?? '');
      continue;
    }
    const parent = `${u.path}#${u.receiver}`;
    const base = posix.join(posix.dirname(u.path), u.loader.dir);
    const seen = new Set<Node>();
    for (const r of pluginNodes) {
      const child = `${r.path}#${r.receiver}`;
      if (!r.path.startsWith(`${base}/`) || child === parent || roots.has(child) || seen.has(child)) continue;
      seen.add(child);
      const folder = posix.dirname(r.path.slice(base.length + 1));
      const own = link.resolveExport(r.path, u.loader.filePrefixExport);
      const filePrefix = own && 'decl' in own && own.decl.path === r.path ? own.decl.value ?? '' : '';
      const prefix = joinPath(joinPath(u.prefix ?? '', u.loader.folderPrefix && folder !== '.' ? `/${folder}` : ''), filePrefix);
      pushTo(parents, child, { parent, prefix, line: u.line });
    }
  }

  // `registerDeleteMonitor(monitorsApi)`: the function's routes are the app's, as if
  // mounted at its root, and take its middleware. A call that does not resolve is no mount.
  // Only an unambiguous link: two such functions of one file that name their parameter alike (both `app`,
  // so one node) would put routes on the wrong app, and so would a function called with two apps
  // (`registerItems(priv); registerItems(pub)`) unless its node is its own parameter (a registration
  // function of a file that imports no framework, named per function). The rest stay unlinked, judged
  // without the app's middleware.
  const passed = new Map<Node, { parents: Set<Node>; calls: Array<{ parent: Node; line: number }> }>();
  for (const p of byKind('pass')) {
    // A test passing its own app (`registerSecurity(testApp)`) does not make the release call ambiguous.
    if (input.role && isTestSide(input.role(p.path))) continue;
    const parent = `${p.path}#${p.receiver}`;
    const child = resolveNode(p.path, p.callee);
    if (!child || child === parent) continue;
    const at = passed.get(child) ?? { parents: new Set<Node>(), calls: [] };
    if (!at.parents.has(parent)) at.calls.push({ parent, line: p.line });
    at.parents.add(parent);
    passed.set(child, at);
  }
  // A registration function called from several places (`registerRoutes(publicApp)`, `registerRoutes(adminApp)`)
  // is mounted on each caller's app, each route judged there: its node must be that one function's parameter.
  const multiCaller = new Set<Node>();
  for (const [child, { parents: from, calls }] of passed) {
    const hash = child.indexOf('#');
    const local = child.slice(hash + 1);
    const sharing = [...(exports.get(child.slice(0, hash))?.values() ?? [])].filter((l) => l === local).length;
    if (sharing > 1 || (from.size > 1 && nodeFramework.get(child) !== PARAM_FRAMEWORK)) continue;
    if (from.size > 1) multiCaller.add(child);
    for (const { parent, line } of calls) {
      pushTo(parents, child, { parent, prefix: '', line });
      // The parameter IS the caller's app: what the function `use`s on it (`registerSecurity(app)` adding
      // `app.use('/auth', rateLimit(...))`) applies to the caller's routes declared after the call too.
      for (const u of uses.get(child) ?? []) if (u.mws.length > 0) pushTo(uses, parent, { node: parent, line, prefix: u.prefix, mws: u.mws });
    }
  }
  // A plugin wrapped in fastify-plugin shares the context of the app registering it: what it registers
  // (a rate limiter, a hook) is that app's, from the line the plugin is registered at (an autoloaded
  // folder's registration for a file it loads).
  for (const [child, ups] of parents) {
    const own = uses.get(child);
    if (!own?.some((u) => u.hoisted)) continue;
    for (const u of own) if (u.hoisted && u.mws.length > 0) for (const up of ups) pushTo(uses, up.parent, { ...u, node: up.parent, line: up.line, hoisted: false });
    uses.set(child, own.filter((u) => !u.hoisted || u.mws.length === 0));
  }
  // In the order Express runs them: by line (a node's own uses are already in source order; those added through a call sit at the call).
  for (const list of uses.values()) list.sort((a, b) => a.line - b.line);
  // `const app = createApp()`: the factory's own `use` calls apply to every route of the app.
  for (const a of byKind('app')) {
    const f = a.factory;
    if (!f) continue;
    const target = f.from ? resolveModule(a.path, f.from) : a.path;
    if (!target) continue;
    const parent = f.from ? exportedNode(target, f.imported) : receivers.has(`${target}#${f.imported}`) ? `${target}#${f.imported}` : null;
    const child = `${a.path}#${a.name}`;
    if (parent && parent !== child) pushTo(parents, child, { parent, prefix: '', line: Number.MAX_SAFE_INTEGER });
  }
  // An auth library's catch-all handler (`auth.handler`, `toNextJsHandler(auth)`, NextAuth's `handlers`):
  // an adapter imported from the library, or an import of the repository whose declaration reaches,
  // through the call graph (3 steps), a file that imports the library's factory and calls it.
  const factoryImports = new Map<string, AuthHandlerLibrary>();
  for (const m of input.modules) {
    if (m.type !== 'import') continue;
    for (const n of m.names) {
      const lib = authHandlerLibraryOf(m.spec, n);
      if (lib?.as === 'factory') factoryImports.set(m.path, lib.entry);
    }
  }
  const authLibraryOf = (file: string, refs: ReadonlyArray<{ from: string; imported: string }>): AuthHandlerLibrary | null => {
    for (const ref of refs) {
      const direct = authHandlerLibraryOf(ref.from, ref.imported);
      if (direct) return direct.entry;
      const target = resolveModule(file, ref.from);
      const t = target ? link.resolveExport(target, ref.imported) : null;
      if (!t || !('decl' in t)) continue;
      let frontier = [t.decl.key];
      const seen = new Set(frontier);
      for (let depth = 0; depth <= 3 && frontier.length > 0; depth++) {
        const next: string[] = [];
        for (const key of frontier) {
          const lib = factoryImports.get(key.slice(0, key.indexOf('#')));
          if (lib) return lib;
          for (const e of input.edgesOf?.(key) ?? []) if (!seen.has(e.to)) { seen.add(e.to); next.push(e.to); }
        }
        frontier = next;
      }
    }
    return null;
  };
  const defs = new Map<string, KindOf<'route-def'>>();
  for (const d of byKind('route-def')) defs.set(`${d.path}#${d.name}`, d);

  /**
   * Each way the node is mounted: its path and middleware under the app at the top, and that app's
   * framework. A registration function called with several apps is mounted on each; a registration
   * parameter no caller hands an app is no app at all (none).
   */
  const chains = (node: Node, rel: string, line: number, anyOrder: boolean, depth: number): Resolution[] => {
    const local = (uses.get(node) ?? []).filter((u) => ((anyOrder && !u.ordered) || u.line <= line) && applies(u.prefix, rel)).flatMap((u) => u.mws);
    const ups = parents.get(node) ?? [];
    if (ups.length === 0 || depth > 8) {
      if (nodeFramework.get(node) === PARAM_FRAMEWORK) return [];
      const file = node.slice(0, node.indexOf('#'));
      const orphan = !roots.has(node) && (unresolvedMounts.has(packageOf(file) ?? '') || routerKinds.has(node));
      return [{ path: rel, mws: local, unresolved: orphan, framework: nodeFramework.get(node) ?? null }];
    }
    return (multiCaller.has(node) ? ups.slice(0, 4) : ups.slice(0, 1)).flatMap((up) => chains(up.parent, joinPath(up.prefix, rel), up.line, anyOrder, depth + 1)
      .map((outer) => ({ ...outer, mws: [...outer.mws, ...local], framework: outer.framework ?? nodeFramework.get(node) ?? null })));
  };
  // Express routers and Fastify plugin instances are always mounted somewhere: unmounted, their prefix is unknown.
  const routerKinds = new Set<Node>();
  for (const r of byKind('route')) {
    const node = `${r.path}#${r.receiver}`;
    if (r.receiver && !roots.has(node) && (r.framework === 'fastify' || r.framework === 'express' || r.framework === 'koa')) routerKinds.add(node);
  }

  // Exported functions whose body checks the caller (collect/modules): a handler that calls one
  // through an import is guarded by it, as routes are by a `parseRequest(request, schema)` that verifies the caller.
  const guards = new Map<string, Set<string>>();
  // Every export read, guarding or not: an import of one is judged by its code, never by its name.
  const exported = new Map<string, Set<string>>();
  const pushToSet = (map: Map<string, Set<string>>, key: string, value: string): void => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  // Every export whose body was read: a NestJS middleware class among them is judged by its `use`, not its name.
  const bodied = new Map<string, Set<string>>();
  // Every export whose code can end the request (deny, throw, redirect): a step after authentication that authorises.
  const refusers = new Map<string, Set<string>>();
  // Of those, the ones that read the credential from the request: they can stand for a handler.
  const callerChecks = new Map<string, Set<string>>();
  // What each export's body does, by file and name: the body of a handler a route imports.
  const exportBodies = new Map<string, Map<string, BodyFacts>>();
  const plainFunctions = new Map<string, Set<string>>();
  // The line each of those exports is declared on: where a check found in one is cited.
  const exportLines = new Map<string, number>();
  // `export * from './admin'` in lib/auth/index.ts: where a guard is re-exported from (a `withAdmin` helper).
  const reexports = new Map<string, Array<{ spec: string; names: string[] | null }>>();
  for (const e of input.modules) {
    if (e.type === 'import' && e.reexport) pushTo(reexports, e.path, { spec: e.spec, names: e.star ? null : e.names });
    if (e.type !== 'export') continue;
    pushToSet(exported, e.path, e.name);
    if (e.body && refuses(e.body)) pushToSet(refusers, e.path, e.name);
    if (e.body) pushToSet(bodied, e.path, e.name);
    if (e.body) (exportBodies.get(e.path) ?? exportBodies.set(e.path, new Map()).get(e.path)!).set(e.name, e.body);
    // An exported function whose text names no refusal (no 401/403, no denial, no verifier): its body was not kept, and it can refuse no caller.
    else if (e.kind === 'function') pushToSet(plainFunctions, e.path, e.name);
    if (e.body) exportLines.set(`${e.path}#${e.name}`, e.line);
    if (!e.body || !exportGuards(e.body)) continue;
    pushToSet(guards, e.path, e.name);
    // A guard that reads the credential from the request itself can stand for a route's handler
    // (an `updateStatusPrivate` handler reading `c.req.header("Authorization")`).
    if (readsCaller(e.body)) pushToSet(callerChecks, e.path, e.name);
  }
  const exportedFrom = (map: Map<string, Set<string>>, file: string, name: string, depth: number): boolean => {
    if (map.get(file)?.has(name)) return true;
    // The declaration the link stage follows the name to, through barrels and renamed re-exports.
    if (depth === 0) {
      const t = link.resolveExport(file, name);
      if (t && 'decl' in t && t.decl.path !== file) {
        const there = map.get(t.decl.path);
        if (there && (there.has(t.decl.id) || t.decl.exports.some((e) => there.has(e)))) return true;
      }
    }
    if (depth >= 3) return false;
    for (const re of reexports.get(file) ?? []) {
      if (re.names !== null && !re.names.includes(name)) continue;
      const target = resolveModule(file, re.spec);
      if (target && target !== file && exportedFrom(map, target, name, depth + 1)) return true;
    }
    return false;
  };
  const guardsIn = (file: string, name: string, depth: number): boolean => exportedFrom(guards, file, name, depth);
  /** The handler itself is an imported function that checks the request's credential. */
  const handlerChecks = (file: string, handler: string): string | null => {
    // `controller.update` on a namespace import or a `require` of the module: that module's export.
    const dot = handler.indexOf('.');
    const imp = imports.get(file)?.get(dot < 0 ? handler : handler.slice(0, dot));
    if (!imp || (dot >= 0 && imp.imported !== '*' && imp.imported !== 'default')) return null;
    const target = resolveModule(file, imp.from);
    return target && exportedFrom(callerChecks, target, dot < 0 ? imp.imported : handler.slice(dot + 1), 0) ? handler : null;
  };
  /** The body of a handler imported from a file of the repo (`postReset`, `controller.postReset` on a namespace or `require`). */
  const importedBody = (file: string, handler: string): BodyFacts | undefined => {
    const dot = handler.indexOf('.');
    const imp = imports.get(file)?.get(dot < 0 ? handler : handler.slice(0, dot));
    if (!imp || (dot >= 0 && imp.imported !== '*' && imp.imported !== 'default')) return undefined;
    const target = resolveModule(file, imp.from);
    return target ? exportBodies.get(target)?.get(dot < 0 ? imp.imported : handler.slice(dot + 1)) : undefined;
  };
  /** The body of a callee `module#name` a file of the repo exports, and that file. */
  const exportedCallee = (file: string, callee: string): { body: BodyFacts; path: string } | null => {
    const hash = callee.indexOf('#');
    const rest = callee.slice(hash + 1);
    if (hash < 0 || rest.includes('#')) return null;
    const target = resolveModule(file, callee.slice(0, hash));
    const body = target ? exportBodies.get(target)?.get(rest) : undefined;
    return target && body ? { body, path: target } : null;
  };
  /**
   * A handler judged to check its caller only by the name of a call (`findByToken`, `getSession`) whose code
   * the repository exports and verdict reads: judged again without the calls whose bodies check no caller.
   * True when nothing is left: the name was the only evidence, and the code it names refutes it.
   */
  const nameRefuted = (file: string, body: BodyFacts | undefined): boolean => {
    if (!body) return false;
    let refuted = 0;
    const calls = body.calls.filter((c) => {
      const found = exportedCallee(file, c);
      const hash = c.indexOf('#');
      const target = !found && hash > 0 && !c.slice(hash + 1).includes('#') ? resolveModule(file, c.slice(0, hash)) : null;
      // An export whose text names no refusal (no 401/403, no denial, no verifier): it can refuse no caller.
      const plain = target !== null && plainFunctions.get(target)?.has(c.slice(hash + 1)) === true;
      if (!plain && (!found || checksCaller(found.body).yes || bodyGuards(found.body))) return true;
      refuted++;
      return false;
    });
    return refuted > 0 && !checksCaller({ ...body, calls }).yes;
  };
  const gateAt = (g: CaptchaGate | null, where: string) => (g ? { service: g.service, path: g.path ?? where, line: g.line } : null);
  /** A middleware's CAPTCHA gate, read in place or as the export it imports. */
  const stepCaptcha = (file: string, m: Mw): AssembledRoute['captcha'] | null => {
    if (m.body) return gateAt(captchaGate(m.body, (c) => exportedCallee(file, c)), file);
    if (!m.from || !m.imported || m.imported.includes('#')) return null;
    const found = exportedCallee(m.at?.path ?? file, `${m.from}#${m.imported}`);
    return found ? gateAt(captchaGate(found.body, (c) => exportedCallee(found.path, c)), found.path) : null;
  };
  /**
   * A function of another file the handler calls that verifies the sender as a handler would: a
   * provider's shared-secret header (Telegram's secret token) read and a mismatch refused, or a
   * signature checked (link/handlers verifiesWebhook). One call deep, by the export's body.
   */
  const secretCheckedBy = (file: string, handler: string, body: BodyFacts | undefined): ReachedCall | null => {
    if (!body) return null;
    const own = r0File(file, handler);
    for (const c of body.calls) {
      const found = exportedCallee(own, c);
      const name = c.slice(c.indexOf('#') + 1);
      if (found && verifiesWebhook(found.body, webhookOf(found.body)).yes) return { callee: c, at: `${found.path}#${name}`, line: exportLines.get(`${found.path}#${name}`) ?? 1 };
    }
    return null;
  };
  const r0File = (file: string, handler: string): string => handlerFileOf(file, handler) ?? file;
  /** The webhook provider whose header a function of another file the handler calls reads (`fromTelegram(req)`). */
  const calledProvider = (file: string, handler: string, body: BodyFacts | undefined): string | null => {
    const own = r0File(file, handler);
    for (const c of body?.calls ?? []) {
      const found = exportedCallee(own, c);
      const p = found ? webhookOf(found.body) : null;
      if (p) return p.provider;
    }
    return null;
  };
  /** The first CAPTCHA gate of a route: in a middleware of its chain, else in its handler. */
  const captchaOf = (file: string, handler: string, mws: Mw[], body: BodyFacts | undefined): AssembledRoute['captcha'] | null => {
    const at = gateAt;
    for (const m of mws) {
      const g = stepCaptcha(file, m);
      if (g) return g;
    }
    if (!body) return null;
    // An imported handler's calls are relative to its own file.
    const own = body === undefined ? null : handlerFileOf(file, handler);
    return at(captchaGate(body, (c) => exportedCallee(own ?? file, c)), own ?? file);
  };
  /** The file an imported handler is declared in, or null for one of this file. */
  const handlerFileOf = (file: string, handler: string): string | null => {
    const imp = imports.get(file)?.get(handler.split('.')[0]);
    return imp ? resolveModule(file, imp.from) : null;
  };
  const guardCall = (file: string, calls: string, body: BodyFacts | undefined): string | null => {
    // Resolved by scope: `parseRequest(...)` as `./lib/request#parseRequest`.
    for (const c of body?.calls ?? []) {
      const hash = c.indexOf('#');
      if (hash < 0 || !c.startsWith('.') && !c.startsWith('@/') && !c.startsWith('~/')) continue;
      const rest = c.slice(hash + 1).split('#');
      const target = resolveModule(file, c.slice(0, hash));
      if (target && rest.length === 1 && guardsIn(target, rest[0], 0)) return rest[0];
    }
    const own = imports.get(file);
    if (!own) return null;
    for (const c of callsOf({ calls })) {
      const dot = c.indexOf('.');
      // `parseRequest(...)` by its imported name, or `req.parseRequest(...)` through `import * as req`.
      const imp = own.get(dot < 0 ? c : c.slice(0, dot));
      if (!imp || (dot >= 0 && (imp.imported !== '*' || c.indexOf('.', dot + 1) >= 0))) continue;
      const target = resolveModule(file, imp.from);
      if (target && guardsIn(target, dot < 0 ? imp.imported : c.slice(dot + 1), 0)) return c;
    }
    return null;
  };
  /** A middleware or decorator imported from a file of the repo whose export guards a request (collect/modules). */
  const importedGuard = (file: string, m: Mw): boolean => {
    if (!m.from || !m.imported || m.from.startsWith('node:')) return false;
    // Resolved from the file that applies it (a parent app's `use` in another folder), not the route's.
    const target = resolveModule(m.at?.path ?? file, m.from);
    return target !== null && guardsIn(target, m.imported, 0);
  };
  /**
   * A NestJS middleware class a module applies, imported from a file of the repo whose `use` was read:
   * that code decides, where the name alone would have. Resolved from the file that applies it, which
   * need not be the route's.
   */
  const nestBodyJudgment = (m: Mw, routeFile: string): GuardJudgment | null => {
    const from = m.at?.path ?? routeFile;
    if (m.nest !== 'middleware' || !m.from || !m.imported || judgeMiddleware(m, authNames)?.by !== 'name') return null;
    const target = resolveModule(from, m.from);
    if (!target || !exportedFrom(bodied, target, m.imported, 0)) return null;
    return { guard: guardsIn(target, m.imported, 0), confidence: 'high', by: 'body' };
  };
  /** A middleware imported from a file of the repo whose export verdict read (so its code, not its name, says what it does). */
  const exportRead = (file: string, m: Mw): boolean => {
    if (!m.from || !m.imported || m.imported.includes('#')) return false;
    // Resolved from the file that applies it (a parent app's `use` in another folder), not the route's.
    const target = resolveModule(m.at?.path ?? file, m.from);
    return target !== null && exportedFrom(exported, target, m.imported, 0);
  };
  /** A middleware imported from a file of the repo whose export can end the request; `*#name` is a member of a namespace import. */
  const importedRefuses = (file: string, m: Mw): boolean => {
    if (!m.from || !m.imported || m.from.startsWith('node:')) return false;
    // Resolved from the file that applies it (a parent app's `use` in another folder), not the route's.
    const target = resolveModule(m.at?.path ?? file, m.from);
    const name = m.imported.startsWith('*#') ? m.imported.slice(2) : m.imported;
    return target !== null && !name.includes('#') && exportedFrom(refusers, target, name, 0);
  };
  /** The code of a middleware imported from a file of the repo (`requireRole('admin')` is its factory's export), through barrels. */
  const importedMwBody = (file: string, m: Mw): BodyFacts | undefined => {
    if (!m.from || !m.imported || m.from.startsWith('node:')) return undefined;
    const target = resolveModule(m.at?.path ?? file, m.from);
    // `const auth = require('./auth')` binds the module, whose `module.exports = auth` is its default.
    const name = m.imported === '*' ? 'default' : m.imported.startsWith('*#') ? m.imported.slice(2) : m.imported;
    if (target === null || name.includes('#')) return undefined;
    const own = exportBodies.get(target)?.get(name) ?? (plainFunctions.get(target)?.has(name) ? NO_REFUSAL : undefined);
    if (own) return own;
    const t = link.resolveExport(target, name);
    if (!t || !('decl' in t)) return undefined;
    const names = [t.decl.id, ...t.decl.exports];
    return names.map((e) => exportBodies.get(t.decl.path)?.get(e)).find(Boolean) ?? (names.some((e) => plainFunctions.get(t.decl.path)?.has(e)) ? NO_REFUSAL : undefined);
  };
  const authNames = input.authMiddleware.map((n) => n.toLowerCase());
  const nextMw = byKind('next-middleware').filter((m) => nextMiddlewareGuards(m.body));
  // NestJS: the global prefix and app-wide guards (main.ts, a module's APP_GUARD) and the middleware
  // modules apply, each for the Nest app it belongs to: the files under the same `src/` folder
  // (`apps/api/src/` and `apps/worker/src/` of one Nx package are two apps), or the same folder.
  const inApp = (record: RouteFact, file: string) => file.startsWith(nestRoot(record.path)) && packageOf(record.path) === packageOf(file);
  const nestGlobals = byKind('nest-global');
  const nestMiddleware = byKind('nest-middleware');
  const nestGlobalOf = (file: string): { prefix: string | null; guards: Mw[]; placed: PlacedGuard[]; app: Mw[] } => {
    const at = { prefix: null as string | null, guards: [] as Mw[], placed: [] as PlacedGuard[], app: [] as Mw[] };
    for (const g of nestGlobals) {
      if (!inApp(g, file)) continue;
      if (typeof g.prefix === 'string') at.prefix = g.prefix;
      // `app.use(requireToken)` in main.ts runs before every route of the app, ahead of module middleware and guards.
      for (const raw of g.appMiddleware ?? []) at.app.push(place(raw, g.path, g.line));
      for (const raw of g.guards) {
        // Placed once: the opt-out below matches guards by identity.
        const mw = place(raw, g.path, g.line);
        at.guards.push(mw);
        at.placed.push({ mw, file: g.path });
      }
    }
    return at;
  };
  // What a NestJS handler's decorated parameters are of the request, and whether its chain puts the caller there.
  const nestCaller = nestIdentity({
    decorators: byKind('nest-param-decorator'), globals: nestGlobals, imports, resolveModule,
    resolveExport: (f, name) => link.resolveExport(f, name), inApp,
  });
  // Which guards a route's decorators let the caller through, from the decorators' definitions and the guards' code.
  const nestOptOutOf = nestOptOuts(byKind('nest-metadata'), byKind('nest-guard'), link, new Set(input.modules.map((m) => m.path)));
  const nestRestrictionsOf = nestRestrictions(byKind('nest-metadata'), byKind('nest-guard'), link);
  // Which guards of the chain check this route and which let it through, by what their `canActivate` does when its metadata is absent.
  const nestDefaultsOf = nestGuardDefaults(byKind('nest-metadata'), byKind('nest-guard'), link);
  /** The middleware modules apply to a NestJS route: by its controller, or by its path and method. */
  const nestMiddlewareOf = (r: RouteRecord, file: string): Mw[] => {
    const out: Mw[] = [];
    for (const m of nestMiddleware) {
      if (!inApp(m, file)) continue;
      const path = r.url;
      const method = r.method;
      if (targetsRoute(m.excluded, path, method)) continue;
      if (m.controllers.includes(String(r.controller)) || targetsRoute(m.routes, path, method)) out.push(...m.middleware.map((x) => place(x, m.path, m.line)));
    }
    return out;
  };
  // `app.put('/upload', (c, next) => auth(c, next))` then `app.put('/upload', handler)`: a handler that
  // takes `next` is a middleware of the later routes of its path and method (or of every method, for `all`).
  const passing = new Map<string, RouteRecord[]>();
  for (const rec of byKind('route')) if (rec.next && rec.receiver) pushTo(passing, `${rec.path}#${rec.receiver}#${rec.url}`, rec);
  const earlier = (r: RouteRecord): RouteRecord[] => (r.receiver ? passing.get(`${r.path}#${r.receiver}#${r.url}`) ?? [] : [])
    .filter((p) => p.line < r.line && (p.method === r.method || p.method === 'ALL'));
  const passedOn = new Set<string>(); // `${file}:${line}:${method}` of the handlers that are middleware of a later route
  /**
   * What a handler reaches beyond its body: from its declaration (a method of the file,
   * `UserController.create`; an imported function) and the functions of the repository its body
   * calls, followed by the link within the package (reach.ts).
   */
  const reachOf = (r: RouteRecord): HandlerReach => {
    if (!input.reachOf) return { account: null, database: null };
    const starts: string[] = [`${r.path}#${r.handler}`];
    const imp = imports.get(r.path)?.get(r.handler.split('.')[0]);
    const dot = r.handler.indexOf('.');
    if (imp) {
      const target = resolveModule(r.path, imp.from);
      const t = target ? link.resolveExport(target, imp.imported === '*' && dot > 0 ? r.handler.slice(dot + 1) : imp.imported) : null;
      if (t && 'decl' in t) starts.push(t.decl.key);
    }
    // `controller.update` on an instance: the class's method.
    const [root, member, ...more] = r.handler.split('.');
    const held = root && member && more.length === 0 ? input.memberOf?.(r.path, root, member) : undefined;
    if (held && !starts.includes(held)) starts.push(held);
    for (const c of r.body?.calls ?? []) {
      const hash = c.indexOf('#');
      if (hash < 0) {
        // `controller.update(req, reply)` in an arrow that hands the request on.
        const [obj, name, ...tail] = c.split('.');
        const k = obj && name && tail.length === 0 ? input.memberOf?.(r.path, obj, name) : undefined;
        if (k && !starts.includes(k)) starts.push(k);
        continue;
      }
      const rest = c.slice(hash + 1).split('#');
      const target = resolveModule(r.path, c.slice(0, hash));
      // `./users.controller#*#create`: a method of an instance of the module's class.
      const t = target && rest.length <= 2 ? link.resolveExport(target, rest[0] === '*' ? 'default' : rest[0]) : null;
      const k = t && 'decl' in t ? (rest.length === 1 ? t.decl.key : input.instanceMember?.(t.decl.key, rest[1])) : undefined;
      if (k && !starts.includes(k)) starts.push(k);
    }
    return input.reachOf(starts);
  };
  /**
   * Whether a handler only reads stored data: its own body makes no call that writes, runs SQL or
   * changes state some other way, every call it makes into another file of the repository resolves,
   * and what those calls reach runs SELECTs and nothing that writes (reach.ts `effect`). Unknown
   * (an unresolved file, SQL text not readable, the walk cut short) is not read-only.
   */
  const onlyReads = (r: RouteRecord): boolean => {
    // A handler declared in another file (`router.post('/x', controller.x)`): what its declaration,
    // followed through the link, reaches decides; nothing read there, and it is not known.
    if (!r.body) {
      const reach = reachOf(r);
      return (reach.read ?? 0) > 0 && reach.effect === 'reads';
    }
    for (const c of r.body.calls) {
      const hash = c.indexOf('#');
      const method = c.slice(Math.max(c.lastIndexOf('#'), c.lastIndexOf('.')) + 1);
      if (WRITES.has(method) || STATE_CHANGING.has(method) || SQL_EXECUTORS.has(method) || BINDING_DATA_METHODS.includes(method)) return false;
      if (hash < 0) continue;
      const module = c.slice(0, hash);
      // A package's function (a mailer, a payment SDK) may change anything: only a database client's is
      // read here. A workspace package or an alias resolves to a file of the repository and is followed.
      const target = resolveModule(r.path, module);
      if (!target && !module.startsWith('.')) {
        if (serviceDependencyOf(module)?.kind === 'database') continue;
        return false;
      }
      const t = target ? link.resolveExport(target, c.slice(hash + 1).split('#')[0]) : null;
      if (!t || !('decl' in t)) return false;
    }
    return reachOf(r).effect === 'reads';
  };
  /**
   * Whether a handler reaches no data at all: every imported call its body makes resolves to a declaration
   * of the repository, and what the link reaches from it, its own declaration first, was all read and
   * holds nothing (reach.ts effect `none`). Unknown is not nothing.
   */
  const reachesNothing = (r: RouteRecord): boolean => {
    for (const c of r.body?.calls ?? []) {
      const hash = c.indexOf('#');
      // A call on a receiver (`this.pets.add(input)`) is judged by what the link resolves it to (reach.ts reads the handler's own declaration too).
      // A bare name the file does not import (a global, an injected function): not resolved.
      if (hash < 0) {
        if (!c.includes('.')) return false;
        continue;
      }
      const target = resolveModule(r.path, c.slice(0, hash));
      const t = target ? link.resolveExport(target, c.slice(hash + 1).split('#')[0]) : null;
      if (!t || !('decl' in t)) return false;
    }
    if ((r.body?.helpers ?? []).length > 0) return false;
    return reachOf(r).effect === 'none';
  };
  /** What a GET handler's calls could check (handlers.ts healthCalls), its calls into other files followed by the link. */
  const probeCallsOf = (r: RouteRecord): AssembledRoute['probeCalls'] => {
    if (!r.body || !['GET', 'HEAD', 'ALL'].includes(r.method)) return undefined;
    const h = healthCalls(r.body);
    if (h.dependency) return { dependency: h.dependency, open: [] };
    const open = [...h.open];
    for (const c of h.repo) {
      const hash = c.indexOf('#');
      const target = resolveModule(r.path, c.slice(0, hash));
      const t = target ? link.resolveExport(target, c.slice(hash + 1).split('#')[0]) : null;
      const reach = t && 'decl' in t && input.reachOf ? input.reachOf([t.decl.key]) : null;
      if (reach?.service) return { dependency: `${c} (${reach.service.module})`, open: [] };
      if (!reach) open.push(c);
    }
    return { dependency: null, open };
  };
  /** The first paid API call a handler makes: in its body (and the functions of its file it calls), else where it reaches (knowledge/paid-apis). */
  const paidCallOf = (r: RouteRecord): PaidReach | null => {
    for (const b of r.body ? [r.body, ...(r.body.helpers ?? []).map((h) => h.body)] : []) {
      for (const c of b.calls) {
        const p = input.paidIn?.(r.path, c);
        if (p) return { ...p, callee: c, at: `${r.path}#${r.handler}`, line: r.handlerLine ?? r.line };
      }
    }
    return reachOf(r).paid ?? null;
  };
  /** The password hash a handler makes: in its body's calls, else where it reaches. */
  const accountCreation = (r: RouteRecord): AccountCreation | null => {
    const direct = hashInCalls(r.body);
    return direct ? { hasher: direct, at: `${r.path}#${r.handler}` } : reachOf(r).account;
  };
  /**
   * The account write and the payment confirmation a handler's body read in place, or a function of its
   * file it calls, makes itself. A write method called on a model the file imports from the repository
   * (`User.updateOne` on `./models`) writes when what that export reaches is a database client.
   */
  const ownPaymentCalls = (r: RouteRecord): { write: ReachedCall | null; confirmation: ReachedCall | null } => {
    const calls = (r.body ? [r.body, ...(r.body.helpers ?? []).map((h) => h.body)] : []).flatMap((b) => b.calls);
    const at = (callee: string): ReachedCall => ({ callee, at: `${r.path}#${r.handler}`, line: r.handlerLine ?? r.line });
    const c = calls.find((x) => paymentConfirmationOf(x));
    const modelWrite = calls.find((x) => {
      // `./models#User#updateOne`: a method of an export of a file of the repository.
      const [module, name, method, ...rest] = x.split('#');
      if (!module?.startsWith('.') || !name || !method || rest.length > 0 || !MODEL_WRITES.has(method) || !writeChangesAccount(x)) return false;
      const target = resolveModule(r.path, module);
      const t = target ? link.resolveExport(target, name) : null;
      return Boolean(t && 'decl' in t && input.reachOf?.([t.decl.key]).database);
    });
    return { write: ownAccountWrite(r) ?? (modelWrite ? at(modelWrite) : null), confirmation: c ? at(c) : null };
  };
  /** A route a checkout's return URL names: what its handler writes and whether it asks the provider first (knowledge/payments). */
  const paymentReturnOf = (r: RouteRecord, path: string): AssembledRoute['paymentReturn'] => {
    const from = paymentReturnTo(input.paymentReturns ?? [], path);
    if (!from) return undefined;
    const reach = reachOf(r);
    const own = ownPaymentCalls(r);
    return {
      from: { path: from.path, line: from.line, provider: from.provider, field: from.field, url: from.url },
      write: own.write ?? reach.accountWrite ?? null, confirmation: own.confirmation ?? reach.confirmation ?? null,
      read: r.body !== undefined || (reach.read ?? 0) > 0,
    };
  };
  // A NestJS gateway runs behind what its app's WebSocket adapter installs on every server (`server.use(...)` in `createIOServer`).
  const adapters = byKind('nest-ws-adapter');
  const behindAdapter = (r: RouteRecord): RouteRecord => {
    if (r.framework !== 'nestjs' || !r.websocket || adapters.length === 0) return r;
    const mine = adapters.filter((a) => packageOf(a.path) === packageOf(r.path));
    if (mine.length === 0) return r;
    const upgrade = r.socket?.upgrade ?? mine.find((a) => a.upgrade)?.upgrade;
    const extra = mine.flatMap((a) => a.middleware.map((m) => placed(m, a.path, a.line)));
    return { ...r, middleware: [...r.middleware, ...extra], socket: { ...(r.socket ?? { options: [] }), ...(upgrade ? { upgrade } : {}) } };
  };
  const out: AssembledRoute[] = [];
  for (const rec of byKind('route')) {
    const r = behindAdapter(withDefinition(rec, defs, resolveModule));
    const file = r.path;
    const url = r.url;
    const before = earlier(rec);
    for (const p of before) passedOn.add(`${p.path}:${p.line}:${p.method}`);
    const global = r.framework === 'nestjs' ? nestGlobalOf(file) : undefined;
    // `@Public()` on the method or its controller: the guards that read its metadata let the caller
    // through (global ones and the controller's own); module middleware cannot read it and still runs.
    const optOut = global ? nestOptOutOf(file, r.metadata, [...global.placed, ...r.middleware.map((mw) => ({ mw, file }))]) : null;
    const through = new Set(optOut?.skipped.map((g) => g.mw));
    const restrictions = global ? nestRestrictionsOf(file, r.metadata, [...global.placed, ...r.middleware.map((mw) => ({ mw, file }))]) : [];
    const defaults = global ? nestDefaultsOf(file, r.metadata, [...global.placed, ...r.middleware.map((mw) => ({ mw, file }))]) : null;
    const routeMws = through.size > 0 ? r.middleware.filter((m) => !through.has(m)) : r.middleware;
    const written = routeMws.map((m) => place(m, file, r.line));
    // The same guards as the chain holds them (a route's own are placed above; the app's are placed once).
    const opensHere = new Set<Mw>();
    const checksHere = new Set<Mw>();
    if (defaults) {
      routeMws.forEach((m, i) => {
        if (defaults.opens.has(m)) opensHere.add(written[i]);
        if (defaults.checks.has(m)) checksHere.add(written[i]);
      });
      for (const g of global?.guards ?? []) {
        if (defaults.opens.has(g)) opensHere.add(g);
        if (defaults.checks.has(g)) checksHere.add(g);
      }
    }
    const own = before.length === 0 ? written : [...before.map((p): Mw => ({ name: p.handler, from: null, imported: null, at: { path: p.path, line: p.line }, ...(p.body ? { body: p.body } : {}) })), ...written];
    const resolutions: Resolution[] = r.receiver
      ? chains(`${file}#${r.receiver}`, url, r.line, r.framework === 'fastify', 0)
      : [{ path: global?.prefix ? joinNestPath(global.prefix, url) : url, mws: global ? [...global.app, ...nestMiddlewareOf(r, file), ...global.guards.filter((g) => !through.has(g))] : [] as Mw[], unresolved: false, framework: null }];
    for (const resolved of resolutions) {
      const framework = r.framework === PARAM_FRAMEWORK ? resolved.framework ?? r.framework : r.framework;
      const chained: Mw[] = own.length === 0 ? resolved.mws : resolved.mws.length === 0 ? own : [...resolved.mws, ...own];
      // `jwt(...).unless({ path })`: a middleware skipped for this route's path is not in its chain.
      const { mws, unreadException } = exceptUnless(chained, resolved.path);
      const calls = r.calls;
      const handler = handlerOf(r, optOut?.on ?? null);
      const limits = limitingSteps(mws);
      const authLib = r.handlerImports ? authLibraryOf(file, r.handlerImports) : null;
      // Each middleware judged from what can be read of it; an import from a file of the repo by that
      // file's export; a name only when its code cannot be read (low confidence, said in the inventory).
      // A Nest guard that lets through every route without its metadata guards none of those, whatever its name says.
      const judgments = mws.map((m): GuardJudgment | null => (opensHere.has(m) ? { guard: false, confidence: 'high', by: 'body' }
        : checksHere.has(m) ? { guard: true, confidence: 'high', by: 'body' } : nestBodyJudgment(m, file) ?? judgeMiddleware(m, authNames) ?? decoratorJudgment(m, file)));
      let authBy: GuardJudgment['by'] | null = null;
      let at = judgments.findIndex((j) => j?.guard);
      if (at >= 0) authBy = judgments[at]!.by;
      // A guard exported by a file of the repo, for what only a name had judged (a NestJS decorator of the app's own).
      if (at < 0 && guards.size > 0) {
        at = mws.findIndex((m, i) => (judgments[i] === null || judgments[i]!.by === 'name') && importedGuard(file, m));
        if (at >= 0) authBy = 'body';
      }
      if (at < 0) {
        at = mws.findIndex((m, i) => judgments[i] === null && !exportRead(file, m) && byName(m).guard);
        if (at >= 0) authBy = 'name';
      }
      // Every step judged the way the first guard is found above, so a later step (an authorisation after
      // the authentication) is known for what it is too.
      const steps = mws.map((m, i) => ({
        name: m.name, from: m.from,
        refuses: m.body ? refuses(m.body) : importedRefuses(file, m),
        guard: judgments[i]?.guard ? judgments[i]!.by
          : opensHere.has(m) ? null
          : (judgments[i] === null || judgments[i]!.by === 'name') && guards.size > 0 && importedGuard(file, m) ? 'body' as const
            : judgments[i] === null && !exportRead(file, m) && byName(m).guard ? 'name' as const : null,
        ...captchaStep(stepCaptcha(file, m)),
        ...(opensHere.has(m) ? { opens: true as const } : {}),
        ...(checksHere.has(m) ? { checks: true as const } : {}),
      }));
      let auth = at >= 0 ? mws[at].name : null;
      if (!auth && handler.checksCaller && !(handler.checksCallerByName && !r.preamble && nameRefuted(file, r.body))) [auth, authBy] = ['check in handler', handler.checksCallerByName ? 'name' : 'body'];
      // The handler's calls, or the handler itself when it is an imported function that checks the
      // caller (`checkerRoute.post('/updateStatusPrivate', updateStatusPrivate)`).
      if (!auth && !handler.authOptOut && guards.size > 0) {
        auth = guardCall(file, calls, r.body) ?? handlerChecks(file, r.handler);
        if (auth) authBy = 'body';
      }
      if (!auth && authNames.length) {
        auth = callsOf({ calls }).find((c) => authNames.includes(c.toLowerCase()) || authNames.includes((c.split('.').pop() ?? c).toLowerCase())) ?? null;
        if (auth) authBy = 'config';
      }
      if (!auth && r.framework === 'next' && nextMw.some((m) => packageOf(m.path) === packageOf(file) && matches(m.matchers, resolved.path))) [auth, authBy] = ['middleware.ts', 'body'];
      // A sign-up is decided by what the handler does: an unguarded POST to a collection that hashes a password for storage.
      const createsAccount = !auth && r.method === 'POST' && !hasParameter(resolved.path) ? accountCreation(r) : null;
      // A GraphQL operation's body is mostly a call into the service the resolver is handed: what that
      // service reaches (its ORM repository) says whether the operation reads stored data.
      const touches = handler.touchesData || (Boolean(r.graphql) && !auth && reachOf(r).database !== null);
      // A POST that carries a query in its body (`POST /search`) changes nothing when its handler and
      // every call it reaches only read: an unguarded read, judged as a GET's is, not a state change.
      const readsOnly = !auth && !['GET', 'ALL', '?', 'HEAD', 'OPTIONS'].includes(r.method) && !r.graphql && onlyReads(r);
      // A handler that returns a constant or its own input, everything it calls read and resolved: it reaches no data.
      // The body's calls judged by name (`this.pets.add`, touchesData) give way to what the link resolves them to.
      const stub = !auth && !readsOnly && !r.graphql && !r.websocket && reachesNothing(r);
      // What an unguarded handler changes, when it is keyed only by the caller's own session (handlers.ts).
      const ownBody = auth ? undefined : r.body ?? importedBody(file, r.handler);
      // A NestJS handler reads its request through decorated parameters: `@CurrentUser() user` is the
      // caller only where the chain puts one there (a guard, a session library on the app).
      const handlerBody = ownBody && r.framework === 'nestjs' ? nestCaller.resolve(file, ownBody) : ownBody;
      // A webhook's signature may be checked in the function or service the handler hands the request to,
      // in another file: followed through the call graph (link/reach). What an unverified one writes says
      // how bad a forged event is; a handler none of whose code could be read is unknown, not unverified.
      // The provider's header read by an imported handler (`stripeEvents` reading `stripe-signature`) says so too.
      const provider = handler.webhook ?? (r.body === undefined && handlerBody ? webhookOf(handlerBody)?.provider ?? null : null) ?? calledProvider(file, r.handler, handlerBody);
      const webhookRoute = provider !== null || pathSaysWebhook(resolved.path) || nameSaysWebhook(r.handler);
      const webhookReach = webhookRoute && !auth ? reachOf(r) : null;
      const verifiedBy = webhookReach && !handler.signature ? webhookReach.verifier ?? secretCheckedBy(file, r.handler, handlerBody) : null;
      const signature = handler.signature || verifiedBy !== null;
      const accountWrite = webhookReach && !signature ? webhookReach.accountWrite ?? ownAccountWrite(r) : null;
      // A public create route gated by a CAPTCHA check (knowledge/captcha), in a middleware or the handler.
      const captcha = auth ? null : captchaOf(file, r.handler, mws, handlerBody);
      // A verified webhook (its signature checked, or its handler judged to check the caller) whose handler adds on
      // each delivery (an insert, an increment) and records no event: a redelivery adds again.
      const redeliveryReach = webhookRoute && (signature || auth) ? webhookReach ?? reachOf(r) : null;
      const redelivery = redeliveryReach ? redeliveryOf(r, redeliveryReach) : null;
      // None of its code read: whether a redelivery adds again is not decided.
      const redeliveryUnread = redeliveryReach !== null && !redelivery && handlerBody === undefined && (redeliveryReach.read ?? 0) === 0;
      const paymentReturn = ['GET', 'ALL'].includes(r.method) && !resolved.unresolved ? paymentReturnOf(r, resolved.path) : undefined;
      const handlerUnseen = webhookReach !== null && !signature && handlerBody === undefined && (webhookReach.read ?? 0) === 0;
      const ownSession = handlerBody !== undefined && ownSessionOnly(handlerBody) && (r.framework !== 'nestjs' || nestCaller.established(file, handlerBody, mws));
      // A handler a package builds (`export const { GET, POST } = createRouteHandler(...)`) that no
      // knowledge entry describes and nothing in the chain guards: what it checks is not readable here,
      // so the route is listed, not judged (the route rules say unknown for it, naming the file).
      const factory = r.handlerFactory;
      const builtBy = !auth && !authLib && factory && resolveModule(file, factory.from) === null && !calleeFact(`${factory.from}#${factory.imported}`)
        ? `${factory.from}${factory.imported === 'default' ? '' : `#${factory.imported}`}` : undefined;
      // A computed path (`app[r.method](r.path, ...)`, `` `/${name}` ``): which `use(prefix, ...)` applies is unknown too.
      // A middleware skipped for paths verdict cannot read (`unless({ custom: fn })`): whether it runs here is unknown.
      const unresolved = resolved.unresolved || r.computed !== undefined || builtBy !== undefined || unreadException !== null;
      // What an unguarded handler spends of a paid API (a model generation, an SMS, an email): anyone can spend it.
      const paid = auth || r.websocket ? null : paidCallOf(r);
      out.push({
        framework, method: r.method, path: r.computed !== undefined ? `?{${r.computed}}` : resolved.unresolved ? `?${resolved.path}` : resolved.path,
        file, line: r.line, package: packageOf(file), handler: r.handler,
        middleware: mws.map((m) => m.name), auth, ...(auth && authBy ? { authBy } : {}),
        rateLimited: limits.some((m) => !m.off) || handler.limits || Boolean(authLib?.limitsByDefault),
        limitOff: handler.limits ? null : limitOffOf(limits), graphql: Boolean(r.graphql), webhook: provider,
        limiters: [
          ...limits.filter((m) => !m.off).map((m): RouteLimiter => ({ name: m.name, path: m.at?.path ?? file, line: m.at?.line ?? r.line })),
          ...(handler.limits ? [{ name: 'handler', path: file, line: r.handlerLine ?? r.line }] : []),
          ...(authLib?.limitsByDefault ? [{ name: `${authLib.library} (built in)`, path: null, line: null }] : []),
        ],
        ...(authLib ? { authLibrary: authLib.library } : {}), ...(r.handlerLine ? { handlerLine: r.handlerLine } : {}),
        touchesData: touches || readsOnly, ...(readsOnly ? { readsOnly: true as const } : {}), ...(stub ? { stub: true as const } : {}), websocket: Boolean(r.websocket), ...(ownSession ? { ownSession: true as const } : {}),
        unresolved, ...(resolved.unresolved && unreadLoads.has(packageOf(file) ?? '') ? { unreadLoad: unreadLoads.get(packageOf(file) ?? '')! } : {}),
        ...(r.computed !== undefined ? { computed: r.computed } : {}), ...(builtBy ? { builtBy } : {}), public: null, signature, authOptOut: handler.authOptOut,
        health: healthOf(r), ...(r.body && !hasParameter(resolved.path) ? { probeCalls: probeCallsOf(r) } : {}), snippet: r.snippet ?? '', calls, refuses: handler.refuses, inspected: r.body !== undefined, ...(r.body?.requestFields ? { requestFields: r.body.requestFields } : {}), ...(r.body?.grants ? { grants: r.body.grants } : {}), createsAccount, steps,
        ...(optOut ? { optOut: { name: optOut.name, on: optOut.on, line: optOut.line, guards: optOut.skipped.map((g) => g.mw.name) } } : {}),
        ...(restrictions.length > 0 ? { restrictions } : {}), roleCheck: nestRoleCheck(mws, checksHere) ?? roleCheckOf(opensHere.size > 0 ? mws.filter((m) => !opensHere.has(m)) : mws, r.body, (m) => importedMwBody(file, m)),
        ...(webhookRoute ? { webhookRoute: true as const } : {}), ...(verifiedBy ? { verifiedBy } : {}), ...(accountWrite ? { accountWrite } : {}),
        ...(handlerUnseen ? { handlerUnseen: true as const } : {}), ...(captcha ? { captcha } : {}),
        ...(paymentReturn ? { paymentReturn } : {}), ...(redelivery ? { redelivery } : {}), ...(redeliveryUnread ? { redeliveryUnread: true as const } : {}),
        ...(paid ? { paid } : {}),
      });
    }
  }
  for (const r of out) r.public = r.authLibrary ? `${r.authLibrary}'s own endpoint` : passedOn.has(`${r.file}:${r.line}:${r.method}`) ? 'middleware of the route after it' : publicReason(r);
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.method.localeCompare(b.method));
}

/** What is known of an exported function whose text names no refusal: it calls and refuses nothing verdict counts. */
const NO_REFUSAL: BodyFacts = { calls: [] };

const WRITES = ormWriteMethods();
const STATE_CHANGING = new Set(STATE_CHANGING_METHODS);
const SQL_EXECUTORS = sqlExecutorMethods();
/** Write methods on a model: the ORMs' and the document stores' (`updateOne`, `findByIdAndUpdate`). */
const MODEL_WRITES = new Set([...WRITES, ...HOOKLESS_WRITES.documentMethods]);

/** A NestJS guard of the chain that checks the route by the metadata it reads (link/nest-defaults): a role check by its code, whatever its name. */
function nestRoleCheck(mws: readonly Mw[], checks: ReadonlySet<Mw>): RoleCheck {
  const m = checks.size > 0 ? mws.find((x) => checks.has(x)) : undefined;
  return m ? { by: 'chain', name: m.name } : null;
}

/** A step's mark when it refuses the request unless a CAPTCHA service accepts the token: captcha-gated, by that service. */
function captchaStep(g: { service: string } | null | undefined): { captcha?: string } {
  return g ? { captcha: g.service } : {};
}

/** A write to what an account holds that a handler's body read in place, or a function of its file it calls, makes itself (knowledge/webhooks). */
function ownAccountWrite(r: RouteRecord): ReachedCall | null {
  const body = r.body;
  for (const b of body ? [body, ...(body.helpers ?? []).map((h) => h.body)] : []) {
    const c = b.calls.find((x) => WRITES.has(x.slice(Math.max(x.lastIndexOf('#'), x.lastIndexOf('.')) + 1)) && callTouchesData(x).yes && writeChangesAccount(x));
    if (c) return { callee: c, at: `${r.path}#${r.handler}`, line: r.handlerLine ?? r.line };
  }
  return null;
}

/** What a verified webhook adds on each delivery when it records no event (knowledge/payments), in its own body or what it reaches. */
function redeliveryOf(r: RouteRecord, reach: HandlerReach): { write: ReachedCall } | null {
  const calls = (r.body ? [r.body, ...(r.body.helpers ?? []).map((h) => h.body)] : []).flatMap((b) => b.calls);
  const isWrite = (x: string) => MODEL_WRITES.has(x.slice(Math.max(x.lastIndexOf('#'), x.lastIndexOf('.')) + 1));
  if (reach.eventRecord || calls.some((x) => isWrite(x) && writeRecordsEvent(x))) return null;
  const own = calls.find((x) => isWrite(x) && writeAdds(x, false) && writeChangesAccount(x));
  const write = own ? { callee: own, at: `${r.path}#${r.handler}`, line: r.handlerLine ?? r.line } : reach.addingWrite ?? null;
  return write ? { write } : null;
}

/**
 * The chain without the middleware whose `unless` exception covers the path (koa-unless compares a
 * string with the request path exactly and matches a regular expression against it), and the first
 * exception verdict could not read, on a middleware it could not rule out.
 */
function exceptUnless(mws: Mw[], path: string): { mws: Mw[]; unreadException: string | null } {
  if (!mws.some((m) => m.unless)) return { mws, unreadException: null };
  let unreadException: string | null = null;
  const kept = mws.filter((m) => {
    const u = m.unless;
    if (!u) return true;
    const tested = u.patterns.map((p) => patternMatches(p, path));
    if (u.paths.includes(path) || tested.includes(true)) return false;
    if (u.unread !== undefined) unreadException ??= u.unread;
    const broken = tested.indexOf(null);
    if (broken >= 0) unreadException ??= u.patterns[broken];
    return true;
  });
  return { mws: kept, unreadException };
}

/** A regular expression literal as written (`/^\/public/i`) tested against a path; null for one that does not compile here. */
function patternMatches(literal: string, path: string): boolean | null {
  const end = literal.lastIndexOf('/');
  try {
    return new RegExp(literal.slice(1, end), literal.slice(end + 1).replace(/[gy]/g, '')).test(path);
  } catch {
    return null;
  }
}

/** A path with a route parameter (`/users/:id`, `/users/[id]`, `/users/{id}`): it names one record, not a collection. */
function hasParameter(path: string): boolean {
  return path.split('/').some((s) => s.startsWith(':') || s.startsWith('[') || s.startsWith('{'));
}

function joinPath(prefix: string, rel: string): string {
  if (!prefix) return rel;
  const p = prefix.replace(/\/+$/, '');
  return rel === '/' || rel === '' ? p || '/' : `${p}${rel.startsWith('/') ? '' : '/'}${rel}`;
}

/** Whether a `use('/api/*', ...)` path covers a route path (no path, `*` and `/*` cover everything). */
function applies(pattern: string | null, path: string): boolean {
  if (!pattern || pattern === '*' || pattern === '/*' || pattern === '/') return true;
  const p = pattern.replace(/\/?\*$/, '').replace(/\/$/, '');
  return path === p || path.startsWith(`${p}/`) || path.startsWith(p) && pattern.endsWith('*');
}

function matches(matchers: string[], path: string): boolean {
  if (!matchers || matchers.length === 0) return true;
  return matchers.some((m) => {
    if (m.startsWith('/((?!')) {
      const excluded = /\(\?!([^)]*)\)/.exec(m)?.[1].split('|') ?? [];
      return !excluded.some((x) => path.startsWith(`/${x.replace(/\\/g, '')}`));
    }
    const base = m.replace(/\/:\w+[*+?]?.*$/, '').replace(/\(.*$/, '').replace(/\/$/, '');
    return path === base || path.startsWith(`${base}/`) || base === '';
  });
}

/**
 * Whether a middleware guards, from what can be read of it (library knowledge, its body, the user's
 * config); its name only when nothing else says (see guards.ts).
 */
export function isAuth(m: Mw, configured: string[]): boolean {
  return (judgeMiddleware(m, configured) ?? byName(m)).guard;
}

/** The limiter of a chain's limiting steps that is off by default, when none of them is on. */
function limitOffOf(limits: Mw[]): AssembledRoute['limitOff'] {
  if (limits.some((m) => !m.off)) return null;
  // A limiter verdict could not decide comes first: the route may be limited, so it is unknown, not off.
  const m = limits.find((x) => x.off?.unknown) ?? limits.find((x) => x.off);
  return m?.off ? { name: m.name, ...m.off } : null;
}

/**
 * The steps of a chain that limit requests: a limiter, unless an exemption in the chain takes the route
 * out of it (`@SkipThrottle()` for `ThrottlerGuard`), and a limiter that only sets the limits another
 * export enforces (`@Throttle()`) only where that export applies too (knowledge ExportFact.needs/exempts).
 */
function limitingSteps(all: Mw[]): Mw[] {
  const mws = routeOptionSteps(all);
  const keyOf = (m: Mw) => (m.from && m.imported ? `${m.from}#${m.imported}` : null);
  const facts = mws.map((m) => { const k = keyOf(m); return k ? exportFact(k) : null; });
  if (!facts.some((f) => f && (f.needs || f.exempts))) return mws.filter(isLimiter);
  const exempt = new Set(facts.flatMap((f) => (f?.role === 'limiter-exemption' && f.exempts ? [`${f.package}#${f.exempts}`] : [])));
  const present = new Set(mws.map(keyOf));
  return mws.filter((m, i) => {
    const f = facts[i];
    if (f?.role === 'limiter-exemption' || exempt.has(keyOf(m) ?? '')) return false;
    if (f?.needs) return present.has(`${f.package}#${f.needs}`) && !exempt.has(`${f.package}#${f.needs}`);
    return isLimiter(m);
  });
}

/**
 * A limiter plugin's route option (knowledge ExportFact.routeOption) against its registrations in the
 * chain: `config: { rateLimit: false }` takes the route out of that plugin; `config: { rateLimit: {...} }`
 * limits it only where the plugin is registered (globally, or with `global: false`), and is off where
 * every such registration is; a registration with `global: false` limits nothing by itself.
 */
function routeOptionSteps(mws: Mw[]): Mw[] {
  if (!mws.some((m) => m.perRoute || m.routeOption)) return mws;
  const out = new Set(mws.filter((m) => m.routeOption === 'off').map((m) => m.from));
  const registrations = mws.filter((m) => !m.routeOption && m.from !== null && (m.perRoute || mws.some((o) => o.routeOption && o.from === m.from)));
  const steps: Mw[] = [];
  for (const m of mws) {
    if (m.perRoute || m.routeOption === 'off' || out.has(m.from)) continue;
    if (m.routeOption !== 'on') {
      steps.push(m);
      continue;
    }
    const theirs = registrations.filter((r) => r.from === m.from);
    if (theirs.length === 0) continue;
    const on = theirs.find((r) => !r.off);
    steps.push(on ? m : { ...m, off: theirs[0].off });
  }
  return steps;
}

export function isLimiter(m: Mw): boolean {
  if (m.perRoute || m.routeOption === 'off') return false;
  const fact = m.from && m.imported ? exportFact(`${m.from}#${m.imported}`) : null;
  // An export of a limiter package that is something else (`@SkipThrottle()`) is not a limiter.
  if (fact) return fact.role === 'limiter';
  if (m.from !== null && LIMITER_PACKAGES.includes(m.from)) return true;
  if (m.body && limitsRequests(m.body).yes) return true;
  return nameSaysLimiter(m.name);
}

/** What the route's handler does, judged from its body facts (handlers.ts); all false when verdict cannot see the body. */
function handlerOf(r: RouteRecord, optOut: 'class' | 'method' | null) {
  const body = r.body;
  const before = r.preamble;
  const data = body ? touchesData(body) : null;
  const caller = body ? checksCaller(body) : null;
  const callerBefore = before ? checksCaller(before) : null;
  const webhook = body ? webhookOf(body) : null;
  const checks = caller?.yes ? caller : callerBefore?.yes ? callerBefore : r.socket ? socketChecks(r.socket) : null;
  return {
    touchesData: Boolean(data?.yes),
    checksCaller: Boolean(checks?.yes),
    checksCallerByName: checks?.confidence === 'low',
    signature: body ? verifiesWebhook(body, webhook).yes : false,
    webhook: webhook?.provider ?? null,
    limits: Boolean((body && limitsRequests(body).yes) || (before && limitsRequests(before).yes)),
    // An opt-out on the method is that route's own decision; one on the whole controller opens every
    // route of it, those that change data too, and is judged per route (AssembledRoute.optOut).
    authOptOut: Boolean(body && skipsAuth(body)) || optOut === 'method',
    refuses: Boolean(body && !data?.yes && onlyRefuses(body)),
  };
}

/**
 * Whether a `ws` or socket.io server checks who connects: `verifyClient`/`allowRequest`, an upgrade or
 * `io.use` check that guards, or a connection listener that reads a credential and closes with a
 * policy code (1008, 4001, 4401, 4403) or drops the socket.
 */
function socketChecks(s: NonNullable<RouteRecord['socket']>): { yes: boolean; confidence: 'high' | 'low' } {
  if (s.options.includes('verifyClient') || s.options.includes('allowRequest')) return { yes: true, confidence: 'high' };
  if (s.upgrade) {
    const j = checksCaller(s.upgrade);
    if (j.yes) return j;
    // socket.io: `next(new Error('unauthorized'))` after reading `socket.handshake.auth.token`.
    if ((s.upgrade.credentials?.length ?? 0) > 0 && s.upgrade.calls.includes('Error')) return { yes: true, confidence: 'high' };
  }
  const c = s.connection;
  if (c) {
    const reads = (c.credentials?.length ?? 0) > 0 || c.calls.some((x) => calleeRole(x)?.role === 'verifier' || nameSaysCallerCheck(x.slice(x.lastIndexOf('#') + 1).split('.').pop() ?? x));
    // socket.io (and a NestJS gateway's `handleConnection`) drops a client with `socket.disconnect()`.
    const closes = (c.statuses ?? []).some((n) => SOCKET_REFUSALS.includes(n)) || c.calls.some((x) => x.endsWith('.terminate') || x.endsWith('.destroy') || x.endsWith('.disconnect'));
    if (reads && closes) return { yes: true, confidence: 'high' };
  }
  return { yes: false, confidence: 'high' };
}
const SOCKET_REFUSALS = [1008, 4001, 4401, 4403];

/**
 * Whether a Next.js `middleware.ts` checks the caller: it calls a guard, verifier or session reader a
 * descriptor names, or anything from an auth package (`clerkMiddleware`, next-auth's `withAuth`), or its
 * body guards, or (low confidence) it calls something named for the caller (`updateSession`, `auth()`).
 */
function nextMiddlewareGuards(body: BodyFacts): boolean {
  if (bodyGuards(body) || checksCaller(body).yes) return true;
  return body.calls.some((c) => {
    const f = calleeFact(c);
    if (f) return ['guard', 'verifier', 'session-reader'].includes(f.role);
    const module = c.includes('#') ? c.slice(0, c.indexOf('#')) : null;
    if (module && judgeMiddleware({ name: c, from: module, imported: c.slice(module.length + 1) }, [])?.by === 'library') return true;
    return c.split('#').flatMap((part) => part.split('.')).some((part) => nameSaysCallerCheck(part));
  });
}

function publicReason(r: AssembledRoute): string | null {
  if (r.method === 'OPTIONS') return 'OPTIONS';
  if (r.refuses) return 'answers 405/501 only';
  if (r.webhookRoute || r.webhook || pathSaysWebhook(r.path)) return r.signature ? 'webhook with signature check' : null;
  if (r.authOptOut && !r.auth) return 'auth check skipped on purpose (skipAuth)';
  // A handler that stores a hashed password for a caller it never reads creates an account: a sign-up,
  // whatever the path and the handler's name say (`POST /users` handled by `create`).
  if (r.createsAccount && !r.auth) return 'signup';
  // The last resort: `POST /users` whose handler's name says it registers the caller.
  if (r.method === 'POST' && endsInAccounts(r.path) && (callsOf(r).some(nameSaysSignUp) || nameSaysSignUp(r.handler))) return 'signup';
  const p = publicPurposeOf(r.path);
  return p ? p.example.slice(1) : null;
}

/** A mount argument named for a router (`usersRouter`, `adminApp`, `AuthController`): its last word (knowledge ROUTER_NAME_WORDS). */
function namesRouter(name: string): boolean {
  const words = nameWords(name);
  return words.length > 0 && ROUTER_NAME_WORDS.some((e) => e.word === words[words.length - 1]);
}

/** The callee texts a route's handler calls (its first 40). */
export function callsOf(r: { calls: string }): string[] {
  return r.calls ? r.calls.split(' ') : [];
}

/** An `openapi(routes.list, ...)` route takes its method, path and middleware from its `createRoute` definition. */
function withDefinition(r: RouteRecord, defs: Map<string, KindOf<'route-def'>>, resolve: (from: string, spec: string) => string | null): RouteRecord {
  const ref = r.ref;
  if (!ref) return r;
  const file = ref.from ? resolve(r.path, ref.from) : r.path;
  const def = file ? defs.get(`${file}#${ref.name}`) : undefined;
  return def ? { ...r, method: def.method, url: def.url, middleware: [...def.middleware, ...r.middleware] } : r;
}

/** The folder of the NestJS app a file belongs to: the `src/` folder above it (`apps/api/src/`), or its own folder. */
export function nestRoot(path: string): string {
  const at = path.lastIndexOf('/src/');
  if (at >= 0) return path.slice(0, at + 5);
  return path.startsWith('src/') ? 'src/' : path.slice(0, path.lastIndexOf('/') + 1);
}
