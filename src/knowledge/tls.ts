// Where each client library takes its TLS options, and which option turns certificate verification
// off. With verification off the connection is encrypted to whoever answers: anyone on the path (a
// shared network, a compromised proxy, DNS) can present any certificate and read the credentials
// and the data.

export interface TlsOptionKey {
  /** The option whose value is a Node `tls.connect` options object. */
  key: string;
  /** The packages whose client options hold TLS options under that key. */
  packages: readonly string[];
  example: string;
  source: string;
}

export const TLS_OPTION_KEYS: readonly TlsOptionKey[] = [
  {
    key: 'ssl', packages: ['pg', 'typeorm', '@nestjs/typeorm', 'mysql2', 'mysql', 'knex', 'sequelize', 'sequelize-typescript', 'postgres', 'mikro-orm', '@mikro-orm/core'],
    example: "import { Pool } from 'pg'; const pool = new Pool({ ssl: { rejectUnauthorized: false } });",
    source: 'https://node-postgres.com/features/ssl (ssl: passed to tls.connect)',
  },
  {
    key: 'tls', packages: ['ioredis', 'mongodb', 'mongoose', 'nodemailer'],
    example: "import Redis from 'ioredis'; const redis = new Redis({ tls: { rejectUnauthorized: false } });",
    source: 'https://github.com/redis/ioredis#tls-options (tls: passed to tls.connect)',
  },
];

/**
 * A database client's options as a config file writes them, often with no import of the client (a
 * knexfile, a sequelize-cli `config.js`, a TypeORM `ormconfig.js`): the key that names the database
 * and where the TLS options sit below the object holding it.
 */
export interface DbOptionShape {
  package: string;
  /** The key that names the database driver, and its values for a database reached over the network. */
  driverKey: string;
  drivers: readonly string[];
  /** Paths from the object holding `driverKey` to the TLS options (`['connection', 'ssl']`). */
  tlsPaths: ReadonlyArray<readonly string[]>;
  example: string;
  source: string;
}

export const DB_OPTION_SHAPES: readonly DbOptionShape[] = [
  {
    package: 'knex', driverKey: 'client', drivers: ['pg', 'postgres', 'postgresql', 'pg-native', 'cockroachdb', 'mysql', 'mysql2', 'mssql', 'tedious'], tlsPaths: [['connection', 'ssl']],
    example: "module.exports = { production: { client: 'pg', connection: { connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } } } };",
    source: 'https://knexjs.org/guide/#configuration-options (connection: the driver\'s options; pg and mysql2 take ssl there)',
  },
  {
    package: 'sequelize', driverKey: 'dialect', drivers: ['postgres', 'mysql', 'mariadb', 'mssql'], tlsPaths: [['dialectOptions', 'ssl']],
    example: "module.exports = { production: { use_env_variable: 'DATABASE_URL', dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } } };",
    source: 'https://sequelize.org/docs/v6/other-topics/dialect-specific-things/#postgresql (dialectOptions passed to pg); https://github.com/sequelize/cli/blob/main/docs/README.md (config.js)',
  },
  {
    package: 'typeorm', driverKey: 'type', drivers: ['postgres', 'mysql', 'mariadb', 'cockroachdb', 'aurora-postgres', 'aurora-mysql'], tlsPaths: [['ssl'], ['extra', 'ssl']],
    example: "module.exports = { type: 'postgres', url: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } };",
    source: 'https://typeorm.io/data-source-options#postgres--cockroachdb-data-source-options (ssl; extra: passed to the driver)',
  },
];

/** The shape an object holding TLS options at `path` (from the object that names the driver) is, or null. */
export function dbOptionShapeOf(driverKey: string, driver: string, path: readonly string[]): DbOptionShape | null {
  return DB_OPTION_SHAPES.find((s) => s.driverKey === driverKey && s.drivers.includes(driver) && s.tlsPaths.some((p) => p.length === path.length && p.every((k, i) => k === path[i]))) ?? null;
}

/**
 * Where a database client takes its options, and where TLS options sit in them: the object a
 * constructor or factory is given, which a service often builds in a config module of its own.
 */
export interface DbClientOptions {
  module: string;
  /** The export called or constructed (`default` for the module itself: `knex(config)`). */
  export: string;
  how: 'new' | 'call';
  /** Argument index of the options, or `last` when the options follow a variable number of arguments (`new Sequelize(db, user, pass, options)`). */
  arg: number | 'last';
  tlsPaths: ReadonlyArray<readonly string[]>;
  source: string;
}

