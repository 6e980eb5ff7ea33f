import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './public-source-maps.js';

describe('build/public-source-maps', () => {
  it('valid: server-side maps are not public', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('build', { figures: { outputDir: 'dist', sourceMaps: ['dist/server.js.map'], publicSourceMaps: [] } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => o.reason)).toEqual(['dist/: 1 source map(s), none in a public folder']);
  });

  it('invalid: maps in a served folder', async () => {
    const maps = ['dist/assets/index-3f2a.js.map', 'dist/assets/vendor-91bc.js.map'];
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('build', { figures: { outputDir: 'dist', sourceMaps: maps, publicSourceMaps: maps } })] });
    expect(run.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule.id, '2 source map(s) in publicly served build output, e.g. dist/assets/index-3f2a.js.map, dist/assets/vendor-91bc.js.map']]);
  });
});
