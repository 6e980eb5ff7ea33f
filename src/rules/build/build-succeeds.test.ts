import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './build-succeeds.js';

describe('build/build-succeeds', () => {
  it('valid: the build succeeded, with its measured output', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('build', { figures: { outputDir: 'dist', files: 4, bytes: 20480, gzipBytes: 6144 } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => o.reason)).toEqual(['`npm run build` succeeded: dist/ holds 4 file(s), 20 kB (6 kB gzip)']);
  });

  it('invalid: the build failed', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('build', { exitCode: 2 })] });
    expect(run.findings.map((f) => [f.ruleId, f.messageId, f.message])).toEqual([[rule.id, 'failed', 'the build failed (exit code 2)']]);
  });

  it('no build script: not applicable', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [] });
    expect(run.outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });
});
