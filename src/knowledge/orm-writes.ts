// How each ORM's client writes to a table, read from a call verdict recorded (collect/data-access):
// the table is the model named before a write method (`prisma.user.create`), or the table object handed
// to one (`db.insert(users)`).

export interface OrmWrite {
  /** collect/data-access's `library`. */
  library: string;
  /**
   * `model-method`: `<client>.<model>.<method>(...)`; `table-argument`: `<db>.<method>(<table>)`;
   * `repository-method`: `<repository>.<method>(...)` on an instance of one of `receivers`, the
   * library's exports (TypeORM's `Repository<User>`: the table is the entity it was made for).
   */
  shape: 'model-method' | 'table-argument' | 'repository-method';
  methods: readonly string[];
  /** Of `methods`, those that change or delete rows already stored (an insert makes a new one). */
  existing: readonly string[];
  receivers?: readonly string[];
  example: string;
  source: string;
}

export const ORM_WRITES: readonly OrmWrite[] = [
  {
    library: 'prisma', shape: 'model-method', methods: ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'upsert', 'delete', 'deleteMany'],
    existing: ['update', 'updateMany', 'upsert', 'delete', 'deleteMany'],
    example: "await prisma.user.create({ data: { email } });", source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries',
  },
  {
    library: 'drizzle', shape: 'table-argument', methods: ['insert', 'update', 'delete'], existing: ['update', 'delete'],
    example: 'await db.insert(users).values({ email });', source: 'https://orm.drizzle.team/docs/insert',
  },
  {
    library: 'typeorm', shape: 'repository-method', receivers: ['Repository', 'EntityManager', 'TreeRepository', 'MongoRepository'],
    methods: ['save', 'insert', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'increment', 'decrement', 'clear'],
    existing: ['save', 'update', 'upsert', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'increment', 'decrement', 'clear'],
    example: "const repo: Repository<User> = dataSource.getRepository(User); await repo.delete({ id });", source: 'https://typeorm.io/docs/working-with-entity-manager/repository-api',
  },
];

/** Every method name some ORM writes with: what a collector records calls of, for rules to judge with `ormWriteOf`. */
export function ormWriteMethods(): ReadonlySet<string> {
  return new Set(ORM_WRITES.flatMap((w) => w.methods));
}

/**
 * The library a call writes through when its callee, as collect names it, is a write method on an
 * instance of a library's repository class (`typeorm#Repository#delete`); null otherwise (a callee of
 * any other shape is judged by the data-client rules).
 */
export function repositoryWriteOf(callee: string): OrmWrite | null {
  const parts = callee.split('#');
  if (parts.length !== 3) return null;
  const [module, receiver, method] = parts;
  return ORM_WRITES.find((w) => w.shape === 'repository-method' && w.library === module && (w.receivers ?? []).includes(receiver) && w.methods.includes(method)) ?? null;
}

/**
 * The model or table a recorded call writes to: `callee` as written up to its arguments
 * (`prisma.user.create`, `db.insert`), `firstArgument` the text of its first argument when it is a
 * plain name (`users`), else null. Null when the call is no write of that library.
 */
export function ormWriteTarget(library: string | null, callee: string, firstArgument: string | null): string | null {
  const entry = ORM_WRITES.find((w) => w.library === library);
  if (!entry || entry.shape === 'repository-method') return null;
  const parts = callee.split('.');
  const method = parts[parts.length - 1];
  if (!entry.methods.includes(method)) return null;
  if (entry.shape === 'model-method') return parts.length >= 3 ? parts[parts.length - 2] : null;
  return firstArgument;
}

/**
 * Mongoose's methods that change or delete a stored document: the model's by-id and by-filter query
 * writes (`Order.findByIdAndUpdate(id, ...)`), and a loaded document's own (`order.save()`, `order.deleteOne()`).
 */
