import type { ApplyOutcome } from '../../probes/migrations/apply.js';
import { defineRepoRule } from '../api.js';
import { commandEvidence } from '../shared/probes.js';
import { plural, probeOfSet, setsOf } from '../shared/migrations.js';

export default defineRepoRule({
  id: 'migrations/down-restores-schema',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'Each down migration restores the schema its up migration started from',
    rationale: 'A rollback that leaves tables, columns or indexes behind (or fails) turns an incident into a second one: the next deploy of the same migration fails or the schema drifts.',
    remediation: { text: 'Make the down migration undo every object its up migration creates or changes (the listed differences), and test it by applying up, down and up again.', effort: 'low' },
    messages: {
      downFails: 'down migration for {{migration}} fails: `{{statement}}`: {{error}}',
      notRestored: 'down migration for {{migration}} does not restore the schema: {{differences}}',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.keepsDown && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no SQL migration set keeps down migrations');
    const byPkg = new Map<string | null, { checked: number; unknown: string[] }>();
    for (const set of sets) {
      const r = byPkg.get(set.package) ?? { checked: 0, unknown: [] };
      byPkg.set(set.package, r);
      const p = probeOfSet(ctx, 'migrations-apply', set);
      if (!p || p.status !== 'ran') { r.unknown.push(`${set.path} was not applied: ${p?.reason ?? 'no apply result'}`); continue; }
      const o = p.figures as unknown as ApplyOutcome;
      for (const d of o.downChecks) {
        r.checked++;
        if (d.restored) continue;
        const first = (ctx.migrations.statements[d.down] ?? []).find((s) => s.down);
        ctx.report({
          messageId: d.failure ? 'downFails' : 'notRestored',
          data: {
            migration: d.path, statement: d.failure?.statement ?? '', error: d.failure?.message ?? '',
            differences: `${d.differences.slice(0, 5).join('; ')}${d.differences.length > 5 ? ` (+${d.differences.length - 5} more)` : ''}`,
          },
          location: { path: d.failure?.path ?? d.down, line: d.failure?.line ?? first?.line ?? 1 },
          evidence: [commandEvidence(p), ...d.differences.slice(0, 10).map((text) => ({ kind: 'note' as const, text }))],
        });
      }
      if (o.status === 'failed') r.unknown.push(`${set.path} stopped applying at ${o.failure?.path}:${o.failure?.line}; later down migrations were not checked`);
    }
    for (const [pkg, r] of byPkg) {
      if (r.unknown.length > 0) ctx.unknown(r.unknown.join('; '), pkg);
      else ctx.pass(`${plural(r.checked, 'down migration')} applied after its up; schema snapshots compared`, pkg);
    }
  },
});