const PG = 'https://node-postgres.com/apis/pool (config passed to Client; ssl: passed to tls.connect)';
const MYSQL2 = 'https://sidorares.github.io/node-mysql2/docs/examples/connections/create-connection (ssl)';
export const DB_CLIENT_OPTIONS: readonly DbClientOptions[] = [
  { module: 'pg', export: 'Pool', how: 'new', arg: 0, tlsPaths: [['ssl']], source: PG },
  { module: 'pg', export: 'Client', how: 'new', arg: 0, tlsPaths: [['ssl']], source: PG },
  { module: 'mysql2', export: 'createPool', how: 'call', arg: 0, tlsPaths: [['ssl']], source: MYSQL2 },
  { module: 'mysql2', export: 'createConnection', how: 'call', arg: 0, tlsPaths: [['ssl']], source: MYSQL2 },
  { module: 'mysql2/promise', export: 'createPool', how: 'call', arg: 0, tlsPaths: [['ssl']], source: MYSQL2 },
  { module: 'mysql2/promise', export: 'createConnection', how: 'call', arg: 0, tlsPaths: [['ssl']], source: MYSQL2 },
  { module: 'typeorm', export: 'DataSource', how: 'new', arg: 0, tlsPaths: [['ssl'], ['extra', 'ssl']], source: 'https://typeorm.io/data-source-options (ssl; extra: passed to the driver)' },
  { module: 'typeorm', export: 'createConnection', how: 'call', arg: 0, tlsPaths: [['ssl'], ['extra', 'ssl']], source: 'https://typeorm.io/data-source-options' },
  { module: 'knex', export: 'default', how: 'call', arg: 0, tlsPaths: [['connection', 'ssl']], source: 'https://knexjs.org/guide/#configuration-options (connection: the driver\'s options)' },
  { module: 'knex', export: 'knex', how: 'call', arg: 0, tlsPaths: [['connection', 'ssl']], source: 'https://knexjs.org/guide/#configuration-options' },
  { module: 'sequelize', export: 'Sequelize', how: 'new', arg: 'last', tlsPaths: [['dialectOptions', 'ssl']], source: 'https://sequelize.org/docs/v6/other-topics/dialect-specific-things/#postgresql (dialectOptions)' },
];

/** The client `module`'s `exported` is when called (`how`), or null. */
export function dbClientOptionsOf(module: string, exported: string, how: 'new' | 'call'): DbClientOptions | null {
  return DB_CLIENT_OPTIONS.find((c) => c.module === module && c.export === exported && c.how === how) ?? null;
}

/** Node's own calls that take TLS options as an argument. */
export interface TlsCall {
  module: string;
  export: string;
  /** `*` for the module itself called through a member (`https.request`). */
  member?: string;
  arg: number;
  example: string;
  source: string;
}

export const TLS_CALLS: readonly TlsCall[] = [
  { module: 'https', export: 'Agent', arg: 0, example: "import { Agent } from 'https'; const agent = new Agent({ rejectUnauthorized: false });", source: 'https://nodejs.org/api/https.html#new-agentoptions' },
  { module: 'https', export: 'request', arg: 0, example: "import { request } from 'https'; request({ host: 'x', rejectUnauthorized: false });", source: 'https://nodejs.org/api/https.html#httpsrequestoptions-callback' },
  { module: 'https', export: 'get', arg: 0, example: "import { get } from 'https'; get({ host: 'x', rejectUnauthorized: false });", source: 'https://nodejs.org/api/https.html#httpsgetoptions-callback' },
  { module: 'tls', export: 'connect', arg: 0, example: "import { connect } from 'tls'; connect({ host: 'x', rejectUnauthorized: false });", source: 'https://nodejs.org/api/tls.html#tlsconnectoptions-callback' },
];

/** An option that turns verification off, and the value that does it. */
export interface TlsSwitch {
  option: string;
  off: boolean;
  /** Where it sits: inside a TLS options object, or among a client's own options (MongoDB's). */
  within: 'tls-options' | 'client-options';
  packages?: readonly string[];
  source: string;
}

export const TLS_VERIFICATION_SWITCHES: readonly TlsSwitch[] = [
  { option: 'rejectUnauthorized', off: false, within: 'tls-options', source: 'https://nodejs.org/api/tls.html#tlsconnectoptions-callback (rejectUnauthorized: default true)' },
  { option: 'tlsAllowInvalidCertificates', off: true, within: 'client-options', packages: ['mongodb', 'mongoose'], source: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/connection/tls/' },
  { option: 'tlsInsecure', off: true, within: 'client-options', packages: ['mongodb', 'mongoose'], source: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/connection/tls/' },
];

/** Node reads this variable at start: `'0'` turns verification off for every TLS connection of the process. */
export const TLS_REJECT_ENV = { name: 'NODE_TLS_REJECT_UNAUTHORIZED', off: '0', source: 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue' };

/** The packages a file must import for `key` to hold TLS options, or null when no library keeps them there. */
export function tlsKeyPackages(key: string): readonly string[] | null {
  return TLS_OPTION_KEYS.find((k) => k.key === key)?.packages ?? null;
}

/** The TLS call `module`'s `exported` (or its member) is, or null. */
export function tlsCallOf(module: string, exported: string): TlsCall | null {
  const m = module.startsWith('node:') ? module.slice(5) : module;
  return TLS_CALLS.find((c) => c.module === m && c.export === exported) ?? null;
}

/** The switch `option` is, if `value` turns verification off where it sits. */
export function tlsSwitchOf(option: string, value: boolean): TlsSwitch | null {
  return TLS_VERIFICATION_SWITCHES.find((s) => s.option === option && s.off === value) ?? null;
}
