// Which migration files are history (applied long ago) and which are pending, from git: a file
// present and unchanged at the last release tag was part of that release; one added or changed
// since is still to deploy. Without a tag, a file changed on this branch against the default branch
// is pending and the rest unknown. Git runs through the hardened helper (no hooks, no fsmonitor).
import type { MigrationState } from './discover/index.js';
import { git } from './probes/git.js';

export interface MigrationStates {
  states: Map<string, MigrationState>;
  /** What the states were decided against, for the report. */
  basis: string;
}

const lines = (out: string): string[] => out.split('\0').filter(Boolean);

/** `paths`: the migration files, relative to `root` (the audited folder, which may sit inside a larger repository). */
export async function migrationStates(root: string, paths: string[]): Promise<MigrationStates | null> {
  if (paths.length === 0) return null;
  const states = new Map<string, MigrationState>();
  const top = await git(root, ['rev-parse', '--show-toplevel'], 10_000);
  if (top.exitCode !== 0) return { states, basis: 'not a git repository: whether each migration is applied is unknown' };
  const dirs = [...new Set(paths.map((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.')))].sort();
  const tag = await git(root, ['describe', '--tags', '--abbrev=0', 'HEAD'], 10_000);
  const name = tag.exitCode === 0 ? tag.stdout.trim() : '';
  if (name) {
    // Paths relative to the audited folder: ls-tree lists relative to its working folder, diff with --relative.
    const atTag = await git(root, ['ls-tree', '-r', '--name-only', '-z', `refs/tags/${name}`, '--', ...dirs], 30_000);
    const changed = await git(root, ['diff', '--name-only', '-z', '--relative', `refs/tags/${name}`, '--', ...dirs], 30_000);
    if (atTag.exitCode === 0 && changed.exitCode === 0) {
      const released = new Set(lines(atTag.stdout));
      const since = new Set(lines(changed.stdout));
      for (const p of paths) states.set(p, released.has(p) && !since.has(p) ? 'history' : 'pending');
      return { states, basis: `against the last tag ${name}: in it and unchanged since is history, anything else pending` };
    }
  }
  // No tag: what this branch changes against the default branch is pending; the rest cannot be told.
  const head = await git(root, ['rev-parse', '--abbrev-ref', 'refs/remotes/origin/HEAD'], 10_000);
  const base = head.exitCode === 0 ? await git(root, ['merge-base', 'HEAD', head.stdout.trim()], 10_000) : null;
  if (base && base.exitCode === 0) {
    const changed = await git(root, ['diff', '--name-only', '-z', '--relative', base.stdout.trim(), '--', ...dirs], 30_000);
    if (changed.exitCode === 0) for (const p of lines(changed.stdout)) if (paths.includes(p)) states.set(p, 'pending');
  }
  const pending = states.size > 0 ? `${states.size} changed on this branch against ${head.stdout.trim()} pending, the rest unknown` : 'whether each migration is applied is unknown';
  return { states, basis: `no release tag${name ? ` readable (${name})` : ''}: ${pending}` };
}
