import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './tls-verification-off.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'verification on, with a CA', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: true, ca: process.env.DB_CA } });" },
    { name: 'an ssl key in a file that imports no client taking TLS options there', code: "import { makeThing } from './thing';\nmakeThing({ ssl: { rejectUnauthorized: false } });" },
    { name: 'a rejectUnauthorized option of an unknown call', code: "import { check } from './validate';\ncheck({ rejectUnauthorized: false });" },
    { name: 'mongodb switches in a file without mongodb', code: 'const opts = { tlsAllowInvalidCertificates: true };' },
    { name: 'the env variable set to 1, or read', code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\nif (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') warn();" },
    { name: 'verification on unless development is named: on by default', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: process.env.NODE_ENV !== 'development' } });" },
    { name: 'verification read from an unset variable: undefined keeps Node verifying', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: process.env.DB_REJECT } });" },
    {
      name: 'verification on in production, and the Dockerfile sets NODE_ENV=production... and no other configuration turns it off',
      code: "import https from 'https';\nconst agent = new https.Agent({ rejectUnauthorized: process.env.STRICT_TLS !== 'false' });",
    },
    { name: 'ssl given unless development: on by default', code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: process.env.NODE_ENV === 'development' ? false : { ca } });" },
    { name: 'ssl off for a local database', code: "import { Pool } from 'pg';\nconst isProd = process.env.NODE_ENV === 'production';\nconst pool = new Pool({ host: 'localhost', ssl: isProd ? { ca } : false });" },
    {
      name: 'an imported config switch that is on by default',
      path: 'src/db.ts',
      code: "import { Pool } from 'pg';\nimport { config } from './config';\nconst pool = new Pool({ ssl: { rejectUnauthorized: config.db.verify } });",
      files: { 'src/config.ts': "export const config = { db: { verify: process.env.DB_TLS_INSECURE !== 'true' } };" },
    },
    { name: 'verification off only in development, a CA otherwise: on where the service runs', code: "import { Pool } from 'pg';\nconst isDev = process.env.NODE_ENV === 'development';\nexport const pool = new Pool({\n  ssl: isDev ? { rejectUnauthorized: false } : { ca: process.env.DB_CA },\n});" },
    { name: 'verification off only when an opt-in variable is set', code: "import { Pool } from 'pg';\nexport const pool = new Pool({\n  ssl: process.env.DB_INSECURE === 'true' ? { rejectUnauthorized: false } : { ca },\n});" },
    { name: 'a config shape for a local file database, and a const not used as TLS options', code: "module.exports = { dev: { client: 'sqlite3', connection: { ssl: { rejectUnauthorized: false } } } };\nconst opts = { rejectUnauthorized: false };\ncheck(opts);" },
    {
      name: 'a client given imported options that verify, and imported options whose switch is off where the client does not read TLS options',
      path: 'src/db.ts',
      code: "import { Pool } from 'pg';\nimport { dbConfig, httpOptions } from './config';\nexport const pool = new Pool(dbConfig);\nexport const other = new Pool(httpOptions);",
      files: { 'src/config.ts': "export const dbConfig = { connectionString: process.env.DATABASE_URL, ssl: { ca: process.env.DB_CA } };\nexport const httpOptions = { agent: { rejectUnauthorized: false } };\n" },
    },
    { name: 'a local object named process', code: "const process = { env: {} as Record<string, string> };\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';" },
  ],
  invalid: [
    {
      name: 'a switch on the environment inside TLS options given only when another variable turns TLS on: the switch is not judged, the branch without TLS is (sslDepends)',
      code: "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', extra: {\n  ssl: process.env.DB_SSL === 'true'\n    ? { rejectUnauthorized: process.env.DB_REJECT === 'true', ca: process.env.DB_CA }\n    : undefined,\n} });",
      files: { Dockerfile: 'FROM node:20\nENV DB_SSL=true\n' },
      errors: [{ messageId: 'sslDepends', line: 3, severity: 'low' }],
    },
    {
      name: 'database clients given options imported from a config module that imports no client: pg Pool, and knex with a member of an imported object',
      path: 'src/db.ts',
      code: "import { Pool } from 'pg';\nimport knex from 'knex';\nimport { dbConfig, config } from './config';\nexport const pool = new Pool(dbConfig);\nexport const db = knex(config.db);",
      files: { 'src/config.ts': "export const dbConfig = {\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n};\nexport const config = { db: { connection: { ssl: { rejectUnauthorized: false } } } };\n" },
      errors: [
        { messageId: 'optionImported', line: 4, path: 'src/db.ts', severity: 'medium', data: { at: 'src/config.ts:3', path: 'ssl', client: 'pg Pool' } },
        { messageId: 'optionImported', line: 5, path: 'src/db.ts', data: { at: 'src/config.ts:5', path: 'connection.ssl', client: 'knex' } },
      ],
    },
    {
      name: 'verification off in the branch that gives TLS, the other giving none: unverified or in clear either way (one finding, at the switch)',
      code: "import { Pool } from 'pg';\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: process.env.NODE_ENV === 'production'\n    ? { rejectUnauthorized: false }\n    : false,\n});",
      errors: [{ messageId: 'option', line: 5, severity: 'medium' }],
    },
    {
      name: 'verification off in production, on elsewhere, and the Dockerfile sets NODE_ENV=production',
      code: "import { Pool } from 'pg';\nconst isProd = process.env.NODE_ENV === 'production';\nexport const pool = new Pool({\n  ssl: isProd ? { rejectUnauthorized: false } : { ca: process.env.DB_CA },\n});",
      files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\nCMD ["node", "dist/main.js"]\n' },
      errors: [{ messageId: 'envOff', line: 4, severity: 'medium' }],
    },
    {
      name: 'TLS options held in a const: given as `ssl` by shorthand, and as a property value',
      code: "import { Pool } from 'pg';\nimport { DataSource } from 'typeorm';\nconst ssl = {\n  rejectUnauthorized: false,\n};\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl });\nconst sslConfig = { ca: process.env.CA, rejectUnauthorized: false };\nexport const ds = new DataSource({ type: 'postgres', extra: { ssl: sslConfig } });",
      errors: [{ messageId: 'option', line: 4, severity: 'medium' }, { messageId: 'option', line: 7 }],
    },
    {
      name: 'config files with no import, by their shape: a knexfile, a sequelize-cli config, a TypeORM ormconfig',
      code: "module.exports = {\n  production: { client: 'pg', connection: { connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } } },\n  staging: { dialect: 'postgres', dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } },\n};\nexport const orm = { type: 'postgres', url: process.env.DATABASE_URL, extra: { ssl: { rejectUnauthorized: false } } };",
      errors: [{ messageId: 'option', line: 2, data: { where: '`connection.ssl` options of a knex config (`client: \'pg\'`)' } }, { messageId: 'option', line: 3 }, { messageId: 'option', line: 5 }],
    },
    {
      name: 'verification only in production, and nothing sets NODE_ENV: off where the service runs',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({\n  ssl: { rejectUnauthorized: process.env.NODE_ENV === 'production' },\n});",
      errors: [{ messageId: 'envOff', line: 3, severity: 'medium' }],
    },
    {
      name: 'the same, when the Dockerfile sets NODE_ENV=production: on only because of the deployment',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({\n  ssl: { rejectUnauthorized: process.env.NODE_ENV === 'production' },\n});",
      files: { Dockerfile: 'FROM node:20\nENV NODE_ENV=production\nCMD ["node", "dist/main.js"]\n' },
      errors: [{ messageId: 'envDepends', line: 3, severity: 'low', data: { vars: 'NODE_ENV' } }],
    },
    {
      name: 'through a const of the file, and a compose file of development does not count',
      code: "import https from 'node:https';\nconst isProd = process.env.NODE_ENV === 'production';\nexport const agent = new https.Agent({ rejectUnauthorized: isProd });",
      files: { 'docker-compose.dev.yml': 'services:\n  api:\n    build: .\n    environment:\n      NODE_ENV: production\n' },
      errors: [{ messageId: 'envOff', line: 3, severity: 'medium' }],
    },
    {
      name: 'a variable the code compares with true, set by the compose file: on',
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ ssl: { rejectUnauthorized: process.env.DB_SSL_VERIFY === 'true' } });",
      files: { 'docker-compose.yml': 'services:\n  api:\n    build: .\n    environment:\n      DB_SSL_VERIFY: "true"\n' },
      errors: [{ messageId: 'envDepends', line: 2, severity: 'low' }],
    },
    {
      name: 'ssl given only in production, for a database named by the environment',
      code: "import { Pool } from 'pg';\nconst isProd = process.env.NODE_ENV === 'production';\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: isProd ? { rejectUnauthorized: true } : false,\n});",
      errors: [{ messageId: 'sslOff', line: 5, severity: 'medium' }],
    },
    {
      name: 'ssl given only in production, and fly.toml sets it',
      code: "import { Pool } from 'pg';\nconst isProd = process.env.NODE_ENV === 'production';\nexport const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: isProd ? { rejectUnauthorized: true } : false,\n});",
      files: { 'fly.toml': 'app = "x"\n\n[env]\n  NODE_ENV = "production"\n' },
      errors: [{ messageId: 'sslDepends', line: 5, severity: 'low' }],
    },
    {
      name: 'an imported config value that is off by default, followed through the link',
      path: 'src/db.ts',
      code: "import { Pool } from 'pg';\nimport { config } from './config';\nconst pool = new Pool({ ssl: { rejectUnauthorized: config.isProd } });",
      files: { 'src/config.ts': "export const config = { isProd: process.env.NODE_ENV === 'production' };" },
      errors: [{ messageId: 'envOff', line: 3, path: 'src/db.ts', severity: 'medium' }],
    },
    {
      name: 'an imported value verdict cannot resolve: not verified',
      path: 'src/db.ts',
      code: "import { Pool } from 'pg';\nimport { settings } from '@acme/settings';\nconst pool = new Pool({ ssl: { rejectUnauthorized: settings.verify } });",
      errors: [{ messageId: 'envUnresolved', line: 3, severity: 'info' }],
    },
    {
      name: 'TypeORM extra.ssl assigned after the options object',
      code: "import { createConnection } from 'typeorm';\nconst options: any = { type: 'postgres', extra: {} };\noptions.extra.ssl = {\n  rejectUnauthorized: false,\n};\ncreateConnection(options);",
      errors: [{ messageId: 'option', line: 4, severity: 'medium' }],
    },
    {
      name: 'pg and mysql2 ssl options',
      code: "import { Pool } from 'pg';\nimport mysql from 'mysql2/promise';\nconst pool = new Pool({ connectionString: url, ssl: { rejectUnauthorized: false } });",
      errors: [{ messageId: 'option', line: 3 }],
    },
    {
      name: 'an https Agent for axios, through require and a named import',
      code: "const https = require('https');\nimport { Agent } from 'node:https';\nconst a = new https.Agent({ rejectUnauthorized: false });\nconst b = new Agent({ keepAlive: true, rejectUnauthorized: false });",
      errors: [{ messageId: 'option', line: 3 }, { messageId: 'option', line: 4 }],
    },
    {
      name: 'mongoose told to accept any certificate',
      code: "import mongoose from 'mongoose';\nawait mongoose.connect(url, { tls: true, tlsAllowInvalidCertificates: true });",
      errors: [{ messageId: 'option', line: 2 }],
    },
    {
      name: 'NODE_TLS_REJECT_UNAUTHORIZED set to 0',
      code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nprocess.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';",
      errors: [{ messageId: 'env', line: 1 }, { messageId: 'env', line: 2 }],
    },
  ],
});
