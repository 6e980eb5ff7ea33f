// Where each database, cache and queue client takes the address it connects to. A service whose
// client is given a loopback address written in the code reaches its database only on the machine
// it was written on: deployed (a container, a platform), `localhost` is the service's own sandbox.

export interface ConnectionOpener {
  package: string;
  /**
   * `call` of an export (`createPool(opts)`), `member` of the whole module (`mongoose.connect(url)`),
   * `new` of a class (`new Pool(opts)`), `static`: a method of a named export (`TypeOrmModule.forRoot(opts)`).
   */
  how: 'call' | 'member' | 'new' | 'static';
  export: string;
  /** For `static`, the method. */
  method?: string;
  /** Indexes of the arguments that may hold the options object or a connection URL. */
  args: readonly number[];
  /** The positional argument that is the password, in the long form of the call (`new Sequelize(db, user, password, opts)`). */
  passwordArg?: number;
  example: string;
  source: string;
}

/** Option names that carry the address, and nested objects that hold another level of them. */
export const CONNECTION_HOST_OPTIONS = ['host', 'hostname'] as const;
export const CONNECTION_URL_OPTIONS = ['url', 'uri', 'connectionString'] as const;
/** Options that carry the credential itself: a URL with its user-info, or the password. */
export const CONNECTION_CREDENTIAL_OPTIONS = [...CONNECTION_URL_OPTIONS, 'password', 'pass'] as const;
export const CONNECTION_NESTED_OPTIONS = ['connection', 'socket', 'redis', 'options'] as const;

