// Migration runners whose migrations are code (a file per version exporting `up` and `down`), and how
// a migration file of each one reads: what its `up` receives and what it imports. The folder alone
// does not say which runner applies it, and the name matters: the report says "<runner> migrations
// written as code", and a wrong name sends the reader to the wrong tool's documentation.

export interface CodeMigrationRunner {
  /** The runner (model/migrations MIGRATION_RUNNERS). */
  runner: 'typeorm' | 'kysely' | 'sequelize' | 'knex';
  /** What a migration file of this runner contains: the interface it implements, the object its `up` receives, its import. */
  signature: RegExp;
  /** Packages that ship or drive the runner: a dependency on one of them, and on no other runner's, names the runner when no file shows its signature. */
  packages: readonly string[];
  example: string;
  source: string;
}

/** In the order they are tried: the more specific signatures first (a TypeORM file may mention Knex-like words, never the reverse). */
export const CODE_MIGRATION_RUNNERS: readonly CodeMigrationRunner[] = [
  {
    runner: 'typeorm',
    signature: /\bMigrationInterface\b|\bqueryRunner\s*:\s*QueryRunner\b/,
    packages: ['typeorm', '@nestjs/typeorm'],
    example: "export class AddUsers1700000000000 implements MigrationInterface { async up(queryRunner: QueryRunner) { await queryRunner.query('CREATE TABLE users (id int)'); } }",
    source: 'https://typeorm.io/docs/migrations/creating ("implements MigrationInterface", up(queryRunner: QueryRunner))',
  },
  {
    runner: 'kysely',
    signature: /\bKysely\s*<|from\s*['"]kysely['"]/,
    packages: ['kysely'],
    example: "import { Kysely } from 'kysely'; export async function up(db: Kysely<any>) { await db.schema.createTable('users').execute(); }",
    source: 'https://kysely.dev/docs/migrations ("export async function up(db: Kysely<any>)")',
  },
  {
    // sequelize-cli (and umzug with Sequelize's query interface): `up(queryInterface, Sequelize)`.
    runner: 'sequelize',
    signature: /\b(up|down)\s*[:(=]\s*(async\s*)?(function\s*)?\(?\s*queryInterface\b|\bqueryInterface\s*\.\s*(createTable|addColumn|removeColumn|dropTable|addIndex|changeColumn|renameColumn|bulkInsert|sequelize)\b/,
    packages: ['sequelize-cli', 'umzug', 'sequelize', 'sequelize-typescript'],
    example: "module.exports = { async up(queryInterface, Sequelize) { await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER, primaryKey: true } }); } };",
    source: 'https://sequelize.org/docs/v6/other-topics/migrations/ ("async up (queryInterface, Sequelize)")',
  },
  {
    runner: 'knex',
    signature: /\bknex\s*\.\s*(schema|raw)\b|\bKnex\b|\b(up|down)\s*[:(=]\s*(async\s*)?(function\s*)?\(?\s*knex\b/,
    packages: ['knex'],
    example: "exports.up = function (knex) { return knex.schema.createTable('users', (t) => { t.increments('id'); }); };",
    source: 'https://knexjs.org/guide/migrations.html ("exports.up = function(knex)")',
  },
];

/**
 * The runner that applies a folder of code migrations: the first whose signature one of the files
 * shows; else the one runner the package depends on; else `custom` (none known, or several and no
 * file says which), never a guess.
 */
export function codeMigrationRunner(texts: readonly string[], dependencies: Readonly<Record<string, unknown>>): CodeMigrationRunner['runner'] | 'custom' {
  for (const r of CODE_MIGRATION_RUNNERS) if (texts.some((t) => r.signature.test(t))) return r.runner;
  const depended = CODE_MIGRATION_RUNNERS.filter((r) => r.packages.some((p) => p in dependencies));
  return depended.length === 1 ? depended[0].runner : 'custom';
}
