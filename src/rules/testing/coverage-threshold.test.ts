import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './coverage-threshold.js';

const withCoverage = (lines: number, threshold: number) => probeResult('tests', {
  figures: { total: 3, passed: 3, coverage: { lines }, coverageThresholdFromRepo: { lines: threshold } },
});

describe('testing/coverage-threshold', () => {
  it('valid: coverage at or above the threshold, or no coverage summary', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [withCoverage(85, 80)] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => [o.status, o.reason])).toEqual([['pass', 'line coverage 85% meets the configured 80%']]);
    const none = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('tests', { figures: { total: 3 } })] });
    expect(none.outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });

  it('invalid: coverage below the repo\'s threshold', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [withCoverage(61.5, 80)] });
    expect(run.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule.id, 'line coverage 61.5% is below the configured 80%']]);
  });
});
