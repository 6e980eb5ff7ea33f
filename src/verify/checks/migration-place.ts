// "`db/migrations/` - Database migrations", "Migration Location: `db/migrations/` (only location)": a folder
// the report says holds the migrations, judged against the migration sets the audit discovered in the
// release code (templates, staging and archived copies are not the release). "Only" is refuted by another
// release set.
import type { MigrationSet } from '../../model/migrations.js';
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

export function migrationPlaceClaim(raw: RawClaim): Subject | null {
  const t = raw.text.replace(/\*\*/g, '');
  if (!/\bmigrations?\b/i.test(t)) return null;
  const folders = [...t.matchAll(/`([\w@.-]+(?:\/[\w@.-]+)*\/?)`/g)].map((m) => m[1]).filter((p) => !/\.\w{1,6}$/.test(p) && p.includes('/'));
  if (folders.length !== 1) return null;
  // The folder is what the line is about: it leads the line, or the line names it as the migrations' location.
  if (!/^`[^`]+`\s*[-–—:]\s*.*\bmigrations?\b/i.test(t) && !/\bmigrations?\s+(location|folder|directory|path)\b\s*:/i.test(t)) return null;
  return { topic: 'migration-place', path: folders[0].replace(/\/+$/, ''), only: /\bonly\b/i.test(t) };
}

const first = (ctx: CheckContext, s: MigrationSet) => fileEvidence({ path: s.files[0] ?? s.path, line: 1, text: ctx.repo.lines(s.files[0] ?? '')?.[0] ?? '' });

export function migrationPlace(s: Subject, ctx: CheckContext): Check {
  const sets = ((ctx.run.inventory.migrations as MigrationSet[] | undefined) ?? []).filter((m) => ctx.repo.isRelease(`${m.path}/x.sql`));
  const path = String(s.path);
  const here = sets.find((m) => m.path === path);
  if (!here) {
    if (!ctx.repo.isDir(path)) return contradicted(`${path}: no such folder`, [figure(`folders named ${path}`, 0)]);
    return contradicted(`${path} holds no migration set the audit found in release code${sets.length ? `; the sets are in ${sets.map((m) => m.path).join(', ')}` : ''}`, [...sets.slice(0, 2).map((m) => first(ctx, m)), figure('release migration sets', sets.length)]);
  }
  if (s.only) {
    const others = sets.filter((m) => m !== here);
    if (others.length) return contradicted(`${path} is not the only migrations folder: ${others.map((m) => `${m.path} (${m.files.length} file(s))`).join(', ')}`, [...others.slice(0, 3).map((m) => first(ctx, m)), figure('other release migration sets', others.length)]);
    return confirmed(`${path} is the one migration set in the release code (${here.files.length} file(s))`, [first(ctx, here), figure('release migration sets', 1)]);
  }
  if (here.files.length === 0) return unverifiable(`${path} is a migrations folder with no migration files`);
  return confirmed(`${path} holds ${here.files.length} ${here.runner} migration(s), first ${here.files[0]}`, [first(ctx, here), figure(`migrations in ${path}`, here.files.length)]);
}
