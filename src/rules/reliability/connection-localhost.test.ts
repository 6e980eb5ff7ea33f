import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './connection-localhost.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'the address from the environment, localhost only as a fallback', code: "import { Pool } from 'pg';\nnew Pool({ host: process.env.DB_HOST ?? 'localhost', port: 5432 });\nnew Pool({ connectionString: process.env.DATABASE_URL });" },
    { name: 'a URL read from configuration beside a literal host', code: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', url: config.databaseUrl, host: 'localhost' });" },
    { name: 'a remote literal host (not loopback)', code: "import Redis from 'ioredis';\nnew Redis({ host: 'redis', port: 6379 });\nnew Redis('redis://cache.internal:6379');" },
    { name: 'a localhost literal in an unrelated call', code: "import { Pool } from './pool';\nnew Pool({ host: 'localhost' });\nfetch('http://localhost:3000/health');\nconst dev = { host: 'localhost' };" },
    { name: 'options from a parameter or a spread', code: "import { Queue } from 'bullmq';\nexport const make = (connection) => new Queue('mail', { connection });\nnew Queue('x', { connection: { ...base, host: 'localhost' } });" },
    { name: 'a typed options object that reads the environment', code: "import { DataSourceOptions } from 'typeorm';\nexport const options: DataSourceOptions = { type: 'postgres', host: process.env.PGHOST, port: 5432 };" },
  ],
  invalid: [
    {
      name: 'a typed TypeORM options object with every address written in the code',
      code: "import { DataSourceOptions } from 'typeorm';\nconst dataSourceOptions: DataSourceOptions = {\n  type: 'postgres',\n  host: 'localhost',\n  port: 5432,\n};\nexport default dataSourceOptions;",
      errors: [{ messageId: 'localhost', line: 4, severity: 'medium' }],
    },
    {
      name: 'BullMQ, ioredis, mongoose and pg with loopback literals',
      code: "import { Queue, Worker } from 'bullmq';\nimport Redis from 'ioredis';\nimport mongoose from 'mongoose';\nconst { Pool } = require('pg');\nconst q = new Queue('mail', { connection: { host: 'localhost', port: 6379 } });\nconst w = new Worker('mail', run, { connection: { host: '127.0.0.1' } });\nconst r = new Redis('redis://localhost:6379');\nawait mongoose.connect('mongodb://127.0.0.1:27017/app');\nconst pool = new Pool({ connectionString: 'postgres://u:p@localhost:5432/app' });",
      errors: [{ messageId: 'localhost', line: 5 }, { messageId: 'localhost', line: 6 }, { messageId: 'localhost', line: 7 }, { messageId: 'localhost', line: 8 }, { messageId: 'localhost', line: 9 }],
    },
    {
      name: 'NestJS TypeOrmModule.forRoot and a knex connection through a const',
      code: "import { TypeOrmModule } from '@nestjs/typeorm';\nimport knex from 'knex';\nTypeOrmModule.forRoot({ type: 'mysql', host: 'localhost', database: 'app' });\nconst cfg = { client: 'pg', connection: { host: '127.0.0.1', database: 'app' } };\nexport const db = knex(cfg);",
      errors: [{ messageId: 'localhost', line: 3 }, { messageId: 'localhost', line: 5 }],
    },
  ],
});
