import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import { CHANGES, SAME_FILE } from '../../../test/helpers/squawk-cases.js';
import rule from './squawk-renaming-column.js';

describe('migrations/squawk-renaming-column', () => {
  it('stays silent on the clean fixture and on tables created in the same file', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles(SAME_FILE, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('reports the violation at file:line', async () => {
    const run = await auditMigrationFiles(CHANGES, [rule]);
    expect(hits(run)).toEqual(['migrations/squawk-renaming-column migrations/002_changes.sql:3']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['renamedColumnOnTable']);
  });
});
