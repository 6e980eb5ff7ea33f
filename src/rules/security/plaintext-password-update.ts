import { bodyWriteFacts, type BodyPass, type BodyWrite, type DeclaredDto, type DeclaredModel } from '../../collect/facts/body-writes.js';
import { isPasswordField, mongooseEventOf, typeormListenersRun } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
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
    },
  },
  check(ctx) {
    const records = ctx.facts(bodyWriteFacts);
    const writes = records.filter((r): r is BodyWrite => r.type === 'write');
    const passes = records.filter((r): r is BodyPass => r.type === 'pass');
    const dtos = records.filter((r): r is DeclaredDto => r.type === 'dto');
    const models = records.filter((r): r is DeclaredModel => r.type === 'model');
    let judged = 0;
    // One write reached through two sources (or recorded twice) is one finding, at its location.
    const reported = new Set<string>();
    for (const w of writes) {
      const model = modelOf(ctx, w, models);
      const decl = model ? models.find((m) => m.path === model.path && m.line === model.line && (m.library === 'typeorm' || m.library === 'mongoose')) : undefined;
      const hashing = (decl?.hooks ?? []).filter((h) => h.password);
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
