import { describe, expect, it } from 'vitest';
import { defineRepoRule } from '../src/rules/api.js';
import { auditFiles } from './helpers/repo.js';

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

describe('scores and the gate', () => {
  it('NO-GO on a critical finding, conditions on high, GO otherwise', async () => {
    expect((await auditFiles(files, { rules: [planted('security/c', 'critical', 1)] })).gate.decision).toBe('NO_GO');
    const high = await auditFiles(files, { rules: [planted('security/h', 'high', 1)] });
    expect(high.gate.decision).toBe('GO_WITH_CONDITIONS');
    expect(high.gate.conditions[0]).toMatchObject({ ruleId: 'security/h', evidence: 'src/a.ts:1' });
    expect((await auditFiles(files, { rules: [planted('security/m', 'medium', 1)] })).gate.decision).toBe('GO');
  });

  it('ignores experimental rules at the gate and honours the configured policy', async () => {
    expect((await auditFiles(files, { rules: [planted('security/x', 'critical', 1, { lifecycle: 'experimental' })] })).gate.decision).toBe('GO');
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
    expect(live.gate.decision).toBe('GO');
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
});
