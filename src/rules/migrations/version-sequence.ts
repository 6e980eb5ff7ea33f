import { defineRepoRule } from '../api.js';
import { plural, runnerVersion, setsOf } from '../shared/migrations.js';

export default defineRepoRule({
  id: 'migrations/version-sequence',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'Migration versions are unique, in order and without gaps',
    rationale: 'Two migrations with one version number (usually from two branches merged) apply in an order nobody chose, and runners that track versions skip one of them; numbers out of order or missing mean a migration was renamed or lost.',
    remediation: { text: 'Renumber the later migration to the next free version (and update the runner\'s journal when it keeps one); never renumber migrations already applied in production without updating the version table.', effort: 'low' },
    messages: {
      duplicate: 'version {{version}} is used twice in {{set}}: {{first}} and {{second}}',
      duplicateByName: 'version {{version}} is used twice in {{set}}: {{first}} and {{second}} ({{runner}} records migrations by name: both apply, in name order)',
      outOfOrder: 'version {{version}} sorts after {{previous}}: the runner applies files by name, so it runs out of numeric order',
      gap: 'versions jump from {{previous}} to {{version}} in {{set}}: a migration is missing or was renumbered',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.versions.length > 0);
    if (sets.length === 0) return ctx.notApplicable('no migration set with version prefixes');
    for (const set of sets) {
      const seen = new Map<string, string>();
      const numbered = set.migrations.filter((m) => m.version !== null).map((m) => ({ ...m, version: runnerVersion(m) }));
      // Prisma, Drizzle, wrangler d1, Knex, Kysely and sequelize-cli (its SequelizeMeta table) record each migration by its whole name, so two
      // that share a number both apply, in name order, which nobody chose (low; two Prisma
      // migrations generated in the same second share a timestamp); goose, dbmate and hand-written runners key on the number
      // and skip one of them (high).
      const byName = ['prisma', 'drizzle', 'wrangler-d1', 'knex', 'kysely', 'sequelize'].includes(set.runner);
      for (const m of numbered) {
        const key = String(BigInt(m.version!));
        const first = seen.get(key);
        if (first) {
          ctx.report({
            ...(byName ? { severity: 'low' as const } : {}),
            messageId: byName ? 'duplicateByName' : 'duplicate',
            data: { version: m.version!, set: set.path, first, second: m.path, runner: set.runner },
            location: { path: m.path, line: 1 }, evidence: [{ kind: 'file', path: first, line: 1, snippet: first }] });
        } else seen.set(key, m.path);
      }
      const nums = numbered.map((m) => Number(m.version));
      for (let i = 1; i < numbered.length; i++) {
        if (nums[i] < nums[i - 1]) {
          ctx.report({ severity: 'medium', messageId: 'outOfOrder', data: { version: numbered[i].version!, previous: numbered[i - 1].version! }, location: { path: numbered[i].path, line: 1 } });
        }
      }
      // Gaps only mean something for small sequential numbers (001, 002, ...), not timestamps.
      const sequential = nums.length > 1 && nums.every((n) => n < 100_000) && nums.every((n, i) => i === 0 || n >= nums[i - 1]);
      if (sequential) {
        for (let i = 1; i < nums.length; i++) {
          if (nums[i] > nums[i - 1] + 1) ctx.report({ severity: 'low', messageId: 'gap', data: { previous: numbered[i - 1].version!, version: numbered[i].version!, set: set.path }, location: { path: numbered[i].path, line: 1 } });
        }
      }
    }
    for (const set of sets) ctx.pass(`${plural(set.versions.length, 'version')} checked in ${set.path}`, set.package);
  },
});
