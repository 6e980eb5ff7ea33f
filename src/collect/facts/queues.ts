// collect/queues: where the code makes a queue by name, consumes one by name, calls a queue method,
// or calls a function with a name-like argument (a factory such as `buildQueue('mail')`). Each name
// is recorded as the code gives it: a constant, an import, a member of an imported object, a
// parameter of the enclosing function, or unreadable. The rule resolves imports through the link
// stage; collect never decides which queue is fed or consumed.
import { defineFacts, type FactOf } from './define.js';

export const queueFacts = defineFacts('collect/queues', (z) => {
  const at = { line: z.number().int().positive(), snippet: z.string() };
  /** A queue's name as written. */
  const name = z.union([
    z.strictObject({ value: z.string() }),
    /** An import (`member` for `QUEUES.MAIL` on an imported object). */
    z.strictObject({ module: z.string(), name: z.string(), member: z.string().optional() }),
    /** `q.name` on a queue made in this file (`slot`): that queue's own name, whatever it is. */
    z.strictObject({ slot: z.number().int().nonnegative(), member: z.string() }),
    /** A parameter of the enclosing function (a factory): its call sites give the name. */
    z.strictObject({ param: z.string(), index: z.number().int().nonnegative() }),
    /** Not a constant verdict can read: the expression as written. */
    z.strictObject({ unknown: z.string() }),
  ]);
  return z.discriminatedUnion('type', [
    /**
     * `new Queue(name)` (role `queue`, `methodsOf`: the class whose methods apply), `new Worker(name, fn)` or
     * `@Processor(name)` (role `consumer`). `slot` numbers it in its file, for the calls made on it;
     * `variable` is the top-level declaration holding it (`mailQueue`, `queues.mail`), for other files' calls.
     */
    z.strictObject({
      type: z.literal('make'), role: z.enum(['queue', 'consumer']), lib: z.string(), methodsOf: z.string().optional(),
      name, slot: z.number().int().nonnegative(), variable: z.string().optional(), ...at,
    }),
    /**
     * A call of a described queue method (`add`, `process`) on a receiver: a queue made in this file
     * (`slot`, a `make` or a `call`), an import (`module`/`name`/`member`), or one verdict cannot resolve.
     */
    z.strictObject({
      type: z.literal('use'), method: z.string(),
      target: z.union([
        z.strictObject({ slot: z.number().int().nonnegative() }),
        z.strictObject({ module: z.string(), name: z.string(), member: z.string().optional() }),
        z.strictObject({ unresolved: z.string() }),
      ]),
      ...at,
    }),
    /**
     * A call of a function of this file or an import with a name-like argument: a factory's call site.
     * `slot` numbers what it returns when a declaration holds it; `variable` as for `make`.
     */
    z.strictObject({
      type: z.literal('call'),
      callee: z.union([z.strictObject({ local: z.string() }), z.strictObject({ module: z.string(), name: z.string() })]),
      args: z.array(name.nullable()), slot: z.number().int().nonnegative(), variable: z.string().optional(), ...at,
    }),
  ]);
});
export type QueueFact = FactOf<typeof queueFacts>;
export type QueueName = Extract<QueueFact, { type: 'make' }>['name'];
