// Commands and calls that apply a migration folder to a database: where they run (a deploy script,
// a container's start, CI), the folder's files are what production's schema is built from.
import { commandStart, binOf } from './dev-servers.js';

export interface MigrationApplier {
  /** The runner whose folder it applies (discover/migrations DeclaredMigrationFolder). */
  runner: 'prisma' | 'drizzle' | 'wrangler-d1' | 'knex' | 'typeorm' | 'sequelize' | 'kysely' | 'dbmate';
  bin: string;
  /** The words after the binary, flags left out. */
  sub: readonly string[];
  example: string;
  source: string;
}

export const MIGRATION_APPLIERS: readonly MigrationApplier[] = [
  { runner: 'prisma', bin: 'prisma', sub: ['migrate', 'deploy'], example: 'npx prisma migrate deploy', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-deploy ("Applies all pending migrations")' },
  { runner: 'prisma', bin: 'prisma', sub: ['migrate', 'reset'], example: 'prisma migrate reset --force', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-reset' },
  { runner: 'drizzle', bin: 'drizzle-kit', sub: ['migrate'], example: 'drizzle-kit migrate', source: 'https://orm.drizzle.team/docs/drizzle-kit-migrate' },
  { runner: 'knex', bin: 'knex', sub: ['migrate:latest'], example: 'knex migrate:latest --knexfile knexfile.js', source: 'https://knexjs.org/guide/migrations.html#migration-cli ("knex migrate:latest")' },
  { runner: 'typeorm', bin: 'typeorm', sub: ['migration:run'], example: 'typeorm migration:run -d dist/data-source.js', source: 'https://typeorm.io/docs/migrations/executing ("typeorm migration:run")' },
  { runner: 'typeorm', bin: 'typeorm-ts-node-commonjs', sub: ['migration:run'], example: 'typeorm-ts-node-commonjs migration:run -d src/data-source.ts', source: 'https://typeorm.io/docs/migrations/executing' },
  { runner: 'typeorm', bin: 'typeorm-ts-node-esm', sub: ['migration:run'], example: 'typeorm-ts-node-esm migration:run -d src/data-source.ts', source: 'https://typeorm.io/docs/migrations/executing' },
  { runner: 'sequelize', bin: 'sequelize', sub: ['db:migrate'], example: 'npx sequelize db:migrate', source: 'https://sequelize.org/docs/v6/other-topics/migrations/#running-migrations' },
  { runner: 'sequelize', bin: 'sequelize-cli', sub: ['db:migrate'], example: 'npx sequelize-cli db:migrate', source: 'https://sequelize.org/docs/v6/other-topics/migrations/#running-migrations' },
  { runner: 'kysely', bin: 'kysely', sub: ['migrate:latest'], example: 'kysely migrate:latest', source: 'https://github.com/kysely-org/kysely-ctl#migrations' },
  { runner: 'kysely', bin: 'kysely', sub: ['migrate', 'latest'], example: 'kysely migrate latest', source: 'https://github.com/kysely-org/kysely-ctl#migrations' },
  { runner: 'dbmate', bin: 'dbmate', sub: ['up'], example: 'dbmate up', source: 'https://github.com/amacneil/dbmate#commands' },
  { runner: 'dbmate', bin: 'dbmate', sub: ['migrate'], example: 'dbmate migrate', source: 'https://github.com/amacneil/dbmate#commands' },
  { runner: 'wrangler-d1', bin: 'wrangler', sub: ['d1', 'migrations', 'apply'], example: 'wrangler d1 migrations apply DB --remote', source: 'https://developers.cloudflare.com/workers/wrangler/commands/#d1-migrations-apply' },
];

/** drizzle-orm's migrator, one module per driver (`drizzle-orm/node-postgres/migrator`): its `migrate(db, { migrationsFolder })` applies the folder at run time. */
export const DRIZZLE_MIGRATOR = { module: /^drizzle-orm\/[\w-]+\/migrator$/, export: 'migrate', example: "import { migrate } from 'drizzle-orm/node-postgres/migrator';", source: 'https://orm.drizzle.team/docs/migrations (option 3: migrate() at runtime)' } as const;

/** The applier one command (its words) runs, or null. */
export function migrationApplierIn(words: readonly string[]): MigrationApplier | null {
  const i = commandStart(words);
  const bin = words[i];
  if (!bin) return null;
  const rest = words.slice(i + 1).filter((w) => !w.startsWith('-'));
  return MIGRATION_APPLIERS.find((a) => binOf(bin).replace(/@[^/]*$/, '') === a.bin && a.sub.every((w, k) => rest[k] === w)) ?? null;
}

/**
 * Calls (and options) that apply a runner's migrations from the application's own code, at start or in
 * a script: `await knex.migrate.latest()`, TypeORM's `dataSource.runMigrations()` or `migrationsRun: true`,
 * Kysely's `migrator.migrateToLatest()`, umzug's `umzug.up()`. Matched on the member chain of the call
 * (`members`, last the method) or on an option's name with the value `true`; `package`: only in a file importing it.
 */
export interface CodeMigrationApplier { runner: 'knex' | 'typeorm' | 'kysely' | 'sequelize'; members?: readonly string[]; option?: string; package?: string; example: string; source: string }

export const CODE_MIGRATION_APPLIERS: readonly CodeMigrationApplier[] = [
  { runner: 'knex', members: ['migrate', 'latest'], example: 'await db.migrate.latest();', source: 'https://knexjs.org/guide/migrations.html#migrate-latest' },
  { runner: 'knex', members: ['migrate', 'up'], example: 'await db.migrate.up();', source: 'https://knexjs.org/guide/migrations.html#migrate-up' },
  { runner: 'typeorm', members: ['runMigrations'], example: 'await dataSource.runMigrations();', source: 'https://typeorm.io/docs/migrations/executing' },
  { runner: 'typeorm', option: 'migrationsRun', example: 'new DataSource({ migrationsRun: true })', source: 'https://typeorm.io/docs/data-source/data-source-options (migrationsRun)' },
  { runner: 'kysely', members: ['migrateToLatest'], example: 'await migrator.migrateToLatest();', source: 'https://kysely.dev/docs/migrations#running-migrations' },
  { runner: 'sequelize', members: ['up'], package: 'umzug', example: "import { Umzug } from 'umzug'; await umzug.up();", source: 'https://github.com/sequelize/umzug#usage' },
];

/** The applier a call's member chain (root last element the method: `['db', 'migrate', 'latest']`) is, given the file's imports. */
export function codeMigrationApplierOf(chain: readonly string[], imports: readonly string[]): CodeMigrationApplier | null {
  return CODE_MIGRATION_APPLIERS.find((a) => a.members !== undefined && chain.length > a.members.length
    && a.members.every((m, i) => chain[chain.length - a.members!.length + i] === m) && (a.package === undefined || imports.includes(a.package))) ?? null;
}

export function codeMigrationOption(name: string): CodeMigrationApplier | null {
  return CODE_MIGRATION_APPLIERS.find((a) => a.option === name) ?? null;
}

/**
 * Schema commands meant for a developer's own database: they drop tables, reset the database or
 * apply data-losing changes without asking. Run by a deploy (a build, start or release script, a
 * container's start), they do it to production. `flags`: only with one of these flags.
 */
export interface DestructiveSchemaCommand {
  bin: readonly string[];
  /** The words after the binary, flags left out. */
  sub: readonly string[];
  flags?: readonly string[];
  /** Not with any of these flags (`migrate dev --create-only` writes a migration file and applies nothing). */
  unless?: readonly string[];
  /** It inserts seed data (demo records, default accounts) rather than dropping: on every deploy, into production. */
  seeds?: true;
  /** Every table or the whole database is dropped each time it runs, whatever the schema change. */
  wipes?: true;
  what: string;
  example: string;
  source: string;
}

export const DESTRUCTIVE_SCHEMA_COMMANDS: readonly DestructiveSchemaCommand[] = [
  { bin: ['prisma'], sub: ['migrate', 'reset'], wipes: true, what: 'drops the database, recreates it and applies every migration (the data is gone)', example: 'prisma migrate reset --force', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-reset ("Drops the database ... Creates a new database ... Applies all migrations"; "development only")' },
  { bin: ['prisma'], sub: ['migrate', 'dev'], unless: ['--create-only'], what: 'is a development command: it may reset the database when it detects drift and is not meant for production', example: 'prisma migrate dev', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-dev ("migrate dev is a development command and should never be used in a production environment")' },
  { bin: ['drizzle-kit'], sub: ['push'], flags: ['--force'], what: 'applies the schema and auto-approves every data-loss statement (dropped columns and tables)', example: 'drizzle-kit push --force', source: 'https://orm.drizzle.team/docs/drizzle-kit-push ("--force: auto-approve all data loss statements")' },
  { bin: ['sequelize', 'sequelize-cli'], sub: ['db:drop'], wipes: true, what: 'drops the database', example: 'npx sequelize-cli db:drop', source: 'https://github.com/sequelize/cli#documentation ("db:drop Drop database specified by configuration")' },
  { bin: ['prisma'], sub: ['db', 'push'], flags: ['--force-reset'], wipes: true, what: 'resets the database (every row gone) and then pushes the schema', example: 'prisma db push --force-reset', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#db-push ("--force-reset: Resets the database and then updates the schema")' },
  { bin: ['prisma'], sub: ['db', 'push'], flags: ['--accept-data-loss'], unless: ['--force-reset'], what: 'pushes the schema and approves every data-losing change (dropped columns and tables) without asking', example: 'prisma db push --accept-data-loss', source: 'https://www.prisma.io/docs/orm/reference/prisma-cli-reference#db-push ("--accept-data-loss: Ignore data loss warnings")' },
  { bin: ['sequelize', 'sequelize-cli'], sub: ['db:seed:all'], seeds: true, what: 'inserts every seeder\'s rows (demo records, default accounts) again', example: 'npx sequelize-cli db:seed:all', source: 'https://sequelize.org/docs/v6/other-topics/migrations/#running-seeds ("db:seed:all" runs every seeder; seeders are not tracked by default, so each run inserts again)' },
  { bin: ['knex'], sub: ['seed:run'], seeds: true, what: 'runs every seed file again (knex seed files usually delete the table\'s rows, then insert the seed rows)', example: 'knex seed:run', source: 'https://knexjs.org/guide/migrations.html#seed-files ("seed:run" runs all seed files; the generated seed template starts with `await knex(table).del()`)' },
  { bin: ['prisma'], sub: ['db', 'seed'], seeds: true, what: 'runs the seed script (demo records, default accounts) against the database', example: 'prisma db seed', source: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding ("prisma db seed" runs the command of "prisma.seed" in package.json)' },
  { bin: ['typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm'], sub: ['schema:drop'], wipes: true, what: 'drops every table of the data source', example: 'typeorm schema:drop -d dist/data-source.js', source: 'https://typeorm.io/docs/advanced-topics/using-cli#drop-database-schema ("schema:drop ... completely drops all tables")' },
];

/** The destructive schema command one command (its words) runs, or null. */
export function destructiveSchemaCommandIn(words: readonly string[]): DestructiveSchemaCommand | null {
  const i = commandStart(words);
  const bin = words[i];
  if (!bin) return null;
  const after = words.slice(i + 1);
  const rest = after.filter((w) => !w.startsWith('-'));
  return DESTRUCTIVE_SCHEMA_COMMANDS.find((c) => c.bin.includes(binOf(bin).replace(/@[^/]*$/, '')) && c.sub.every((w, k) => rest[k] === w)
    && (c.flags === undefined || after.some((w) => c.flags!.includes(w.split('=')[0])))
    && !after.some((w) => c.unless?.includes(w.split('=')[0]))) ?? null;
}
