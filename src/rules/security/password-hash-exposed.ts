import { sentRowFacts, type SentRowFact } from '../../collect/facts/sent-rows.js';
import type { Located } from '../../collect/facts/define.js';
import { isStoredCredentialField } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { parsePrismaSchema, type PrismaModel } from '../shared/prisma-schema.js';

type Sent = Extract<SentRowFact, { kind: 'sent' }>;
type MSent = Extract<SentRowFact, { kind: 'mongoose-sent' }>;
type MSchema = Extract<SentRowFact, { kind: 'mongoose-schema' }>;
type MModel = Extract<SentRowFact, { kind: 'mongoose-model' }>;

/** A Prisma delegate (`prisma.user`) is the model of that name with its first letter lower-cased. */
const delegateOf = (model: string): string => model.charAt(0).toLowerCase() + model.slice(1);

export default defineRepoRule({
  id: 'security/password-hash-exposed',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'A password hash sent to the client with the row it belongs to',
    rationale: 'A route that sends a user row as the ORM loaded it sends its password hash too: anyone who can call the route gets what an offline cracking attack needs, for every account it returns.',
    remediation: { text: 'Choose what the query loads (`select` the fields the client needs, or `omit: { password: true }`, globally on the client or per query), or map the row to a response DTO before sending it.', effort: 'low' },
    messages: {
      sentRow: '{{response}} sends the {{model}} row of {{query}} with its `{{field}}` field ({{schema}}): no select or omit leaves it out',
      sentDocument: '{{response}} sends the {{model}} document of {{query}} with its `{{field}}` field ({{schema}}): the schema does not mark it `select: false`, and no `.select(\'-{{field}}\')`, toJSON transform or delete leaves it out',
      sentRelation: '{{response}} sends the {{model}} rows that {{query}} includes as `{{relation}}`, with their `{{field}}` field ({{schema}}): the include loads them whole',
    },
  },
  check(ctx) {
    const schemas = [...ctx.documents].filter(([p]) => p.endsWith('.prisma')).map(([path, text]) => ({ path, schema: parsePrismaSchema(text) }));
    const facts = ctx.facts(sentRowFacts) as ReadonlyArray<Located<SentRowFact>>;
    const sent = facts.filter((f): f is Located<Sent> => f.kind === 'sent');
    const mongoose = mongooseDocuments(ctx, facts);
    if (schemas.length === 0 && mongoose === null) return ctx.notApplicable('no Prisma schema (schema.prisma) and no Mongoose schema in the repository');
    // No response read at all is no pass: documents sent through a service function are not followed.
    if (schemas.length === 0) return mongoose!.startsWith('0 response') ? ctx.unknown(`${mongoose!}: no route response sends a Mongoose document directly, and responses that send one a service function returned are not followed`) : ctx.pass(mongoose!);
    if (sent.length === 0) return ctx.pass(`no route response sends a Prisma query's result as it came back${mongoose ? `; ${mongoose}` : ''}`);
    const omits = facts.filter((f): f is Located<Extract<SentRowFact, { kind: 'global-omit' }>> => f.kind === 'global-omit');
    /** The fields the query's client leaves out of every query of a delegate: its `new PrismaClient({ omit })`, found through the client's declaration. */
    const clientOmit = (s: Located<Sent>, delegate: string): readonly string[] => {
      if (omits.length === 0 || !s.client) return [];
      const target = s.clientLine !== null ? { path: s.path, line: s.clientLine } : (() => {
        const r = ctx.link.resolveName(s.path, s.client!);
        return r && 'decl' in r ? { path: r.decl.path, line: r.decl.line } : null;
      })();
      const o = target && omits.find((f) => f.path === target.path && f.line === target.line);
      return o?.omit[delegate] ?? [];
    };
    const models = new Map<string, { model: PrismaModel; path: string }>();
    for (const s of schemas) for (const m of s.schema.models) models.set(delegateOf(m.name), { model: m, path: s.path });
    /** The credential field a model's rows carry when loaded with these choices, or null. */
    const credential = (s: Located<Sent>, m: PrismaModel, select: string[] | null, omit: readonly string[]) =>
      m.fields.find((f) => !f.relation && isStoredCredentialField(f.name) && (select ? select.includes(f.name) : !omit.includes(f.name) && !clientOmit(s, delegateOf(m.name)).includes(f.name))) ?? null;
    let judged = 0;
    for (const s of sent) {
      const own = models.get(s.delegate);
      if (!own) continue;
      judged++;
      const response = `${s.path}:${s.line}`;
      const query = `prisma.${s.delegate}.${s.method}() at ${s.path}:${s.queryLine}`;
      const evidence = (field: { line: number }, schemaPath: string) => [
        { kind: 'file' as const, path: schemaPath, line: field.line, snippet: 'the credential field in the schema' },
        { kind: 'file' as const, path: s.path, line: s.queryLine, snippet: s.querySnippet },
        { kind: 'file' as const, path: s.path, line: s.line, snippet: s.snippet },
        { kind: 'note' as const, text: 'the field is judged a credential by its name (knowledge/accounts.ts STORED_CREDENTIAL_FIELDS), the last resort: a schema does not say what a String holds' },
      ];
      const top = credential(s, own.model, s.select, s.omit);
      if (top) {
        ctx.report({ messageId: 'sentRow', location: { path: s.path, line: s.line, snippet: s.snippet }, evidence: evidence(top, own.path),
          data: { response, model: own.model.name, query, field: top.name, schema: `${own.path}:${top.line}` } });
        continue;
      }
      for (const rel of s.include) {
        const relField = own.model.fields.find((f) => f.name === rel && f.relation);
        const target = relField && models.get(delegateOf(relField.type));
        const field = target && credential(s, target.model, null, []);
        if (!target || !field) continue;
        ctx.report({ messageId: 'sentRelation', location: { path: s.path, line: s.line, snippet: s.snippet }, evidence: evidence(field, target.path),
          data: { response, model: target.model.name, query, relation: rel, field: field.name, schema: `${target.path}:${field.line}` } });
        break;
      }
    }
    ctx.pass(`${judged} response(s) sending a Prisma query's result checked against ${schemas.map((s) => s.path).join(', ')}${mongoose ? `; ${mongoose}` : ''}`);
  },
});

