import { describe, expect, it } from 'vitest';
import { runRule } from '../../../test/helpers/repo.js';
import { runRepoCase } from '../tester.js';
import rule from './not-applied-at-deploy.js';
import schemaSync from '../database/schema-sync-at-startup.js';

/** With the source rule that records the code's migrate calls, as in an audit. */
const withCode = { rules: [rule, schemaSync] };

const schema = ['datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', 'model User {', '  id Int @id', '}'].join('\n');
const pkg = (scripts: Record<string, string>, deps: Record<string, string> = { '@prisma/client': '^5.0.0', prisma: '^5.0.0' }) => JSON.stringify({ name: 'api', scripts, dependencies: deps }, null, 2);
const prisma = {
  'prisma/schema.prisma': schema,
  'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY);\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  'src/index.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
};
const dockerfile = 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/index.js"]\n';

describe('migrations/not-applied-at-deploy', () => {
  it('reports Prisma migrations that neither the Dockerfile nor the start script applies', async () => {
    const found = await runRule(rule, { ...prisma, 'package.json': pkg({ build: 'tsc', start: 'node dist/index.js', 'db:migrate': 'prisma migrate deploy' }), Dockerfile: dockerfile });
    expect(found.map((f) => f.messageId)).toEqual(['notApplied']);
    expect(found[0].severity).toBe('medium');
    expect(found[0].message).toContain('Dockerfile');
  });

  it('passes when the container runs the migrate script before the server, through npm run', async () => {
    const files = { ...prisma, 'package.json': pkg({ build: 'tsc', 'db:migrate': 'prisma migrate deploy', start: 'node dist/index.js' }), Dockerfile: dockerfile.replace('CMD ["node", "dist/index.js"]', 'CMD ["sh", "-c", "npm run db:migrate && node dist/index.js"]') };
    expect(await runRule(rule, files)).toEqual([]);
  });

  it('passes on a fly.toml release_command and on a Procfile release phase', async () => {
    expect(await runRule(rule, { ...prisma, 'package.json': pkg({ start: 'node dist/index.js' }), Dockerfile: dockerfile, 'fly.toml': 'app = "api"\n[deploy]\n  release_command = "npx prisma migrate deploy"\n' })).toEqual([]);
    expect(await runRule(rule, { ...prisma, 'package.json': pkg({ start: 'node dist/index.js' }), Procfile: 'release: npx prisma migrate deploy\nweb: node dist/index.js\n' })).toEqual([]);
  });

  it('passes when the application applies knex migrations at start, and reports a knex set nothing applies', async () => {
    const knex = {
      'package.json': pkg({ start: 'node src/index.js' }, { knex: '^3.0.0', pg: '^8.0.0' }),
      'knexfile.js': "module.exports = { client: 'pg', migrations: { directory: './migrations' } };\n",
      'migrations/20240101000000_init.js': "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n",
      Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "src/index.js"]\n',
    };
    const code = "const knex = require('knex')(require('../knexfile'));\nasync function main() { await knex.migrate.latest(); require('./server'); }\nmain();\n";
    expect(await runRule(rule, { ...knex, 'src/index.js': code }, withCode)).toEqual([]);
    const found = await runRule(rule, { ...knex, 'src/index.js': "const knex = require('knex')(require('../knexfile'));\nrequire('./server');\n" }, withCode);
    expect(found.map((f) => f.messageId)).toEqual(['notApplied']);
  });

  it('follows a container start script through npm run with arguments handed on to a package CLI run by path', async () => {
    const files = {
      'package.json': pkg({ typeorm: 'env-cmd -- ts-node -r tsconfig-paths/register ./node_modules/typeorm/cli.js', 'migration:run': 'npm run typeorm -- --dataSource=src/data-source.ts migration:run', 'start:prod': 'node dist/main' }, { typeorm: '^0.3.0', pg: '^8.0.0' }),
      'src/database/migrations/1700000000000-Init.ts': "import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Init1700000000000 implements MigrationInterface {\n  async up(q: QueryRunner) { await q.query('CREATE TABLE users (id int)'); }\n  async down(q: QueryRunner) { await q.query('DROP TABLE users'); }\n}\n",
      'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', migrations: ['src/database/migrations/*.ts'] });\n",
      Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["/opt/startup.sh"]\n',
    };
    expect(await runRule(rule, { ...files, 'startup.sh': '#!/bin/bash\nnpm run migration:run\nnpm run start:prod\n' })).toEqual([]);
    expect((await runRule(rule, { ...files, 'startup.sh': '#!/bin/bash\nnpm run start:prod\n' })).map((f) => f.messageId)).toEqual(['notApplied']);
  });

  it('says unknown, not a finding, when the repository has no deploy files at all', async () => {
    const found = await runRule(rule, { ...prisma, 'package.json': pkg({ start: 'node dist/index.js' }) });
    expect(found).toEqual([]);
  });

  it('is not applicable without a migration set', async () => {
    const r = await runRepoCase(rule, {});
    expect(r.outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });
});
