import { defineRepoRule } from '../api.js';
import { plural, setsOf } from '../shared/migrations.js';

export default defineRepoRule({
  id: 'migrations/missing-down-migration',
  meta: {
    category: 'migrations',
    severity: 'medium',
    title: 'Migration without a down migration where the project keeps them',
    rationale: 'A project that keeps rollback migrations promises it can undo a release; the migrations without one are the ones that cannot be undone when it matters.',
    remediation: { text: 'Write the down migration (a `.down.sql` beside it, a `down.sql` in its folder, a down section, or a `down()` function) that undoes exactly what the up migration does.', effort: 'low' },
    messages: {
      noDown: '{{migration}} has no down migration, while {{others}} other migration(s) of {{set}} do',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.keepsDown);
    if (sets.length === 0) return ctx.notApplicable('no migration set keeps down migrations');
    for (const set of sets) {
      const lacking = set.migrations.filter((m) => m.down === null);
      for (const m of lacking) ctx.report({ messageId: 'noDown', data: { migration: m.name, others: set.migrations.length - lacking.length, set: set.path }, location: { path: m.path, line: 1 } });
      ctx.pass(`${set.migrations.length - lacking.length} of ${plural(set.migrations.length, 'migration')} in ${set.path} have a down migration`, set.package);
    }
  },
});
