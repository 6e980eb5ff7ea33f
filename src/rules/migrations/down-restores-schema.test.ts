import { afterAll, describe, expect, it } from 'vitest';
import { auditFixture, hits, sharedEngines, statusOf } from '../../../test/helpers/migrations.js';
import rule from './down-restores-schema.js';

const engines = sharedEngines();
afterAll(() => engines.close());

describe('migrations/down-restores-schema', () => {
  it('passes when each down section restores the schema (goose)', async () => {
    const run = await auditFixture('migrations-clean', [rule], engines);
    expect(hits(run)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id && o.status === 'pass')?.reason).toMatch(/2 down migrations applied/);
  });

  it('reports a down migration that leaves a column behind, at the down file', async () => {
    const run = await auditFixture('migrations-rollback', [rule], engines);
    expect(hits(run)).toEqual(['migrations/down-restores-schema db/migrations/002_add_phone.down.sql:2']);
    expect(run.findings[0].message).toContain('column users.phone text remains');
    expect(statusOf(run, rule.id)).toEqual(['fail']);
  });
});
