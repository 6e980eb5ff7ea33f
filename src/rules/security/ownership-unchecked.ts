import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { changesExistingRows, isChangingProcedure, isIdentityName, repositoryWriteOf } from '../../knowledge/index.js';
import { callTouchesData } from '../../link/handlers.js';
import type { DeclNode, Link } from '../../link/index.js';
import { callsOf, declareUnseenRoutes, handlerDecl, routeFacts, routeLocation, type AssembledRoute } from '../shared/routes.js';
import { foreignIdOf, publicModels, type ForeignId } from '../shared/record-ownership.js';

/** Methods that change a record the path names. */
const CHANGES = new Set(['PUT', 'PATCH', 'DELETE']);
/** A path segment the request fills in: `:id`, `{id}`, `[id]`. */
const PATH_PARAMETER = /(^|\/)(:\w+|\{[^}/]+\}|\[[^\]/]+\])/;
/** How far the call graph is followed from the handler, and how many declarations at most. */
const MAX_DEPTH = 4;
const MAX_DECLS = 40;
const CALLABLE = new Set<DeclNode['kind']>(['function', 'method', 'member']);

interface Write { callee: string; path: string; line: number; confidence: 'high' | 'low' }

/**
 * The declarations a handler runs, through the call graph (a service method reached through the
 * receiver's declared type included), breadth first: the path to each is kept for the evidence.
 */
function follow(link: Link, start: DeclNode): Array<{ decl: DeclNode; via: string[] }> {
  const out = [{ decl: start, via: [start.id] }];
  const seen = new Set([start.key]);
  for (let i = 0; i < out.length && out.length < MAX_DECLS; i++) {
    const { decl, via } = out[i];
    if (via.length > MAX_DEPTH) continue;
    for (const e of link.callees(decl.key)) {
      const d = link.decl(e.to);
      if (!d || seen.has(d.key) || !CALLABLE.has(d.kind)) continue;
      seen.add(d.key);
      out.push({ decl: d, via: [...via, d.id] });
    }
  }
  return out;
}

/**
 * A write-shaped call the call graph resolves to a method or function of the repository
 * (`this.service.update(id, body)` on a service it was constructed with): that code's writes are
 * judged where they are, this call is none.
 */
