// Where a row an ORM write stores comes from, followed across files: the request body read in a
// handler (or a NestJS `@Body()` DTO) handed down through the repository's own functions to the write,
// and the model the write goes to, resolved to its declaration. Shared by the rules that judge what
// such a write lets the caller set.
import { type BodyPass, type BodyWrite, type DeclaredDto, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { drizzleTableFacts } from '../../collect/facts/drizzle-tables.js';
import type { RepoRuleContext } from '../api.js';
import { parsePrismaSchema } from './prisma-schema.js';

/** A model's declaration and its fields, resolved from the write through imports and scopes. */
export interface ModelFields { what: string; path: string; line: number; fields: string[] }

/** Where a written row comes from: the request read (`row`) in `path`, and the calls it was handed through, controller first. */
export interface Source { row: Pick<BodyWrite, 'body' | 'fixed' | 'dto' | 'fnLine' | 'fn'>; path: string; hops: Array<{ path: string; line: number; snippet: string }> }

/** How many calls a body is followed down from the handler that reads it to the write. */
const MAX_HOPS = 2;

/**
 * The request bodies the callers of `fn` (declared in `path`) pass as its parameter `param`: calls
 * the link stage's call graph resolves to it (member calls by the receiver's type, injected services),
 * matched to the passes recorded at those lines; a caller that passes its own parameter on is followed
 * up once more.
 */
export function traced(ctx: RepoRuleContext, path: string, fn: string | undefined, param: number, passes: BodyPass[], depth = 1, lost: string[] = []): Source[] {
  // Where the trail ends without an answer goes to `lost`: what the parameter holds there was not decided.
  if (!fn) { lost.push(`${path}: a function without a name, whose callers cannot be traced`); return []; }
  const tail = fn.slice(fn.lastIndexOf('.') + 1);
  const out: Source[] = [];
  const callers = ctx.link.callers(`${path}#${fn}`);
  if (callers.length === 0) lost.push(`${path}: no call of ${fn} the call graph resolves`);
  for (const c of callers) {
    const from = c.from.slice(0, c.from.lastIndexOf('#'));
    // The graph puts a call at its callee name's line; a call broken over lines starts up to a few above.
    for (const p of passes.filter((x) => x.path === from && x.callee === tail && x.arg === param && x.line <= c.line && c.line - x.line <= 3)) {
      const hop = { path: from, line: p.line, snippet: p.snippet };
      if (p.param === undefined) out.push({ row: p, path: from, hops: [hop] });
      // Keys the passing function sets itself (`{ ...input, role: 'user' }`) are fixed for the write below it too.
      else if (depth < MAX_HOPS) for (const up of traced(ctx, from, p.fn, p.param, passes, depth + 1, lost)) out.push({ ...up, row: { ...up.row, fixed: [...new Set([...up.row.fixed, ...p.fixed])] }, hops: [...up.hops, hop] });
      else lost.push(`${from}:${p.line}: passed on from a parameter more than ${MAX_HOPS} calls up`);
    }
  }
  return out;
}

/** A DTO class's properties, its bases' included (`PartialType(X)`, `OmitType(X, ['role'])`), resolved from its declaration; null when not found. */
export function dtoFields(ctx: RepoRuleContext, from: string, ref: { name: string; spec?: string }, dtos: DeclaredDto[], depth = 0): DtoFields | null {
  if (depth > 4) return null;
  const target = ctx.link.resolveName(from, ref.name);
  const at = target && 'decl' in target ? { path: target.decl.path, name: target.decl.id } : ref.spec ? null : { path: from, name: ref.name };
  const d = at ? dtos.find((x) => x.path === at.path && x.name === at.name) : undefined;
  if (!d) return null;
  const fields = new Set(d.fields);
  const constant = new Map<string, Array<string | number | boolean>>();
  for (const b of d.bases) {
    const base = dtoFields(ctx, d.path, b, dtos, depth + 1);
    if (!base) return null;
    for (const f of base.fields) {
      if (!(b.how === 'keep' || (b.how === 'pick' ? b.keys.includes(f) : !b.keys.includes(f)))) continue;
      fields.add(f);
      // class-validator's metadata is inherited (and the mapped types copy it): the base's restriction holds.
      const c = base.constant.get(f);
      if (c) constant.set(f, c);
    }
  }
  for (const c of d.constant ?? []) constant.set(c.field, c.values);
  return { fields: [...fields], path: d.path, line: d.line, constant };
}

/** A DTO's properties (its own and those its bases give it), and those class-validator restricts to constant values. */
export interface DtoFields { fields: string[]; path: string; line: number; constant: Map<string, Array<string | number | boolean>> }

/** The model a write goes to, resolved to its declaration through the import it names or this file's scope; null when it does not resolve. */
export function modelOf(ctx: RepoRuleContext, w: BodyWrite, models: DeclaredModel[]): ModelFields | null {
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
    if (hit) return declared(hit);
  }
  // Not resolved through an import or this file's scope: no model of the same name elsewhere stands in for it.
  return null;
}

function declared(d: DeclaredModel): ModelFields {
  return { what: `${d.library} model ${d.modelName ?? d.name}`, path: d.path, line: d.line, fields: d.fields };
}

/** A Prisma delegate (`prisma.user`) is the model of that name with its first letter lower-cased. */
function prismaModel(ctx: RepoRuleContext, delegate: string): ModelFields | null {
  for (const [path, text] of ctx.documents) {
    if (!path.endsWith('.prisma')) continue;
    const model = parsePrismaSchema(text).models.find((x) => x.name.charAt(0).toLowerCase() + x.name.slice(1) === delegate);
    if (model) return { what: `Prisma model ${model.name}`, path, line: model.line, fields: model.fields.map((f) => f.name) };
  }
  return null;
}

/** A Drizzle table handed to `insert`/`update` by name: its `pgTable(...)` declaration, found through the name's binding. */
function drizzleTable(ctx: RepoRuleContext, from: string, name: string): ModelFields | null {
  const target = ctx.link.resolveName(from, name);
  if (!target || !('decl' in target)) return null;
  const t = ctx.facts(drizzleTableFacts).find((x) => x.path === target.decl.path && x.line === target.decl.line);
  return t ? { what: `Drizzle table ${t.table}`, path: t.path, line: t.line, fields: t.columns.flatMap((c) => [c.key, c.name]) } : null;
}

