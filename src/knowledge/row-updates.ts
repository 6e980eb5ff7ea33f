// How ORMs read one row and write fields back, for the read-modify-write rule: a value read from a
// row, changed in JavaScript and written back races with every other request doing the same, unless
// the read locks the row, the write is relative to what is stored (`{ decrement: n }`, `$inc`,
// `SET x = x - $1`), or the write checks the value it read (an optimistic version check).

const PRISMA = 'https://www.prisma.io/docs/orm/reference/prisma-client-reference';

/** Reads that give one row (or document) by a filter or an id: where a read-modify-write starts. */
export const ROW_READS: readonly { method: string; example: string; source: string }[] = [
  ...['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow'].map((method) => ({ method, example: `const u = await prisma.user.${method}({ where: { id } });`, source: `${PRISMA}#${method.toLowerCase()}` })),
  { method: 'findOne', example: 'const u = await User.findOne({ _id: id });', source: 'https://mongoosejs.com/docs/api/model.html#Model.findOne() ; https://sequelize.org/docs/v6/core-concepts/model-querying-finders/#findone ; https://typeorm.io/docs/working-with-entity-manager/find-options' },
  { method: 'findById', example: 'const u = await User.findById(id);', source: 'https://mongoosejs.com/docs/api/model.html#Model.findById()' },
  { method: 'findByPk', example: 'const u = await User.findByPk(id);', source: 'https://sequelize.org/docs/v6/core-concepts/model-querying-finders/#findbypk' },
  ...['findOneBy', 'findOneOrFail', 'findOneByOrFail'].map((method) => ({ method, example: `const u = await repo.${method}({ id });`, source: 'https://typeorm.io/docs/working-with-entity-manager/repository-api' })),
];

/**
 * Writes that set fields to the values an object argument holds (`update({ where, data: { stock } })`,
 * `updateOne(filter, { $set: { balance } })`, `repo.update(id, { stock })`, `row.update({ stock })`).
 * The keys under which the values nest in that object (`data`, `$set`) are VALUE_KEYS.
 */
export const FIELD_WRITES: readonly { method: string; example: string; source: string }[] = [
  { method: 'update', example: 'await prisma.product.update({ where: { id }, data: { stock: p.stock - qty } });', source: `${PRISMA}#update` },
  { method: 'updateMany', example: 'await prisma.product.updateMany({ where: { id }, data: { stock: n } });', source: `${PRISMA}#updatemany` },
  { method: 'upsert', example: 'await prisma.wallet.upsert({ where: { id }, update: { balance: n }, create: { id, balance: n } });', source: `${PRISMA}#upsert` },
  { method: 'updateOne', example: 'await Wallet.updateOne({ _id: id }, { $set: { balance: n } });', source: 'https://mongoosejs.com/docs/api/model.html#Model.updateOne()' },
  { method: 'findOneAndUpdate', example: 'await Wallet.findOneAndUpdate({ _id: id }, { balance: n });', source: 'https://mongoosejs.com/docs/api/model.html#Model.findOneAndUpdate()' },
  { method: 'findByIdAndUpdate', example: 'await Wallet.findByIdAndUpdate(id, { balance: n });', source: 'https://mongoosejs.com/docs/api/model.html#Model.findByIdAndUpdate()' },
  { method: 'set', example: 'await db.update(products).set({ stock: n }).where(eq(products.id, id));', source: 'https://orm.drizzle.team/docs/update' },
];

/** Keys inside a write's argument that hold the new values (`data` for Prisma, `update` of an upsert, `$set` for MongoDB). */
export const VALUE_KEYS: readonly string[] = ['data', 'update', '$set'];

/** Saving a row object whose fields the code set (`row.save()`, `repo.save(row)`). */
export const ROW_SAVES: readonly { method: string; example: string; source: string }[] = [
  { method: 'save', example: 'user.balance -= amount; await user.save();', source: 'https://mongoosejs.com/docs/api/document.html#Document.prototype.save() ; https://sequelize.org/docs/v6/core-concepts/model-instances/#updating-an-instance ; https://typeorm.io/docs/working-with-entity-manager/repository-api' },
];

