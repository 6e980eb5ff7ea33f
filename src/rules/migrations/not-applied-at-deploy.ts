import { MIGRATION_APPLIERS } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { migrationAppliers } from '../shared/migration-appliers.js';

/** Runners whose appliers verdict knows (knowledge/migration-appliers.ts); D1's has its own rule (d1-applied-only-locally). */
const JUDGED = new Set(['prisma', 'drizzle', 'knex', 'typeorm', 'sequelize', 'kysely', 'dbmate']);
/** Roles a migration folder of the release has (not an example's, a test fixture's or an archived copy's). */
const RELEASE = new Set(['service', 'config', 'migration', 'script']);

export default defineRepoRule({
  id: 'migrations/not-applied-at-deploy',
  meta: {
    category: 'migrations',
    severity: 'medium',
    title: 'The deploy never applies the migrations',
    rationale: 'Migrations that no deploy step runs (container start, release command, CI deploy job, start script, the app\'s own migrate() at start) reach production only when someone remembers to run them: a release ships code for a schema the database does not have yet.',
    remediation: {
      text: 'Apply them as a deploy step: a release/pre-deploy command (`prisma migrate deploy`, `knex migrate:latest`, `typeorm migration:run`, `sequelize db:migrate`, `drizzle-kit migrate`), the container\'s entrypoint before the server starts, or the runner\'s migrate call at start.',
      effort: 'low',
    },
    messages: {
      notApplied: '{{count}} {{runner}} migration(s) in {{folder}}/ are applied by nothing the deploy runs ({{looked}}): production\'s schema depends on someone running `{{command}}` by hand',
    },
  },
  check(ctx) {
    const sets = ctx.migrations.sets.filter((s) => JUDGED.has(s.runner) && s.files.length > 0 && RELEASE.has(ctx.layout.roles.of(s.files[0])));
    if (sets.length === 0) return ctx.notApplicable('no migration set of a runner whose appliers verdict knows (Prisma, drizzle, knex, TypeORM, Sequelize, Kysely, dbmate)');
    const scan = migrationAppliers(ctx, false);
    const byPackage = new Map<string | null, { pass: string[]; unknown: string[] }>();
    const note = (pkg: string | null) => byPackage.get(pkg) ?? byPackage.set(pkg, { pass: [], unknown: [] }).get(pkg)!;
    for (const set of sets) {
      const applied = scan.appliers.get(set.runner);
      if (applied) { note(set.package).pass.push(`${set.path}/ applied by \`${applied.text}\` (${applied.path}:${applied.line})`); continue; }
      // A schema push on the deploy path: migrations/prisma-db-push and schema-push-only judge it.
      if (scan.pushes.has(set.runner)) { note(set.package).pass.push(`${set.path}/: the deploy pushes the schema instead (reported by the push rules)`); continue; }
      if (scan.deployFiles.length === 0) {
        note(set.package).unknown.push(`no deploy files (Dockerfile, Procfile, fly.toml, render.yaml, railway, compose, manifests) and no deploy script applies ${set.path}/; whether migrations run at deploy not verified`);
        continue;
      }
      const at = set.declaredIn ?? { path: set.files[0], line: 1 };
      const looked = scan.deployFiles.slice(0, 3).join(', ') + (scan.deployFiles.length > 3 ? ` and ${scan.deployFiles.length - 3} more` : '') + ', package scripts, CI steps, the code';
      ctx.report({
        messageId: 'notApplied',
        data: { count: set.files.length, runner: set.runner, folder: set.path, looked, command: MIGRATION_APPLIERS.find((a) => a.runner === set.runner)?.example ?? `${set.runner} migrate` },
        location: { path: at.path, line: at.line },
        package: set.package,
        evidence: [
          { kind: 'file', path: at.path, line: at.line, snippet: `${set.runner} migrations: ${set.path}/ (${set.files.length} file(s))` },
          ...scan.deployFiles.slice(0, 5).map((path) => ({ kind: 'file' as const, path, line: 1, snippet: 'deploy file: runs no migration applier' })),
        ],
      });
    }
    for (const [pkg, n] of byPackage) {
      if (n.unknown.length > 0) ctx.unknown(n.unknown.join('; '), pkg ?? undefined);
      else if (n.pass.length > 0) ctx.pass(n.pass.join('; '), pkg ?? undefined);
    }
  },
});
