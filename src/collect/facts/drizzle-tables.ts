// collect/drizzle-tables: Drizzle table definitions (`pgTable('users', { ... })`) and their columns.
import { defineFacts, type FactOf } from './define.js';

export const drizzleTableFacts = defineFacts('collect/drizzle-tables', (z) => {
  const line = z.number().int().positive();
  return z.strictObject({
    table: z.string(),
    dialect: z.enum(['postgresql', 'sqlite', 'mysql']),
    line,
    columns: z.array(z.strictObject({
      /** The property name in the columns object. */
      key: z.string(),
      /** The column name given to the builder; the key when none is given (`implied`). */
      name: z.string(),
      implied: z.boolean(),
      /** The builder function called: `text`, `integer`, `timestamp`... */
      builder: z.string(),
      /** `.notNull()` or `.primaryKey()` in the builder chain. */
      notNull: z.boolean(),
      line,
    })),
  });
});
export type DrizzleTable = FactOf<typeof drizzleTableFacts>;
export type DrizzleColumn = DrizzleTable['columns'][number];
