import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import { SAME_FILE } from '../../../test/helpers/squawk-cases.js';
import rule from './squawk-adding-not-nullable-field.js';

describe('migrations/squawk-adding-not-nullable-field', () => {
  it('stays silent on the clean fixture and on tables created in the same file', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles(SAME_FILE, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('reports the violation in the Postgres fixture at file:line', async () => {
    const run = await auditFixture('migrations-postgres', [rule]);
    expect(hits(run)).toEqual(['migrations/squawk-adding-not-nullable-field prisma/migrations/20240301000000_add_slug/migration.sql:3']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['setNotNullOnTable']);
    expect(run.findings[0].evidence[0]).toMatchObject({ kind: 'command' });
  });
});
