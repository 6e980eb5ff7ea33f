// The services a service depends on, by the client package it declares: a database, a cache, a
// queue, a search engine. A health or readiness answer that touches none of them says nothing about
// whether the service can do its work.

export type DependencyKind = 'database' | 'cache' | 'queue' | 'search';

export interface ServiceDependency {
  package: string;
  kind: DependencyKind;
  /** A use of the client, importing it from the package (checked by knowledge.test.ts). */
  example: string;
  source: string;
}

export const SERVICE_DEPENDENCIES: readonly ServiceDependency[] = [
  { package: 'pg', kind: 'database', example: "import { Pool } from 'pg'; await new Pool().query('SELECT 1');", source: 'https://node-postgres.com/apis/pool' },
  { package: 'postgres', kind: 'database', example: "import postgres from 'postgres'; const sql = postgres(url); await sql`SELECT 1`;", source: 'https://github.com/porsager/postgres#usage' },
  { package: 'mysql2', kind: 'database', example: "import { createPool } from 'mysql2'; createPool(opts).query('SELECT 1');", source: 'https://sidorares.github.io/node-mysql2/docs' },
  { package: 'mongodb', kind: 'database', example: "import { MongoClient } from 'mongodb'; await new MongoClient(url).db().command({ ping: 1 });", source: 'https://www.mongodb.com/docs/drivers/node/current/quick-start/' },
  { package: 'mongoose', kind: 'database', example: "import mongoose from 'mongoose'; await mongoose.connect(url);", source: 'https://mongoosejs.com/docs/connections.html' },
  { package: '@prisma/client', kind: 'database', example: "import { PrismaClient } from '@prisma/client'; await new PrismaClient().$queryRaw`SELECT 1`;", source: 'https://www.prisma.io/docs/orm/prisma-client' },
  { package: 'typeorm', kind: 'database', example: "import { DataSource } from 'typeorm'; await new DataSource(opts).query('SELECT 1');", source: 'https://typeorm.io/data-source' },
  { package: 'sequelize', kind: 'database', example: "import { Sequelize } from 'sequelize'; await new Sequelize(url).authenticate();", source: 'https://sequelize.org/docs/v6/getting-started/' },
  { package: 'knex', kind: 'database', example: "import knex from 'knex'; await knex(config).raw('SELECT 1');", source: 'https://knexjs.org/guide/' },
  { package: 'kysely', kind: 'database', example: "import { Kysely } from 'kysely'; const db = new Kysely(opts);", source: 'https://kysely.dev/docs/getting-started' },
  { package: 'better-sqlite3', kind: 'database', example: "import Database from 'better-sqlite3'; new Database(file).prepare('SELECT 1').get();", source: 'https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md' },
  { package: '@libsql/client', kind: 'database', example: "import { createClient } from '@libsql/client'; await createClient({ url }).execute('SELECT 1');", source: 'https://docs.turso.tech/sdk/ts/reference' },
  { package: '@supabase/supabase-js', kind: 'database', example: "import { createClient } from '@supabase/supabase-js'; await createClient(url, key).from('t').select();", source: 'https://supabase.com/docs/reference/javascript/select' },
  { package: 'ioredis', kind: 'cache', example: "import Redis from 'ioredis'; await new Redis().ping();", source: 'https://github.com/redis/ioredis#basic-usage' },
  { package: 'redis', kind: 'cache', example: "import { createClient } from 'redis'; await createClient().ping();", source: 'https://github.com/redis/node-redis#usage' },
  { package: 'bullmq', kind: 'queue', example: "import { Queue } from 'bullmq'; await new Queue('mail').getJobCounts();", source: 'https://docs.bullmq.io/guide/queues' },
  { package: 'bull', kind: 'queue', example: "import Queue from 'bull'; await new Queue('mail').isReady();", source: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md' },
  { package: 'amqplib', kind: 'queue', example: "import amqp from 'amqplib'; await amqp.connect(url);", source: 'https://amqp-node.github.io/amqplib/channel_api.html' },
  { package: 'kafkajs', kind: 'queue', example: "import { Kafka } from 'kafkajs'; new Kafka({ brokers }).admin();", source: 'https://kafka.js.org/docs/getting-started' },
  { package: '@elastic/elasticsearch', kind: 'search', example: "import { Client } from '@elastic/elasticsearch'; await new Client({ node }).ping();", source: 'https://www.elastic.co/guide/en/elasticsearch/client/javascript-api/current/api-reference.html#_ping' },
  { package: '@opensearch-project/opensearch', kind: 'search', example: "import { Client } from '@opensearch-project/opensearch'; await new Client({ node }).ping();", source: 'https://opensearch.org/docs/latest/clients/javascript/index/' },
];

const byPackage = new Map(SERVICE_DEPENDENCIES.map((d) => [d.package, d]));

/** The service a declared dependency reaches, or null when it is no client of one. */
export function serviceDependencyOf(pkg: string): ServiceDependency | null {
  return byPackage.get(pkg) ?? null;
}
