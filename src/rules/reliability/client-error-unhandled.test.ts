import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './client-error-unhandled.js';

const layout = { packages: [{ name: 'svc', path: '.' }] };
const poolFile = "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a listener on the binding in its own file',
      layout,
      files: { 'src/db.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\npool.on('error', (err) => log.error(err));\nexport default pool;\n" },
      outcomes: [{ status: 'pass' }],
    },
    {
      name: 'a listener in another file on the imported instance',
      layout,
      files: { 'src/db.ts': poolFile, 'src/index.ts': "import { pool } from './db';\n\npool.on('error', (err) => log.error(err));\n" },
    },
    {
      name: 'a listener through a barrel, and on a default export through require',
      layout,
      files: {
        'src/db/pool.ts': poolFile,
        'src/db/index.ts': "export { pool } from './pool';\n",
        'src/main.ts': "import { pool } from './db';\npool.once('error', (err) => log.error(err));\n",
        'src/cache.js': "const redis = require('redis');\nconst client = redis.createClient({ url: process.env.REDIS_URL });\nmodule.exports = client;\n",
        'src/app.js': "const cache = require('./cache');\ncache.on('error', (err) => console.error(err));\n",
      },
    },
    {
      name: 'a listener on an import the link cannot resolve is not a pass: unknown',
      layout,
      files: { 'src/db.ts': poolFile, 'src/index.ts': "import { pool } from '@app/db';\npool.on('error', (err) => log.error(err));\n" },
      outcomes: [{ status: 'unknown', package: 'svc' }, { status: 'pass' }],
    },
    {
      name: 'a client bound to no variable (handed to another library) is not read: unknown',
      layout,
      files: { 'src/auth.ts': "import pg from 'pg';\nexport const auth = makeAuth({ database: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });\n" },
      outcomes: [{ status: 'unknown', package: 'svc' }],
    },
    {
      name: 'a local object named pool that no library made',
      layout,
      files: { 'src/db.ts': "import { makePool } from './pool-factory';\nconst pool = makePool();\npool.query('select 1');\nclass Pool { on() {} }\nconst other = new Pool();\n" },
    },
    {
      name: 'ioredis only logs an unlistened error; a client in a test or a script is not judged',
      layout,
      files: {
        'src/cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\n",
        'test/db.test.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\n",
        'scripts/seed.ts': "import { Client } from 'pg';\nconst client = new Client();\n",
      },
      outcomes: [{ status: 'not-applicable' }],
    },
  ],
  invalid: [
    {
      name: 'a pg Pool with no error listener anywhere',
      layout,
      files: { 'src/db.ts': poolFile, 'src/index.ts': "import { pool } from './db';\n\npool.on('connect', () => log.info('connected'));\n" },
      findings: [{ messageId: 'noErrorListener', path: 'src/db.ts', line: 3, severity: 'medium', data: { client: 'pg Pool', variable: 'pool', at: 'src/db.ts:3' } }],
    },
    {
      name: 'a node-redis client made with createClient, awaited connect, no listener',
      layout,
      files: { 'src/redis.ts': "import { createClient } from 'redis';\n\nconst client = createClient({ url: process.env.REDIS_URL });\nawait client.connect();\nexport default client;\n" },
      findings: [{ messageId: 'noErrorListener', path: 'src/redis.ts', line: 3, data: { client: 'node-redis client' } }],
    },
    {
      name: 'a listener on another variable of the same name in another file does not count',
      layout,
      files: {
        'src/db.ts': "import { Client } from 'pg';\nconst client = new Client();\nexport { client };\n",
        'src/other.ts': "import { EventEmitter } from 'events';\nconst client = new EventEmitter();\nclient.on('error', () => {});\n",
      },
      findings: [{ messageId: 'noErrorListener', path: 'src/db.ts', line: 2 }],
    },
    {
      name: 'new pg.Pool() of the default import, and new Client() of a require',
      layout,
      files: {
        'src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool();\n",
        'src/listen.js': "const { Client } = require('pg');\nconst client = new Client();\nclient.connect();\n",
      },
      findings: [{ messageId: 'noErrorListener', path: 'src/db.ts', line: 2 }, { messageId: 'noErrorListener', path: 'src/listen.js', line: 2, data: { client: 'pg Client' } }],
    },
    {
      name: 'an uncaughtException handler that does not exit is named, and it is still a finding',
      layout,
      files: {
        'src/db.ts': poolFile,
        'src/main.ts': "process.on('uncaughtException', (err) => console.error(err));\n",
      },
      findings: [{ messageId: 'onlyProcessHandler', path: 'src/db.ts', line: 3, data: { handler: 'src/main.ts:1' } }],
    },
  ],
});
