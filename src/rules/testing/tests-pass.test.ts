import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './tests-pass.js';

describe('testing/tests-pass', () => {
  it('is UNKNOWN, never a pass, under --no-exec', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"svc","scripts":{"test":"vitest run"}}' }, { rules: [rule], exec: false });
    const outcomes = run.outcomes.filter((o) => o.ruleId === rule.id);
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(outcomes[0].reason).toMatch(/--no-exec/);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
    expect(run.gate.conditions[0].message).toMatch(/tests not run/);
  });
});
