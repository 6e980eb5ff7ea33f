// collect/sql-params: a call that runs literal SQL text holding placeholders (`$1`, `?`, `?2`) with the
// values it binds, counted where the code lists them: `pool.query(text, [a, b])`,
// `db.prepare(text).bind(a, b)`, `conn.execute(text, [a])`, `$queryRawUnsafe(text, a, b)`. The rule
// counts the placeholders (the Postgres parser for `$n`) and compares.
import { defineFacts, type FactOf } from './define.js';

export const sqlParamFacts = defineFacts('collect/sql-params', (z) => z.strictObject({
  line: z.number().int().positive(),
  /** How the values are given: `query`/`execute`/`raw` (an array argument after the text), `bind`/`run` (the arguments of the call on `prepare(text)`), `spread` (the arguments after the text). */
  shape: z.enum(['query', 'execute', 'raw', 'bind', 'run', 'spread']),
  /** The method called with the values (`query`, `bind`, `$queryRawUnsafe`). */
  method: z.string(),
  sql: z.string(),
  /** How many values are bound: none given is 0. */
  values: z.number().int().nonnegative(),
  snippet: z.string(),
}));
export type SqlParamSite = FactOf<typeof sqlParamFacts>;
