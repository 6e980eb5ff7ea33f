import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './dependency-advisories.js';

describe('security/dependency-advisories', () => {
  it('valid: 0 advisories from a registry that answered', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('audit', { figures: { total: 0, packages: [] } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['pass']);
  });

  it('invalid: one finding per vulnerable package, severity mapped', async () => {
    const run = await auditFiles(PKG, {
      rules: [rule], exec: true,
      probeResults: [probeResult('audit', { exitCode: 1, figures: { total: 2, packages: [{ name: 'left-pad', severity: 'moderate', title: 'ReDoS' }, { name: 'minimist', severity: 'critical', title: 'Prototype Pollution' }] } })],
    });
    expect(run.findings.map((f) => [f.severity, f.message])).toEqual([
      ['high', 'minimist: critical advisory (Prototype Pollution)'],
      ['medium', 'left-pad: moderate advisory (ReDoS)'],
    ]);
  });

  it('a registry that refused is UNKNOWN, never "0 vulnerabilities"', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('audit', { status: 'error', exitCode: 1, reason: 'the registry refused the audit: 405 Method Not Allowed' })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => [o.status, o.reason])).toEqual([['unknown', 'dependency audit not run: the registry refused the audit: 405 Method Not Allowed']]);
  });
});
