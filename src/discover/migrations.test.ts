import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/helpers/migrations.js';
import { removeRepo, writeRepo } from '../../test/helpers/repo.js';
import { discover } from './index.js';

describe('discover: migration sets', () => {
  it('finds Prisma, D1 (wrangler migrations_dir) and goose sets with dialect, runner, files, versions and downs', () => {
    const sets = discover(fixture('migrations-clean')).migrations;
    expect(sets.map((s) => [s.path, s.dialect, s.runner, s.package, s.versions.length, s.keepsDown])).toEqual([
      ['jobs/migrations', 'postgresql', 'goose', 'clean-jobs', 2, true],
      ['prisma/migrations', 'postgresql', 'prisma', 'clean-svc', 2, false],
      ['worker/migrations', 'd1', 'wrangler-d1', 'clean-worker', 2, false],
    ]);
    expect(sets[0].migrations[0]).toMatchObject({ path: 'jobs/migrations/00001_jobs.sql', down: 'jobs/migrations/00001_jobs.sql', downLine: 7 });
    expect(sets[1]).toMatchObject({ schemaFile: 'prisma/schema.prisma', declaredIn: { path: 'prisma/migrations/migration_lock.toml', line: 1 } });
    expect(sets[2].declaredIn).toEqual({ path: 'worker/wrangler.jsonc', line: 5 });
  });

  it('finds Drizzle (config out + dialect), plain SQL with down files, custom runners and Knex/TypeORM/Kysely code', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0","drizzle-orm":"0.36.0"}}',
      'drizzle.config.ts': "export default defineConfig({\n  schema: './src/db/schema.ts',\n  out: './drizzle/pg',\n  dialect: 'postgresql',\n});\n",
      'drizzle/pg/0000_init.sql': 'CREATE TABLE a (id serial);\n',
      'drizzle/pg/0001_more.sql': 'CREATE TABLE b (id serial);\n',
      'db/sql/001_init.sql': 'CREATE TABLE c (id INTEGER PRIMARY KEY AUTOINCREMENT);\n',
      'db/sql/001_init.rollback.sql': 'DROP TABLE c;\n',
      'scripts/migrate.ts': "const files = readdirSync('db/sql');\nawait db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version text)');\n",
      'api/package.json': '{"name":"api","dependencies":{"typeorm":"0.3.20","pg":"8.13.0"}}',
      'api/migrations/1700000000000-Init.ts': 'export class Init1700000000000 implements MigrationInterface {\n  async up() {}\n  async down() {}\n}\n',
      'k/package.json': '{"name":"k","dependencies":{"kysely":"0.27.0"}}',
      'k/migrations/2024_01_01_init.ts': "import { Kysely } from 'kysely';\nexport async function up(db: Kysely<any>) {}\n",
    });
    try {
      const sets = discover(root).migrations;
      expect(sets.map((s) => [s.path, s.dialect, s.runner, s.format, s.versions, s.keepsDown])).toEqual([
        ['api/migrations', 'postgresql', 'typeorm', 'js', ['1700000000000'], true],
        ['db/sql', 'postgresql', 'custom', 'sql', ['001'], true],
        ['drizzle/pg', 'postgresql', 'drizzle', 'sql', ['0000', '0001'], false],
        ['k/migrations', 'unknown', 'kysely', 'js', ['2024'], false],
      ]);
    } finally {
      removeRepo(root);
    }
  });

  it('names code migrations by what the files show (sequelize-cli beside typeorm in one package), else by the one runner depended on, else custom', () => {
    const root = writeRepo({
      // A package that depends on two ORMs: the files, not the dependency list, say which runner applies them.
      'package.json': '{"name":"svc","dependencies":{"sequelize":"6.37.0","typeorm":"0.3.20","mysql2":"3.9.0"}}',
      'src/migrations/20240105120000-create-shelf.js': "'use strict';\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n    await queryInterface.createTable('Shelves', { id: { type: Sequelize.INTEGER, primaryKey: true } });\n  },\n  async down(queryInterface) {\n    await queryInterface.dropTable('Shelves');\n  },\n};\n",
      'k/package.json': '{"name":"k","dependencies":{"knex":"3.1.0"}}',
      'k/migrations/20240101_init.js': 'exports.up = async (db) => db.schema.createTable("t", (t) => t.increments());\n',
      'x/package.json': '{"name":"x","dependencies":{"pg":"8.13.0"}}',
      'x/migrations/20240101_init.js': 'module.exports.up = async (client) => client.query("CREATE TABLE t (id int)");\n',
    });
    try {
      expect(discover(root).migrations.map((s) => [s.path, s.runner, s.keepsDown])).toEqual([
        ['k/migrations', 'knex', false],
        ['src/migrations', 'sequelize', true],
        ['x/migrations', 'custom', false],
      ]);
    } finally {
      removeRepo(root);
    }
  });

  it('takes the dialect from a folder named for its database, and ClickHouse from its engines, before the package\'s driver', () => {
    const root = writeRepo({
      // A Postgres app whose ClickHouse migrations sit beside it.
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0","@clickhouse/client":"1.18.0"}}',
      'db/clickhouse/migrations/01_edit_keys.sql': 'ALTER TABLE "event_data" ADD COLUMN "job_id" UUID AFTER "created_at";\n',
      'db/mysql/migrations/01_init.sql': 'CREATE TABLE a (id int);\n',
      'events/migrations/001_init.sql': 'CREATE TABLE e (id UUID) ENGINE = ReplacingMergeTree ORDER BY id;\n',
      'migrations/001_init.sql': 'CREATE TABLE p (id serial);\n',
    });
    try {
      expect(discover(root).migrations.map((s) => [s.path, s.dialect])).toEqual([
        ['db/clickhouse/migrations', 'clickhouse'],
        ['db/mysql/migrations', 'mysql'],
        ['events/migrations', 'clickhouse'],
        ['migrations', 'postgresql'],
      ]);
    } finally {
      removeRepo(root);
    }
  });

  it('pairs postgrator\'s 001.do / 001.undo files as up and down of one version (fastify/demo)', () => {
    const root = writeRepo({
      'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0","postgrator":"8.0.0"}}',
      'migrations/001.do.users.sql': 'CREATE TABLE users (id serial);\n',
      'migrations/001.undo.users.sql': 'DROP TABLE users;\n',
      'migrations/002.do.tasks.sql': 'CREATE TABLE tasks (id serial);\n',
      'migrations/002.undo.tasks.sql': 'DROP TABLE tasks;\n',
    });
    try {
      const [set] = discover(root).migrations;
      expect(set.versions).toEqual(['001', '002']);
      expect(set.migrations.map((m) => [m.path, m.down])).toEqual([
        ['migrations/001.do.users.sql', 'migrations/001.undo.users.sql'],
        ['migrations/002.do.tasks.sql', 'migrations/002.undo.tasks.sql'],
      ]);
    } finally {
      removeRepo(root);
    }
  });

  it('finds nothing, and costs nothing, in a repo without migrations', () => {
    const root = writeRepo({ 'package.json': '{"name":"svc"}', 'src/index.ts': 'export {};\n' });
    try {
      expect(discover(root).migrations).toEqual([]);
    } finally {
      removeRepo(root);
    }
  });
});
