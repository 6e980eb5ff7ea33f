import type { ApplyOutcome } from '../../probes/migrations/apply.js';
import { defineRepoRule } from '../api.js';
import { platformObjectMissing, platformOfMigrations } from '../../knowledge/index.js';
import { commandEvidence } from '../shared/probes.js';
import { plural, probeOfSet, setsOf } from '../shared/migrations.js';

export default defineRepoRule({
  id: 'migrations/apply-from-scratch',
  meta: {
    category: 'migrations',
    severity: 'critical',
    title: 'Every migration set applies from scratch to a real engine',
    rationale: 'A migration that fails on an empty database fails on a new environment, in CI and in disaster recovery; Prisma and similar runners send a file as one script, so some statements fail only there.',
    remediation: { text: 'Fix the failing statement (the engine message says why), or split it into its own migration when the runner cannot run it inside one script or transaction; re-run verdict.', effort: 'medium' },
    messages: {
      doesNotApply: '{{set}} does not apply from scratch ({{engine}}, {{runner}}): `{{statement}}` failed: {{error}}',
    },
    blocking: true,
  },
  check(ctx) {
    const sets = setsOf(ctx);
    if (sets.length === 0) return ctx.notApplicable('no migration set found');
    const byPkg = new Map<string | null, { applied: string[]; unknown: string[] }>();
    const note = (pkg: string | null) => byPkg.get(pkg) ?? byPkg.set(pkg, { applied: [], unknown: [] }).get(pkg)!;
    for (const set of sets) {
      if (set.format === 'js') {
        note(set.package).unknown.push(`${set.path} holds ${set.runner} migrations written as code; verdict does not run the repository's code to apply them`);
        continue;
      }
      const p = probeOfSet(ctx, 'migrations-apply', set);
      if (!p || p.status !== 'ran') {
        note(set.package).unknown.push(`${set.path} was not applied: ${p?.reason ?? 'no apply result'}`);
        continue;
      }
      const o = p.figures as unknown as ApplyOutcome;
      // A set written for a platform (Supabase) may use the schemas and roles the platform provides:
      // failing on one of those says nothing about the migration, and the rest was not applied.
      const platform = platformOfMigrations(set.path);
      const provided = o.status === 'failed' && o.failure && platform ? platformObjectMissing(platform, o.failure.message) : null;
      if (provided && o.failure) {
        note(set.package).unknown.push(`${set.path} uses ${provided}, which ${platform!.name} provides and an empty ${o.engine} lacks (${o.failure.path}:${o.failure.line}); ${o.applied} of ${o.total} migration(s) applied before it, the rest not verified`);
      } else if (o.status === 'failed' && o.failure) {
        ctx.report({
          messageId: 'doesNotApply',
          data: { set: set.path, engine: o.engine, runner: set.runner, statement: o.failure.statement, error: o.failure.message },
          location: { path: o.failure.path, line: o.failure.line },
          evidence: [commandEvidence(p), { kind: 'figure', name: 'migrations applied before the failure', value: o.applied }],
        });
      } else {
        note(set.package).applied.push(`${set.path} (${plural(o.applied, 'migration')}, ${o.engine})`);
      }
    }
    for (const [pkg, r] of byPkg) {
      if (r.unknown.length > 0) ctx.unknown(r.unknown.join('; '), pkg);
      else ctx.pass(`applied from scratch: ${r.applied.join(', ')}`, pkg);
    }
  },
});
