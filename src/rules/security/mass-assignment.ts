import { bodyWriteFacts, type BodyGrant, type BodyPass, type BodyWrite, type DeclaredDto, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { isPrivilegedField, isPrivilegedRoleValue, isRoleField, isRoleGuardName } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { dtoFields, modelOf, traced, type ModelFields, type Source } from '../shared/body-sources.js';
import { routeFacts } from '../shared/routes.js';

const HOW: Record<BodyWrite['via'], string> = {
  whole: 'whole', spread: 'spread into the row', assign: 'merged with Object.assign', rest: 'minus a few keys',
};

export default defineRepoRule({
  id: 'security/mass-assignment',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Request body written whole to a model with privileged fields, or a role stored from it (mass assignment)',
    rationale: 'A write that stores the request body as sent lets the caller set every field the model declares: a `role` or `isAdmin` makes them an administrator, a `balance` or `credits` pays them, a `verified` skips the check. A `role` or `isAdmin` taken from the body and stored, in the handler or in the use case or repository it is handed to, does the same one field at a time: on a sign-up, anyone registers as an administrator.',
    remediation: {
      text: 'Pick the fields the caller may set (`const { name, email } = req.body`), or validate with a schema that strips unknown keys (zod `.parse`, Joi `stripUnknown`, class-validator `whitelist: true`) and never lists the privileged fields.',
      effort: 'low',
    },
    messages: {
      assigned: '{{body}} is written {{how}} with {{method}}() to {{model}}, which declares {{fields}}: the caller can set them',
      granted: '`{{field}}` is stored with {{method}}() from the request body ({{source}}) on {{route}}: {{who}} can give themself any role',
    },
  },
  check(ctx) {
    const records = ctx.facts(bodyWriteFacts);
    const writes = records.filter((r): r is BodyWrite => r.type === 'write');
    const passes = records.filter((r): r is BodyPass => r.type === 'pass' && r.field === undefined);
    const dtos = records.filter((r): r is DeclaredDto => r.type === 'dto');
    const whitelist = records.find((r) => r.type === 'pipe');
    const models = records.filter((r): r is DeclaredModel => r.type === 'model');
    const unresolved: BodyWrite[] = [];
    // Writes of a parameter whose callers were not all traced, on a model that could matter: not decided.
    const untraced: string[] = [];
    let clean = 0;
    let found = 0;
    let bodyWrites = 0;
    const byLocation = new Map<string, Parameters<typeof ctx.report>[0] & { severity: 'high' | 'medium' }>();
    for (const w of writes) {
      // A write of a parameter stores what its callers pass: the request body, one or two calls up.
      const lost: string[] = [];
      const sources: Source[] = w.param === undefined ? [{ row: w, path: w.path, hops: [] }] : traced(ctx, w.path, w.fn, w.param, passes, 1, lost);
      if (sources.length === 0 && lost.length === 0) continue;
      const model = modelOf(ctx, w, models);
      // `this.usersService.create(dto)`: a call the call graph resolves to the repository's own function
      // is no ORM write; that function's writes are judged where they are, through the pass.
      if (!model && callsRepositoryFunction(ctx, w)) continue;
      const matters = !model || model.fields.some(isPrivilegedField);
      if (lost.length > 0 && matters) untraced.push(`${w.path}:${w.line} (${w.method}; ${lost[0]})`);
      if (sources.length === 0) continue;
      bodyWrites++;
      const judged = sources.map((src) => judge(ctx, src, w, model, dtos, whitelist !== undefined)).filter((j): j is Judged => j !== null);
      if (judged.length === 0) {
        if (model) clean++; else unresolved.push(w);
        continue;
      }
      const worst = judged.find((j) => j.severity === 'high') ?? judged[0];
      const src = worst.src;
      found++;
      // One write recorded twice (reached through two paths) is one finding at its location: the worst.
      const at = `${w.path}:${w.line}`;
      const earlier = byLocation.get(at);
      if (earlier && (earlier.severity === 'high' || worst.severity === 'medium')) continue;
      byLocation.set(at, {
        severity: worst.severity,
        messageId: 'assigned',
        data: {
          body: src.hops.length > 0 ? `${src.row.body} (passed at ${src.path}:${src.hops[0].line})` : src.row.body,
          how: HOW[w.via], method: w.method, model: model?.what ?? 'the model', fields: worst.fields.join(', '),
        },
        location: { path: w.path, line: w.line, snippet: w.snippet },
        evidence: [
          ...src.hops.map((h) => ({ kind: 'file' as const, path: h.path, line: h.line, snippet: h.snippet })),
          ...(model ? [{ kind: 'file' as const, path: model.path, line: model.line, snippet: `${model.what}: ${model.fields.slice(0, 12).join(', ')}${model.fields.length > 12 ? ', …' : ''}` }] : []),
          ...worst.notes.map((text) => ({ kind: 'note' as const, text })),
        ],
      });
    }
    for (const r of byLocation.values()) ctx.report(r);
    const grantsFound = roleGrants(ctx, records.filter((r): r is BodyGrant => r.type === 'grant'), records.filter((r): r is BodyPass => r.type === 'pass'), models, untraced);
    if (found > 0 || grantsFound > 0) return;
    const few = (xs: string[]) => `${xs.slice(0, 5).join(', ')}${xs.length > 5 ? ` and ${xs.length - 5} more` : ''}`;
    const notDecided = [
      ...(unresolved.length > 0 ? [`${unresolved.length} write(s) store the request body as sent, on a model verdict could not resolve to its declaration: ${few(unresolved.map((w) => `${w.path}:${w.line} (${w.method})`))}`] : []),
      ...(untraced.length > 0 ? [`${untraced.length} write(s) store a parameter whose callers verdict could not trace, so whether it is the request body was not decided: ${few(untraced)}`] : []),
    ];
    if (notDecided.length > 0) return ctx.unknown(notDecided.join('; '));
    if (bodyWrites === 0) return ctx.pass('no ORM write in release code stores the request body as sent');
    ctx.pass(`${clean} write(s) store the request body as sent, on models that declare no privileged or money field (or behind a role guard)`);
  },
});

