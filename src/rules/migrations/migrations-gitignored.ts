import { posix } from 'node:path';
import ignore from 'ignore';
import type { DeclaredMigrationFolder } from '../../discover/migrations.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { migrationAppliers, type Where } from '../shared/migration-appliers.js';

/** Files a folder of each runner holds: the folder is kept out of git when these are. */
const SAMPLE_FILES: Record<DeclaredMigrationFolder['runner'], readonly string[]> = {
  prisma: ['20240101000000_init/migration.sql', 'migration_lock.toml'],
  drizzle: ['0000_init.sql', 'meta/_journal.json'],
  'wrangler-d1': ['0001_init.sql'],
  knex: ['20240101000000_init.js', '20240101000000_init.ts'],
  typeorm: ['1700000000000-Init.ts', '1700000000000-Init.js'],
};

/** The .gitignore line that keeps `rel` (relative to the .gitignore's folder) out of git, or null when git keeps it. */
function ignoringLine(text: string, rel: string): { line: number; pattern: string } | null {
  const lines = text.split(/\r?\n/);
  if (!ignore().add(lines).ignores(rel)) return null;
  // The last pattern that ignores it on its own is the one a reader changes.
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i].trim();
    if (l && !l.startsWith('#') && !l.startsWith('!') && ignore().add(l).ignores(rel)) return { line: i + 1, pattern: l };
  }
  return { line: 1, pattern: '(several patterns)' };
}

/** Where a .gitignore of the repository keeps a migration folder's files out of git, or null. */
function ignoredBy(ctx: RepoRuleContext, folder: DeclaredMigrationFolder): { gitignore: string; line: number; pattern: string } | null {
  for (const [path, text] of ctx.documents) {
    if (posix.basename(path) !== '.gitignore') continue;
    const dir = posix.dirname(path);
    if (dir !== '.' && !folder.path.startsWith(`${dir}/`)) continue;
    const base = dir === '.' ? folder.path : folder.path.slice(dir.length + 1);
    for (const f of SAMPLE_FILES[folder.runner]) {
      const hit = ignoringLine(text, `${base}/${f}`);
      if (hit) return { gitignore: path, ...hit };
    }
  }
  return null;
}

/** Each command of package scripts (all of them), CI steps, Dockerfiles, deploy configs and shell scripts, and the code, that applies migrations of a runner. */
const appliersOf = (ctx: RepoRuleContext): Map<string, Where> => migrationAppliers(ctx, true).appliers;

export default defineRepoRule({
  id: 'migrations/migrations-gitignored',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'The migrations folder is git-ignored while the deploy applies migrations',
    rationale: 'A .gitignore that keeps the ORM\'s migrations folder out of git leaves production\'s schema to files on one developer\'s disk: `prisma migrate deploy` (or drizzle-kit migrate, wrangler d1 migrations apply) in CI or the container finds no migration, or other ones, and nobody can rebuild the schema from the repository.',
    remediation: { text: 'Remove the pattern from .gitignore (or add a negation such as `!prisma/migrations/`) and commit the migrations folder; generated files to keep out belong elsewhere.', effort: 'low' },
    messages: {
      ignored: '{{gitignore}}:{{line}} `{{pattern}}` keeps {{folder}} ({{runner}} migrations, {{declared}}) out of git, while {{applier}} applies them: production\'s schema cannot be reproduced from the repository',
    },
  },
  check(ctx) {
    // A folder an example, a fixture or an archived copy declares is not production's.
    const folders = ctx.layout.migrationFolders.filter((f) => ['service', 'config', 'migration', 'script'].includes(ctx.layout.roles.of(f.declaredIn.path)));
    if (folders.length === 0) return ctx.notApplicable('no Prisma schema, drizzle config or wrangler D1 binding names a migrations folder');
    if (![...ctx.documents.keys()].some((p) => posix.basename(p) === '.gitignore')) return ctx.pass(`${folders.length} migrations folder(s); no .gitignore`);
    const appliers = appliersOf(ctx);
    let judged = 0;
    for (const folder of folders) {
      const applier = appliers.get(folder.runner);
      if (!applier) continue;
      judged++;
      const hit = ignoredBy(ctx, folder);
      if (!hit) continue;
      ctx.report({
        messageId: 'ignored',
        data: { ...hit, folder: `${folder.path}/`, runner: folder.runner, declared: `named by ${folder.declaredIn.path}`, applier: `\`${applier.text}\` (${applier.path}:${applier.line})` },
        location: { path: hit.gitignore, line: hit.line },
        evidence: [
          { kind: 'file', path: hit.gitignore, line: hit.line, snippet: hit.pattern },
          { kind: 'file', path: applier.path, line: applier.line, snippet: applier.text },
          { kind: 'file', path: folder.declaredIn.path, line: folder.declaredIn.line, snippet: `${folder.runner} migrations folder: ${folder.path}/` },
        ],
      });
    }
    if (judged === 0) return ctx.notApplicable(`${folders.length} migrations folder(s), none applied by a script, workflow, Dockerfile or the code`);
    ctx.pass(`${judged} applied migrations folder(s) checked against every .gitignore: all kept in git`);
  },
});
