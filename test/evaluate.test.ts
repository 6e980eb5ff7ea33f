import { describe, expect, it } from 'vitest';
import { defineRepoRule } from '../src/rules/api.js';
import { auditFiles } from './helpers/repo.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { renderTerminal } from '../src/render/terminal.js';

/** A rule that reports one finding in each file given, as the test tells it to. */
function plantedIn(id: string, severity: 'critical' | 'high', paths: string[], everywhere = false, extra: Record<string, unknown> = {}) {
  return defineRepoRule({
    id,
    meta: { category: id.split('/')[0] as 'security', severity, title: id, rationale: 'test', remediation: { text: 'fix', effort: 'low' }, ...extra },
    check(ctx) {
      for (const path of paths) ctx.report({ message: `problem in ${path}`, location: { path, line: 1 }, everywhere });
      ctx.pass('checked');
    },
  });
}

/** A rule that reports what the test tells it to, to exercise scoring and the gate. */
function planted(id: string, severity: 'critical' | 'high' | 'medium' | 'low', count: number, extra: Record<string, unknown> = {}) {
  return defineRepoRule({
    id,
    meta: { category: id.split('/')[0] as 'security', severity, title: id, rationale: 'test', remediation: { text: 'fix', effort: 'low' }, ...extra },
    check(ctx) {
      for (let i = 1; i <= count; i++) ctx.report({ message: `problem ${i}`, location: { path: 'src/a.ts', line: i } });
      ctx.pass('checked src/a.ts');
    },
  });
}

const files = { 'package.json': '{"name":"svc"}', 'src/a.ts': 'a\nb\nc\nd\ne\n' };

/** What these runs (`--no-exec`) answer when nothing stands against the code: never GO, the one condition being that it did not run. */
const NO_EXEC = { kind: 'unknown', ruleId: null, evidence: null, message: "the repository's code did not run (--no-exec): its tests, typecheck and build are not verified" };
function expectClear(gate: { decision: string; reasons: unknown[]; conditions: unknown[] }) {
  expect(gate).toEqual({ decision: 'GO_WITH_CONDITIONS', reasons: [], conditions: [NO_EXEC] });
}