interface Judged { src: Source; severity: 'high' | 'medium'; fields: string[]; notes: string[] }

/**
 * The privileged fields a source lets the caller set in this write, or null when none. A NestJS DTO
 * limits them to its declared properties when a ValidationPipe strips the rest; without one, a DTO
 * that declares none still lets every key through, which is reported at medium and says so.
 */
function judge(ctx: RepoRuleContext, src: Source, w: BodyWrite, model: ModelFields | null, dtos: DeclaredDto[], whitelisted: boolean): Judged | null {
  const fixed = new Set([...src.row.fixed, ...w.fixed]);
  const notes = fixed.size > 0 ? [`keys the code sets or takes out itself: ${[...fixed].join(', ')}`] : [];
  if (roleGuarded(ctx, src.path, src.row.fnLine, src.row.fn)) return null;
  const open = (m: ModelFields | null) => (m ? m.fields.filter((f) => isPrivilegedField(f) && !fixed.has(f)) : []);
  if (!src.row.dto) {
    const fields = open(model);
    return fields.length > 0 ? { src, severity: 'high', fields, notes } : null;
  }
  const declared = dtoFields(ctx, src.path, src.row.dto, dtos);
  if (declared) {
    // The DTO's own privileged properties, written whole: on the model when it is resolved.
    // Under a whitelisting pipe a property class-validator restricts to constants that grant nothing
    // (`@IsIn(['SELLER']) role`) is refused with any other value: the caller cannot promote themself.
    const restricted = (f: string) => whitelisted && (declared.constant.get(f)?.every((v) => !isPrivilegedRoleValue(v)) ?? false);
    const fields = declared.fields.filter((f) => isPrivilegedField(f) && !fixed.has(f) && (!model || model.fields.includes(f)) && !restricted(f));
    if (fields.length > 0) return { src, severity: 'high', fields, notes: [...notes, `${src.row.dto.name} declares ${fields.join(', ')} (${declared.path}:${declared.line})`] };
    if (whitelisted) return null;
  }
  const fields = open(model);
  if (fields.length === 0) return null;
  const why = declared ? `${src.row.dto.name} declares none of them, but no ValidationPipe with whitelist was seen: keys it does not declare pass` : `${src.row.dto.name} was not resolved to a class declaration: which keys pass was not decided`;
  return { src, severity: 'medium', fields, notes: [...notes, why] };
}

/** The write is in the handler of a route whose chain holds a role guard (`requireAdmin`, `checkRole('admin')`): callers cannot reach it signed in as anyone. */
function roleGuarded(ctx: RepoRuleContext, path: string, fnLine: number, fn: string | undefined): boolean {
  return routeFacts(ctx).routes.some((r) => r.file === path && (r.handlerLine === fnLine || r.line === fnLine || (fn !== undefined && r.handler === fn)) && r.middleware.some(isRoleGuardName));
}

/** Whether the call graph resolves the write's call (at its line, by its method name) to a function of the repository. */
function callsRepositoryFunction(ctx: RepoRuleContext, w: BodyWrite): boolean {
  if (!w.fn) return false;
  return ctx.link.callees(`${w.path}#${w.fn}`).some((e) => e.line >= w.line && e.line - w.line <= 3 && (e.to.endsWith(`#${w.method}`) || e.to.endsWith(`.${w.method}`)));
}

/** Row-write methods that make a new record (the sign-up's own account), as against changing one. */
const CREATES = new Set(['create', 'insert', 'insertMany', 'bulkCreate', 'build', 'save', 'values', 'upsert']);

/** A value traced to the request body, at the route handler that reads it. */
interface GrantSource { body: string; path: string; fn?: string; fnLine: number; hops: Array<{ path: string; line: number; snippet: string }> }

