import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import { CHANGES, SAME_FILE } from '../../../test/helpers/squawk-cases.js';
import rule from './squawk-constraint-missing-not-valid.js';

describe('migrations/squawk-constraint-missing-not-valid', () => {
  it('stays silent on the clean fixture and on tables created in the same file', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles(SAME_FILE, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('reports the violation at file:line', async () => {
    const run = await auditMigrationFiles(CHANGES, [rule]);
    expect(hits(run)).toEqual(['migrations/squawk-constraint-missing-not-valid migrations/002_changes.sql:1']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['constraintValidatedOnTable']);
  });
});
