// Calls that delete every stored record of a database or cache: a whole Redis keyspace, a Mongo
// database, every row of a model, every migration rolled back. Made where the service starts, each
// restart (a deploy, a crash, a scale-out) empties production.

export interface DataWipe {
  package: string;
  /**
   * How the receiver is made from the package: `new` of an export, `call` of an export, `member`: a
   * function of the whole module (`redis.createClient()`), `module`: the module's own import
   * (`mongoose.connection`), `type`: a value declared with the export as its type (`private redis: Redis`).
   */
  made: ReadonlyArray<{ how: 'new' | 'call' | 'member' | 'module' | 'type'; export: string }>;
  /** The members between the receiver and the method (`connection`, `db`); `*` is any one name (a Prisma model). */
  path: readonly string[];
  methods: readonly string[];
  /** Only when the method's argument at this index is `true` (`rollback({}, true)`), or is absent or an empty object (`deleteMany({})`). */
  when?: { argument: number; is: 'true' | 'emptyOrAbsent' };
  what: string;
  example: string;
  source: string;
}

const NODE_REDIS = 'https://redis.io/docs/latest/commands/flushall/ (FLUSHALL deletes every key of every database; FLUSHDB those of the current one); node-redis v4 spells them flushAll/flushDb, v3 flushall/flushdb';
const REDIS_MADE = [{ how: 'call', export: 'createClient' }, { how: 'member', export: 'createClient' }, { how: 'call', export: 'createCluster' }, { how: 'type', export: 'RedisClientType' }] as const;
const IOREDIS_MADE = [{ how: 'new', export: 'default' }, { how: 'new', export: 'Redis' }, { how: 'type', export: 'Redis' }, { how: 'type', export: 'default' }] as const;
const MONGOOSE = 'https://mongoosejs.com/docs/api/connection.html#Connection.prototype.dropDatabase() ("Helper for dropDatabase(). Deletes the given database, including all collections, documents, and indexes")';

export const DATA_WIPES: readonly DataWipe[] = [
  { package: 'redis', made: REDIS_MADE, path: [], methods: ['flushAll', 'flushDb', 'FLUSHALL', 'FLUSHDB', 'flushall', 'flushdb'], what: 'deletes every key in Redis', example: "import { createClient } from 'redis'; const client = createClient(); await client.flushAll();", source: NODE_REDIS },
  { package: 'ioredis', made: IOREDIS_MADE, path: [], methods: ['flushall', 'flushdb'], what: 'deletes every key in Redis', example: "import Redis from 'ioredis'; const redis = new Redis(url); await redis.flushall();", source: 'https://redis.io/docs/latest/commands/flushall/ (ioredis names each command in lower case: redis.flushall())' },
  { package: 'mongoose', made: [{ how: 'module', export: 'default' }], path: ['connection'], methods: ['dropDatabase'], what: 'drops the Mongo database (every collection and document)', example: "import mongoose from 'mongoose'; await mongoose.connection.dropDatabase();", source: MONGOOSE },
  { package: 'mongoose', made: [{ how: 'module', export: 'default' }], path: ['connection', 'db'], methods: ['dropDatabase'], what: 'drops the Mongo database (every collection and document)', example: "import mongoose from 'mongoose'; await mongoose.connection.db.dropDatabase();", source: MONGOOSE },
  { package: 'mongoose', made: [{ how: 'call', export: 'createConnection' }, { how: 'member', export: 'createConnection' }, { how: 'type', export: 'Connection' }], path: [], methods: ['dropDatabase'], what: 'drops the Mongo database (every collection and document)', example: "import mongoose from 'mongoose'; const conn = mongoose.createConnection(url); await conn.dropDatabase();", source: MONGOOSE },
  { package: 'mongodb', made: [{ how: 'new', export: 'MongoClient' }], path: ['db'], methods: ['dropDatabase'], what: 'drops the Mongo database (every collection and document)', example: "import { MongoClient } from 'mongodb'; const client = new MongoClient(url); await client.db().dropDatabase();", source: 'https://mongodb.github.io/node-mongodb-native/6.0/classes/Db.html#dropDatabase ("Drop a database, removing it permanently from the server")' },
  { package: 'mongoose', made: [{ how: 'call', export: 'model' }, { how: 'member', export: 'model' }], path: [], methods: ['deleteMany'], when: { argument: 0, is: 'emptyOrAbsent' }, what: 'deletes every document of the model (an empty filter matches all)', example: "import mongoose from 'mongoose'; const User = mongoose.model('User', schema); await User.deleteMany({});", source: 'https://mongoosejs.com/docs/api/model.html#Model.deleteMany() ("Deletes all of the documents that match conditions"; {} matches every document)' },
  { package: '@prisma/client', made: [{ how: 'new', export: 'PrismaClient' }, { how: 'type', export: 'PrismaClient' }], path: ['*'], methods: ['deleteMany'], when: { argument: 0, is: 'emptyOrAbsent' }, what: 'deletes every row of the table (no where)', example: "import { PrismaClient } from '@prisma/client'; const prisma = new PrismaClient(); await prisma.user.deleteMany({});", source: 'https://www.prisma.io/docs/orm/prisma-client/queries/crud#delete-all-records ("deleteMany({}) deletes all User records")' },
  { package: 'knex', made: [{ how: 'call', export: 'default' }, { how: 'call', export: 'knex' }, { how: 'type', export: 'Knex' }], path: ['migrate'], methods: ['rollback'], when: { argument: 1, is: 'true' }, what: 'rolls back every migration that was applied (the tables they created are dropped)', example: "import knex from 'knex'; const db = knex(config); await db.migrate.rollback({}, true);", source: 'https://knexjs.org/guide/migrations.html#rollback ("knex.migrate.rollback([config], [all]): Rolls back the latest migration group. If the all parameter is truthy, all applied migrations will be rolled back")' },
];

/** The packages some wipe is made from. */
export const DATA_WIPE_PACKAGES: readonly string[] = [...new Set(DATA_WIPES.map((w) => w.package))];

/** Every method some wipe ends with: the words a file must hold to be read for them. */
export const DATA_WIPE_METHODS: readonly string[] = [...new Set(DATA_WIPES.flatMap((w) => w.methods))];

/**
 * The wipes a receiver made from `pkg` this way (`how` and the export) may do with the member chain
 * after it (`['user', 'deleteMany']`); the argument condition is the caller's to check.
 */
export function dataWipesOf(pkg: string, how: DataWipe['made'][number]['how'], exported: string, chain: readonly string[]): DataWipe[] {
  const name = exported === '*' ? 'default' : exported;
  const method = chain[chain.length - 1];
  const members = chain.slice(0, -1);
  return DATA_WIPES.filter((w) => w.package === pkg && w.methods.includes(method) && w.made.some((m) => m.how === how && m.export === name)
    && w.path.length === members.length && w.path.every((p, i) => p === '*' || p === members[i]));
}
