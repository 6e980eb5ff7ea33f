import { bodyWriteFacts, type BodyPass, type BodyWrite, type DeclaredDto, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { drizzleTableFacts } from '../../collect/facts/drizzle-tables.js';
import { isPrivilegedField, isRoleGuardName } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { parsePrismaSchema } from '../shared/prisma-schema.js';
import { routeFacts } from '../shared/routes.js';

/** A model's declaration and its fields; `byName` when only its name tied it to the write (no import to follow). */
interface ModelFields { what: string; path: string; line: number; fields: string[]; byName: boolean }

const HOW: Record<BodyWrite['via'], string> = {
  whole: 'whole', spread: 'spread into the row', assign: 'merged with Object.assign', rest: 'minus a few keys',
};

export default defineRepoRule({
  id: 'security/mass-assignment',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Request body written whole to a model with privileged fields (mass assignment)',
    rationale: 'A write that stores the request body as sent lets the caller set every field the model declares: a `role` or `isAdmin` makes them an administrator, a `balance` or `credits` pays them, a `verified` skips the check.',
    remediation: {
      text: 'Pick the fields the caller may set (`const { name, email } = req.body`), or validate with a schema that strips unknown keys (zod `.parse`, Joi `stripUnknown`, class-validator `whitelist: true`) and never lists the privileged fields.',
      effort: 'low',
    },
    messages: {
      assigned: '{{body}} is written {{how}} with {{method}}() to {{model}}, which declares {{fields}}: the caller can set them',
    },
  },
  check(ctx) {
    const records = ctx.facts(bodyWriteFacts);
    const writes = records.filter((r): r is BodyWrite => r.type === 'write');
    const passes = records.filter((r): r is BodyPass => r.type === 'pass');
    const dtos = records.filter((r): r is DeclaredDto => r.type === 'dto');
    const whitelist = records.find((r) => r.type === 'pipe');
    const models = records.filter((r): r is DeclaredModel => r.type === 'model');
    const unresolved: BodyWrite[] = [];
    let clean = 0;
    let found = 0;
    let bodyWrites = 0;
    for (const w of writes) {
      // A write of a parameter stores what its callers pass: the request body, one or two calls up.
      const sources: Source[] = w.param === undefined ? [{ row: w, path: w.path, hops: [] }] : traced(ctx, w.path, w.fn, w.param, passes);
      if (sources.length === 0) continue;
      const model = modelOf(ctx, w, models);
      // `this.usersService.create(dto)`: a call the call graph resolves to the repository's own function
      // is no ORM write; that function's writes are judged where they are, through the pass.
      if (!model && callsRepositoryFunction(ctx, w)) continue;
      bodyWrites++;
      const judged = sources.map((src) => judge(ctx, src, w, model, dtos, whitelist !== undefined)).filter((j): j is Judged => j !== null);
      if (judged.length === 0) {
        if (model) clean++; else unresolved.push(w);
        continue;
      }
      const worst = judged.find((j) => j.severity === 'high') ?? judged[0];
      const src = worst.src;
      found++;
      ctx.report({
        severity: model?.byName ? 'medium' : worst.severity,
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
          ...(model?.byName ? [{ kind: 'note' as const, text: `the model was matched by its name (${model.what}), not through an import` }] : []),
        ],
      });
    }
    if (bodyWrites === 0) return ctx.pass('no ORM write in release code stores the request body as sent');
    if (found > 0) return;
    if (unresolved.length > 0) {
      const at = unresolved.slice(0, 5).map((w) => `${w.path}:${w.line} (${w.method})`).join(', ');
      return ctx.unknown(`${unresolved.length} write(s) store the request body as sent, on a model verdict could not resolve to its declaration: ${at}${unresolved.length > 5 ? ` and ${unresolved.length - 5} more` : ''}`);
    }
    ctx.pass(`${clean} write(s) store the request body as sent, on models that declare no privileged or money field (or behind a role guard)`);
  },
});

/** Where a written row comes from: the request read (`row`) in `path`, and the calls it was handed through, controller first. */
interface Source { row: Pick<BodyWrite, 'body' | 'fixed' | 'dto' | 'fnLine' | 'fn'>; path: string; hops: Array<{ path: string; line: number; snippet: string }> }
interface Judged { src: Source; severity: 'high' | 'medium'; fields: string[]; notes: string[] }

/** How many calls a body is followed down from the handler that reads it to the write. */
const MAX_HOPS = 2;

/**
 * The request bodies the callers of `fn` (declared in `path`) pass as its parameter `param`: calls
 * the link stage's call graph resolves to it (member calls by the receiver's type, injected services),
 * matched to the passes recorded at those lines; a caller that passes its own parameter on is followed
 * up once more.
 */