function callsOwnCode(link: Link, decl: DeclNode, w: { callee: string; line: number }): boolean {
  const method = w.callee.split(/[#.]/).pop() ?? '';
  return link.callees(decl.key).some((e) => {
    if (e.line !== w.line || !(e.to.endsWith(`.${method}`) || e.to.endsWith(`#${method}`))) return false;
    const d = link.decl(e.to);
    return d !== undefined && CALLABLE.has(d.kind);
  });
}

/** A recorded ORM-write-shaped call that writes: on a library's repository class (high), or on a data client the names say (low). */
function writeOf(w: { callee: string; line: number }, path: string): Write | null {
  if (repositoryWriteOf(w.callee)) return { ...w, path, confidence: 'high' };
  const j = callTouchesData(w.callee);
  return j.yes ? { ...w, path, confidence: j.confidence } : null;
}

export default defineRepoRule({
  id: 'security/ownership-unchecked',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Signed-in routes that change any record the request names, without checking it is the caller\'s',
    rationale: 'A guard proves who the caller is, not that the record is theirs: a route that updates or deletes the record named in its path without comparing its owner with the caller lets any signed-in user change anyone\'s data.',
    remediation: {
      text: 'Read the caller from the request (`req.user`, the user decorator, `ctx.session.user`) and either add it to the write\'s where clause (`where: { id, authorId: user.id }`) or load the record and answer 403 when its owner is not the caller.',
      effort: 'low',
    },
    messages: {
      foreignId: '{{method}} {{path}} is signed-in only ({{auth}}) but {{action}} a {{model}} record by an id from the request ({{source}} → {{sink}}) and never ties it to the caller: any signed-in user can {{verb}} anyone\'s',
      unchecked: '{{method}} {{path}} is signed-in only ({{auth}}) but changes the record its path names and never reads who the caller is: any signed-in user can change anyone\'s',
      procedure: 'mutation {{procedure}} is signed-in only ({{builder}}) but updates or deletes stored records and never reads who the caller is: any signed-in user can change anyone\'s',
    },
  },
  check(ctx) {
    const { routes } = routeFacts(ctx);
    declareUnseenRoutes(ctx, routes);
    const link = ctx.link;
    let judged = 0;
    let found = 0;
    const lost: string[] = [];
    const reported = new Set<AssembledRoute>();
    for (const r of routes) {
      if (!CHANGES.has(r.method) || !r.auth || r.unresolved || r.websocket || !PATH_PARAMETER.test(r.path)) continue;
      // Another link in the chain may be the owner check (`isOwner`, a roles guard): not judged. A
      // package's middleware that neither guards nor refuses (a body parser, CORS) checks no owner.
      // A Nest guard that lets this route through (it carries none of the metadata the guard reads) checks nothing on it;
      // one that checks the route by its metadata (`@Roles('admin')`) restricts who calls it.
      if (r.steps.some((s) => s.checks || (s.name !== r.auth && !s.opens && (s.guard !== null || s.refuses || s.from === null || s.from.startsWith('.'))))) continue;
      const handler = handlerDecl(link, r);
      if (!handler) {
        if (inlineUnchecked(ctx, r)) { found++; reported.add(r); }
        if (r.inspected) judged++;
        continue;
      }
      judged++;
      const body = follow(link, handler);
      // Who the caller is, read anywhere on the way: the check may be there; nothing to say.
      if (body.some(({ decl }) => decl.identity.length > 0)) continue;
      const writes = body.flatMap(({ decl, via }) => decl.writes.filter((w) => !callsOwnCode(link, decl, w)).map((w) => ({ w: writeOf(w, decl.path), via }))).filter((x) => x.w !== null);
      if (writes.length === 0) continue;
      const best = writes.find((x) => x.w!.confidence === 'high') ?? writes[0];
      report(ctx, r, best.w!, best.via);
      reported.add(r);
      found++;
    }
    // Any signed-in route, by what the code does with the ids the request names.
    const open = publicModels(ctx, routes, (r) => handlerDecl(link, r));
    for (const r of routes) {
      if (reported.has(r)) continue;
      const f = foreignIdOf(ctx, r, handlerDecl(link, r), open);
      if (f === null) continue;
      if ('lost' in f) { lost.push(...f.lost); continue; }
      judged++;
      reportForeign(ctx, r, f);
      found++;
    }
    for (const p of changingProcedures(link)) {
      judged++;
      const body = follow(link, p.decl);
      if (body.some(({ decl }) => decl.identity.length > 0)) continue;
      // A mutation that only creates records owns what it makes; one that updates or deletes must say whose.
      const writes = body.flatMap(({ decl, via }) => decl.writes.filter((w) => changesExistingRows(w.callee.split(/[#.]/).pop() ?? ''))
        .map((w) => ({ w: writeOf(w, decl.path), via }))).filter((x) => x.w !== null);
      if (writes.length === 0) continue;
      const best = writes.find((x) => x.w!.confidence === 'high') ?? writes[0];
      reportProcedure(ctx, p.decl, p.builder, best.w!, best.via);
      found++;
    }
    if (found === 0 && lost.length > 0) return ctx.unknown(`the request's ids were handed to code the call graph does not resolve, so whose records they select is not verified: ${[...new Set(lost)].slice(0, 5).join(', ')}`);
    if (found === 0) ctx.pass(`${judged} signed-in route(s) that change a record named in their path were followed into the code they call: each reads who the caller is, or changes no stored record verdict can see`);
  },
});

/**
 * A handler read in place (an inline function of the route): what its body reads of the request says
 * whether it knows the caller; a body that hands the whole request on (`*`) may check it elsewhere.
 */
function inlineUnchecked(ctx: RepoRuleContext, r: AssembledRoute): boolean {
  if (!r.inspected) return false;
  const fields = r.requestFields ?? [];
  if (fields.includes('*') || fields.some(isIdentityName)) return false;
  // A call that changes a stored record (`order.save()`, `Order.findByIdAndUpdate(...)`, `prisma.order.update(...)`), not a read.
  const writes = callsOf(r).filter((c) => changesExistingRows(c.split(/[#.]/).pop() ?? '')).map((callee) => changeOf(callee, r))
    .filter((w): w is Write => w !== null);
  if (writes.length === 0) return false;
  const best = writes.find((w) => w.confidence === 'high') ?? writes[0];
  report(ctx, r, best, [`${r.handler} (${r.file}:${r.handlerLine ?? r.line})`]);
  return true;
}

/** A change of a stored record the handler makes: on a library's repository class or a data client (writeOf), or on a value loaded from one (`order.save()`), low. */
function changeOf(callee: string, r: AssembledRoute): Write | null {
  const line = r.handlerLine ?? r.line;
  return writeOf({ callee, line }, r.file) ?? (callee.includes('.') && !callee.includes('#') ? { callee, line, path: r.file, confidence: 'low' } : null);
}

/**
 * Procedures that change state (a tRPC `mutation`) built on a builder that reads who the caller is
 * (`protectedProcedure`, whose middleware reads `ctx.session` and throws without one): signed-in only.
 * A builder that reads no caller (`publicProcedure`) is `route-without-auth`'s, not this rule's.
 */
function changingProcedures(link: Link): Array<{ decl: DeclNode; builder: DeclNode }> {
  const out: Array<{ decl: DeclNode; builder: DeclNode }> = [];
  for (const d of link.declarations()) {
    if (d.kind !== 'member' || !d.builtBy || !isChangingProcedure(d.builtBy)) continue;
    const reach = link.reach(d.key);
    if (reach === 'tests' || reach === 'none') continue;
    // The builder is the root of the chain, where the member starts (`delete: protectedProcedure...`).
    const builder = link.callees(d.key).filter((e) => e.line === d.line).map((e) => link.decl(e.to)).find((b) => b?.kind === 'variable');
    if (builder && readsCaller(link, builder)) out.push({ decl: d, builder });
  }
  return out;
}

/** Whether a builder, or what it is built from (two steps: `t.procedure.use(isAuthed)`), reads who the caller is. */
function readsCaller(link: Link, d: DeclNode, depth = 0): boolean {
  if (d.identity.length > 0) return true;
  if (depth >= 2) return false;
  return link.callees(d.key).some((e) => {
    const n = link.decl(e.to);
    return n !== undefined && n.key !== d.key && n.kind !== 'module' && readsCaller(link, n, depth + 1);
  });
}

function reportProcedure(ctx: RepoRuleContext, d: DeclNode, builder: DeclNode, w: Write, via: string[]): void {
  ctx.report({
    severity: w.confidence === 'high' ? 'high' : 'medium',
    messageId: 'procedure',
    data: { procedure: d.id, builder: builder.id },
    location: { path: d.path, line: d.line },
    evidence: [
      { kind: 'note', text: `followed: ${via.join(' → ')}; none of it reads the caller (ctx.session, ctx.user, userId)` },
      { kind: 'file', path: w.path, line: w.line, snippet: `${w.callee}(...)` },
    ],
  });
}

function report(ctx: RepoRuleContext, r: AssembledRoute, w: Write, via: string[]): void {
  ctx.report({
    severity: w.confidence === 'high' ? 'high' : 'medium',
    messageId: 'unchecked',
    data: { method: r.method, path: r.path, auth: r.auth ?? '' },
    location: routeLocation(r),
    evidence: [
      { kind: 'note', text: `followed: ${via.join(' → ')}; none of it reads the caller (req.user, a user decorator, ctx.session, userId)` },
      { kind: 'file', path: w.path, line: w.line, snippet: `${w.callee}(...)` },
    ],
  });
}

function reportForeign(ctx: RepoRuleContext, r: AssembledRoute, f: ForeignId): void {
  const l = f.sink.lookup;
  ctx.report({
    severity: f.severity,
    messageId: 'foreignId',
    data: {
      method: r.method, path: r.path, auth: r.auth ?? '', action: l.changes ? 'changes' : 'reads', verb: l.changes ? 'change' : 'read',
      model: f.model ? f.model.what : 'stored', source: `${f.sink.source.text} at ${f.sink.source.at}`, sink: `${l.callee}(...) at ${l.path}:${l.line}`,
    },
    location: routeLocation(r),
    evidence: [
      { kind: 'note', text: `followed: ${f.sink.via.join(' → ')}; no filter on the caller, no comparison with the caller, no role check on the route` },
      { kind: 'file', path: l.path, line: l.line, snippet: `${l.callee}(...)` },
      ...(f.model ? [{ kind: 'file' as const, path: f.model.path, line: f.model.line, snippet: `${f.model.what}: ${f.model.fields.filter((x) => f.ownerFields.includes(x)).join(', ')}` }] : []),
    ],
  });
}