/**
 * A read that locks the row it returns until the transaction ends: an option of the read
 * (`lock: true` / `lock: Transaction.LOCK.UPDATE` in Sequelize, `lock: { mode: 'pessimistic_write' }`
 * in TypeORM) or a method on the query (`.forUpdate()` in knex, `.setLock('pessimistic_write')` in
 * TypeORM's query builder). Read by the option's key and the method's name.
 */
export const ROW_LOCKS = {
  options: ['lock'],
  methods: ['forUpdate', 'setLock', 'for'],
  source: 'https://sequelize.org/api/v6/class/src/model.js~model#static-method-findAll (options.lock) ; https://typeorm.io/docs/working-with-entity-manager/find-options (lock) ; https://knexjs.org/guide/query-builder.html#forupdate',
} as const;

/** Calls whose callback runs inside a database transaction (`prisma.$transaction(async (tx) => ...)`, `sequelize.transaction(async (t) => ...)`). */
export const TRANSACTION_METHODS = {
  methods: ['$transaction', 'transaction', 'withTransaction'],
  source: `${PRISMA}#transaction ; https://sequelize.org/docs/v6/other-topics/transactions/ ; https://typeorm.io/docs/advanced-topics/transactions ; https://www.mongodb.com/docs/drivers/node/current/fundamentals/transactions/`,
} as const;

/** Fields a write may check to detect a concurrent change (optimistic concurrency). */
export const VERSION_FIELDS = {
  fields: ['version', '__v', 'lockVersion', 'updatedAt', 'updated_at'],
  source: 'https://sequelize.org/docs/v6/other-topics/optimistic-locking/ ; https://mongoosejs.com/docs/guide.html#optimisticConcurrency ; https://typeorm.io/docs/entity/entities#special-columns (VersionColumn)',
} as const;

/**
 * Words of a field name that say it holds money or stock, where a lost update costs money: weighs
 * the finding (high), never decides it (the data flow does).
 */
export const MONEY_STOCK_WORDS = {
  words: ['balance', 'credit', 'credits', 'stock', 'inventory', 'quantity', 'qty', 'points', 'funds', 'wallet', 'coins', 'seats', 'amount', 'available', 'remaining', 'budget', 'quota', 'tickets'],
  examples: ['balance', 'walletBalance', 'stock_count', 'availableSeats', 'credits'],
  notExamples: ['viewCount', 'loginAttempts', 'likes'],
  source: 'fields a race lets a buyer overspend or oversell (balances, credits, stock, seats)',
} as const;

const has = (list: readonly { method: string }[], m: string) => list.some((x) => x.method === m);
export const isRowRead = (method: string): boolean => has(ROW_READS, method);
export const isFieldWrite = (method: string): boolean => has(FIELD_WRITES, method);
export const isRowSave = (method: string): boolean => has(ROW_SAVES, method);
export const isRowLockOption = (key: string): boolean => (ROW_LOCKS.options as readonly string[]).includes(key);
export const isRowLockMethod = (method: string): boolean => (ROW_LOCKS.methods as readonly string[]).includes(method);
export const isTransactionMethod = (method: string): boolean => (TRANSACTION_METHODS.methods as readonly string[]).includes(method);
export const isVersionField = (field: string): boolean => (VERSION_FIELDS.fields as readonly string[]).includes(field);

/** Whether a field's name says it holds money or stock (MONEY_STOCK_WORDS). */
export function holdsMoneyOrStock(field: string): boolean {
  const words = field.split(/(?<=[a-z0-9])(?=[A-Z])|[_\-\s]+/).map((w) => w.toLowerCase());
  return words.some((w) => (MONEY_STOCK_WORDS.words as readonly string[]).includes(w));
}
