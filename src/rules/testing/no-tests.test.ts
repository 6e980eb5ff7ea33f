import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './no-tests.js';

describe('testing/no-tests', () => {
  it('valid: silent when the runner found tests', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('tests', { figures: { total: 4, files: 1 } })] });
    expect(run.findings).toEqual([]);
  });

  it('invalid: the runner found no test', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('tests', { exitCode: 1, figures: { total: 0, noTests: true } })] });
    expect(run.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule.id, '`npm run tests` found no tests']]);
  });

  it('a crash before any test was listed is UNKNOWN, not "no tests"', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('tests', { exitCode: 1, figures: { total: 0, noTests: false } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['unknown']);
  });
});