export const MONGOOSE_RECORD_CHANGES = {
  model: ['findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'updateOne', 'deleteOne', 'replaceOne'],
  document: ['save', 'deleteOne', 'updateOne', 'remove'],
  example: 'const order = await Order.findById(req.params.id); order.status = req.body.status; await order.save();',
  source: 'https://mongoosejs.com/docs/api/model.html#Model.findByIdAndUpdate() ; https://mongoosejs.com/docs/api/document.html#Document.prototype.save()',
} as const;

/** Whether a method name changes or deletes stored rows in some ORM (`delete`, `update`, mongoose's `findByIdAndUpdate`), rather than only inserting (`insert`, `create`). */
export function changesExistingRows(method: string): boolean {
  return ORM_WRITES.some((w) => w.existing.includes(method))
    || (MONGOOSE_RECORD_CHANGES.model as readonly string[]).includes(method) || (MONGOOSE_RECORD_CHANGES.document as readonly string[]).includes(method);
}

/**
 * Writes whose library runs no model hook the repository could have declared: the MongoDB driver's
 * collection methods (and mongoose's query updates, which skip `pre('save')`), Prisma's
 * `data`-wrapped writes and Drizzle's `insert(...).values()` / `update(...).set()`. A password stored
 * through one of these is stored as given. `new Model(...).save()`, `Model.create()` and a TypeORM
 * repository's `save`/`insert` run the model's own hooks (`pre('save')`, `@BeforeInsert`), which may
 * hash it elsewhere.
 */
export const HOOKLESS_WRITES = {
  documentMethods: ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndReplace', 'bulkWrite'],
  /** A Prisma write takes the row under this property: `prisma.user.create({ data: { … } })`. */
  prismaDataKey: 'data',
  /** Drizzle's builders: the row is the argument of `values`/`set` on an `insert`/`update`. */
  builderSteps: { values: 'insert', set: 'update' } as Readonly<Record<string, string>>,
  source: 'https://www.mongodb.com/docs/drivers/node/current/crud/insert/ ; https://mongoosejs.com/docs/middleware.html#notes (update queries do not run save middleware) ; https://orm.drizzle.team/docs/insert',
} as const;

/** Writes that may run a model hook (mongoose `save`/`create`, Sequelize `create`, TypeORM `save`/`insert`). */
export const HOOKED_WRITE_METHODS: readonly string[] = ['create', 'save', 'insert', 'update', 'upsert', 'build', 'bulkCreate'];

/**
 * Model hooks that run on the way in, before a row is written: where a model hashes a password it
 * was given. A hasher inside one of these functions hashes every hooked write of the model.
 */
export const MODEL_WRITE_HOOKS = {
  /** mongoose: `schema.pre(event, fn)` for the events that write a document. */
  middleware: { method: 'pre', events: ['save', 'validate', 'insertMany', 'updateOne', 'findOneAndUpdate'] },
  /** TypeORM entity listeners: a method decorated `@BeforeInsert()` / `@BeforeUpdate()`. */
  decorators: ['BeforeInsert', 'BeforeUpdate'],
  /** Sequelize: `Model.beforeCreate(fn)`, `Model.addHook('beforeCreate', fn)`, `hooks: { beforeCreate }`. */
  sequelize: { hooks: ['beforeCreate', 'beforeSave', 'beforeUpdate', 'beforeBulkCreate', 'beforeValidate'], addHook: 'addHook' },
  source: 'https://mongoosejs.com/docs/middleware.html#pre ; https://typeorm.io/listeners-and-subscribers#beforeinsert ; https://sequelize.org/docs/v6/other-topics/hooks/',
} as const;

/** The hook a call registers (`schema.pre('save', fn)`, `User.beforeCreate(fn)`, `addHook('beforeSave', fn)`), or null. */
export function modelHookOfCall(method: string, firstString: string | null): string | null {
  const { middleware, sequelize } = MODEL_WRITE_HOOKS;
  if (method === middleware.method && firstString && (middleware.events as readonly string[]).includes(firstString)) return `pre('${firstString}')`;
  if ((sequelize.hooks as readonly string[]).includes(method)) return method;
  if (method === sequelize.addHook && firstString && (sequelize.hooks as readonly string[]).includes(firstString)) return firstString;
  return null;
}

/**
 * Methods of database clients that read or write rows by the values handed to them: ORM reads
 * (Prisma, mongoose, TypeORM, Sequelize, Kysely), the writes above and the document writes, and
 * the drivers' query methods. A value passed to one decides which rows are read or written.
 */
export const DATA_CALL_METHODS = {
  reads: ['findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail',
    'findById', 'findByPk', 'findAll', 'find', 'findBy', 'findAndCount', 'findAndCountAll', 'count', 'countDocuments', 'aggregate', 'exists', 'where', 'selectFrom'],
  documentWrites: ['deleteOne', 'deleteMany', 'findByIdAndDelete', 'findOneAndDelete'],
  drivers: ['query', 'execute', 'exec', 'run', 'all', 'first', 'raw', 'unsafe', 'bind'],
  source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#model-queries ; https://mongoosejs.com/docs/api/model.html ; https://typeorm.io/docs/working-with-entity-manager/find-options ; https://sequelize.org/docs/v6/core-concepts/model-querying-finders/ ; https://node-postgres.com/features/queries ; https://developers.cloudflare.com/d1/worker-api/prepared-statements/',
} as const;

export function isDataCallMethod(method: string): boolean {
  const d = DATA_CALL_METHODS;
  return (d.reads as readonly string[]).includes(method) || (d.documentWrites as readonly string[]).includes(method)
    || (d.drivers as readonly string[]).includes(method) || ormWriteMethods().has(method) || (HOOKLESS_WRITES.documentMethods as readonly string[]).includes(method);
}

/**
 * Which model hooks a write runs, per ORM. TypeORM's entity listeners are methods of the entity class:
 * they run only for an instance of it handed to `save()` (or `insert()`), `@BeforeInsert` when the row
 * is new and `@BeforeUpdate` when it exists; a plain object (a DTO, a literal, a spread `{ ...user,
 * ...dto }`) is no instance, and `update()`/`insert()`/`upsert()` with one run none. Mongoose's
 * `pre('save')` runs for `doc.save()` and `Model.create()`; the query updates run their own query
 * middleware (`findOneAndUpdate`, `updateOne`, ...), never `save`.
 */
export const HOOK_COVERAGE = {
  typeorm: {
    /** Writes that take an entity instance and run its listeners; any other write method runs none. */
    instanceWrites: ['save', 'insert'],
    onInsert: 'BeforeInsert',
    onUpdate: 'BeforeUpdate',
    source: 'https://typeorm.io/docs/advanced-topics/listeners-and-subscribers (listeners are entity methods, called for entity instances saved through a repository or manager)',
  },
  mongoose: {
    /** The middleware event each write runs; `save` middleware runs for these only. */
    events: { save: 'save', create: 'save', insertMany: 'insertMany', updateOne: 'updateOne', updateMany: 'updateMany',
      findOneAndUpdate: 'findOneAndUpdate', findByIdAndUpdate: 'findOneAndUpdate', replaceOne: 'replaceOne' } as Readonly<Record<string, string>>,
    source: 'https://mongoosejs.com/docs/middleware.html#notes (update queries run query middleware, not save middleware)',
  },
} as const;

/**
 * The TypeORM entity listeners a write runs: `method` as called, `instance` whether the row handed to
 * it is an instance of the entity (loaded, `create()`d or `new`), `existing` whether the row is already
 * stored (an update). A plain object runs none.
 */
export function typeormListenersRun(method: string, instance: boolean, existing: boolean): string[] {
  const t = HOOK_COVERAGE.typeorm;
  if (!instance || !(t.instanceWrites as readonly string[]).includes(method)) return [];
  return [existing && method === 'save' ? t.onUpdate : t.onInsert];
}

/** The mongoose middleware event a model write runs (`findByIdAndUpdate` -> `findOneAndUpdate`), or null for a method that is none. */
export function mongooseEventOf(method: string): string | null {
  return HOOK_COVERAGE.mongoose.events[method] ?? null;
}

/**
 * Calls that select stored records by what they are given: the first argument is the id or the filter
 * (`Order.findById(id)`, `Order.deleteOne({ _id: id })`, `repo.delete(id)`, `Note.findByPk(id)`), unless
 * an argument is an options object with a `where` key (Prisma's `update({ where, data })`, Sequelize's
 * `update(values, { where })`, TypeORM's `findOne({ where })`), whose `where` is the filter; a query
 * builder's `where(...)` is filtered by all its arguments. What a filter holds decides whose record it is.
 */
export const RECORD_SELECTORS = {
  reads: ['findById', 'findByPk', 'findOne', 'findOneBy', 'findOneOrFail', 'findOneByOrFail', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findOneAndUpdate', 'where'],
  changes: ['findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndUpdate', 'updateOne', 'deleteOne', 'replaceOne',
    'update', 'delete', 'destroy', 'softDelete', 'remove', 'restore', 'upsert',
    // Every record the filter matches: a list of ids (`{ id: { in: ids } }`, `{ _id: { $in: ids } }`) selects as many records as the caller names.
    'updateMany', 'deleteMany'],
  whereKey: 'where',
  example: "await Order.findByIdAndUpdate(req.params.id, { status: 'cancelled' }); await prisma.order.delete({ where: { id } }); await prisma.note.deleteMany({ where: { id: { in: ids } } });",
  source: 'https://mongoosejs.com/docs/api/model.html#Model.findById() ; https://www.prisma.io/docs/orm/reference/prisma-client-reference#where ; https://www.prisma.io/docs/orm/reference/prisma-client-reference#deletemany ; https://sequelize.org/docs/v6/core-concepts/model-querying-basics/#applying-where-clauses ; https://typeorm.io/docs/working-with-entity-manager/repository-api ; https://knexjs.org/guide/query-builder.html#where',
} as const;

/**
 * Functions that wrap the values a filter matches (TypeORM's find operators: `{ id: In(ids) }` matches
 * every id listed): what the filter selects by is their arguments.
 */
export const FILTER_OPERATORS: ReadonlyArray<{ module: string; exports: readonly string[]; source: string }> = [
  { module: 'typeorm', exports: ['In', 'Any', 'Equal', 'ArrayContains', 'ArrayContainedBy', 'ArrayOverlap'], source: 'https://typeorm.io/docs/working-with-entity-manager/find-options#advanced-options' },
];

/** Whether an imported function wraps a filter's values (FILTER_OPERATORS). */
export function isFilterOperator(module: string, name: string): boolean {
  return FILTER_OPERATORS.some((o) => o.module === module && o.exports.includes(name));
}

/** Whether a method selects stored records by its arguments (RECORD_SELECTORS), and whether it changes them. */
export function recordSelectorOf(method: string): { changes: boolean } | null {
  if ((RECORD_SELECTORS.changes as readonly string[]).includes(method)) return { changes: true };
  if ((RECORD_SELECTORS.reads as readonly string[]).includes(method)) return { changes: false };
  return null;
}
