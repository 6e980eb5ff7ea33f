// What bounds how long a database query may run, per client library (as the audit's data-access
// inventory labels it). "Query timeout protection" is decided by whether the release code sets one of
// these or races its queries against a timer; a library whose API offers no such setting can only be
// bounded by a wrapper. A library missing here leaves the claim unverifiable.

export interface QueryTimeout {
  /** The label of `inventory.databases` (`pg`, `d1`, `drizzle`, ...). */
  library: string;
  /**
   * Object keys (in a client's, pool's or query's options) and methods that bound a query's time. Empty:
   * the API has no query timeout of its own.
   */
  keys: readonly string[];
  methods: readonly string[];
  source: string;
}

export const QUERY_TIMEOUTS: readonly QueryTimeout[] = [
  { library: 'pg', keys: ['statement_timeout', 'query_timeout'], methods: [], source: 'https://node-postgres.com/apis/client (statement_timeout, query_timeout)' },
  { library: 'postgres', keys: ['statement_timeout'], methods: [], source: 'https://github.com/porsager/postgres#connection-details (connection parameters such as statement_timeout)' },
  { library: 'mysql2', keys: ['timeout'], methods: [], source: 'https://sidorares.github.io/node-mysql2/docs (query option timeout)' },
  { library: 'knex', keys: [], methods: ['timeout'], source: 'https://knexjs.org/guide/query-builder.html#timeout' },
  { library: 'sequelize', keys: ['statement_timeout'], methods: [], source: 'https://sequelize.org/docs/v6/other-topics/dialect-specific-things/ (dialectOptions)' },
  { library: 'typeorm', keys: ['statement_timeout'], methods: [], source: 'https://typeorm.io/data-source-options#postgres--cockroachdb-data-source-options (extra passed to pg)' },
  { library: 'mongoose', keys: ['maxTimeMS'], methods: ['maxTimeMS'], source: 'https://mongoosejs.com/docs/api/query.html#Query.prototype.maxTimeMS()' },
  { library: 'prisma', keys: [], methods: [], source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference (no per-query timeout; a statement_timeout in the connection URL)' },
  // D1 and a Durable Object's SqlStorage run the statement in the platform: their API takes no timeout.
  { library: 'd1', keys: [], methods: [], source: 'https://developers.cloudflare.com/d1/worker-api/d1-database/ (prepare, bind, run: no timeout parameter)' },
  { library: 'drizzle', keys: [], methods: [], source: 'https://orm.drizzle.team/docs/overview (the driver underneath sets timeouts; drizzle has none)' },
  { library: 'better-sqlite3', keys: [], methods: [], source: 'https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md (timeout is the busy wait for a lock, not a query bound)' },
  { library: 'libsql', keys: [], methods: [], source: 'https://docs.turso.tech/sdk/ts/reference (no per-query timeout)' },
];

/** Calls that bound any promise's time: a race against a timer, an abort signal that fires on a timeout. */
export const TIMER_RACES: readonly string[] = ['Promise.race', 'AbortSignal.timeout'];

/** SQL that sets the server-side bound for the session. */
export const TIMEOUT_SQL = /\bSET\s+(LOCAL\s+|SESSION\s+)?(statement_timeout|max_execution_time)\b/i;
