// The report's place in history: which commit added it, what changed since, and a temporary
// worktree for --at. Every git call goes through the hardened git helper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { git as runGit } from '../probes/git.js';
import { UsageError } from '../util/errors.js';
import { toPosix } from '../util/text.js';
import type { Provenance } from './model.js';

async function git(cwd: string, args: string[]): Promise<string | null> {
  const r = await runGit(cwd, args);
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

export async function gitTop(dir: string): Promise<string | null> {
  return git(dir, ['rev-parse', '--show-toplevel']);
}

export async function resolveCommit(gitRoot: string, rev: string): Promise<string> {
  const c = await git(gitRoot, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!c) throw new UsageError(`--at ${rev}: no such commit in ${gitRoot}`);
  return c;
}

/** The changed lines (+/-) of each file between the report commit and the checked revision. */
export async function changedLines(repoRoot: string, prov: Provenance): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!prov.addedIn || prov.changedSince.length === 0) return out;
  const args = ['diff', '-U0', '--no-color', '--relative', prov.addedIn, ...(prov.checkedAt && prov.checkedAt !== 'working-tree' ? [prov.checkedAt] : [])];
  const diff = await git(repoRoot, args);
  let file = '';
  for (const l of (diff ?? '').split('\n')) {
    const m = l.match(/^\+\+\+ b\/(.*)$|^--- a\/(.*)$/);
    if (m) { file = m[1] ?? m[2]; continue; }
    if (file && /^[+-]/.test(l)) out.set(file, `${out.get(file) ?? ''}${l.slice(1)}\n`);
  }
  return out;
}

/** Where the report came from, relative to the repository root the claims are checked against. */
export async function provenance(reportAbs: string, repoRoot: string, at: string | null): Promise<Provenance> {
  const none: Provenance = { tracked: false, addedIn: null, addedOn: null, checkedAt: null, changedSince: [], changesUnknown: null };
  const top = await gitTop(repoRoot);
  if (!top) return none;
  const checkedAt = at ?? 'working-tree';
  const rel = toPosix(relative(top, reportAbs));
  if (rel.startsWith('..') || !(await git(top, ['ls-files', '--error-unmatch', '--', rel]))) return { ...none, checkedAt };
  const log = await git(top, ['log', '--diff-filter=A', '--format=%H%x09%cs', '--', rel]);
  const last = log?.split('\n').filter(Boolean).pop();
  if (!last) return { ...none, tracked: true, checkedAt };
  const [addedIn, addedOn] = last.split('\t');
  const d = await runGit(top, at ? ['diff', '--name-only', addedIn, at] : ['diff', '--name-only', addedIn]);
  // A diff git could not produce (objects missing from a shallow or partial clone) says nothing about
  // what changed: it is reported as unknown, never read as "nothing changed since the report".
  if (d.exitCode !== 0) {
    const why = d.stderr.trim().split('\n').pop() || `exit ${d.exitCode}`;
    return { tracked: true, addedIn, addedOn, checkedAt, changedSince: [], changesUnknown: `git diff --name-only ${addedIn.slice(0, 7)} failed: ${why}` };
  }
  const prefix = toPosix(relative(top, repoRoot));
  const changedSince = d.stdout.trim().split('\n').filter(Boolean)
    .map((p) => (prefix ? (p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : null) : p))
    .filter((p): p is string => p !== null && p !== toPosix(relative(repoRoot, reportAbs)));
  return { tracked: true, addedIn, addedOn, checkedAt, changedSince, changesUnknown: null };
}

export interface Worktree {
  root: string;
  remove: () => Promise<void>;
}

/** A detached worktree of `commit`; `root` is the same sub-folder the repository root is in. */
export async function worktreeAt(repoRoot: string, commit: string): Promise<Worktree> {
  const top = await gitTop(repoRoot);
  if (!top) throw new UsageError(`--at needs a git repository; ${repoRoot} is not in one`);
  const dir = mkdtempSync(join(tmpdir(), 'verdict-at-'));
  const r = await runGit(top, ['worktree', 'add', '--detach', dir, commit], 120_000);
  if (r.exitCode !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new UsageError(`--at ${commit}: git worktree add failed: ${r.stderr.trim().split('\n').pop()}`);
  }
  return {
    root: join(dir, relative(top, repoRoot)),
    remove: async () => {
      await runGit(top, ['worktree', 'remove', '--force', dir]);
      rmSync(dir, { recursive: true, force: true });
      await runGit(top, ['worktree', 'prune']);
    },
  };
}
