import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './typecheck.js';

describe('types/typecheck', () => {
  it('is UNKNOWN, never a pass, under --no-exec, and holds the gate at conditions', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"svc"}', 'tsconfig.json': '{}' }, { rules: [rule], exec: false });
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => o.status)).toEqual(['unknown']);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
  });

  it('can make an unknown blocking check NO-GO by policy', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'verdict.config.json': '{ "gate": { "unknownBlocking": "nogo" } }',
    }, { rules: [rule], exec: false });
    expect(run.gate.decision).toBe('NO_GO');
  });
});
