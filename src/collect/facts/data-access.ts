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
  /**
   * Raw SQL whose text is fixed in the code (a literal, or a tagged template whose interpolations the
   * driver binds, each written `$n`), with the line its literal starts on; absent otherwise. Long texts
   * (over SQL_TEXT_MAX characters) are not kept.
   */
  sqlText: z.optional(z.strictObject({ text: z.string(), line: z.number().int().positive(), tagged: z.boolean() })),
  snippet: z.string(),
}));
/** The longest constant SQL text a site keeps. */
export const SQL_TEXT_MAX = 8000;

export type DataAccessSite = FactOf<typeof dataAccessFacts>;
export type SiteKind = DataAccessSite['kind'];
