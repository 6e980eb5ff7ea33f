// Whether a route's handler selects a stored record by an id the request names without tying it to the
// caller: the request-derived values of collect/record-lookups followed from the handler through the
// calls the link stage resolves (arguments to parameters, across files) to the filters of the record
// selectors they reach. The caller ties the record when who the caller is is in the same filter, or is
// compared with something on the way (an owner loaded and compared, a role), anywhere on the path.
import { bodyWriteFacts, type BodyWrite, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { recordLookupFacts, type RecordLookup } from '../../collect/facts/record-lookups.js';
import type { DeclNode, Link } from '../../link/index.js';
import type { RepoRuleContext } from '../api.js';
import { isDefaultPrimaryKey, isOwnerField, isRandomPrismaDefault } from '../../knowledge/index.js';
import { parsePrismaSchema, type PrismaField } from './prisma-schema.js';
import { callTouchesData } from '../../link/handlers.js';
import type { AssembledRoute } from './routes.js';
import { modelOf, type ModelFields } from './body-sources.js';

type Lookup = Extract<RecordLookup, { type: 'lookup' }>;
type Pass = Extract<RecordLookup, { type: 'pass' }>;
type Random = Extract<RecordLookup, { type: 'random' }>;
type Val = Pass['val'];
/** What a value holds at a point of the path: request input (as written, and where it was read) or the caller. */
type Held = { k: 'request'; text: string; at: string } | { k: 'identity'; text: string; at: string };

export interface Sink {
  lookup: Lookup; source: Held & { k: 'request' }; via: string[];
  /** The columns of the filter the request's values are matched against (`{ inviteCode: code }`), where the filter names them. */
  columns: string[];
}
export interface Flow {
  sinks: Sink[];
  /** Where the caller is compared or filtered by: the route ties its records to the caller. */
  checked: string | null;
  /** Calls of the repository's code the request's values were handed to that the link did not resolve. */
  lost: string[];
}

const MAX_DEPTH = 5;

interface Index { byFn: Map<string, RecordLookup[]>; inline: Map<string, RecordLookup[]> }

export function lookupIndex(ctx: RepoRuleContext): Index {
  return ctx.memo('record lookups by function', () => {
    const byFn = new Map<string, RecordLookup[]>();
    const inline = new Map<string, RecordLookup[]>();
    for (const r of ctx.facts(recordLookupFacts)) {
      if (r.type === 'random' || r.type === 'randomPass') continue;
      const k = r.fn !== undefined ? `${r.path}#${r.fn}` : `${r.path}:${r.fnLine}`;
      const m = r.fn !== undefined ? byFn : inline;
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return { byFn, inline };
  });
}

/** The records of a route's handler written in place: the function starting on the route's line or just after. */
export function inlineRecords(index: Index, file: string, line: number): { records: RecordLookup[]; line: number } | null {
  for (let l = line; l <= line + 2; l++) {
    const records = index.inline.get(`${file}:${l}`);
    if (records) return { records, line: l };
  }
  return null;
}

/**
 * Follows the request's values from a function's records: `params` says what each parameter holds (the
 * caller's arguments), `key` is the declaration the link knows the function by (its callees resolve the
 * calls it makes), null for a handler written in place (then the file's top-level code holds its edges).
 */
export function followFlow(link: Link, index: Index, records: RecordLookup[], key: string, params: Map<number, Held[]>, via: string[], flow: Flow = { sinks: [], checked: null, lost: [] }, depth = 0, seen = new Set<string>()): Flow {
  const held = (v: Val, path: string, line: number): Held[] => (v.k === 'param' ? params.get(v.i) ?? [] : [{ ...v, at: `${path}:${line}` }]);
  const calls = new Map<string, { pass: Pass; args: Map<number, Held[]> }>();
  const edges = link.callees(key);
  const tail = (e: { to: string }) => e.to.slice(e.to.lastIndexOf('#') + 1).split('.').pop();
  const near = (line: number, callee: string) => {
    const named = edges.filter((e) => tail(e) === callee);
    return named.find((e) => e.line >= line && e.line - line <= 3) ?? (named.length === 1 ? named[0] : undefined);
  };
  /** A call named like a selector that the link resolves to a function of the repository (`this.notes.remove(id)`): a call to follow, not a selector. */
  const ownCall = (line: number, callee: string) => {
    const d = near(line, callee);
    const n = d ? link.decl(d.to) : undefined;
    return n !== undefined && (n.kind === 'function' || n.kind === 'method' || n.kind === 'member');
  };
  const selectors = new Set<string>();
  for (const r of records) {
    if (r.type === 'check') {
      if (flow.checked === null && r.vals.some((v) => held(v, r.path, r.line).some((h) => h.k === 'identity'))) flow.checked = `${r.path}:${r.line}`;
    } else if (r.type === 'lookup') {
      if (ownCall(r.line, r.method)) continue;
      selectors.add(`${r.line}|${r.method}`);
      const pairs = r.filter.flatMap((v) => held(v, r.path, r.line).map((h) => ({ h, column: v.column })));
      const vals = pairs.map((p) => p.h);
      const source = vals.find((h): h is Held & { k: 'request' } => h.k === 'request');
      const columns = [...new Set(pairs.filter((p) => p.h.k === 'request' && p.column !== undefined).map((p) => p.column!))];
      if (vals.some((h) => h.k === 'identity')) {
        if (source && flow.checked === null) flow.checked = `${r.path}:${r.line}`;
      } else if (source) flow.sinks.push({ lookup: r, source, via, columns });
    } else if (r.type === 'pass') {
      const hs = held(r.val, r.path, r.line);
      if (hs.length === 0) continue;
      const k = `${r.line}|${r.callee}`;
      const c = calls.get(k) ?? { pass: r, args: new Map<number, Held[]>() };
      calls.set(k, c);
      c.args.set(r.arg, [...(c.args.get(r.arg) ?? []), ...hs]);
    }
  }
  if (depth >= MAX_DEPTH) return flow;
  for (const { pass, args } of calls.values()) {
    if (selectors.has(`${pass.line}|${pass.callee}`)) continue;
    const target = near(pass.line, pass.callee);
    const d = target ? link.decl(target.to) : undefined;
    if (!d || (d.kind !== 'function' && d.kind !== 'method' && d.kind !== 'member')) {
      if ([...args.values()].some((hs) => hs.some((h) => h.k === 'request')) && target === undefined && pass.via !== undefined) flow.lost.push(`${pass.path}:${pass.line} ${pass.callee}(...)`);
      continue;
    }
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    const own = index.byFn.get(d.key) ?? [];
    followFlow(link, index, own, d.key, args, [...via, `${d.id} (${d.path}:${d.line})`], flow, depth + 1, seen);
  }
  return flow;
}

/** The model a selector reads or changes, with its fields, when its declaration (or the Prisma schema) is found. */
export function lookupModel(ctx: RepoRuleContext, l: Lookup): ModelFields | null {
  if (!l.model) return null;
  const models = ctx.memo('declared models', () => ctx.facts(bodyWriteFacts).filter((r): r is DeclaredModel => r.type === 'model'));
  const w = { path: l.path, model: l.model } as unknown as BodyWrite;
  return modelOf(ctx, w, models);
}

/** A signed-in route's selection of a record by a foreign id: the sink, its model (when read) and the fields that say whose it is. */
export interface ForeignId { sink: Sink; model: ModelFields | null; ownerFields: string[]; severity: 'high' | 'medium' }

/**
 * Whether a signed-in route reads or changes a record the request names without tying it to the caller:
 * null when it does not (or is not an ownership question: no guard, a role check, a model with no owner
 * field), `lost` when the values were handed to code the link does not resolve and nothing else was found.
 */
/** Whether a signed-in route checks only who the caller is: no role or permission check, no restriction, no other guard or refusing step in its chain. */
export function authenticatedOnly(r: AssembledRoute): boolean {
  if (!r.auth || r.unresolved || r.websocket) return false;
  // A role or permission check on the route; a library's authenticating guard given its strategy (`AuthGuard('jwt')`,
  // `passport.authenticate('jwt')`) is the guard that authenticates, not one.
  const authStep = r.steps.find((s) => s.name === r.auth);
  if (r.roleCheck !== null && !(r.roleCheck.by === 'chain' && r.roleCheck.name === r.auth && authStep?.guard === 'library')) return false;
  // A restriction (`@Roles('admin')`) a guard of the chain enforces, or one whose guard is not read: not this question.
  if ((r.restrictions ?? []).length > 0) return false;
  return !r.steps.some((s) => s.name !== r.auth && (s.guard !== null || s.refuses));
}

/**
 * A change of a role field (knowledge ROLE_FIELDS: `role`, `isAdmin`, `permissions`) on records the request
 * names, on a route that checks only who the caller is and never compares the caller on the way: any
 * signed-in user can change anyone's role. Null when there is none (or the route checks more).
 */
export function roleWriteOf(ctx: RepoRuleContext, r: AssembledRoute, handler: DeclNode | undefined): (Sink & { field: string }) | null {
  if (!authenticatedOnly(r)) return null;
  const flow = flowOf(ctx, r, handler);
  if (flow === null || flow.checked !== null) return null;
  const bearers = new Set(flow.sinks.filter((sink) => bearerColumn(ctx, sink) !== null).map((sink) => sink.source.text));
  const sink = flow.sinks.find((x) => x.lookup.changes && (x.lookup.roleFields?.length ?? 0) > 0 && !bearers.has(x.source.text));
  return sink ? { ...sink, field: sink.lookup.roleFields![0] } : null;
}

export function foreignIdOf(ctx: RepoRuleContext, r: AssembledRoute, handler: DeclNode | undefined, publicModels: ReadonlySet<string>): ForeignId | { lost: string[] } | null {
  if (!authenticatedOnly(r)) return null;
  const flow = flowOf(ctx, r, handler);
  if (flow === null || flow.checked !== null) return null;
  let best: ForeignId | null = null;
  // A bearer code (an invite or share code: a column made at random) selects the record for whoever holds it: no owned id;
  // nor is what the record it selected leads to (`where: { id: team.id }` after the team was found by its code).
  const bearers = new Set(flow.sinks.filter((sink) => bearerColumn(ctx, sink) !== null).map((sink) => sink.source.text));
  for (const sink of flow.sinks) {
    if (bearers.has(sink.source.text)) continue;
    const model = lookupModel(ctx, sink.lookup);
    const ownerFields = model ? model.fields.filter(isOwnerField) : [];
    // A model that references no user (a product, a category) is nobody's: reading it by id is no ownership question.
    if (model && ownerFields.length === 0) continue;
    // A read of a model verdict did not find may be of a public record: only a change is said, and lower.
    if (!model && (!sink.lookup.changes || !callTouchesData(sink.lookup.callee).yes)) continue;
    // A model some route without any guard reads by what the request names is public to read (an article by its slug).
    if (model && !sink.lookup.changes && publicModels.has(`${model.path}:${model.line}`)) continue;
    const f: ForeignId = { sink, model, ownerFields, severity: model ? 'high' : 'medium' };
    const rank = (x: ForeignId) => (x.severity === 'high' ? 2 : 0) + (x.sink.lookup.changes ? 1 : 0);
    if (!best || rank(f) > rank(best)) best = f;
  }
  if (best) return best;
  return flow.lost.length > 0 ? { lost: flow.lost } : null;
}

/**
 * The column of a sink's filter that holds a bearer code: matched against the request's value, not the
 * primary key, and filled at random when the row is written: by the Prisma schema (`@unique
 * @default(cuid())`) or by a write of the repository (`inviteCode: randomBytes(16).toString('hex')`).
 * Null when no column of the filter is one.
 */
export function bearerColumn(ctx: RepoRuleContext, sink: Sink): { column: string; how: string } | null {
  const l = sink.lookup;
  if (!l.model || sink.columns.length === 0) return null;
  const prisma = l.model.kind === 'prisma' ? prismaFields(ctx, l.model.name) : null;
  for (const column of sink.columns) {
    if (isDefaultPrimaryKey(column)) continue;
    const field = prisma?.fields.find((f) => f.name === column);
    if (field?.id) continue;
    if (field && field.unique && field.default !== null && isRandomPrismaDefault(field.default)) return { column, how: `${prisma!.path}:${field.line} @unique @default(${field.default})` };
    for (const made of randomWrites(ctx).filter((w) => w.column === column && w.model?.kind === l.model!.kind && w.model.name === l.model!.name)) {
      if (made.generator !== '') return { column, how: `${made.path}:${made.line} ${made.generator}` };
      const from = made.fn !== undefined && made.param !== undefined ? bearerArgument(ctx, `${made.path}#${made.fn}`, made.param) : null;
      if (from) return { column, how: `${made.path}:${made.line} filled by ${from}` };
    }
  }
  return null;
}

/**
 * Where every resolved caller of a function hands parameter `param` a random or signed value (`storeToken(id,
 * jwt.sign(...))`), followed up through callers that pass on a parameter of their own (a service between
 * the route and the repository); null when no caller is found or one passes anything else.
 */
function bearerArgument(ctx: RepoRuleContext, key: string, param: number, depth = 0): string | null {
  if (depth > 3) return null;
  const records = ctx.memo('record lookups by caller', () => {
    const m = new Map<string, RecordLookup[]>();
    for (const r of ctx.facts(recordLookupFacts)) {
      if ((r.type !== 'randomPass' && r.type !== 'pass') || r.fn === undefined) continue;
      const k = `${r.path}#${r.fn}:${r.line}`;
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  });
  const callers = ctx.link.callers(key);
  if (callers.length === 0) return null;
  let found: string | null = null;
  for (const c of callers) {
    const here = (records.get(`${c.from}:${c.line}`) ?? []).filter((r) => (r.type === 'randomPass' || r.type === 'pass') && r.arg === param);
    const made = here.find((r): r is Extract<RecordLookup, { type: 'randomPass' }> => r.type === 'randomPass');
    const passed = here.find((r): r is Pass => r.type === 'pass' && r.val.k === 'param');
    const via = made ? `${made.generator} (${made.path}:${made.line})` : passed && passed.val.k === 'param' ? bearerArgument(ctx, c.from, passed.val.i, depth + 1) : null;
    if (via === null) return null;
    found ??= via;
  }
  return found;
}

function randomWrites(ctx: RepoRuleContext): Random[] {
  return ctx.memo('random columns written', () => ctx.facts(recordLookupFacts).filter((r): r is Random => r.type === 'random'));
}

/** The fields of the Prisma model a delegate (`prisma.team`) names, with the schema's path. */
function prismaFields(ctx: RepoRuleContext, delegate: string): { path: string; fields: PrismaField[] } | null {
  const schemas = ctx.memo('prisma schemas', () => [...ctx.documents].filter(([path]) => path.endsWith('.prisma')).map(([path, text]) => ({ path, schema: parsePrismaSchema(text) })));
  for (const { path, schema } of schemas) {
    const model = schema.models.find((x) => x.name.charAt(0).toLowerCase() + x.name.slice(1) === delegate);
    if (model) return { path, fields: model.fields };
  }
  return null;
}

/** The models that routes with no guard at all read by what the request names: public to read by design. */
export function publicModels(ctx: RepoRuleContext, routes: readonly AssembledRoute[], handlerOf: (r: AssembledRoute) => DeclNode | undefined): Set<string> {
  const out = new Set<string>();
  for (const r of routes) {
    if (r.auth || r.unresolved || r.websocket || r.method !== 'GET') continue;
    for (const s of flowOf(ctx, r, handlerOf(r))?.sinks ?? []) {
      const m = s.lookup.changes ? null : lookupModel(ctx, s.lookup);
      if (m) out.add(`${m.path}:${m.line}`);
    }
  }
  return out;
}

/** The request's values followed from a route's handler (a declaration, or a function written in place); null when its code is not read. */
function flowOf(ctx: RepoRuleContext, r: AssembledRoute, handler: DeclNode | undefined): Flow | null {
  const index = lookupIndex(ctx);
  let records: RecordLookup[];
  let key: string;
  let start: string;
  if (handler) {
    records = index.byFn.get(handler.key) ?? [];
    key = handler.key;
    start = `${handler.id} (${handler.path}:${handler.line})`;
  } else {
    const found = r.inspected ? inlineRecords(index, r.file, r.line) : null;
    if (!found) return null;
    records = found.records;
    key = `${r.file}#<module>`;
    start = `handler (${r.file}:${found.line})`;
  }
  return followFlow(ctx.link, index, records, key, new Map(), [start]);
}
