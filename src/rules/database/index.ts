// The database rules. Each rule lives in its own file beside this one.
import type { Rule } from '../api.js';
import boundary from './boundary.js';
import dataWipedAtStartup from './data-wiped-at-startup.js';
import inventory from './inventory.js';
import nosqlInjection from './nosql-injection.js';
import rawSqlOutsideOrm from './raw-sql-outside-orm.js';
import rawSqlSchemaMismatch from './raw-sql-schema-mismatch.js';
import schemaSyncAtStartup from './schema-sync-at-startup.js';
import sqlInjection from './sql-injection.js';
import sqlPlaceholderMismatch from './sql-placeholder-mismatch.js';
import unboundedPageSize from './unbounded-page-size.js';
import readModifyWrite from './read-modify-write.js';

export const rules: Rule[] = [inventory, boundary, rawSqlOutsideOrm, rawSqlSchemaMismatch, sqlInjection, nosqlInjection, sqlPlaceholderMismatch, schemaSyncAtStartup, dataWipedAtStartup, unboundedPageSize, readModifyWrite];
