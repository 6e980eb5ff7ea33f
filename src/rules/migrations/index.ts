// The migrations rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import applyFromScratch from './apply-from-scratch.js';
import constraintBeforeBackfill from './constraint-before-backfill.js';
import destructiveSchemaCommandAtDeploy from './destructive-schema-command-at-deploy.js';
import d1AppliedOnlyLocally from './d1-applied-only-locally.js';
import d1ExplicitTransaction from './d1-explicit-transaction.js';
import downRestoresSchema from './down-restores-schema.js';
import notAppliedAtDeploy from './not-applied-at-deploy.js';
import migrationsGitignored from './migrations-gitignored.js';
import missingDownMigration from './missing-down-migration.js';
import prismaDbPush from './prisma-db-push.js';
import schemaDrift from './schema-drift.js';
import sqlParseError from './sql-parse-error.js';
import sqliteDropColumn from './sqlite-drop-column.js';
import sqliteTableRebuild from './sqlite-table-rebuild.js';
import sqliteUnsafeAddColumn from './sqlite-unsafe-add-column.js';
import squawkAddingRequiredField from './squawk-adding-required-field.js';
import squawkRequireConcurrentIndexCreation from './squawk-require-concurrent-index-creation.js';
import squawkAddingForeignKeyConstraint from './squawk-adding-foreign-key-constraint.js';
import squawkConstraintMissingNotValid from './squawk-constraint-missing-not-valid.js';
import squawkDisallowedUniqueConstraint from './squawk-disallowed-unique-constraint.js';
import squawkBanConcurrentIndexCreationInTransaction from './squawk-ban-concurrent-index-creation-in-transaction.js';
import squawkChangingColumnType from './squawk-changing-column-type.js';
import squawkAddingNotNullableField from './squawk-adding-not-nullable-field.js';
import squawkRenamingColumn from './squawk-renaming-column.js';
import squawkBanDropColumn from './squawk-ban-drop-column.js';
import versionSequence from './version-sequence.js';
import lockingTableInUse from './locking-table-in-use.js';
import schemaPushOnly from './schema-push-only.js';
import appliedBySeveralServices from './applied-by-several-services.js';

export const rules: Rule[] = [
  applyFromScratch, downRestoresSchema, schemaDrift, sqlParseError, constraintBeforeBackfill,
  sqliteUnsafeAddColumn, sqliteDropColumn, sqliteTableRebuild, d1ExplicitTransaction, versionSequence, missingDownMigration, prismaDbPush,
  squawkAddingRequiredField, squawkRequireConcurrentIndexCreation, squawkAddingForeignKeyConstraint, squawkConstraintMissingNotValid, squawkDisallowedUniqueConstraint, squawkBanConcurrentIndexCreationInTransaction, squawkChangingColumnType, squawkAddingNotNullableField, squawkRenamingColumn, squawkBanDropColumn,
  lockingTableInUse, schemaPushOnly, d1AppliedOnlyLocally, migrationsGitignored, notAppliedAtDeploy, appliedBySeveralServices, destructiveSchemaCommandAtDeploy,
];
