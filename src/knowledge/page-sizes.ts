// Where each ORM and query builder takes the number of rows a list query returns (its page size), and
// which numeric functions leave a value unbounded above. A page size a caller chooses with no cap lets
// one request read a whole table into memory and serialise it.

export interface PageSizeArgument {
  library: string;
  /**
   * `option`: the property `option` of the options object given to one of `methods`
   * (`prisma.user.findMany({ take })`); `chain`: the argument of a call of one of `methods` chained on a
   * query that one of `starts` began (`User.find().limit(n)`, `db.select().from(t).limit(n)`).
   */
  shape: 'option' | 'chain';
  methods: readonly string[];
  option?: string;
  starts?: readonly string[];
  example: string;
  source: string;
}

export const PAGE_SIZE_ARGUMENTS: readonly PageSizeArgument[] = [
  { library: 'prisma', shape: 'option', methods: ['findMany'], option: 'take', example: 'await prisma.post.findMany({ take: limit });', source: 'https://www.prisma.io/docs/orm/prisma-client/queries/pagination' },
  { library: 'typeorm', shape: 'option', methods: ['find', 'findAndCount', 'findBy'], option: 'take', example: 'await repo.find({ take: limit, skip });', source: 'https://typeorm.io/docs/working-with-entity-manager/find-options' },
  { library: 'typeorm', shape: 'chain', methods: ['take', 'limit'], starts: ['createQueryBuilder'], example: "await repo.createQueryBuilder('u').take(limit).getMany();", source: 'https://typeorm.io/docs/query-builder/select-query-builder#using-pagination' },
  { library: 'sequelize', shape: 'option', methods: ['findAll', 'findAndCountAll'], option: 'limit', example: 'await User.findAll({ limit, offset });', source: 'https://sequelize.org/docs/v6/core-concepts/model-querying-basics/#limits-and-pagination' },
  { library: 'drizzle', shape: 'option', methods: ['findMany'], option: 'limit', example: 'await db.query.users.findMany({ limit });', source: 'https://orm.drizzle.team/docs/rqb#limit--offset' },
  { library: 'drizzle', shape: 'chain', methods: ['limit'], starts: ['select', 'selectDistinct'], example: 'await db.select().from(users).limit(limit);', source: 'https://orm.drizzle.team/docs/select#limit--offset' },
  { library: 'mongoose, mongodb', shape: 'chain', methods: ['limit'], starts: ['find'], example: 'await User.find({}).limit(limit);', source: 'https://mongoosejs.com/docs/api/query.html#Query.prototype.limit()' },
  { library: 'knex', shape: 'chain', methods: ['limit'], starts: ['select', 'from', 'where', 'table', 'orderBy'], example: "await knex('users').select('*').limit(limit);", source: 'https://knexjs.org/guide/query-builder.html#limit' },
  { library: 'kysely', shape: 'chain', methods: ['limit'], starts: ['selectFrom'], example: "await db.selectFrom('users').selectAll().limit(limit).execute();", source: 'https://kysely-org.github.io/kysely-apidoc/classes/SelectQueryBuilder.html#limit' },
];

/** The page-size option of a query method (`findMany` -> `take` or `limit`), by the method's name: every library's that has one. */
export function pageSizeOptions(method: string): string[] {
  return PAGE_SIZE_ARGUMENTS.filter((a) => a.shape === 'option' && a.methods.includes(method)).map((a) => a.option!);
}

/** The libraries whose `method` (`limit`, `take`) chained on a query begun by a call in `started` takes its page size. */
export function pageSizeChain(method: string, started: ReadonlySet<string>): string[] {
  return PAGE_SIZE_ARGUMENTS.filter((a) => a.shape === 'chain' && a.methods.includes(method) && (a.starts ?? []).some((s) => started.has(s))).map((a) => a.library);
}

/** The methods a query chain takes its page size through (`limit`, `take`): a call of any other method is no chained page size. */
export function pageSizeChainMethods(): Set<string> {
  return new Set(PAGE_SIZE_ARGUMENTS.filter((a) => a.shape === 'chain').flatMap((a) => a.methods));
}

/** Every method name a page size is given through: what a rule's trigger words are made of. */
export function pageSizeMethods(): string[] {
  return [...new Set(PAGE_SIZE_ARGUMENTS.flatMap((a) => a.methods))];
}

/**
 * Functions that turn input into a number without bounding it above (`Number(q.limit)`, `parseInt`,
 * `Math.max(1, n)`, `Math.floor`): the result is as large as the caller asks. `Math.min` is not among
 * them: it is the cap.
 */
export const UNBOUNDED_NUMERIC: readonly string[] = [
  'Number', 'parseInt', 'parseFloat', 'BigInt', 'Number.parseInt', 'Number.parseFloat',
  'Math.max', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Math.abs',
];

/** Whether a callee as written (`parseInt`, `Math.floor`) converts a value to a number with no upper bound. */
export function isUnboundedNumeric(callee: string): boolean {
  return UNBOUNDED_NUMERIC.includes(callee);
}

/**
 * Combinators that start every promise of an array at once (`Promise.all(ids.map(...))`): as many
 * concurrent queries or requests as the array has elements. A library's `map` with a `concurrency`
 * option (p-map, Bluebird) bounds the concurrency, not the work, and is not among them.
 */
export const FAN_OUT_COMBINATORS: ReadonlyArray<{ callee: string; example: string; source: string }> = [
  { callee: 'Promise.all', example: 'await Promise.all(req.body.ids.map((id) => prisma.item.delete({ where: { id } })));', source: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Promise/all' },
  { callee: 'Promise.allSettled', example: 'await Promise.allSettled(urls.map((u) => fetch(u)));', source: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Promise/allSettled' },
];

/** Whether a callee as written starts every promise of its array argument at once. */
export function isFanOut(callee: string): boolean {
  return FAN_OUT_COMBINATORS.some((c) => c.callee === callee);
}

/**
 * Array methods whose result is as long as the array they are called on, or longer (`filter` at most
 * as long, but as long as the caller makes it): a request's array stays unbounded through them.
 * `slice`, `splice` and `length` checks are what bound it.
 */
export const LENGTH_KEEPING_METHODS: readonly string[] = ['map', 'filter', 'flatMap', 'concat', 'flat', 'sort', 'reverse', 'toSorted', 'toReversed'];
