import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import rule from './constraint-before-backfill.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"pg":"8.13.0"}}' };
const INIT = { 'migrations/001_init.sql': 'CREATE TABLE users (id BIGINT PRIMARY KEY, email TEXT);\nCREATE TABLE teams (id BIGINT PRIMARY KEY);\n' };

describe('migrations/constraint-before-backfill', () => {
  it('stays silent when the backfill comes first, on new tables, on nullable FKs without backfill, and on the clean fixture', async () => {
    const run = await auditMigrationFiles({
      ...pkg, ...INIT,
      'migrations/002_ok.sql': [
        'ALTER TABLE users ADD COLUMN name TEXT;',
        "UPDATE users SET name = 'unknown' WHERE name IS NULL;",
        'ALTER TABLE users ALTER COLUMN name SET NOT NULL;',
        'ALTER TABLE users ADD COLUMN team_id BIGINT;',
        'ALTER TABLE users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID;',
        'ALTER TABLE users ADD COLUMN org_id BIGINT;',
        'ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES teams (id);',
        'CREATE TABLE audit (id BIGINT PRIMARY KEY);',
        'ALTER TABLE audit ADD COLUMN kind TEXT;',
        'ALTER TABLE audit ALTER COLUMN kind SET NOT NULL;',
        "ALTER TABLE users ADD COLUMN plan TEXT DEFAULT 'free';",
        'ALTER TABLE users ALTER COLUMN plan SET NOT NULL;',
      ].join('\n'),
      // A later migration that sets the column is a data change the foreign key rightly checks.
      'migrations/003_orgs.sql': 'UPDATE users SET org_id = 1;\n',
    }, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
  });

  it('reports a constraint before its backfill, and NOT NULL with no backfill at all', async () => {
    const run = await auditMigrationFiles({
      ...pkg, ...INIT,
      'migrations/002_bad.sql': [
        'ALTER TABLE users ADD COLUMN name TEXT;',
        'ALTER TABLE users ADD COLUMN code TEXT;',
        'ALTER TABLE users ADD CONSTRAINT users_code_check CHECK (length(code) = 6);',
        "UPDATE users SET code = lpad(id::text, 6, '0');",
      ].join('\n'),
      'migrations/003_later.sql': 'ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n',
    }, [rule]);
    // The failing NOT NULL first (high), then the CHECK the backfill runs against (medium).
    expect(hits(run)).toEqual([
      'migrations/constraint-before-backfill migrations/003_later.sql:1',
      'migrations/constraint-before-backfill migrations/002_bad.sql:3',
    ]);
    expect(run.findings.map((f) => f.severity)).toEqual(['high', 'medium']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['noBackfill', 'beforeBackfill']);
    expect(run.findings.map((f) => f.message)).toEqual([
      'NOT NULL on users.name with no backfill: the column was added at migrations/002_bad.sql:1, so existing rows hold NULL',
      'CHECK on users.code is added before the UPDATE that backfills it (migrations/002_bad.sql:4)',
    ]);
  });

  it('reports the Prisma fixture case', async () => {
    const run = await auditFixture('migrations-postgres', [rule]);
    expect(hits(run)).toEqual(['migrations/constraint-before-backfill prisma/migrations/20240301000000_add_slug/migration.sql:3']);
  });

  it('does not claim "no backfill" when a data migration written as code lies between', async () => {
    const files = {
      ...pkg,
      'migration/20260101000000_init/migration.sql': 'CREATE TABLE "Tag" (id TEXT PRIMARY KEY);\n',
      'migration/20260401000001_add_workspace/migration.sql': 'ALTER TABLE "Tag" ADD COLUMN "workspaceId" TEXT;\n',
      'migration/20260402000000_not_null/migration.sql': 'ALTER TABLE "Tag" ALTER COLUMN "workspaceId" SET NOT NULL;\n',
    };
    const without = await auditMigrationFiles(files, [rule]);
    expect(hits(without)).toEqual(['migrations/constraint-before-backfill migration/20260402000000_not_null/migration.sql:1']);
    const withCode = await auditMigrationFiles({
      ...files,
      'migration/20260401000002_backfill_workspace/migration.ts': 'export const run = async ({ tx }) => tx.$executeRaw`UPDATE "Tag" SET "workspaceId" = 1`;\n',
    }, [rule]);
    expect(hits(withCode)).toEqual([]);
    // Not a pass: the backfill may be in the code, which the rule does not read.
    expect(statusOf(withCode, rule.id)).toEqual(['unknown']);
    expect(withCode.outcomes.find((o) => o.ruleId === rule.id)?.reason).toMatch(/^1 NOT NULL constraint not judged \(Tag\.workspaceId \(migration\/20260402000000_not_null\/migration\.sql:1\)\)/);
  });
});
