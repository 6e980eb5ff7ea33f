// Mass assignment: where each ORM's write calls take the row they store, how each library declares a
// model's fields, and which fields grant privilege or hold money. A request body handed whole to one of
// these writes lets the caller set every field the model declares, the privileged ones included.

export interface RowWrite {
  library: string;
  /** The method, and which of its arguments holds the row (an object of field values). */
  method: string;
  rowArgs: readonly number[];
  /** The row is under this key of the argument (`prisma.user.create({ data })`); absent: the argument is the row. */
  key?: readonly string[];
  /** The method is a step of a builder started by this call (`db.insert(users).values(row)`). */
  after?: string;
  example: string;
  source: string;
}

const MONGOOSE = 'https://mongoosejs.com/docs/api/model.html';
const SEQUELIZE = 'https://sequelize.org/docs/v6/core-concepts/model-querying-basics/';
const TYPEORM = 'https://typeorm.io/docs/working-with-entity-manager/repository-api';
const KNEX = 'https://knexjs.org/guide/query-builder.html#insert';

export const ROW_WRITES: readonly RowWrite[] = [
  { library: 'mongoose', method: 'create', rowArgs: [0], example: 'await User.create(req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'insertMany', rowArgs: [0], example: 'await User.insertMany(req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'findByIdAndUpdate', rowArgs: [1], example: 'await User.findByIdAndUpdate(id, req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'findOneAndUpdate', rowArgs: [1], example: 'await User.findOneAndUpdate({ _id }, req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'updateOne', rowArgs: [1], example: 'await User.updateOne({ _id }, req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'updateMany', rowArgs: [1], example: 'await User.updateMany({ team }, req.body);', source: MONGOOSE },
  { library: 'mongoose', method: 'replaceOne', rowArgs: [1], example: 'await User.replaceOne({ _id }, req.body);', source: MONGOOSE },
  { library: 'sequelize', method: 'update', rowArgs: [0], example: 'await User.update(req.body, { where: { id } }); await user.update(req.body);', source: SEQUELIZE },
  { library: 'sequelize', method: 'build', rowArgs: [0], example: 'User.build(req.body).save();', source: SEQUELIZE },
  { library: 'sequelize', method: 'bulkCreate', rowArgs: [0], example: 'await User.bulkCreate(req.body);', source: SEQUELIZE },
  { library: 'sequelize', method: 'upsert', rowArgs: [0], example: 'await User.upsert(req.body);', source: SEQUELIZE },
  { library: 'typeorm', method: 'save', rowArgs: [0], example: 'await repo.save(req.body);', source: TYPEORM },
  { library: 'typeorm', method: 'insert', rowArgs: [0], example: 'await repo.insert(req.body);', source: TYPEORM },
  { library: 'typeorm', method: 'update', rowArgs: [1], example: 'await repo.update(id, req.body);', source: TYPEORM },
  { library: 'typeorm', method: 'merge', rowArgs: [1], example: 'repo.merge(user, req.body);', source: TYPEORM },
  { library: 'typeorm', method: 'create', rowArgs: [0], example: 'await repo.save(repo.create(req.body));', source: TYPEORM },
  { library: 'prisma', method: 'create', rowArgs: [0], key: ['data'], example: 'await prisma.user.create({ data: req.body });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#create' },
  { library: 'prisma', method: 'update', rowArgs: [0], key: ['data'], example: 'await prisma.user.update({ where: { id }, data: req.body });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#update' },
  { library: 'prisma', method: 'updateMany', rowArgs: [0], key: ['data'], example: 'await prisma.user.updateMany({ where: { id: { in: ids } }, data: req.body });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#updatemany' },
  { library: 'prisma', method: 'upsert', rowArgs: [0], key: ['create', 'update'], example: 'await prisma.user.upsert({ where, create: req.body, update: req.body });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#upsert' },
  { library: 'drizzle', method: 'values', rowArgs: [0], after: 'insert', example: 'await db.insert(users).values(body);', source: 'https://orm.drizzle.team/docs/insert' },
  { library: 'drizzle', method: 'set', rowArgs: [0], after: 'update', example: 'await db.update(users).set(body).where(eq(users.id, id));', source: 'https://orm.drizzle.team/docs/update' },
  { library: 'knex', method: 'insert', rowArgs: [0], example: "await knex('users').insert(req.body);", source: KNEX },
  { library: 'knex', method: 'update', rowArgs: [0], example: "await knex('users').where({ id }).update(req.body);", source: 'https://knexjs.org/guide/query-builder.html#update' },
];

/**
 * A loaded document's setter: `doc.set(req.body)` copies every key of the object onto the document, and
 * the next `doc.save()` stores them (mongoose `Document.prototype.set(obj)`, Sequelize `instance.set(obj)`).
 * Only a document then saved in the same function is a write.
 */
export const DOCUMENT_SETTERS: readonly RowWrite[] = [
  { library: 'mongoose', method: 'set', rowArgs: [0], example: 'user.set(req.body); await user.save();', source: 'https://mongoosejs.com/docs/api/document.html#Document.prototype.set()' },
  { library: 'sequelize', method: 'set', rowArgs: [0], example: 'user.set(req.body); await user.save();', source: 'https://sequelize.org/docs/v6/core-concepts/model-instances/#updating-an-instance' },
];

/** Whether a method is a document setter whose first argument is a row (see DOCUMENT_SETTERS). */
export function isDocumentSetter(method: string): boolean {
  return DOCUMENT_SETTERS.some((w) => w.method === method);
}

/** The write entries a method name may be (several libraries share `create`, `update`): the caller tells them apart by the call's shape. */
export function rowWritesOf(method: string): RowWrite[] {
  return ROW_WRITES.filter((w) => w.method === method);
}

/** How a model declares its fields, for the collector that reads them. */
export const MODEL_DECLARATIONS = {
  /** mongoose: `new Schema({ field: ... })`, then `model('User', schema)`. */
  mongoose: { schemaClass: 'Schema', modelCall: 'model', source: 'https://mongoosejs.com/docs/models.html' },
  /** Sequelize: `sequelize.define('User', { field: ... })` or `class User extends Model {}; User.init({ field: ... })`. */
  sequelize: { define: 'define', init: 'init', source: 'https://sequelize.org/docs/v6/core-concepts/model-basics/' },
  /** TypeORM: a class decorated `@Entity()`: its decorated properties are its columns. */
  typeorm: { entityDecorators: ['Entity', 'ViewEntity'], repositoryType: 'Repository', getRepository: 'getRepository', inject: 'InjectRepository', source: 'https://typeorm.io/docs/entity/entities' },
  /** @nestjs/mongoose: a class decorated `@Schema()` whose `@Prop()` properties are the fields; `@InjectModel(User.name) model: Model<User>` is its model. */
  nestMongoose: { module: '@nestjs/mongoose', schemaDecorator: 'Schema', inject: 'InjectModel', modelType: 'Model', source: 'https://docs.nestjs.com/techniques/mongodb#model-injection' },
} as const;

/**
 * Fields whose value grants privilege (a role, an admin flag, permissions), vouches for the account
 * (verified) or is money (balance, credits): a caller who can set them promotes themself, skips
 * verification or pays themself. Compared lower-cased without `_`.
 */
/** Of the privileged fields, those that say what the account may do (a role, an admin flag, permissions): who sets them grants access. */
export const ROLE_FIELDS: readonly string[] = [
  'role', 'roles', 'userrole', 'usertype', 'accounttype', 'isadmin', 'admin', 'issuperuser', 'superuser', 'isstaff', 'ismoderator',
  'permissions', 'permission', 'scopes', 'privileges', 'accesslevel',
];

export const PRIVILEGED_FIELDS: readonly string[] = [
  ...ROLE_FIELDS,
  'balance', 'credits', 'credit', 'money', 'coins', 'walletbalance', 'plan', 'tier',
  'verified', 'isverified', 'emailverified', 'isemailverified', 'emailconfirmed', 'approved', 'isapproved',
];

/** Whether a field says what the account may do (`role`, `isAdmin`, `permissions`). */
export function isRoleField(name: string): boolean {
  return ROLE_FIELDS.includes(name.toLowerCase().replace(/_/g, ''));
}

/** Whether a model field is one a caller must never set. */
export function isPrivilegedField(name: string): boolean {
  return PRIVILEGED_FIELDS.includes(name.toLowerCase().replace(/_/g, ''));
}

/**
 * Words in a middleware's name that say it admits only some signed-in callers (`requireAdmin`,
 * `checkRole('admin')`, `hasPermission`): a route behind one is an administrator's, who may set any
 * field. Read from the name only, so it can only silence a finding, never raise one.
 */
export const ROLE_GUARD_WORDS: readonly string[] = ['admin', 'admins', 'role', 'roles', 'permission', 'permissions', 'rights', 'superuser', 'staff', 'privileged'];

/** Whether a middleware, as the route table names it, reads as a role guard. */
export function isRoleGuardName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => ROLE_GUARD_WORDS.includes(w));
}

/**
 * NestJS hands a handler the request body through a parameter decorated `@Body()` (no argument: the
 * whole body; `@Body('name')` is one field). Its type is a DTO class; with a `ValidationPipe` built
 * with `whitelist: true` (or `forbidNonWhitelisted`) the keys the DTO does not declare are stripped
 * (or refused), so what reaches the handler is the DTO's declared properties, and no more. Without
 * one, the type is a compile-time promise only: every key the caller sent passes. The mapped types
 * build a DTO from another: `PartialType(X)` keeps X's properties, `PickType(X, [...])` keeps those
 * listed, `OmitType(X, [...])` drops them, `IntersectionType(A, B)` joins both.
 */
export const NEST_BODY = {
  decorator: 'Body',
  modules: ['@nestjs/common'],
  pipe: 'ValidationPipe',
  whitelistOptions: ['whitelist', 'forbidNonWhitelisted'],
  mappedTypes: { keep: ['PartialType'], pick: ['PickType'], omit: ['OmitType'], join: ['IntersectionType'] },
  source: 'https://docs.nestjs.com/techniques/validation#stripping-properties ; https://docs.nestjs.com/openapi/mapped-types',
} as const;

/** How a mapped type call (`OmitType(CreateUserDto, ['role'])`) makes a DTO's properties from its arguments, or null for another call. */
export function mappedTypeOf(name: string): 'keep' | 'pick' | 'omit' | 'join' | null {
  const m = NEST_BODY.mappedTypes;
  for (const k of ['keep', 'pick', 'omit', 'join'] as const) if ((m[k] as readonly string[]).includes(name)) return k;
  return null;
}

/**
 * class-validator decorators that restrict a property to constant values: `@IsIn(['SELLER'])` (one of
 * the list), `@Equals('SELLER')` (exactly that). Under a whitelisting ValidationPipe a body whose
 * property holds any other value is refused, so the property grants only what those values grant.
 * `arg` is the argument holding the value(s); `list`: an array of them.
 */
export const CONSTANT_VALIDATORS = [
  { module: 'class-validator', export: 'IsIn', arg: 0, list: true, source: 'https://github.com/typestack/class-validator#validation-decorators (@IsIn(values: any[]): checks if value is in an array of allowed values)' },
  { module: 'class-validator', export: 'Equals', arg: 0, list: false, source: 'https://github.com/typestack/class-validator#validation-decorators (@Equals(comparison): checks if value equals ("===") comparison)' },
] as const;

/** Values of a role field that grant more than an ordinary account (compared lower-cased, words split on `_`/`-`/space). */
export const PRIVILEGED_ROLE_VALUES: readonly string[] = ['admin', 'administrator', 'superadmin', 'superuser', 'root', 'owner', 'staff', 'moderator', 'mod', 'super', 'sysadmin', 'manager', 'system', 'all', '*'];

/** Whether a constant a role field may hold grants privilege (`'ADMIN'`, `'super_admin'`); anything not a string or number is treated as one. */
export function isPrivilegedRoleValue(value: string | number | boolean): boolean {
  if (typeof value === 'boolean') return value;
  const words = String(value).toLowerCase().split(/[^a-z0-9*]+/).filter(Boolean);
  return words.length === 0 || words.some((w) => PRIVILEGED_ROLE_VALUES.includes(w));
}
