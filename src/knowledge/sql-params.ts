// How SQL clients take the values for a statement's placeholders, and which placeholder syntax each
// speaks. A count that differs from the placeholders fails at run time (Postgres: "bind message
// supplies 3 parameters, but prepared statement requires 4"; SQLite/D1: a RangeError or "wrong number
// of bindings"; MySQL's prepared statements: "Incorrect arguments to mysqld_stmt_execute").

export interface SqlParamCall {
  /** `query`/`execute`/`raw`: values in an array after the text; `bind`/`run`: the arguments of the call on `prepare(text)`; `spread`: the arguments after the text. */
  shape: 'query' | 'execute' | 'raw' | 'bind' | 'run' | 'spread';
  methods: readonly string[];
  /** For `run`: the call's own arguments are values (better-sqlite3), not options (D1's `first('column')`). */
  bindsArguments?: boolean;
  libraries: string;
  example: string;
  source: string;
}

export const SQL_PARAM_CALLS: readonly SqlParamCall[] = [
  { shape: 'query', methods: ['query'], libraries: 'pg, mysql2', example: "await pool.query('SELECT * FROM users WHERE id = $1', [id]);", source: 'https://node-postgres.com/features/queries#parameterized-query' },
  { shape: 'execute', methods: ['execute'], libraries: 'mysql2', example: "await conn.execute('SELECT * FROM users WHERE id = ?', [id]);", source: 'https://sidorares.github.io/node-mysql2/docs#using-prepared-statements' },
  { shape: 'raw', methods: ['raw'], libraries: 'knex', example: "await knex.raw('select * from users where id = ?', [id]);", source: 'https://knexjs.org/guide/raw.html#raw-parameter-binding' },
  { shape: 'bind', methods: ['bind'], libraries: 'Cloudflare D1, sql.js', example: "await env.DB.prepare('SELECT * FROM users WHERE id = ?').bind(id).first();", source: 'https://developers.cloudflare.com/d1/worker-api/prepared-statements/#bind' },
  { shape: 'run', methods: ['run', 'get', 'all', 'first'], bindsArguments: false, libraries: 'Cloudflare D1, better-sqlite3 (called with no values)', example: "await env.DB.prepare('SELECT * FROM users').all();", source: 'https://developers.cloudflare.com/d1/worker-api/prepared-statements/' },
  { shape: 'spread', methods: ['$queryRawUnsafe', '$executeRawUnsafe'], libraries: 'Prisma', example: "await prisma.$queryRawUnsafe('SELECT * FROM users WHERE id = $1', id);", source: 'https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries#queryrawunsafe' },
];

/**
 * Clients whose placeholder is `?` (SQLite also `?NNN`): for them a `?` outside strings and comments
 * is a value slot. In Postgres `?` is an operator (jsonb `?`, `?|`), so a `?` is counted only for a
 * client known to speak it, or on a `prepare(...)` chain (SQLite, D1).
 */
export const QUESTION_MARK_CLIENTS: readonly string[] = ['mysql2', 'better-sqlite3', 'sqlite', 'libsql', 'planetscale', 'knex'];
