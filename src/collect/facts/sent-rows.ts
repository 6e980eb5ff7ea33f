// collect/sent-rows: a route handler's response that sends the result of a Prisma query as it came back
// (`res.json(user)`, `c.json(await prisma.user.findUnique(...))`, a Nest controller's `return`), with
// what the query chose: its `select`, `omit` and `include`. And clients created with a global `omit`.
import { defineFacts, type FactOf } from './define.js';

export const sentRowFacts = defineFacts('collect/sent-rows', (z) => z.union([
  z.strictObject({
    kind: z.literal('sent'),
    /** The response. */
    line: z.number().int().positive(),
    snippet: z.string(),
    /** The Prisma delegate queried (`user` of `prisma.user.findUnique`) and the method. */
    delegate: z.string(),
    method: z.string(),
    queryLine: z.number().int().positive(),
    querySnippet: z.string(),
    /** Fields the query's `select` sets to true; null when it has no `select` (all scalar fields come back). */
    select: z.array(z.string()).nullable(),
    /** Fields its `omit` sets to true. */
    omit: z.array(z.string()),
    /** Relations its `include` loads whole (`true`, or an object without its own `select`/`omit`). */
    include: z.array(z.string()),
    /** The client the query runs on: its name where the receiver is a plain name, and the line of its declaration in this file. */
    client: z.string().nullable(),
    clientLine: z.number().int().positive().nullable(),
    /** The sent value is a property of an object literal (`{ user }`) rather than the result itself. */
    wrapped: z.boolean(),
    /** The first and last line of the function the response is in (the handler, for a route to be tied to it); absent at top level. */
    fn: z.strictObject({ line: z.number().int().positive(), end: z.number().int().positive() }).optional(),
  }),
  z.strictObject({
    kind: z.literal('global-omit'),
    /** The `new PrismaClient(...)`, on the line of the declaration that holds it. */
    line: z.number().int().positive(),
    /** `new PrismaClient({ omit: { user: { password: true } } })`: delegate → fields left out of every query. */
    omit: z.record(z.string(), z.array(z.string())),
  }),
  z.strictObject({
    kind: z.literal('mongoose-sent'),
    /** The response. */
    line: z.number().int().positive(),
    snippet: z.string(),
    /** The name the query's model is called by here (`User` of `User.findOne(...)`, `new User(...).save()`) and the method. */
    model: z.string(),
    method: z.string(),
    queryLine: z.number().int().positive(),
    querySnippet: z.string(),
    /** Where the model's name is a `require(...)` variable: the module required and the export read (`default` for the module itself). */
    from: z.string().nullable(),
    imported: z.string().nullable(),
    /** The literal argument of a chained `.select(...)` (`'-password'`, `'name email'`, `'+password'`); null when none; `?` when not a literal. */
    select: z.string().nullable(),
  }),
  z.strictObject({
    kind: z.literal('mongoose-schema'),
    /** The `new Schema({...})`. */
    line: z.number().int().positive(),
    /** The variable that holds it, null when none. */
    name: z.string().nullable(),
    /** The schema's top-level fields whose names are stored credentials (knowledge/accounts.ts), with `select: false` marked. */
    fields: z.array(z.strictObject({ name: z.string(), line: z.number().int().positive(), selectFalse: z.boolean() })),
    /** The schema's options, or anything in its file, change its JSON (`toJSON`/`toObject` options, `schema.set('toJSON')`, `schema.methods.toJSON`). */
    transformed: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('mongoose-model'),
    /** The `model('User', schema)` call. */
    line: z.number().int().positive(),
    /** The variable that holds the model (null for `export default model(...)`), the model's name, and the schema variable passed. */
    name: z.string().nullable(),
    modelName: z.string(),
    schema: z.string().nullable(),
  }),
]));
export type SentRowFact = FactOf<typeof sentRowFacts>;
