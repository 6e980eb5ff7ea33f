// Migration sets: what discover finds (inventory.migrations), what the probes stage learns by
// linting and applying them, and the statement list rules judge.
import { z } from 'zod';

export const MIGRATION_DIALECTS = ['postgresql', 'sqlite', 'd1', 'mysql', 'clickhouse', 'unknown'] as const;
export const MIGRATION_RUNNERS = ['prisma', 'drizzle', 'wrangler-d1', 'sql', 'goose', 'dbmate', 'custom', 'knex', 'typeorm', 'kysely', 'sequelize'] as const;

export const Migration = z.object({
  /** The up file (or the single file holding both sections), relative to the root. */
  path: z.string(),
  version: z.string().nullable().describe('Digits of the version prefix, as written'),
  name: z.string(),
  /** Down file beside it, or the same path when the file holds a down section. */
  down: z.string().nullable(),
  /** Line where an in-file down section starts (`-- migrate:down`, `-- +goose Down`). */
  downLine: z.number().int().nullable(),
});
export type Migration = z.infer<typeof Migration>;

export const MigrationSet = z.object({
  path: z.string().describe('The migrations folder, relative to the root'),
  dialect: z.enum(MIGRATION_DIALECTS),
  runner: z.enum(MIGRATION_RUNNERS),
  format: z.enum(['sql', 'js']),
  package: z.string().nullable(),
  /** Where the set was declared (wrangler config, drizzle config, migration_lock.toml), with its line. */
  declaredIn: z.object({ path: z.string(), line: z.number().int() }).nullable(),
  /** ORM schema compared with the applied migrations (schema.prisma), when known. */
  schemaFile: z.string().nullable(),
  files: z.array(z.string()).describe('Up files in the order the runner applies them'),
  versions: z.array(z.string()),
  migrations: z.array(Migration),
  /** True when at least one migration of the set has a down migration. */
  keepsDown: z.boolean(),
});
export type MigrationSet = z.infer<typeof MigrationSet>;

/** One SQL statement of a migration file, located; `ast` is pgsql-parser's node for Postgres. */
export interface SqlStatement {
  path: string;
  line: number;
  endLine: number;
  text: string;
  /** Part of the down section of a file holding both directions. */
  down: boolean;
  ast: Record<string, unknown> | null;
}

export interface ParseFailure {
  path: string;
  line: number;
  message: string;
}

export const ColumnShape = z.object({ name: z.string(), type: z.string(), nullable: z.boolean(), hasDefault: z.boolean() });
export const SchemaSnapshot = z.object({
  tables: z.record(z.string(), z.array(ColumnShape)),
  objects: z.array(z.string()).describe("Indexes, constraints, views, triggers and types, as definitions"),
});
export type SchemaSnapshot = z.infer<typeof SchemaSnapshot>;

/** What the probes stage gives migration rules beside ProbeResults (not serialised: ASTs are large). */
export interface MigrationAnalysis {
  sets: MigrationSet[];
  /** Statements of each file (up and in-file down sections), by path. */
  statements: Record<string, SqlStatement[]>;
  /** Files that did not parse with the Postgres parser. */
  parseFailures: ParseFailure[];
}