function traced(ctx: RepoRuleContext, path: string, fn: string | undefined, param: number, passes: BodyPass[], depth = 1): Source[] {
  if (!fn) return [];
  const tail = fn.slice(fn.lastIndexOf('.') + 1);
  const out: Source[] = [];
  for (const c of ctx.link.callers(`${path}#${fn}`)) {
    const from = c.from.slice(0, c.from.lastIndexOf('#'));
    // The graph puts a call at its callee name's line; a call broken over lines starts up to a few above.
    for (const p of passes.filter((x) => x.path === from && x.callee === tail && x.arg === param && x.line <= c.line && c.line - x.line <= 3)) {
      const hop = { path: from, line: p.line, snippet: p.snippet };
      if (p.param === undefined) out.push({ row: p, path: from, hops: [hop] });
      else if (depth < MAX_HOPS) for (const up of traced(ctx, from, p.fn, p.param, passes, depth + 1)) out.push({ ...up, hops: [...up.hops, hop] });
    }
  }
  return out;
}

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
    const fields = declared.fields.filter((f) => isPrivilegedField(f) && !fixed.has(f) && (!model || model.fields.includes(f)));
    if (fields.length > 0) return { src, severity: 'high', fields, notes: [...notes, `${src.row.dto.name} declares ${fields.join(', ')} (${declared.path}:${declared.line})`] };
    if (whitelisted) return null;
  }
  const fields = open(model);
  if (fields.length === 0) return null;
  const why = declared ? `${src.row.dto.name} declares none of them, but no ValidationPipe with whitelist was seen: keys it does not declare pass` : `${src.row.dto.name} was not resolved to a class declaration: which keys pass was not decided`;
  return { src, severity: 'medium', fields, notes: [...notes, why] };
}

/** A DTO class's properties, its bases' included (`PartialType(X)`, `OmitType(X, ['role'])`), resolved from its declaration; null when not found. */
function dtoFields(ctx: RepoRuleContext, from: string, ref: { name: string; spec?: string }, dtos: DeclaredDto[], depth = 0): { fields: string[]; path: string; line: number } | null {
  if (depth > 4) return null;
  const target = ctx.link.resolveName(from, ref.name);
  const at = target && 'decl' in target ? { path: target.decl.path, name: target.decl.id } : ref.spec ? null : { path: from, name: ref.name };
  const d = at ? dtos.find((x) => x.path === at.path && x.name === at.name) : undefined;
  if (!d) return null;
  const fields = new Set(d.fields);
  for (const b of d.bases) {
    const base = dtoFields(ctx, d.path, b, dtos, depth + 1);
    if (!base) return null;
    for (const f of base.fields) if (b.how === 'keep' || (b.how === 'pick' ? b.keys.includes(f) : !b.keys.includes(f))) fields.add(f);
  }
  return { fields: [...fields], path: d.path, line: d.line };
}

/** The model a write goes to, resolved to its declaration: through the import it names, else by its name in the repository. */
function modelOf(ctx: RepoRuleContext, w: BodyWrite, models: DeclaredModel[]): ModelFields | null {
  const m = w.model;
  if (m.kind === 'prisma') return prismaModel(ctx, m.name);
  if (m.kind === 'knex' || m.kind === 'unknown') return null;
  const file = m.spec ? ctx.link.resolveImport(w.path, m.spec) : w.path;
  if (m.kind === 'table') return drizzleTable(ctx, w.path, m.name);
  if (file) {
    // A declaration in another file the name resolves to (an import through barrels); else the file its import or require names.
    const target = ctx.link.resolveName(w.path, m.name);
    const at = target && 'decl' in target && (target.decl.path !== w.path || !m.spec) ? { path: target.decl.path, id: target.decl.id } : { path: file, id: null };
    const inFile = models.filter((d) => d.path === at.path);
    const hit = inFile.find((d) => d.name === (at.id ?? m.name)) ?? inFile.find((d) => d.name === 'default') ?? (inFile.length === 1 ? inFile[0] : undefined);
    if (hit) return declared(hit, false);
    if (m.spec) return null;
  }
  const named = models.filter((d) => d.name === m.name || d.modelName === m.name);
  return named.length === 1 ? declared(named[0], true) : null;
}

function declared(d: DeclaredModel, byName: boolean): ModelFields {
  return { what: `${d.library} model ${d.modelName ?? d.name}`, path: d.path, line: d.line, fields: d.fields, byName };
}

/** A Prisma delegate (`prisma.user`) is the model of that name with its first letter lower-cased. */
function prismaModel(ctx: RepoRuleContext, delegate: string): ModelFields | null {
  for (const [path, text] of ctx.documents) {
    if (!path.endsWith('.prisma')) continue;
    const model = parsePrismaSchema(text).models.find((x) => x.name.charAt(0).toLowerCase() + x.name.slice(1) === delegate);
    if (model) return { what: `Prisma model ${model.name}`, path, line: model.line, fields: model.fields.map((f) => f.name), byName: false };
  }
  return null;
}

/** A Drizzle table handed to `insert`/`update` by name: its `pgTable(...)` declaration, found through the name's binding. */
function drizzleTable(ctx: RepoRuleContext, from: string, name: string): ModelFields | null {
  const target = ctx.link.resolveName(from, name);
  if (!target || !('decl' in target)) return null;
  const t = ctx.facts(drizzleTableFacts).find((x) => x.path === target.decl.path && x.line === target.decl.line);
  return t ? { what: `Drizzle table ${t.table}`, path: t.path, line: t.line, fields: t.columns.flatMap((c) => [c.key, c.name]), byName: false } : null;
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