describe('scores and the gate', () => {
  it('is never GO when the code did not run, whatever the configuration turned off; the condition says so once', async () => {
    const none = await auditFiles({ ...files, 'verdict.config.json': '{ "rules": { "security/m": "off" } }' }, { rules: [planted('security/m', 'medium', 1)] });
    expectClear(none.gate);
    // Other conditions already keep it from GO: the no-exec one is not added beside them.
    const high = await auditFiles(files, { rules: [planted('security/h', 'high', 1)] });
    expect(high.gate.conditions.map((c) => c.ruleId)).toEqual(['security/h']);
  });

  it('NO-GO on a critical finding, conditions on high, no reason and no condition of its own otherwise', async () => {
    expect((await auditFiles(files, { rules: [planted('security/c', 'critical', 1)] })).gate.decision).toBe('NO_GO');
    const high = await auditFiles(files, { rules: [planted('security/h', 'high', 1)] });
    expect(high.gate.decision).toBe('GO_WITH_CONDITIONS');
    expect(high.gate.conditions[0]).toMatchObject({ ruleId: 'security/h', evidence: 'src/a.ts:1' });
    expectClear((await auditFiles(files, { rules: [planted('security/m', 'medium', 1)] })).gate);
  });

  it('NO-GO on what static checks prove open (an unguarded write, no tests), ranked after criticals, each with its evidence', async () => {
    const run = await auditFiles(files, { rules: [
      planted('security/route-without-auth', 'high', 1), planted('security/c', 'critical', 1), planted('security/h', 'high', 1),
    ] });
    expect(run.gate.decision).toBe('NO_GO');
    expect(run.gate.reasons.map((r) => [r.ruleId, r.evidence])).toEqual([['security/c', 'src/a.ts:1'], ['security/route-without-auth', 'src/a.ts:1']]);
    expect(run.gate.conditions.map((c) => c.ruleId)).toEqual(['security/h']);
    // A read-only route without a guard is medium: a finding, not a blocker.
    const read = await auditFiles(files, { rules: [planted('security/route-without-auth', 'medium', 1)] });
    expectClear(read.gate);
  });

  it('ranks a failing blocking check before criticals and points a repository-level reason at its file', async () => {
    const repoLevel = defineRepoRule({
      id: 'testing/no-test-suite',
      meta: { category: 'testing', severity: 'high', title: 't', rationale: 'test', remediation: { text: 'fix', effort: 'low' } },
      check(ctx) {
        ctx.report({ message: 'no tests', location: null, package: null, evidence: [{ kind: 'file', path: 'package.json', line: 1, snippet: 'no "test" script' }] });
      },
    });
    const run = await auditFiles(files, { rules: [repoLevel, planted('security/c', 'critical', 1), planted('types/t', 'high', 1, { blocking: true })] });
    expect(run.gate.reasons.map((r) => [r.ruleId, r.evidence])).toEqual([
      ['types/t', 'src/a.ts:1'], ['security/c', 'src/a.ts:1'], ['testing/no-test-suite', 'package.json:1'],
    ]);
  });

  it('ignores experimental rules at the gate and honours the configured policy', async () => {
    expectClear((await auditFiles(files, { rules: [planted('security/x', 'critical', 1, { lifecycle: 'experimental' })] })).gate);
    const strict = await auditFiles({ ...files, 'verdict.config.json': '{ "gate": { "nogoSeverities": ["critical", "high"] } }' }, { rules: [planted('security/h', 'high', 1)] });
    expect(strict.gate.decision).toBe('NO_GO');
  });

  it('deducts by severity with a per-rule cap and reports the deductions', async () => {
    const run = await auditFiles(files, { rules: [planted('security/m', 'medium', 5), planted('security/l', 'low', 1)] });
    const sec = run.scores.categories.security;
    expect(sec.deductions).toEqual([
      { ruleId: 'security/l', severity: 'low', findings: 1, points: 1, capped: false },
      { ruleId: 'security/m', severity: 'medium', findings: 5, points: 10, capped: true },
    ]);
    expect(sec.score).toBe(89);
    expect(sec.coverage).toEqual({ verified: 2, total: 2 });
    expect(run.scores.packages.svc.categories.security.score).toBe(89);
  });

  it('applies config exemptions until they expire, and says when one has', async () => {
    const cfg = (expires: string) => JSON.stringify({ exemptions: [{ rule: 'security/c', path: 'src/**', reason: 'accepted risk, ticket SEC-1', expires }] });
    const live = await auditFiles({ ...files, 'verdict.config.json': cfg('2026-06-01') }, { rules: [planted('security/c', 'critical', 1)], today: '2026-01-01' });
    expectClear(live.gate);
    expect(live.findings[0].suppressed).toEqual({ reason: 'accepted risk, ticket SEC-1', where: 'verdict.config.json exemptions[0]' });
    const expired = await auditFiles({ ...files, 'verdict.config.json': cfg('2025-06-01') }, { rules: [planted('security/c', 'critical', 1)], today: '2026-01-01' });
    expect(expired.gate.decision).toBe('NO_GO');
    expect(expired.diagnostics.map((d) => d.problem)).toContain('exemptions[0] (security/c on src/**) expired on 2025-06-01 and no longer applies');
    expect(expired.findings[0].evidence).toContainEqual({ kind: 'note', text: 'exemption verdict.config.json exemptions[0] expired on 2025-06-01' });
  });

  it('turns a rule off from config and counts unknown checks as coverage, not score', async () => {
    const off = await auditFiles({ ...files, 'verdict.config.json': '{ "rules": { "security/c": "off" } }' }, { rules: [planted('security/c', 'critical', 1)] });
    expect(off.findings).toEqual([]);
    const unknown = defineRepoRule({
      id: 'security/u', meta: { category: 'security', severity: 'high', title: 'u', rationale: 'r', remediation: { text: 'f', effort: 'low' } },
      check(ctx) { ctx.unknown('advisory database unreachable'); },
    });
    const run = await auditFiles(files, { rules: [unknown] });
    expect(run.scores.categories.security).toMatchObject({ score: null, coverage: { verified: 0, total: 1 } });
    expect(run.unknowns).toEqual([{ check: 'security/u', package: null, reason: 'advisory database unreachable' }]);
  });

  describe('outside release code', () => {
    const tree = {
      'package.json': '{"name":"svc"}', 'src/a.ts': 'a\n', 'test/a.test.ts': 'a\n', 'scripts/seed.ts': 'a\n', 'hq_staging/a.ts': 'a\n',
    };
    const outside = ['test/a.test.ts', 'scripts/seed.ts', 'hq_staging/a.ts'];

    it('lowers findings outside release code, shows them apart and never lets them block', async () => {
      const run = await auditFiles(tree, { rules: [plantedIn('security/c', 'critical', outside, false, { blocking: true }), plantedIn('security/h', 'high', outside)] });
      expectClear(run.gate);
      expect(run.findings.map((f) => [f.ruleId, f.location?.path, f.severity, f.outsideRelease])).toEqual([
        ['security/c', 'hq_staging/a.ts', 'medium', { role: 'archived', severity: 'critical' }],
        ['security/c', 'scripts/seed.ts', 'medium', { role: 'script', severity: 'critical' }],
        ['security/c', 'test/a.test.ts', 'medium', { role: 'test', severity: 'critical' }],
        ['security/h', 'hq_staging/a.ts', 'low', { role: 'archived', severity: 'high' }],
        ['security/h', 'scripts/seed.ts', 'low', { role: 'script', severity: 'high' }],
        ['security/h', 'test/a.test.ts', 'low', { role: 'test', severity: 'high' }],
      ]);
      // A blocking rule whose every finding is outside release code passes for the release, and says why.
      expect(run.outcomes.find((o) => o.ruleId === 'security/c')).toMatchObject({ status: 'pass', reason: '3 finding(s); checked; all 3 outside release code (archived, script, test)' });
      expect(run.inventory.roles).toMatchObject({ counts: { service: 2, test: 1, script: 1, archived: 1 } });
      const terminal = renderTerminal(run, { color: false });
      expect(terminal).toContain('Outside release code (6: lowered severity, never blocking)');
      expect(terminal).toContain('hq_staging/a.ts:1 (archived, lowered from critical)');
      expect(terminal).toContain('Files by role: release code 2; tests 1; scripts and tooling 1; archived or staging copies 1.');
      expect(terminal).not.toContain('Findings (');
      const md = renderMarkdown(run);
      expect(md).toContain('## Outside release code (6)');
      expect(md).not.toContain('## Findings');
    });

    it('keeps a finding in release code, and one its rule says matters anywhere (a live credential), at full weight', async () => {
      const run = await auditFiles(tree, { rules: [plantedIn('security/c', 'critical', ['src/a.ts']), plantedIn('security/leak', 'critical', ['hq_staging/a.ts'], true)] });
      expect(run.gate.decision).toBe('NO_GO');
      expect(run.gate.reasons.map((r) => r.evidence)).toEqual(['hq_staging/a.ts:1', 'src/a.ts:1']);
      expect(run.findings.every((f) => f.severity === 'critical' && f.outsideRelease === undefined)).toBe(true);
    });

    it('keeps the severity where the files are what the rule is about (a committed .only in a test)', async () => {
      const run = await auditFiles(tree, { rules: [plantedIn('testing/t', 'high', ['test/a.test.ts'])] });
      expect(run.findings.map((f) => [f.severity, f.outsideRelease])).toEqual([['high', undefined]]);
      expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
    });

    it('follows the configuration\'s roles, and names the option when a role is unknown', async () => {
      const run = await auditFiles({ ...tree, 'verdict.config.json': '{ "roles": { "src/**": "example" } }' }, { rules: [plantedIn('security/c', 'critical', ['src/a.ts'])] });
      expectClear(run.gate);
      expect(run.findings[0].outsideRelease).toEqual({ role: 'example', severity: 'critical' });
      expect(run.configuration.changes).toContainEqual({ kind: 'role', text: 'files matching src/** given the role example' });
      await expect(auditFiles({ ...tree, 'verdict.config.json': '{ "roles": { "src/**": "prod" } }' }, { rules: [] }))
        .rejects.toThrow(/roles\.src\/\*\*: unknown role "prod": expected one of service, config, migration/);
    });
  });
});
