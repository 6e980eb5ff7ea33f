// The clean example must come out GO once its probes run. Its dependencies are not committed: without
// them every probe-backed check is UNKNOWN with the --install advice; with --install (npm ci from its
// lockfile, into a temp copy) typecheck, tests and build run and pass.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';

const clean = new URL('../examples/clean-service', import.meta.url).pathname;
const copies: string[] = [];
afterAll(() => { for (const c of copies) rmSync(c, { recursive: true, force: true }); });

function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'verdict-clean-'));
  cpSync(clean, root, { recursive: true, filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src.slice(clean.length)) });
  copies.push(root);
  return root;
}

describe.runIf(existsSync(clean))('examples/clean-service with probes', () => {
  it('without its dependencies: the probe checks are UNKNOWN with the --install advice (GO WITH CONDITIONS)', async () => {
    const run = await audit({ root: copy(), exec: true, unsandboxed: true, cache: false, quiet: true });
    const own = run.probes.filter((p) => ['typecheck', 'tests', 'lint', 'build'].includes(p.kind));
    expect(own.map((p) => [p.kind, p.status])).toEqual([['typecheck', 'skipped'], ['tests', 'skipped'], ['build', 'skipped']]);
    // verdict's own SQL tools run without the repository's dependencies.
    expect(run.probes.filter((p) => p.kind === 'squawk' || p.kind === 'migrations-apply').map((p) => [p.kind, p.status])).toEqual([['migrations-apply', 'ran'], ['squawk', 'ran']]);
    const tests = run.outcomes.find((o) => o.ruleId === 'testing/tests-pass')!;
    expect([tests.status, tests.reason]).toEqual(['unknown', expect.stringContaining('--install')]);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
  });

  it('with --install: typecheck, tests and build pass and the gate is GO', async () => {
    // The advisories of the day are not this test's business (and this registry refuses npm audit).
    const config = join(copy(), 'verdict.config.json');
    writeFileSync(config, JSON.stringify({ probes: { audit: { off: true } } }));
    const run = await audit({ root: copy(), config, exec: true, unsandboxed: true, cache: false, quiet: true, install: { ignoreScripts: true } });
    const status = Object.fromEntries(run.probes.map((p) => [p.kind, [p.status, p.exitCode]]));
    expect(status).toMatchObject({ install: ['ran', 0], typecheck: ['ran', 0], tests: ['ran', 0], build: ['ran', 0] });
    const checks = ['types/typecheck', 'testing/tests-pass', 'testing/failing-test', 'build/build-succeeds'];
    expect(Object.fromEntries(run.outcomes.filter((o) => checks.includes(o.ruleId)).map((o) => [o.ruleId, o.status])))
      .toEqual(Object.fromEntries(checks.map((c) => [c, 'pass'])));
    expect(run.gate).toEqual({ decision: 'GO', reasons: [], conditions: [] });
  }, 240_000);
});