/**
 * Responses that send a Mongoose document as the query returned it, judged against the model's schema
 * found through the model's name (its import resolved by the link stage to the `model(...)` call, then the
 * schema variable that call is given, in the same file). Reports each, and returns what it checked
 * (null when the repository has no Mongoose schema).
 */
function mongooseDocuments(ctx: Parameters<Parameters<typeof defineRepoRule>[0]['check']>[0], facts: ReadonlyArray<Located<SentRowFact>>): string | null {
  const schemas = facts.filter((f): f is Located<MSchema> => f.kind === 'mongoose-schema');
  if (schemas.length === 0) return null;
  const models = facts.filter((f): f is Located<MModel> => f.kind === 'mongoose-model');
  const sent = facts.filter((f): f is Located<MSent> => f.kind === 'mongoose-sent');
  let judged = 0;
  let unresolved = 0;
  for (const s of sent) {
    // the model's declaration: through the import, or the module a `require` variable loads (`module.exports = User`)
    const r = ctx.link.resolveName(s.path, s.model);
    let at = r && 'decl' in r ? r.decl : null;
    let file = at?.path ?? null;
    if (s.from) {
      file = ctx.link.resolveImport(s.path, s.from);
      const e = file && s.imported && s.imported !== 'default' && s.imported !== '*' ? ctx.link.resolveExport(file, s.imported) : null;
      at = e && 'decl' in e ? e.decl : null;
      if (at) file = at.path;
    }
    const candidates = file ? models.filter((m) => m.path === file) : [];
    const model = candidates.find((m) => m.line === at?.line || m.name === at?.id) ?? (candidates.length === 1 ? candidates[0] : undefined);
    const schema = model && model.schema !== null ? schemas.find((x) => x.path === model.path && x.name === model.schema) : undefined;
    if (!model || !schema) { unresolved++; continue; }
    judged++;
    if (schema.transformed) continue;
    const sel = (s.select ?? '').split(/\s+/).filter(Boolean);
    if (sel.includes('?')) continue;
    const inclusive = sel.some((x) => !x.startsWith('-') && !x.startsWith('+'));
    const field = schema.fields.find((f) => sel.includes(`+${f.name}`)
      || (!f.selectFalse && !sel.includes(`-${f.name}`) && (!inclusive || sel.includes(f.name))));
    if (!field) continue;
    const response = `${s.path}:${s.line}`;
    const query = `${s.model}.${s.method}() at ${s.path}:${s.queryLine}`;
    ctx.report({
      messageId: 'sentDocument', location: { path: s.path, line: s.line, snippet: s.snippet },
      evidence: [
        { kind: 'file', path: schema.path, line: field.line, snippet: 'the credential field in the Mongoose schema' },
        { kind: 'file', path: s.path, line: s.queryLine, snippet: s.querySnippet },
        { kind: 'file', path: s.path, line: s.line, snippet: s.snippet },
        { kind: 'note', text: 'the field is judged a credential by its name (knowledge/accounts.ts STORED_CREDENTIAL_FIELDS), the last resort: a schema does not say what a String holds' },
      ],
      data: { response, model: model.modelName, query, field: field.name, schema: `${schema.path}:${field.line}` },
    });
  }
  return `${judged} response(s) sending a Mongoose document checked against its schema${unresolved ? ` (${unresolved} whose model verdict could not follow to a schema not judged)` : ''}`;
}
