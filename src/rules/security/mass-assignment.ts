import { bodyWriteFacts, type BodyWrite, type DeclaredModel } from '../../collect/facts/body-writes.js';
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
    if (writes.length === 0) return ctx.pass('no ORM write in release code stores the request body as sent');
    const models = records.filter((r): r is DeclaredModel => r.type === 'model');
    const unresolved: BodyWrite[] = [];
    let clean = 0;
    let found = 0;
    for (const w of writes) {
      const model = modelOf(ctx, w, models);
      if (!model) { unresolved.push(w); continue; }
      const privileged = model.fields.filter((f) => isPrivilegedField(f) && !w.fixed.includes(f));
      if (privileged.length === 0 || roleGuarded(ctx, w)) { clean++; continue; }
      found++;
      ctx.report({
        severity: model.byName ? 'medium' : 'high',
        messageId: 'assigned',
        data: { body: w.body, how: HOW[w.via], method: w.method, model: model.what, fields: privileged.join(', ') },
        location: { path: w.path, line: w.line, snippet: w.snippet },
        evidence: [
          { kind: 'file', path: model.path, line: model.line, snippet: `${model.what}: ${model.fields.slice(0, 12).join(', ')}${model.fields.length > 12 ? ', …' : ''}` },
          ...(model.byName ? [{ kind: 'note' as const, text: `the model was matched by its name (${model.what}), not through an import` }] : []),
          ...(w.fixed.length > 0 ? [{ kind: 'note' as const, text: `keys the code sets or takes out itself: ${w.fixed.join(', ')}` }] : []),
        ],
      });
    }
    if (found > 0) return;
    if (unresolved.length > 0) {
      const at = unresolved.slice(0, 5).map((w) => `${w.path}:${w.line} (${w.method})`).join(', ');
      return ctx.unknown(`${unresolved.length} write(s) store the request body as sent, on a model verdict could not resolve to its declaration: ${at}${unresolved.length > 5 ? ` and ${unresolved.length - 5} more` : ''}`);
    }
    ctx.pass(`${clean} write(s) store the request body as sent, on models that declare no privileged or money field (or behind a role guard)`);
  },
});

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
function roleGuarded(ctx: RepoRuleContext, w: BodyWrite): boolean {
  return routeFacts(ctx).routes.some((r) => r.file === w.path && (r.handlerLine === w.fnLine || r.line === w.fnLine) && r.middleware.some(isRoleGuardName));
}