export const CONNECTION_OPENERS: readonly ConnectionOpener[] = [
  { package: 'pg', how: 'new', export: 'Pool', args: [0], example: "new Pool({ host: 'localhost' })", source: 'https://node-postgres.com/apis/pool (host, connectionString)' },
  { package: 'pg', how: 'new', export: 'Client', args: [0], example: "new Client({ connectionString: 'postgres://localhost/app' })", source: 'https://node-postgres.com/apis/client' },
  { package: 'postgres', how: 'call', export: 'default', args: [0, 1], example: "postgres('postgres://localhost:5432/app')", source: 'https://github.com/porsager/postgres#connection (url, options.host)' },
  { package: 'mysql2', how: 'call', export: 'createPool', args: [0], example: "createPool({ host: 'localhost' })", source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools' },
  { package: 'mysql2', how: 'call', export: 'createConnection', args: [0], example: "createConnection({ host: '127.0.0.1' })", source: 'https://sidorares.github.io/node-mysql2/docs' },
  { package: 'mysql2', how: 'member', export: 'createPool', args: [0], example: "mysql.createPool({ host: 'localhost' })", source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools' },
  { package: 'mysql2', how: 'member', export: 'createConnection', args: [0], example: "mysql.createConnection({ host: 'localhost' })", source: 'https://sidorares.github.io/node-mysql2/docs' },
  { package: 'typeorm', how: 'new', export: 'DataSource', args: [0], example: "new DataSource({ type: 'postgres', host: 'localhost' })", source: 'https://typeorm.io/data-source-options' },
  { package: 'typeorm', how: 'call', export: 'createConnection', args: [0], example: "createConnection({ type: 'mysql', host: 'localhost' })", source: 'https://typeorm.io/data-source-options' },
  { package: '@nestjs/typeorm', how: 'static', export: 'TypeOrmModule', method: 'forRoot', args: [0], example: "TypeOrmModule.forRoot({ type: 'postgres', host: 'localhost' })", source: 'https://docs.nestjs.com/techniques/database' },
  { package: '@nestjs/mongoose', how: 'static', export: 'MongooseModule', method: 'forRoot', args: [0], example: "MongooseModule.forRoot('mongodb://localhost/nest')", source: 'https://docs.nestjs.com/techniques/mongodb' },
  { package: '@nestjs/bullmq', how: 'static', export: 'BullModule', method: 'forRoot', args: [0], example: "BullModule.forRoot({ connection: { host: 'localhost' } })", source: 'https://docs.nestjs.com/techniques/queues' },
  { package: 'mongoose', how: 'member', export: 'connect', args: [0], example: "mongoose.connect('mongodb://127.0.0.1:27017/app')", source: 'https://mongoosejs.com/docs/connections.html' },
  { package: 'mongoose', how: 'member', export: 'createConnection', args: [0], example: "mongoose.createConnection('mongodb://localhost/app')", source: 'https://mongoosejs.com/docs/connections.html' },
  { package: 'mongoose', how: 'call', export: 'connect', args: [0], example: "connect('mongodb://localhost/app')", source: 'https://mongoosejs.com/docs/connections.html' },
  { package: 'mongodb', how: 'new', export: 'MongoClient', args: [0], example: "new MongoClient('mongodb://localhost:27017')", source: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/connection/connect/' },
  // new Sequelize(url) or new Sequelize(database, user, password, { host }).
  { package: 'sequelize', how: 'new', export: 'Sequelize', args: [0, 3], passwordArg: 2, example: "new Sequelize('app', 'user', 'pw', { host: 'localhost', dialect: 'postgres' })", source: 'https://sequelize.org/docs/v6/getting-started/#connecting-to-a-database' },
  { package: 'knex', how: 'call', export: 'default', args: [0], example: "knex({ client: 'pg', connection: { host: '127.0.0.1' } })", source: 'https://knexjs.org/guide/#configuration-options' },
  { package: 'knex', how: 'call', export: 'knex', args: [0], example: "knex({ client: 'pg', connection: 'postgres://localhost/app' })", source: 'https://knexjs.org/guide/#configuration-options' },
  // new Redis(port, host, options), new Redis(url), new Redis(options).
  { package: 'ioredis', how: 'new', export: 'default', args: [0, 1, 2], example: "new Redis({ host: 'localhost', port: 6379 })", source: 'https://github.com/redis/ioredis#connect-to-redis' },
  { package: 'ioredis', how: 'new', export: 'Redis', args: [0, 1, 2], example: "new Redis('redis://localhost:6379')", source: 'https://github.com/redis/ioredis#connect-to-redis' },
  { package: 'redis', how: 'call', export: 'createClient', args: [0], example: "createClient({ url: 'redis://localhost:6379' })", source: 'https://github.com/redis/node-redis#usage (url, socket.host)' },
  { package: 'bullmq', how: 'new', export: 'Queue', args: [1], example: "new Queue('mail', { connection: { host: 'localhost' } })", source: 'https://docs.bullmq.io/guide/connections' },
  { package: 'bullmq', how: 'new', export: 'Worker', args: [2], example: "new Worker('mail', processor, { connection: { host: 'localhost' } })", source: 'https://docs.bullmq.io/guide/connections' },
  { package: 'bullmq', how: 'new', export: 'QueueEvents', args: [1], example: "new QueueEvents('mail', { connection: { host: 'localhost' } })", source: 'https://docs.bullmq.io/guide/connections' },
  { package: '@prisma/client', how: 'new', export: 'PrismaClient', args: [0], example: "new PrismaClient({ datasourceUrl: 'postgresql://localhost:5432/app' })", source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#datasourceurl' },
  { package: 'bull', how: 'new', export: 'default', args: [1, 2], example: "new Queue('mail', 'redis://127.0.0.1:6379')", source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queue' },
];

/** Option types a config object is declared with before it reaches a client (`const o: DataSourceOptions = {...}`). */
export const CONNECTION_OPTION_TYPES: ReadonlyArray<{ package: string; type: string }> = [
  { package: 'typeorm', type: 'DataSourceOptions' },
  { package: 'typeorm', type: 'ConnectionOptions' },
  { package: '@nestjs/typeorm', type: 'TypeOrmModuleOptions' },
  { package: 'pg', type: 'PoolConfig' },
  { package: 'pg', type: 'ClientConfig' },
  { package: 'mysql2', type: 'PoolOptions' },
  { package: 'mysql2', type: 'ConnectionOptions' },
  { package: 'ioredis', type: 'RedisOptions' },
  { package: 'bullmq', type: 'ConnectionOptions' },
  { package: 'bullmq', type: 'QueueOptions' },
  { package: 'bullmq', type: 'WorkerOptions' },
  { package: 'sequelize', type: 'Options' },
];

/** The opener an import is when used this way (`imported` is the export, 'default' or '*'; `member` the property called). */
export function connectionOpenerOf(pkg: string, imported: string, how: 'call' | 'member' | 'new', member?: string): ConnectionOpener | null {
  const whole = imported === 'default' || imported === '*';
  return CONNECTION_OPENERS.find((o) => {
    if (o.package !== pkg) return false;
    if (o.how === 'static') return how === 'member' && !whole && imported === o.export && member === o.method;
    if (how === 'member') return o.how === 'member' && whole && member === o.export;
    if (o.how !== how) return false;
    // `import Redis from 'ioredis'` and `const Redis = require('ioredis')` both call the module's own export.
    return whole ? o.export === 'default' : o.export === imported;
  }) ?? null;
}

/** Whether a type imported from `pkg` as `type` declares connection options. */
export function isConnectionOptionType(pkg: string, type: string): boolean {
  return CONNECTION_OPTION_TYPES.some((t) => t.package === pkg && t.type === type);
}

/**
 * Names of settings that hold a connection string, whose user-info carries the database's password
 * (`DATABASE_URL=postgres://app:pw@db/app`). Evidence of last resort: a rule reads it only for a value
 * it could not follow to the client it opens, and a finding that rests on it says so.
 */
export const CONNECTION_STRING_NAMES = {
  pattern: /(?:^|_)(?:database|db|postgres(?:ql)?|pg|mysql|mariadb|mongo(?:db)?|redis|amqp|rabbit(?:mq)?|broker)_?(?:url|uri|dsn|connection_?string)$|(?:^|_)connection_?string$/,
  examples: ['DATABASE_URL', 'MONGO_URI', 'mongodbUri', 'POSTGRES_URL', 'REDIS_URL', 'DB_CONNECTION_STRING', 'connectionString'],
  notExamples: ['API_URL', 'DATABASE_NAME', 'PUBLIC_URL', 'REDIS_HOST'],
  source: 'the variables platforms set for attached databases (Heroku, Render, Railway, Fly: DATABASE_URL, REDIS_URL) and the drivers\' docs (MONGO_URI)',
} as const;

/** Whether a setting's name says it holds a connection string (last resort: see CONNECTION_STRING_NAMES). */
export function isConnectionStringName(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return CONNECTION_STRING_NAMES.pattern.test(snake);
}

/**
 * What a client holds open while it lives, and the methods that let it go. A client made each time a
 * request is served and never closed keeps its pool, socket or Redis connection: the database's or
 * Redis's connection limit runs out under load. `kind` weighs it (a database pool holds several
 * connections and is the scarcer resource).
 */
export interface ConnectionLifecycle {
  package: string;
  /** The opener's export (as CONNECTION_OPENERS names it). */
  export: string;
  kind: 'database' | 'queue' | 'cache';
  /** Methods of the client that close what it holds. */
  close: readonly string[];
  example: string;
  source: string;
}

export const CONNECTION_LIFECYCLES: readonly ConnectionLifecycle[] = [
  { package: 'pg', export: 'Pool', kind: 'database', close: ['end'], example: 'const pool = new Pool(); await pool.end();', source: 'https://node-postgres.com/apis/pool#poolend' },
  { package: 'pg', export: 'Client', kind: 'database', close: ['end'], example: 'const client = new Client(); await client.connect(); await client.end();', source: 'https://node-postgres.com/apis/client#clientend' },
  { package: 'postgres', export: 'default', kind: 'database', close: ['end'], example: 'const sql = postgres(url); await sql.end();', source: 'https://github.com/porsager/postgres#teardown--cleanup' },
  { package: 'mysql2', export: 'createPool', kind: 'database', close: ['end'], example: 'const pool = mysql.createPool(opts); await pool.end();', source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools' },
  { package: 'mysql2', export: 'createConnection', kind: 'database', close: ['end', 'destroy'], example: 'const conn = await mysql.createConnection(opts); await conn.end();', source: 'https://sidorares.github.io/node-mysql2/docs' },
  { package: 'typeorm', export: 'DataSource', kind: 'database', close: ['destroy'], example: 'const ds = new DataSource(opts); await ds.initialize(); await ds.destroy();', source: 'https://typeorm.io/data-source#creating-a-new-datasource' },
  { package: 'typeorm', export: 'createConnection', kind: 'database', close: ['close'], example: 'const conn = await createConnection(opts); await conn.close();', source: 'https://typeorm.io/data-source' },
  // `mongoose.connect` opens the module's one default connection: called again, it is that connection again.
  { package: 'mongoose', export: 'createConnection', kind: 'database', close: ['close', 'destroy'], example: 'const conn = mongoose.createConnection(url); await conn.close();', source: 'https://mongoosejs.com/docs/connections.html#multiple_connections' },
  { package: 'mongodb', export: 'MongoClient', kind: 'database', close: ['close'], example: 'const client = new MongoClient(url); await client.close();', source: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/connection/connect/' },
  { package: 'sequelize', export: 'Sequelize', kind: 'database', close: ['close'], example: 'const sequelize = new Sequelize(url); await sequelize.close();', source: 'https://sequelize.org/docs/v6/getting-started/#closing-the-connection' },
  { package: 'knex', export: 'default', kind: 'database', close: ['destroy'], example: 'const db = knex(config); await db.destroy();', source: 'https://knexjs.org/guide/#pool' },
  { package: 'knex', export: 'knex', kind: 'database', close: ['destroy'], example: 'const db = knex(config); await db.destroy();', source: 'https://knexjs.org/guide/#pool' },
  { package: '@prisma/client', export: 'PrismaClient', kind: 'database', close: ['$disconnect'], example: 'const prisma = new PrismaClient(); await prisma.$disconnect();', source: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections#prismaclient-in-long-running-applications' },
  { package: 'ioredis', export: 'default', kind: 'cache', close: ['quit', 'disconnect'], example: 'const redis = new Redis(url); await redis.quit();', source: 'https://github.com/redis/ioredis#quick-start' },
  { package: 'ioredis', export: 'Redis', kind: 'cache', close: ['quit', 'disconnect'], example: 'const redis = new Redis(url); await redis.quit();', source: 'https://github.com/redis/ioredis#quick-start' },
  { package: 'redis', export: 'createClient', kind: 'cache', close: ['quit', 'disconnect', 'close', 'destroy'], example: 'const client = await createClient({ url }).connect(); await client.quit();', source: 'https://github.com/redis/node-redis#disconnecting' },
  { package: 'bullmq', export: 'Queue', kind: 'queue', close: ['close', 'disconnect'], example: "const queue = new Queue('mail', { connection }); await queue.close();", source: 'https://docs.bullmq.io/guide/queues (close)' },
  { package: 'bullmq', export: 'Worker', kind: 'queue', close: ['close', 'disconnect'], example: "const worker = new Worker('mail', fn, { connection }); await worker.close();", source: 'https://docs.bullmq.io/guide/workers/graceful-shutdown' },
  { package: 'bullmq', export: 'QueueEvents', kind: 'queue', close: ['close', 'disconnect'], example: "const events = new QueueEvents('mail', { connection }); await events.close();", source: 'https://docs.bullmq.io/guide/events' },
  { package: 'bull', export: 'default', kind: 'queue', close: ['close'], example: "const queue = new Queue('mail', url); await queue.close();", source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md#queueclose' },
];

/** What an opener's client holds open and how it is closed; null for one that makes no connection of its own (a module's setup). */
export function connectionLifecycleOf(opener: ConnectionOpener): ConnectionLifecycle | null {
  if (opener.how === 'static') return null;
  return CONNECTION_LIFECYCLES.find((l) => l.package === opener.package && l.export === opener.export) ?? null;
}

/**
 * Methods of a client that give back the client (or one sharing its connections): `await
 * createClient().connect()` (node-redis), `.on('error', f)`, `await dataSource.initialize()` (TypeORM),
 * `conn.asPromise()` (Mongoose), `new PrismaClient().$extends(...)` (Prisma). What any other method
 * returns is not the client, and the client itself is dropped.
 */
export const CLIENT_CHAIN_METHODS = {
  methods: ['connect', 'on', 'once', 'initialize', 'asPromise', '$extends'],
  source: 'https://github.com/redis/node-redis#usage ; https://typeorm.io/data-source ; https://mongoosejs.com/docs/api/connection.html#Connection.prototype.asPromise() ; https://www.prisma.io/docs/orm/prisma-client/client-extensions',
} as const;

export function returnsClient(method: string): boolean {
  return (CLIENT_CHAIN_METHODS.methods as readonly string[]).includes(method);
}
