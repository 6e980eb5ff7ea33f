// How each database client is opened and closed. A shutdown that closes the HTTP server but not the
// client leaves its sockets open: the process does not exit until the orchestrator kills it (the
// connections are cut, transactions in flight with them), or the database keeps dead sessions.

export interface DbClient {
  package: string;
  /**
   * What opens a client: `call` of a named export or `default` (`knex(...)`, `createConnection(...)`),
   * `member` (`mongoose.connect(...)` on the module), `new` of a class (`new Pool(...)`).
   */
  opens: ReadonlyArray<{ how: 'call' | 'member' | 'new'; export: string }>;
  /** The methods that close what was opened: `disconnect` or `connection.close` (a path from the client). */
  closes: readonly string[];
  /** Methods of an opened client that connect, and reject when the database cannot be reached (`prisma.$connect()`). */
  connects?: readonly string[];
  example: string;
  source: string;
}

export const DB_CLIENTS: readonly DbClient[] = [
  {
    package: 'mongoose', opens: [{ how: 'member', export: 'connect' }, { how: 'member', export: 'createConnection' }, { how: 'call', export: 'connect' }, { how: 'call', export: 'createConnection' }],
    closes: ['disconnect', 'connection.close', 'close'],
    example: "import mongoose from 'mongoose'; await mongoose.connect(url); process.on('SIGTERM', () => mongoose.disconnect());",
    source: 'https://mongoosejs.com/docs/api/mongoose.html#Mongoose.prototype.disconnect()',
  },
  {
    package: 'typeorm', opens: [{ how: 'call', export: 'createConnection' }, { how: 'new', export: 'DataSource' }],
    closes: ['close', 'destroy'], connects: ['initialize', 'connect'],
    example: "import { DataSource } from 'typeorm'; const db = new DataSource(opts); process.on('SIGTERM', () => db.destroy());",
    source: 'https://typeorm.io/data-source-api (destroy; Connection#close before 0.3)',
  },
  {
    package: '@prisma/client', opens: [{ how: 'new', export: 'PrismaClient' }],
    closes: ['$disconnect'], connects: ['$connect'],
    example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); process.on('SIGTERM', () => prisma.$disconnect());",
    source: 'https://www.prisma.io/docs/orm/prisma-client/setup-and-configuration/databases-connections/connection-management',
  },
  {
    package: 'knex', opens: [{ how: 'call', export: 'default' }, { how: 'call', export: 'knex' }],
    closes: ['destroy'],
    example: "import knex from 'knex'; const db = knex(config); process.on('SIGTERM', () => db.destroy());",
    source: 'https://knexjs.org/guide/#pool (destroy)',
  },
  {
    package: 'pg', opens: [{ how: 'new', export: 'Pool' }, { how: 'new', export: 'Client' }],
    closes: ['end'], connects: ['connect'],
    example: "import { Pool } from 'pg'; const pool = new Pool(); process.on('SIGTERM', () => pool.end());",
    source: 'https://node-postgres.com/apis/pool#poolend',
  },
  {
    package: 'mysql2', opens: [{ how: 'call', export: 'createPool' }, { how: 'call', export: 'createConnection' }, { how: 'member', export: 'createPool' }, { how: 'member', export: 'createConnection' }],
    closes: ['end'],
    example: "import { createPool } from 'mysql2'; const pool = createPool(url); process.on('SIGTERM', () => pool.end());",
    source: 'https://sidorares.github.io/node-mysql2/docs#using-connection-pools',
  },
  {
    package: 'sequelize', opens: [{ how: 'new', export: 'Sequelize' }],
    closes: ['close'], connects: ['authenticate', 'sync'],
    example: "import { Sequelize } from 'sequelize'; const sequelize = new Sequelize(url); process.on('SIGTERM', () => sequelize.close());",
    source: 'https://sequelize.org/api/v6/class/src/sequelize.js~sequelize#instance-method-close',
  },
  {
    package: 'mongodb', opens: [{ how: 'new', export: 'MongoClient' }],
    closes: ['close'], connects: ['connect'],
    example: "import { MongoClient } from 'mongodb'; const client = new MongoClient(url); process.on('SIGTERM', () => client.close());",
    source: 'https://www.mongodb.com/docs/drivers/node/current/fundamentals/connection/connect/',
  },
];

/** The client `module`'s export opens when used this way (`imported` is `default` or `*` for the module itself), or null. */
export function dbClientOpenedBy(module: string, imported: string, how: 'call' | 'member' | 'new', member?: string): DbClient | null {
  const name = how === 'member' ? member : imported;
  return DB_CLIENTS.find((c) => c.package === module && c.opens.some((o) => o.how === how && o.export === name)) ?? null;
}

/** Whether `method` (the last name of a call chain, after the client) closes a client of `pkg`. */
export function closesDbClient(pkg: string, method: string): boolean {
  return DB_CLIENTS.find((c) => c.package === pkg)?.closes.some((m) => m === method || m.endsWith(`.${method}`)) ?? false;
}
