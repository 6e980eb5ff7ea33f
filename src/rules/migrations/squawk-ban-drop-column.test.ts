import { describe, expect, it } from 'vitest';
import { auditFixture, auditMigrationFiles, hits, statusOf } from '../../../test/helpers/migrations.js';
import { CHANGES, SAME_FILE } from '../../../test/helpers/squawk-cases.js';
import rule from './squawk-ban-drop-column.js';

describe('migrations/squawk-ban-drop-column', () => {
  it('stays silent on the clean fixture and on tables created in the same file', async () => {
    expect(hits(await auditFixture('migrations-clean', [rule]))).toEqual([]);
    const run = await auditMigrationFiles(SAME_FILE, [rule]);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('reports the violation at file:line', async () => {
    const run = await auditMigrationFiles(CHANGES, [rule]);
    expect(hits(run)).toEqual(['migrations/squawk-ban-drop-column migrations/002_changes.sql:4']);
    expect(run.findings.map((f) => f.messageId)).toEqual(['droppedColumnOnTable']);
    // The rendered text is squawk's own message (as in the command evidence) followed by the table.
    const f = run.findings[0];
    const excerpt = (f.evidence[0] as { excerpt: string }).excerpt;
    expect(f.message).toMatch(/ \(table accounts\)$/);
    expect(excerpt).toContain(`ban-drop-column: ${f.message.replace(/ \(table accounts\)$/, '')}`);
  });
});
