// Probe results built in memory, for rule tests that judge figures without running anything.
import type { ProbeResult } from '../../src/model/run.js';

export function probeResult(kind: string, over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    kind, package: 'svc', status: 'ran', reason: null, command: `npm run ${kind}`, cwd: '.', exitCode: 0, signal: null,
    durationMs: 1200, timedOut: false, figures: {}, diagnosis: [], outputExcerpt: '', ...over,
  };
}

export const PKG = { 'package.json': '{"name":"svc","scripts":{"test":"vitest run","build":"tsc"}}', 'tsconfig.json': '{}' };
