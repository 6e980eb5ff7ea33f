// "Commits: cac2649, 870fcd9", "77 files changed", "5072 insertions, 1681 deletions": facts of the git
// history, not of the tree. Read once, before the claims are checked, through the hardened git runner
// (hooks and fsmonitor off); a tree without its .git says so as the reason, never guesses.
import { git } from '../../probes/git.js';
import type { Evidence } from '../../model/run.js';
import { figure } from '../repo.js';
import { confirmed, contradicted, unverifiable, type Verifier } from './context.js';

export interface CommitStat { hash: string; full: string | null; files: number; insertions: number; deletions: number; command: string }

/** What the history says of the commits a report names, or why it cannot say anything. */
export type History = { reason: string } | { commits: Map<string, CommitStat> };

const HASH = /\b[0-9a-f]{7,40}\b/g;

/**
 * Commit-looking hashes in the text: 7 to 40 hex digits with at least one letter and one digit; where the
 * text names commits (`Commits:`, `Commit 1:`), also one of digits alone: one short hash in about 27 is
 * (`4410937`), and git says whether it is a commit.
 */
export function hashesIn(text: string): string[] {
  const named = /\bcommits?\b/i.test(text);
  return [...new Set((text.match(HASH) ?? []).filter((h) => (/[a-f]/.test(h) && /\d/.test(h)) || (named && /^\d+$/.test(h))))];
}

/** The history claim a line makes, or null: the commits it names and the figures it gives. */
export function historyClaim(text: string, section: string[], lead = ''): Record<string, string | number | boolean> | null {
  const t = text.replace(/[*_`]/g, '');
  const n = (re: RegExp) => Number(t.match(re)?.[1]?.replace(/,/g, '') ?? -1);
  const files = n(/\b(\d[\d,]*)\s+files?\s+(?:changed|modified)\b/i);
  const insertions = n(/\b(\d[\d,]*)\s+insertions?\b/i);
  const deletions = n(/\b(\d[\d,]*)\s+deletions?\b/i);
  const own = hashesIn(t);
  const named = /\bcommits?\b/i.test(t) && own.length > 0;
  if (!named && files < 0 && insertions < 0 && deletions < 0) return null;
  const heading = [...section].reverse().find((s) => hashesIn(s).length > 0);
  const commits = own.length ? own : heading ? hashesIn(heading) : [];
  // Figures with no commit on the line or above it are not read as history.
  if (commits.length === 0 && !named && !section.some((s) => /\bcommits?\b/i.test(s))) return null;
  // "**Total Changes:** - 89 files modified": the figures of every commit summarised beside it, not of the last one.
  const total = /\btotal\b/i.test(t) || /\btotal\b/i.test(lead);
  return { commits: commits.join(','), files, insertions, deletions, ...(total && own.length === 0 ? { total: true } : {}) };
}

/**
 * A total's commits: every commit the history claims name in the section that holds the total's own
 * (the commit headings side by side under one summary), so its figures are their sums.
 */
export function withTotals<T extends { kind: string; subject: Record<string, unknown> }>(claims: T[], sections: string[][]): T[] {
  return claims.map((c, i) => {
    if (c.kind !== 'history' || !c.subject.total) return c;
    const parent = sections[i].slice(0, -1).join('\u0000');
    const within = (j: number) => (sections[j].length > 0 && sections[j].slice(0, -1).join('\u0000') === parent) || sections[j].join('\u0000') === parent;
    const named = claims.flatMap((o, j) => (o !== c && o.kind === 'history' && !o.subject.total && within(j) ? String(o.subject.commits ?? '').split(',').filter(Boolean) : []));
    return named.length ? { ...c, subject: { ...c.subject, commits: [...new Set(named)].join(',') } } : c;
  });
}

/** Reads `git show --shortstat` for each hash; a tree without a git directory gives the reason instead. */
export async function readHistory(gitRoot: string | null, hashes: string[]): Promise<History> {
  if (!gitRoot) return { reason: 'the repository has no .git here, so its history (commits, files changed, insertions) cannot be read' };
  const commits = new Map<string, CommitStat>();
  for (const h of hashes) {
    const r = await git(gitRoot, ['show', '--shortstat', '--format=%H', h, '--']);
    if (r.exitCode !== 0) { commits.set(h, { hash: h, full: null, files: 0, insertions: 0, deletions: 0, command: r.command }); continue; }
    const lines = r.stdout.trim().split('\n');
    const stat = lines.find((l) => /files? changed/.test(l)) ?? '';
    const num = (re: RegExp) => Number(stat.match(re)?.[1] ?? 0);
    commits.set(h, { hash: h, full: lines[0].trim(), files: num(/(\d+) files? changed/), insertions: num(/(\d+) insertions?/), deletions: num(/(\d+) deletions?/), command: r.command });
  }
  return { commits };
}

const command = (c: CommitStat): Evidence => ({ kind: 'command', command: c.command, exitCode: c.full ? 0 : 128, durationMs: 0, excerpt: c.full ? `${c.full}: ${c.files} files changed, ${c.insertions} insertions, ${c.deletions} deletions` : 'unknown revision' });

export const history: Verifier = (s, ctx) => {
  const h = ctx.history;
  if (!h) return unverifiable('the git history was not read for this report');
  if ('reason' in h) return unverifiable(h.reason);
  const hashes = String(s.commits).split(',').filter(Boolean);
  if (hashes.length === 0) return unverifiable('the line names no commit whose figures these are');
  const stats = hashes.map((x) => h.commits.get(x)).filter((x): x is CommitStat => Boolean(x));
  const missing = stats.filter((c) => !c.full);
  if (missing.length) return contradicted(`no commit ${missing.map((c) => c.hash).join(', ')} in this repository's history`, missing.map(command));
  const ev = stats.map(command);
  const wrong: string[] = [];
  const sum = (k: 'files' | 'insertions' | 'deletions') => stats.reduce((a, c) => a + c[k], 0);
  for (const k of ['files', 'insertions', 'deletions'] as const) {
    const claimed = Number(s[k]);
    if (claimed >= 0 && claimed !== sum(k)) wrong.push(`${claimed} ${k === 'files' ? 'files changed' : k} (git: ${sum(k)})`);
  }
  if (wrong.length) return contradicted(`the report says ${wrong.join(', ')} for ${hashes.join(', ')}`, [...ev, figure('files changed (git)', sum('files'))]);
  return confirmed(`${hashes.join(', ')} ${stats.length === 1 ? 'is a commit' : 'are commits'} of this history${Number(s.files) >= 0 || Number(s.insertions) >= 0 ? ', with the figures given' : ''}`, ev);
};

/** Every hash a report's history claims name, to read them once before checking. */
export function historyHashes(subjects: Array<Record<string, unknown>>): string[] {
  return [...new Set(subjects.flatMap((s) => String(s.commits ?? '').split(',').filter(Boolean)))];
}

