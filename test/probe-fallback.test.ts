// verdict's own invocation failing is never the repository's failure, and neither is the machine:
// a clean service on vitest 2.1.9 (whose CLI rejects --includeTaskLocation) stays GO-able, a tool
// that rejects verdict's flags is run again as the repository runs it, and tests that need a service
// nobody started or a build that needs a download this machine cannot make are UNKNOWN with that
// diagnosis, not findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { discover } from '../src/discover/index.js';
import type { AuditRun, ProbeResult } from '../src/model/run.js';
import { runProbes } from '../src/probes/index.js';
import { TOOLS, type ToolSpec } from '../src/probes/tools.js';
import { fixtureInstall, fixtureRepo, installedFixtureRepo, probeWorkspace } from './helpers/probe-workspace.js';
import { removeRepo } from './helpers/repo.js';

const roots: string[] = [];
// A cold cache installs from the registry: longer than one test may take.
beforeAll(async () => {
  for (const name of ['probe-clean-vitest2', 'matrix-jest-30', 'matrix-biome-1']) await fixtureInstall(name);
  await probeWorkspace();
}, 900_000);
afterAll(() => { for (const r of roots) removeRepo(r); });

async function repo(name: string): Promise<string> {
  const root = await installedFixtureRepo(name);
  roots.push(root);
  return root;
}
const probe = (probes: ProbeResult[], kind: string): ProbeResult => {
  const found = probes.filter((p) => p.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};
const outcome = (run: AuditRun, ruleId: string) => run.outcomes.filter((o) => o.ruleId === ruleId).map((o) => [o.status, o.reason]);

describe('a clean service on vitest 2.1.9', () => {
  it('runs with the flags vitest 2 takes: 10 passed, tests pass, not NO-GO', async () => {
    const root = await repo('probe-clean-vitest2');
    const run = await audit({ root, exec: true, cache: false, quiet: true, today: '2026-01-01' });
    const p = probe(run.probes, 'tests');
    expect([p.status, p.exitCode, p.command, p.tool, p.rejectedInvocation]).toEqual([
      'ran', 0, "vitest run --reporter=default --reporter=json '--outputFile.json=<tmp>/vitest.json'", { name: 'vitest', version: '2.1.9', flags: '>=1.0.0 <3.0.0' }, undefined,
    ]);
    const { durationMs: _d, ...figures } = p.figures;
    expect(figures).toEqual({ files: 2, total: 10, passed: 10, failed: 0, skipped: 0, todo: 0, source: 'vitest-json', failures: [], failedFiles: [], noTests: false });
    expect(outcome(run, 'testing/tests-pass')).toEqual([['pass', "10 passed, 0 skipped, 0 todo in 2 file(s) (`vitest run --reporter=default --reporter=json '--outputFile.json=<tmp>/vitest.json'`, exit 0)"]]);
    expect(run.gate.decision).not.toBe('NO_GO');
  });

  it('flags the installed vitest rejects: the repository\'s own script runs instead and its output is read', async () => {
    // The table as it was before it knew vitest 2: --includeTaskLocation for every version.
    const naive: ToolSpec[] = TOOLS.map((t) => t.tool !== 'vitest' ? t : { ...t, flags: [{ ...t.flags[1], versions: '>=0.0.0' }] });
    const root = await repo('probe-clean-vitest2');
    const probes = await runProbes(discover(root), { exec: true, config: { audit: { off: true } }, quiet: true, tools: naive });
    const p = probe(probes, 'tests');
    expect([p.status, p.reason, p.exitCode, p.command, p.tool]).toEqual(['ran', null, 0, 'npm run test', { name: 'vitest', version: '2.1.9', flags: '>=0.0.0' }]);
    expect(p.rejectedInvocation).toEqual({
      command: "vitest run --reporter=default --reporter=json '--outputFile.json=<tmp>/vitest.json' --includeTaskLocation",
      exitCode: 1,
      reason: 'vitest 2.1.9 rejected the flags verdict added (CACError: Unknown option `--includeTaskLocation`)',
    });
    expect(p.figures).toEqual({ files: 2, total: 10, passed: 10, failed: 0, skipped: 0, todo: 0, durationMs: null, source: 'text', failures: [], failedFiles: [], noTests: false });
  });
});

describe('a tool version outside the flags table', () => {
  it('runs the repository\'s own script and reads its default reporter (jest 30, Biome 1)', async () => {
    const unknown: ToolSpec[] = TOOLS.map((t) => (t.tool === 'jest' || t.tool === 'biome' ? { ...t, flags: [] } : t));
    const jest = probe(await runProbes(discover(await repo('matrix-jest-30')), { exec: true, config: { audit: { off: true } }, quiet: true, tools: unknown }), 'tests');
    expect([jest.status, jest.command, jest.exitCode, jest.tool, jest.rejectedInvocation]).toEqual(['ran', 'npm run test', 1, { name: 'jest', version: '30.2.0', flags: null }, undefined]);
    expect(jest.figures).toEqual({ files: 1, total: 4, passed: 2, failed: 1, skipped: 1, todo: 0, durationMs: null, source: 'text', failures: [], failedFiles: [], noTests: false });
    const biome = probe(await runProbes(discover(await repo('matrix-biome-1')), { exec: true, config: { audit: { off: true } }, quiet: true, tools: unknown }), 'lint');
    expect([biome.status, biome.command, biome.exitCode, biome.tool, biome.figures]).toEqual(['ran', 'npm run lint', 1, { name: 'biome', version: '1.9.4', flags: null }, { tool: 'text', errors: 3, warnings: 0 }]);
  });
});

describe('tests that need a service nobody started', () => {
  it('are UNKNOWN with the diagnosis when every failure is the refused connection, never failing tests', async () => {
    const root = await fixtureRepo('probe-service-down');
    roots.push(root);
    const run = await audit({ root, exec: true, cache: false, quiet: true, today: '2026-01-01' });
    const p = probe(run.probes, 'tests');
    expect([p.status, p.exitCode, (p.figures as { failed: number }).failed]).toEqual(['ran', 1, 2]);
    expect(p.diagnosis.map((d) => [d.id, d.message])).toEqual([['service-unreachable', 'the tests need a service at 127.0.0.1:1 and nothing answers there (connection refused)']]);
    expect(outcome(run, 'testing/tests-pass').map(([s]) => s)).toEqual(['unknown']);
    expect(run.findings.filter((f) => f.ruleId === 'testing/tests-pass' || f.ruleId === 'testing/failing-test')).toEqual([]);
    expect(run.gate.decision).not.toBe('NO_GO');
  });
});

describe('a build that needs a download this machine cannot make', () => {
  it('is UNKNOWN with the network diagnosis and the command to run, never a build finding', async () => {
    const root = await repo('probe-build-offline');
    const run = await audit({ root, exec: true, cache: false, quiet: true, today: '2026-01-01' });
    const p = probe(run.probes, 'build');
    expect([p.status, p.command, p.exitCode]).toEqual(['ran', 'npm run build', 1]);
    // ENOTFOUND where a resolver answers, EAI_AGAIN in the sandbox, which has no network at all.
    expect(p.diagnosis).toEqual([{
      id: 'network-unavailable',
      message: expect.stringMatching(/^the build needed the network and could not reach binaries\.engines\.invalid \((ENOTFOUND|EAI_AGAIN)\)$/),
      fix: 'Run `npm run build` on a machine that can reach binaries.engines.invalid, or make it work offline (vendor or cache what it downloads, mock the remote service in tests).',
    }]);
    const [[status, reason]] = outcome(run, 'build/build-succeeds');
    expect(status).toBe('unknown');
    expect(reason).toBe(`build: \`npm run build\` could not run: ${p.diagnosis[0].message}. Fix: ${p.diagnosis[0].fix}`);
    expect(run.findings.filter((f) => f.category === 'build')).toEqual([]);
  });
});