/**
 * A role field (knowledge ROLE_FIELDS) stored from the request body: read in place, or handed down
 * through the repository's own functions as one argument (`execute(dto.email, dto.password, dto.role)`)
 * or inside a whole body, followed by the call graph. Critical on an unauthenticated route that
 * creates the record (a sign-up: anyone registers as an administrator), high on any other route
 * without a role guard. A trail the call graph cannot follow is not decided (`untraced`).
 */
function roleGrants(ctx: RepoRuleContext, grants: BodyGrant[], passes: BodyPass[], models: DeclaredModel[], untraced: string[]): number {
  const routes = routeFacts(ctx).routes;
  const seen = new Set<string>();
  let found = 0;
  for (const g of grants) {
    if (!isRoleField(g.field)) continue;
    // A model that resolves and declares no such column stores nothing of it.
    const model = g.model.kind === 'unknown' ? null : modelOf(ctx, { ...g, via: 'whole', fixed: [] } as unknown as BodyWrite, models);
    if (model && !model.fields.some((f) => f.toLowerCase() === g.field.toLowerCase())) continue;
    const lost: string[] = [];
    const sources = g.param === undefined ? [{ body: g.body, path: g.path, fn: g.fn, fnLine: g.fnLine, hops: [] }] : upstream(ctx, g.path, g.fn, g.param, g.member === true, passes, 1, lost);
    if (lost.length > 0) untraced.push(`${g.path}:${g.line} (${g.field}; ${lost[0]})`);
    for (const src of sources) {
      const route = routes.find((r) => r.file === src.path && (r.handlerLine === src.fnLine || r.line === src.fnLine || (src.fn !== undefined && r.handler === src.fn)));
      if (!route) continue;
      if (route.roleCheck || route.middleware.some(isRoleGuardName)) continue;
      // Read in place on a signed-in route: security/role-not-enforced reports it (the handler's `grants`).
      if (route.auth && src.hops.length === 0 && (route.grants?.length ?? 0) > 0) continue;
      const at = `${g.path}:${g.line}`;
      if (seen.has(at)) continue;
      seen.add(at);
      found++;
      const signup = !route.auth && CREATES.has(g.method);
      ctx.report({
        severity: signup ? 'critical' : 'high',
        messageId: 'granted',
        data: {
          field: g.field, method: g.method, source: `${src.body}, ${src.path}:${src.hops[0]?.line ?? src.fnLine}`,
          route: `${route.method} ${route.path}`, who: signup ? 'anyone who signs up (the route needs no sign-in)' : route.auth ? `any signed-in caller (${route.auth})` : 'any caller (the route needs no sign-in)',
        },
        location: { path: g.path, line: g.line, snippet: g.snippet },
        evidence: [
          { kind: 'file', path: route.file, line: route.line, snippet: route.snippet },
          ...src.hops.map((h) => ({ kind: 'file' as const, path: h.path, line: h.line, snippet: h.snippet })),
          ...(model ? [{ kind: 'file' as const, path: model.path, line: model.line, snippet: `${model.what}: ${g.field}` }] : []),
          { kind: 'note', text: `chain: ${route.middleware.join(' → ') || 'none'}; no role guard, and the value is not replaced by a constant` },
        ],
      });
    }
  }
  return found;
}

/** The request-body values callers of `fn` pass as its parameter `param` (a role value, or with `member` a whole body holding it), up to two calls up. */
function upstream(ctx: RepoRuleContext, path: string, fn: string | undefined, param: number, member: boolean, passes: BodyPass[], depth: number, lost: string[]): GrantSource[] {
  if (!fn) { lost.push(`${path}: a function without a name, whose callers cannot be traced`); return []; }
  const tail = fn.slice(fn.lastIndexOf('.') + 1);
  const callers = ctx.link.callers(`${path}#${fn}`);
  if (callers.length === 0) { lost.push(`${path}: no call of ${fn} the call graph resolves`); return []; }
  const out: GrantSource[] = [];
  for (const c of callers) {
    const from = c.from.slice(0, c.from.lastIndexOf('#'));
    for (const p of passes.filter((x) => x.path === from && x.callee === tail && x.arg === param && x.line <= c.line && c.line - x.line <= 3)) {
      // A whole body where a role value is wanted (or the other way) is not this trail.
      const value = p.field !== undefined;
      if (p.param === undefined ? value === member : !value && !member) continue;
      const hop = { path: from, line: p.line, snippet: p.snippet };
      if (p.param === undefined) out.push({ body: p.body, path: from, fn: p.fn, fnLine: p.fnLine, hops: [hop] });
      else if (depth < 3) for (const up of upstream(ctx, from, p.fn, p.param, p.field === undefined || member, passes, depth + 1, lost)) out.push({ ...up, hops: [...up.hops, hop] });
      else lost.push(`${from}:${p.line}: passed on from a parameter more than 3 calls up`);
    }
  }
  return out;
}
