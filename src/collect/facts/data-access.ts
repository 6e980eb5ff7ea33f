// collect/data-access: every place a file creates a database client, queries, runs raw SQL or
// calls `.prepare(`.
import { defineFacts, type FactOf } from './define.js';

export const dataAccessFacts = defineFacts('collect/data-access', (z) => z.strictObject({
  line: z.number().int().positive(),
  kind: z.enum(['client', 'query', 'raw', 'prepare']),
  /** prisma, drizzle, kysely, typeorm, knex, pg, postgres, mysql2, better-sqlite3, libsql, neon, ... or null */
  library: z.string().nullable(),
  /** The call as written up to its arguments: `env.DB.prepare`, `prisma.user.findMany`, `new Pool`. */
  callee: z.string(),
  /** The object the method is called on (`env.DB`), followed back through one local alias. */
  receiver: z.string().nullable(),
  /** The receiver is declared with the `D1Database` type. */
  d1Typed: z.boolean(),
  /** The first argument is SQL text that names tables (a literal, template or `sql` tagged template). */
  sql: z.boolean(),
  snippet: z.string(),
}));
export type DataAccessSite = FactOf<typeof dataAccessFacts>;
export type SiteKind = DataAccessSite['kind'];
