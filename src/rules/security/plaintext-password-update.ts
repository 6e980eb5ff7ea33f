import { bodyWriteFacts, type BodyPass, type BodyWrite, type DeclaredDto, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { symbolFacts } from '../../collect/facts/symbols.js';
import { hashesPassword, isPasswordField, mongooseEventOf, typeormListenersRun } from '../../knowledge/index.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { dtoFields, modelOf, traced, type Source } from '../shared/body-sources.js';

export default defineRepoRule({
  id: 'security/plaintext-password-update',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Password hashed in a model hook that the write storing it does not run',
    rationale: 'TypeORM runs an entity\'s `@BeforeInsert`/`@BeforeUpdate` listeners only for an instance of the entity saved through a repository: `update()`, `insert()` of a plain object, or `save()` of a DTO or a spread run none, and `@BeforeInsert` never runs on an update. Mongoose runs `pre(\'save\')` middleware for `save()` and `create()` only: `updateOne()`, `findOneAndUpdate()` and `findByIdAndUpdate()` run their own query middleware, never `save`. A password the caller sends through such a write is stored as sent.',
    remediation: {
      text: 'Hash in the service before the write (`dto.password = await argon2.hash(dto.password)`), or load the entity or document, assign to it and `save()` it (TypeORM with a `@BeforeUpdate` listener that hashes; mongoose runs `pre(\'save\')`), or register the hashing middleware for the update query too (`schema.pre(\'findOneAndUpdate\', ...)`).',
      effort: 'low',
    },
    messages: {
      stored: '{{body}} can carry {{field}}, written with {{method}}() to {{model}}, whose hashing hook ({{hooks}}) does not run for this write: the password is stored as sent',
      noHash: '{{body}} can carry {{field}}, written with {{method}}() to {{model}}, which has no write hook, and no password hash is applied on the way (the handler, the writing function or what they call): the password is stored as sent',
    },
  },
  check(ctx) {
    const records = ctx.facts(bodyWriteFacts);
    const writes = records.filter((r): r is BodyWrite => r.type === 'write');
    const passes = records.filter((r): r is BodyPass => r.type === 'pass' && r.field === undefined);
    const dtos = records.filter((r): r is DeclaredDto => r.type === 'dto');
    const models = records.filter((r): r is DeclaredModel => r.type === 'model');
    let judged = 0;
    // One write reached through two sources (or recorded twice) is one finding, at its location.
    const reported = new Set<string>();
    for (const w of writes) {
      const model = modelOf(ctx, w, models);
      const decl = model ? models.find((m) => m.path === model.path && m.line === model.line && (m.library === 'typeorm' || m.library === 'mongoose')) : undefined;
      const hashing = (decl?.hooks ?? []).filter((h) => h.password);
      // Prisma and Drizzle run no hook of the model's own on a write: what hashes is the code on the way.
      if (model && (w.model.kind === 'prisma' || w.model.kind === 'table')) {
        judged += hooklessWrite(ctx, w, model, passes, dtos, reported);
        continue;
      }
      if (!decl || hashing.length === 0) continue;
      const sources: Source[] = w.param === undefined ? [{ row: w, path: w.path, hops: [] }] : traced(ctx, w.path, w.fn, w.param, passes);
      // Object.assign onto a loaded entity, then save(): an instance that exists. Any other row is a plain object.
      const instance = w.via === 'assign';
      const method = w.method === 'Object.assign' ? 'save' : w.method;
      // The hooks this write runs: TypeORM by the row it is handed, mongoose by the middleware event of the method (knowledge HOOK_COVERAGE).
      const event = decl.library === 'mongoose' ? mongooseEventOf(method) : null;
      if (decl.library === 'mongoose' && event === null) continue;
      const run = decl.library === 'mongoose' ? [event!] : typeormListenersRun(method, instance, instance || method === 'update');
      if (hashing.some((h) => run.includes(h.event))) continue;
      const at = `${w.path}:${w.line}`;
      if (reported.has(at)) continue;
      const hook = (h: { event: string }) => (decl.library === 'mongoose' ? `pre('${h.event}')` : `@${h.event}`);
      for (const src of sources) {
        // The caller's password field: declared by the DTO it arrives as (a body with no DTO may carry it too, undecided: medium).
        const declared = src.row.dto ? dtoFields(ctx, src.path, src.row.dto, dtos) : null;
        const field = declared?.fields.find(isPasswordField) ?? (src.row.dto ? undefined : decl.fields.find(isPasswordField));
        if (!field || src.row.fixed.includes(field) || w.fixed.includes(field)) continue;
        judged++;
        reported.add(at);
        ctx.report({
          severity: declared ? 'high' : 'medium',
          messageId: 'stored',
          data: { body: src.row.body, field, method: w.method, model: model!.what, hooks: hashing.map(hook).join(', ') },
          location: { path: w.path, line: w.line, snippet: w.snippet },
          evidence: [
            ...src.hops.map((h) => ({ kind: 'file' as const, path: h.path, line: h.line, snippet: h.snippet })),
            ...hashing.map((h) => ({ kind: 'file' as const, path: decl.path, line: h.line, snippet: `${hook(h)} sets ${field}` })),
            { kind: 'note' as const, text: decl.library === 'mongoose' ? `${w.method}() runs mongoose's '${event}' middleware, not the hashing one` : run.length === 0 ? `${w.method}() of a plain object runs no entity listener` : `${w.method}() of an existing entity runs only ${run.join(', ')}` },
            ...(declared ? [{ kind: 'file' as const, path: declared.path, line: declared.line, snippet: `${src.row.dto!.name} declares ${field}` }] : [{ kind: 'note' as const, text: 'the body is not typed by a DTO: whether it carries the password field was not decided' }]),
          ],
        });
        break;
      }
    }
    if (judged === 0) ctx.pass('no write that skips the model\'s hashing hook stores a password the caller sends');
  },
});

