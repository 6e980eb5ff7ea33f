import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './migrations-gitignored.js';

const schema = ['datasource db {', '  provider = "postgresql"', '  url      = env("DATABASE_URL")', '}', 'model User {', '  id Int @id', '}'].join('\n');
const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'api', scripts, dependencies: { '@prisma/client': '^5.0.0' }, devDependencies: { prisma: '^5.0.0' } }, null, 2);
const base = { 'prisma/schema.prisma': schema, 'src/index.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n" };
const deploy = pkg({ build: 'tsc', start: 'prisma migrate deploy && node dist/index.js' });

describe('migrations/migrations-gitignored', () => {
  it('reports a .gitignore that keeps prisma/migrations out while the start script applies them', async () => {
    const found = await runRule(rule, { ...base, 'package.json': deploy, '.gitignore': 'node_modules\n.env\nprisma/migrations\n' });
    expect(at(found)).toEqual(['.gitignore:3']);
    expect(found[0].severity).toBe('high');
  });

  it('reads directory patterns and a broad *.sql, in a Dockerfile deploy too', async () => {
    const files = { ...base, 'package.json': pkg({ start: 'node dist/index.js' }), Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["sh", "-c", "npx prisma migrate deploy && node dist/index.js"]\n' };
    expect(at(await runRule(rule, { ...files, '.gitignore': 'dist/\n**/migrations/\n' }))).toEqual(['.gitignore:2']);
    expect(at(await runRule(rule, { ...files, '.gitignore': 'dist/\n*.sql\n' }))).toEqual(['.gitignore:2']);
  });

  it('stays silent when a negation keeps the folder in git despite a broad pattern', async () => {
    const gitignore = 'dist/\n*.sql\n!prisma/migrations/**/*.sql\n';
    expect(await runRule(rule, { ...base, 'package.json': deploy, '.gitignore': gitignore, 'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY);\n', 'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n' })).toEqual([]);
  });

  it('stays silent when nothing applies the migrations, or the .gitignore ignores something else', async () => {
    expect(await runRule(rule, { ...base, 'package.json': pkg({ start: 'node dist/index.js' }), '.gitignore': 'prisma/migrations\n' })).toEqual([]);
    expect(await runRule(rule, { ...base, 'package.json': deploy, '.gitignore': 'node_modules\nmigrations.log\n' })).toEqual([]);
  });

  it('reads a drizzle config out folder applied by the migrator at run time', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { 'drizzle-orm': '^0.30.0', pg: '^8.0.0' } }),
      'drizzle.config.ts': "import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ schema: './src/schema.ts', out: './db/migrations', dialect: 'postgresql' });\n",
      'src/migrate.ts': "import { migrate } from 'drizzle-orm/node-postgres/migrator';\nimport { db } from './db';\nawait migrate(db, { migrationsFolder: './db/migrations' });\n",
      '.gitignore': 'node_modules\ndb/\n',
    };
    expect(at(await runRule(rule, files))).toEqual(['.gitignore:2']);
  });

  it('reads a knexfile directory applied by `knex migrate:latest`, and not a TypeORM glob into build output', async () => {
    const knex = {
      'package.json': JSON.stringify({ name: 'api', scripts: { start: 'knex migrate:latest && node src/index.js' }, dependencies: { knex: '^3.0.0' } }, null, 2),
      'knexfile.js': "module.exports = { client: 'pg', connection: process.env.DATABASE_URL, migrations: { directory: './db/migrations' } };\n",
    };
    expect(at(await runRule(rule, { ...knex, '.gitignore': 'node_modules\ndb/migrations/\n' }))).toEqual(['.gitignore:2']);
    const typeorm = {
      'package.json': JSON.stringify({ name: 'api', scripts: { start: 'typeorm migration:run -d dist/data-source.js && node dist/main.js' }, dependencies: { typeorm: '^0.3.0' } }, null, 2),
      'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', migrations: ['dist/migrations/*.js'] });\n",
    };
    expect(await runRule(rule, { ...typeorm, '.gitignore': 'node_modules\ndist/\n' })).toEqual([]);
    const src = { ...typeorm, 'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', migrations: ['src/migrations/*.ts'] });\n" };
    expect(at(await runRule(rule, { ...src, '.gitignore': 'node_modules\nsrc/migrations\n' }))).toEqual(['.gitignore:2']);
  });
});
