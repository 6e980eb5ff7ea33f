// collect/record-lookups: where a function selects stored records (`Order.findById(id)`, `prisma.order.
// delete({ where: { id } })`, `repo.update(id, ...)`) and what the filter holds: a value read from the
// request, who the caller is (`req.user.id`, a `@CurrentUser()` parameter), or a parameter of the
// function (its callers decide); the calls that hand such values on, by argument; and the comparisons
// that involve who the caller is; and the columns a write fills with a random value (bearer codes). security/ownership-unchecked follows them across files through the link.
import { defineFacts, type FactOf } from './define.js';

export const recordLookupFacts = defineFacts('collect/record-lookups', (z) => {
  const line = z.number().int().positive();
  /** A value's origin: request input (as written), the caller's identity (as written), or parameter `i` of the function. */
  const val = z.union([
    z.strictObject({ k: z.literal('request'), text: z.string() }),
    z.strictObject({ k: z.literal('identity'), text: z.string() }),
    z.strictObject({ k: z.literal('param'), i: z.number().int().nonnegative() }),
  ]);
  /** A value of a filter, with the column it is matched against when the filter is an object (`{ inviteCode: code }`: `inviteCode`). */
  const column = z.string().optional();
  const filterVal = z.union([
    z.strictObject({ k: z.literal('request'), text: z.string(), column }),
    z.strictObject({ k: z.literal('identity'), text: z.string(), column }),
    z.strictObject({ k: z.literal('param'), i: z.number().int().nonnegative(), column }),
  ]);
  const model = z.union([
    z.strictObject({ kind: z.literal('name'), name: z.string(), spec: z.string().optional() }),
    z.strictObject({ kind: z.literal('prisma'), name: z.string() }),
  ]);
  /** The declaration id collect/symbols gives the function (`OrdersService.cancel`), when it names one. */
  const fn = z.string().optional();
  /** The line of the function the record is in: an inline route handler is found by it. */
  const fnLine = line;
  return z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('lookup'), fn, fnLine, line, method: z.string(),
      /** The callee as written (`Order.findByIdAndUpdate`, `this.prisma.order.update`). */
      callee: z.string(),
      changes: z.boolean(),
      filter: z.array(filterVal),
      /** The model or table selected, as written (the model's declaration is the rule's to resolve). */
      model: model.optional(),
      /** Fields that say what an account may do (knowledge ROLE_FIELDS) the change writes (`data: { role }`, `{ $set: { isAdmin: true } }`, `user.role = r` then saved). */
      roleFields: z.array(z.string()).optional(),
    }),
    /**
     * A write that fills a column with a random value (`prisma.team.create({ data: { inviteCode: nanoid() } })`,
     * knowledge/capability-tokens): who holds the value may reach the row, it is a bearer code.
     */
    z.strictObject({
      type: z.literal('random'), fn, fnLine, line, column: z.string(),
      /** `module#export` of the generator; '' when the value is the function's parameter `param` (its callers decide). */
      generator: z.string(), param: z.number().int().nonnegative().optional(), model: model.optional(),
    }),
    /** A call handed a random or signed value (`storeToken(id, jwt.sign(...))`) as argument `arg`: the callee's `random` record with that `param` is filled by it. */
    z.strictObject({ type: z.literal('randomPass'), fn, fnLine, line, callee: z.string(), arg: z.number().int().nonnegative(), generator: z.string() }),
    z.strictObject({
      type: z.literal('pass'), fn, fnLine, line, callee: z.string(), arg: z.number().int().nonnegative(), val,
      /** The callee is the repository's own code as the file says: a method on `this` (an injected service), or an import of a relative or aliased path. */
      via: z.enum(['this', 'import']).optional(),
    }),
    /** A comparison (`===`, `!==`, `.equals()`) one of whose sides is, or may be, who the caller is. */
    z.strictObject({ type: z.literal('check'), fn, fnLine, line, vals: z.array(val) }),
  ]);
});
export type RecordLookup = FactOf<typeof recordLookupFacts>;