/** How many calls deep a password hash is looked for from the functions a body passes through. */
const HASH_DEPTH = 3;

/**
 * The password hash a function applies (`path#id`), in its own body or in a function of the
 * repository it calls (the link's call graph, HASH_DEPTH deep): a call of an import knowledge lists in
 * PASSWORD_HASHERS (collect/symbols refs). Null when none is seen.
 */
function hashOnTheWay(ctx: RepoRuleContext, key: string, lines?: { from: number; to: number }): string | null {
  const refs = ctx.memo('plaintext-password-update:decl-refs', () => declRefs(ctx));
  const seen = new Set<string>([key]);
  let frontier = [key];
  for (let depth = 0; depth <= HASH_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    // Only the lines given of the first function (an anonymous handler's, read out of its file's top-level code).
    const within = (line: number) => depth > 0 || !lines || (line >= lines.from && line <= lines.to);
    for (const k of frontier) {
      for (const r of refs.get(k) ?? []) {
        if (!r.module || r.module.startsWith('.') || !within(r.line)) continue;
        if (hashesPassword({ module: r.module, name: r.name ?? 'default', ...(r.member ? { member: r.member } : {}) })) return `${r.module}.${r.member ?? r.name}`;
      }
      for (const e of ctx.link.callees(k)) if (within(e.line) && !seen.has(e.to)) { seen.add(e.to); next.push(e.to); }
    }
    frontier = next;
  }
  return null;
}

type Ref = { module?: string; name?: string; member?: string; line: number };
function declRefs(ctx: RepoRuleContext): Map<string, Ref[]> {
  const out = new Map<string, Ref[]>();
  for (const r of ctx.facts(symbolFacts)) if (r.type === 'decl') out.set(`${r.path}#${r.id}`, r.refs);
  return out;
}

/**
 * A Prisma or Drizzle write (no model hook exists) of a body that can carry the model's password
 * field, when neither the function writing it nor the handler reading the body reaches a password
 * hash: reported (high when the body's DTO declares the field, medium when the body is untyped).
 */
function hooklessWrite(ctx: RepoRuleContext, w: BodyWrite, model: { what: string; fields: string[] }, passes: BodyPass[], dtos: DeclaredDto[], reported: Set<string>): number {
  const stored = model.fields.find(isPasswordField);
  if (!stored || w.fixed.includes(stored)) return 0;
  const at = `${w.path}:${w.line}`;
  if (reported.has(at)) return 0;
  // The function writing: a top-level write (no named function) is read as the module's own code.
  if (hashOnTheWay(ctx, `${w.path}#${w.fn ?? '<module>'}`, w.fn ? undefined : { from: w.fnLine, to: w.line })) return 0;
  const sources: Source[] = w.param === undefined ? [{ row: w, path: w.path, hops: [] }] : traced(ctx, w.path, w.fn, w.param, passes);
  for (const src of sources) {
    if (src.row.fixed.includes(stored)) continue;
    const declared = src.row.dto ? dtoFields(ctx, src.path, src.row.dto, dtos) : null;
    if (src.row.dto && !declared?.fields.includes(stored)) continue;
    // The handler reading the body may hash before it passes the body on: a named one in its body and
    // what it calls; an anonymous one (part of its file's top-level code) between its start and the pass.
    if (src.path !== w.path || src.row.fn !== w.fn) {
      const pass = src.hops[0];
      const lines = src.row.fn ? undefined : { from: src.row.fnLine, to: pass?.line ?? src.row.fnLine };
      if (hashOnTheWay(ctx, `${src.path}#${src.row.fn ?? '<module>'}`, lines)) continue;
    }
    reported.add(at);
    ctx.report({
      severity: declared ? 'high' : 'medium',
      messageId: 'noHash',
      data: { body: src.row.body, field: stored, method: w.method, model: model.what },
      location: { path: w.path, line: w.line, snippet: w.snippet },
      evidence: [
        ...src.hops.map((h) => ({ kind: 'file' as const, path: h.path, line: h.line, snippet: h.snippet })),
        { kind: 'note' as const, text: `${model.what} stores ${stored}; no call of a password hash (bcrypt, argon2, scrypt) is reached from ${w.fn ?? 'the writing code'}${src.row.fn && src.row.fn !== w.fn ? ` or ${src.row.fn}` : ''}` },
        ...(declared ? [{ kind: 'file' as const, path: declared.path, line: declared.line, snippet: `${src.row.dto!.name} declares ${stored}` }] : [{ kind: 'note' as const, text: 'the body is not typed by a DTO: whether it carries the password field was not decided' }]),
      ],
    });
    return 1;
  }
  return 0;
}
