// collect/symbols: the declarations of each source file and what each one refers to, resolved by
// scope to a declaration of the same file or to an import (module as written + export name). The
// link stage joins these across files into the call graph.
import { defineFacts, type FactOf, type RecordOf } from './define.js';

export const symbolFacts = defineFacts('collect/symbols', (z) => {
  const line = z.number().int().positive();
  const ref = z.strictObject({
    /** A declaration of this file, by id (`f`, `C`, `C.m`, `handlers.onMessage`). */
    local: z.string().optional(),
    /** An import: the module as written, and the export's name (`default`, `*` for a namespace). */
    module: z.string().optional(),
    name: z.string().optional(),
    /** `x.member`: the member used on the import, or on an instance of its class. */
    member: z.string().optional(),
    /** Constructed with `new`. */
    new: z.literal(true).optional(),
    /**
     * `member` is used on an instance of the named class, known from the receiver's declared type or
     * its `new` (`this.svc.update()` with `constructor(private svc: ArticleService)`): when the class
     * declares no such member (an interface, an inherited method), the link reads it by name.
     */
    instance: z.literal(true).optional(),
    /**
     * `member` is used on `this.<field>`, a field the class's constructor is handed with no declared type
     * (`constructor(repo) { this.repo = repo }`): the link reads what the `new` sites hand in (`ctorFields`, `args`).
     */
    field: z.string().optional(),
    /**
     * Called each time the declaration runs, unconditionally (collect/runs.ts): not from a function it
     * hands to a route, a timer or an event, not in a branch. At the top level: when the module loads.
     */
    runs: z.literal(true).optional(),
    /** With `new`: what each argument is an instance of (`new UserService(new UserRepository(db))`), `{}` when not known. */
    args: z.array(z.strictObject({ local: z.string().optional(), module: z.string().optional(), name: z.string().optional() })).optional(),
    line,
  });
  return z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('decl'),
      /** `f`, `C`, `C.m` (a method), `obj.m` (a member of an object literal), `<module>` (top-level code). */
      id: z.string(),
      kind: z.enum(['function', 'class', 'method', 'member', 'object', 'variable', 'module']),
      line,
      /** The names this declaration is exported as (`default` for a default export). */
      exports: z.array(z.string()),
      /** Decorators on a class or method, by name (`Controller`, `Get`). */
      decorators: z.array(z.string()).optional(),
      /** A class with a base class or an `implements` clause: a framework may call its methods. */
      heritage: z.literal(true).optional(),
      /** A class that `extends` another: the base class (of the repository or a framework's) calls its overrides. */
      extends: z.literal(true).optional(),
      /**
       * The interfaces a class implements, by where each comes from: the module as written for an
       * import, `.` for one this file declares, `` when neither (a global). A framework calls the methods
       * of an interface of its own (`OnModuleInit`); the repository's own interfaces are called by name.
       */
      implements: z.array(z.string()).optional(),
      /** A class's fields set from a constructor parameter with no declared type: the field and the parameter's index. */
      ctorFields: z.array(z.strictObject({ field: z.string(), arg: z.number().int().nonnegative() })).optional(),
      /** A method that is `private` or `#private`. */
      private: z.literal(true).optional(),
      refs: z.array(ref),
      /** A `const` bound to a string (`export const QUEUE = 'mail'`): its value, for names read across files. */
      value: z.string().optional(),
      /** A `const` bound to an object literal: its string-valued members (`QUEUES.MAIL`). */
      strings: z.record(z.string(), z.string()).optional(),
      /**
       * A variable bound once to `new X(...)` (`export const users = new UserService(repo)`, `export default
       * new UserService()`): the class, as a reference names it (a declaration of the file, or an import).
       * Another file's `users.update()` is that class's method (the link resolves it).
       */
      holds: z.strictObject({ local: z.string().optional(), module: z.string().optional(), name: z.string().optional() }).optional(),
      /**
       * A config constant's values in the default configuration (collect/conditions.ts), by member path
       * (`rateLimit.enabled`, `` for the constant itself): a boolean, a kept string, or null for an unset
       * variable, with the line and text of the expression that gives it.
       */
      defaults: z.array(z.strictObject({
        member: z.string(), value: z.union([z.string(), z.boolean()]).nullable(), line, text: z.string(),
        /** The environment variables it reads, and its value with each set (collect/conditions.ts envDependenceOf). */
        vars: z.array(z.string()).optional(),
        when: z.array(z.strictObject({ name: z.string(), set: z.string().nullable(), value: z.union([z.string(), z.boolean()]).nullable() })).optional(),
        namedDefault: z.literal(true).optional(),
      })).optional(),
      /**
       * A member built by a chain of method calls handed its function, the methods in order
       * (`protectedProcedure.input(s).mutation(fn)` -> `input`, `mutation`): what the library makes of it.
       */
      builtBy: z.array(z.string()).optional(),
      /** Members used on a receiver that could not be resolved (`x.stop()`): a method of that name may be the callee. */
      members: z.array(z.string()).optional(),
      /**
       * Where it reads who the caller is (knowledge IDENTITY_FIELDS): a field read (`req.user`,
       * `ctx.session`), a parameter so named (`userId`), or a parameter decorator that is no request
       * input's (`@User('id')`), as written; at most 4.
       */
      identity: z.array(z.string()).optional(),
      /**
       * Calls of a method some ORM writes with (knowledge ormWriteMethods), the callee as
       * `module#Class#method` when the receiver's declared type or `new` names an imported class
       * (`typeorm#Repository#delete`), else as written (`ctx.db.delete`); at most 8. Which of them write
       * is the rules' judgment.
       */
      writes: z.array(z.strictObject({ callee: z.string(), line, /** Its argument makes it relative to what is stored (`{ increment: 5 }`, `$inc`). */ adds: z.literal(true).optional() })).optional(),
      /**
       * Calls of a method some library checks a signature with (knowledge signatureCheckMethods:
       * `constructEvent`, `timingSafeEqual`, `validateRequest`), the callee named as body facts name it
       * (`stripe#default#webhooks#constructEvent`), and of one that asks a payment provider whether the buyer
       * paid (knowledge paymentConfirmationMethods: `retrieve`, `OrdersCaptureRequest` made with `new`);
       * at most 8. Which of them verify, or confirm, is the link's judgment.
       */
      checks: z.array(z.strictObject({ callee: z.string(), line })).optional(),
      /**
       * Calls of an SQL executor's method (knowledge sqlExecutorMethods: `prepare`, `query`) and the
       * keyword their text starts with (util/sql statementVerb: `select`, `insert`), `?` when the text
       * is not a literal or does not read as a statement; at most 8. Only `select` reads.
       */
      sql: z.array(z.strictObject({ verb: z.string(), line })).optional(),
      /** Calls of a method that changes state outside ORM writes and SQL (knowledge STATE_CHANGING_METHODS: `put`, `send`, `fetch`), as written; at most 8. */
      effects: z.array(z.strictObject({ callee: z.string(), line })).optional(),
      /** It assigns to something (`this.items[id] = x`, `count++`, `delete o.k`, `x = y`): state it may change that no call shows (link/reach `effect` none is then not claimed). */
      assigns: z.literal(true).optional(),
      /** Locks it takes without a lock library (knowledge LOCK_IDIOMS: advisory-lock SQL, Redis SET NX, a lock document); at most 4. */
      locks: z.array(z.strictObject({ idiom: z.string(), line })).optional(),
      /** `setInterval(fn, ms)` calls of the runtime's: the lines from the call to the end of its callback; at most 4. */
      intervals: z.array(z.strictObject({ line, end: line })).optional(),
    }),
    /** `export { local as name }`, `export default local`. */
    z.strictObject({ type: z.literal('export'), name: z.string(), local: z.string() }),
    /** `export { imported as name } from 'spec'`; `export * from 'spec'` has name and imported `*`; `export * as ns` has imported `*`. */
    z.strictObject({ type: z.literal('reexport'), spec: z.string(), name: z.string(), imported: z.string() }),
    /** One imported binding, and how many times the file uses its value (type positions are not uses). */
    z.strictObject({
      type: z.literal('import'), spec: z.string(), imported: z.string(), local: z.string(), line, valueRefs: z.number().int().nonnegative(),
      /** The type of a constructor parameter: a dependency-injection container constructs and hands it in. */
      injected: z.literal(true).optional(),
    }),
  ]);
});
export type SymbolFact = FactOf<typeof symbolFacts>;
export type DeclFact = Extract<SymbolFact, { type: 'decl' }>;
export type SymbolRef = DeclFact['refs'][number];
/** A declaration as the collector emits it (no path yet). */
export type DeclRecord = Extract<RecordOf<typeof symbolFacts>, { type: 'decl' }>;
