// collect/body-writes: ORM writes whose row is the request body as the caller sent it (whole, spread
// into an object, merged with Object.assign, or what is left after destructuring some keys out), and
// the models this file declares with their fields. Collect records what the code says; the rule
// resolves the write's model to its declaration and judges its fields.
import { defineFacts, type FactOf } from './define.js';

export const bodyWriteFacts = defineFacts('collect/body-writes', (z) => {
  const line = z.number().int().positive();
  /** The model or table the write goes to, as written. */
  const model = z.union([
    /** A name in scope (`User.create`, `new User`, `db.insert(users)`): `spec` when it is imported or required. */
    z.strictObject({ kind: z.enum(['name', 'table']), name: z.string(), spec: z.string().optional() }),
    /** A Prisma delegate (`prisma.user.create`): the model, as the client names it. */
    z.strictObject({ kind: z.literal('prisma'), name: z.string() }),
    /** A knex builder on a table named by a string (`knex('users').insert`). */
    z.strictObject({ kind: z.literal('knex'), table: z.string() }),
    /** Not resolved in this file: the receiver as written. */
    z.strictObject({ kind: z.literal('unknown'), text: z.string() }),
  ]);
  /** A NestJS `@Body()` parameter's declared type (a DTO class), with the module it is imported from. */
  const dto = z.strictObject({ name: z.string(), spec: z.string().optional() }).optional();
  /** The declaration id collect/symbols gives the enclosing function (`UsersService.update`), when it names one. */
  const fn = z.string().optional();
  /** The row is this parameter of the enclosing function (its callers decide what it holds), not a request read here. */
  const param = z.number().int().nonnegative().optional();
  return z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('write'), line, method: z.string(), fn, param, dto,
      via: z.enum(['whole', 'spread', 'assign', 'rest']),
      /** The request read it comes from, as written (`req.body`). */
      body: z.string(),
      /** Keys the code sets itself after the body (`{ ...req.body, role: 'user' }`) or takes out of it (`const { role, ...rest } = req.body`). */
      fixed: z.array(z.string()),
      model,
      /** The line of the function the write is in (the route handler, when it is one). */
      fnLine: line,
      snippet: z.string(),
    }),
    /**
     * A call that hands the request body (or the enclosing function's parameter `param`) whole, spread
     * or minus some keys, as argument `arg` of a call of `callee` (the name as written): the link
     * stage's call graph says which function that is, and that function's writes say what is stored.
     */
    z.strictObject({
      type: z.literal('pass'), line, callee: z.string(), arg: z.number().int().nonnegative(), fn, param, dto,
      via: z.enum(['whole', 'spread', 'assign', 'rest']), body: z.string(), fixed: z.array(z.string()), fnLine: line, snippet: z.string(),
      /** One value rather than a row: the body's role field `field` (`dto.role`), or, with `param`, that parameter's value passed on as it is. */
      field: z.string().optional(),
    }),
    /**
     * A row written with a role field (knowledge ROLE_FIELDS) whose value comes from the request: the
     * body's field read here (`isAdmin: request.body.isAdmin`, `role: dto.role`), or (with `param`) the
     * enclosing function's parameter (`{ role }`), or a member of it (`member`: `data.role`), whose
     * callers decide what it holds. `model` as for a write; a constant value is never recorded.
     */
    z.strictObject({
      type: z.literal('grant'), line, method: z.string(), field: z.string(), fn, param, dto, member: z.boolean().optional(),
      body: z.string(), model, fnLine: line, snippet: z.string(),
    }),
    /** A class's declared properties (a DTO), and what it is built from (`extends PartialType(CreateUserDto)`). */
    z.strictObject({
      type: z.literal('dto'), name: z.string(), fields: z.array(z.string()), line,
      /** The class-validator decorators on its properties (knowledge DTO_VALIDATION: `IsEmail`, `MinLength`), by name; at most 8. */
      validators: z.array(z.string()).optional(),
      /** Properties class-validator restricts to constant values (knowledge CONSTANT_VALIDATORS: `@IsIn(['SELLER'])`), with those values. */
      constant: z.array(z.strictObject({ field: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])) })).optional(),
      bases: z.array(z.strictObject({ name: z.string(), spec: z.string().optional(), how: z.enum(['keep', 'pick', 'omit']), keys: z.array(z.string()) })),
    }),
    /** A NestJS `new ValidationPipe({ whitelist: true })`: keys a DTO does not declare are stripped or refused. */
    z.strictObject({ type: z.literal('pipe'), line, option: z.string() }),
    z.strictObject({
      type: z.literal('model'), library: z.enum(['mongoose', 'sequelize', 'typeorm']),
      /** The binding that holds it (`User`; `default` for `module.exports =` / `export default`). */
      name: z.string(),
      /** The model's name given to the library (`model('User', ...)`), when one is. */
      modelName: z.string().optional(),
      fields: z.array(z.string()),
      line,
      /** Its listener methods (`@BeforeInsert()`) or schema write middleware (`pre('save')`), and whether each sets a password-named field of the row. */
      hooks: z.array(z.strictObject({ event: z.string(), password: z.boolean(), line })).optional(),
    }),
  ]);
});
export type BodyWrite = Extract<FactOf<typeof bodyWriteFacts>, { type: 'write' }>;
export type BodyPass = Extract<FactOf<typeof bodyWriteFacts>, { type: 'pass' }>;
export type BodyGrant = Extract<FactOf<typeof bodyWriteFacts>, { type: 'grant' }>;
export type DeclaredDto = Extract<FactOf<typeof bodyWriteFacts>, { type: 'dto' }>;
export type DeclaredModel = Extract<FactOf<typeof bodyWriteFacts>, { type: 'model' }>;
