// "All operations are idempotent", "No destructive operations", "No data loss possible", "no locking
// operations", "duplicate detection before the UNIQUE constraint": properties of a migration, judged
// statement by statement on the migration the claim is about (the file it names, else the migration
// file the report names nearest to it, else every release migration). Each verdict cites the
// statement that decides it.
import type { MigrationSet } from '../../model/migrations.js';
import { fileStatements } from '../../probes/migrations/statements.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable, type Verifier } from './context.js';

export const MIGRATION_PROPERTIES = ['idempotent', 'non-destructive', 'no-locks', 'check-before-unique'] as const;
export type MigrationProperty = (typeof MIGRATION_PROPERTIES)[number];

/**
 * The migration property a line claims, or null. A line about an UPDATE or a backfill ("Re-runnable
 * (only updates NULL clientIds)") is about the backfill, not the migration as a whole: null here.
 */
export function migrationProperty(text: string): MigrationProperty | null {
  const t = text.replace(/[*_`]/g, '');
  if (/\b(updates?|backfill\w*)\b/i.test(t)) return null;
  if (/\bduplicate (detection|checks?)\b[^.|]*\bbefore\b[^.|]*\bunique\b/i.test(t)) return 'check-before-unique';
  if (/\bidempotent\b|\bre-?runnable\b|\bsafe to re-?run\b|\bcan be re-?run\b/i.test(t)) return 'idempotent';
  if (/\bno (destructive|data[- ]destroying) (operations|statements|changes)\b|\bno data loss\b|\badditive only\b|\bnon-destructive\b/i.test(t)) return 'non-destructive';
  if (/\bno (table )?lock(s|ing)?( operations| statements)?\b|\bwithout (taking )?(table )?locks?\b/i.test(t)) return 'no-locks';
  return null;
}

/**
 * A line about the backfill rather than the migration as a whole: it names the backfill or an UPDATE
 * together with a property ("Re-runnable (only updates NULL clientIds)"), or says that something runs
 * before the constraints without naming it ("Runs before FK/UNIQUE constraints"): in a migration what
 * runs before its constraints is the data fix they need. Null otherwise; `before` when it claims that order.
 */
export function backfillClaim(text: string): { before: boolean } | null {
  const t = text.replace(/[*_`]/g, '');
  const before = /\bbefore\b[^.|]*\b(fk|foreign keys?|unique|constraints?)\b/i.test(t);
  if (/\bback-?fill/i.test(t)) return { before };
  if (/\bupdates?\b/i.test(t) && /\bidempotent\b|\bre-?runnable\b|\bre-?run\b/i.test(t)) return { before };
  if (/^(✅\s*)?(runs?|executes?|happens?)\b/i.test(t.replace(/^[^\p{L}]+/u, '')) && before) return { before };
  return null;
}

interface Stmt { path: string; line: number; text: string }

const sqlOnly = (s: string) => s.replace(/--[^\n]*/g, ' ').replace(/\s+/g, ' ').trim();

/** Release migration sets of SQL files, as the audit discovered them. */
function sqlSets(ctx: CheckContext): MigrationSet[] {
  const sets = (ctx.run.inventory.migrations as MigrationSet[] | undefined) ?? [];
  return sets.filter((s) => s.format === 'sql' && ctx.repo.isRelease(s.path));
}

/**
 * The migration files a claim is about: the migration file named in the report nearest to the claim's
 * line (the section's `**File:**`), else every file of the release sets.
 */
function subjectFiles(ctx: CheckContext, sets: MigrationSet[], line: number): { files: string[]; how: string } {
  const all = sets.flatMap((s) => s.files);
  const lines = (ctx.reportText ?? '').split('\n');
  let best: { file: string; distance: number } | null = null;
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/[\w@./-]+\.sql\b/g)) {
      const cited = m[0].replace(/^\.?\//, '');
      const file = all.find((f) => f === cited || f.endsWith(`/${cited}`));
      const distance = Math.abs(i + 1 - line);
      if (file && (!best || distance < best.distance)) best = { file, distance };
    }
  });
  const named = best as { file: string; distance: number } | null;
  if (named) return { files: [named.file], how: `${named.file}, the migration the report names` };
  return { files: all, how: `the ${all.length} release migration file(s)` };
}

function statementsOf(ctx: CheckContext, sets: MigrationSet[], files: string[]): Stmt[] {
  const out: Stmt[] = [];
  for (const set of sets) {
    for (const f of set.files.filter((x) => files.includes(x))) {
      for (const s of fileStatements(ctx.repo.root, set, f).up) out.push({ path: s.path, line: s.line, text: sqlOnly(s.text) });
    }
  }
  return out;
}

/** The line of the statement's text where `re` first matches (a DO block spans many lines). */
function lineOf(ctx: CheckContext, s: Stmt, re: RegExp): number {
  const lines = ctx.repo.lines(s.path) ?? [];
  for (let i = s.line - 1; i < lines.length; i++) {
    if (re.test(lines[i].replace(/--.*$/, ''))) return i + 1;
    if (i > s.line + 400) break;
  }
  return s.line;
}

const at = (ctx: CheckContext, s: Stmt, re: RegExp) => {
  const line = lineOf(ctx, s, re);
  return fileEvidence({ path: s.path, line, text: ctx.repo.lines(s.path)?.[line - 1] ?? s.text });
};

/** A statement that does the same thing when run twice: guarded by IF [NOT] EXISTS, OR REPLACE, ON CONFLICT, or a no-op. */
function rerunSafe(text: string): boolean {
  if (/^DO\b/i.test(text)) return /\bIF\s+(NOT\s+)?EXISTS\b|\bEXCEPTION\s+WHEN\b/i.test(text);
  if (/^(BEGIN|COMMIT|START TRANSACTION|SET|RESET|SELECT|COMMENT ON|ANALYZE|VACUUM)\b/i.test(text)) return true;
  if (/^CREATE\s+OR\s+REPLACE\b/i.test(text)) return true;
  if (/^(CREATE|DROP)\b[^;]*?\bIF\s+(NOT\s+)?EXISTS\b/i.test(text)) return true;
  if (/^ALTER\s+TABLE\b/i.test(text)) return /\b(ADD|DROP)\s+(COLUMN\s+)?IF\s+(NOT\s+)?EXISTS\b|\bDROP\s+CONSTRAINT\s+IF\s+EXISTS\b/i.test(text);
  if (/^INSERT\b/i.test(text)) return /\bON\s+CONFLICT\b/i.test(text);
  if (/^UPDATE\b/i.test(text)) return /\bIS\s+NULL\b/i.test(text);
  return false;
}

const DESTRUCTIVE = /\bDROP\s+(TABLE|COLUMN|SCHEMA|DATABASE)\b|\bTRUNCATE\b|\bDELETE\s+FROM\b|\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b|\bRENAME\s+(COLUMN\s+|TO\b)/i;
/** Statements that take a lock blocking writes for their whole run (ACCESS EXCLUSIVE or SHARE). */
const LOCKING = /\bADD\s+CONSTRAINT\b(?![^;]*\bNOT\s+VALID\b)[^;]*\b(FOREIGN\s+KEY|UNIQUE|CHECK|PRIMARY\s+KEY)\b|\bCREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY)|\bALTER\s+COLUMN\s+\S+\s+(SET\s+NOT\s+NULL|(SET\s+DATA\s+)?TYPE)\b/i;
const UNIQUE_ADDED = /\bADD\s+CONSTRAINT\b[^;]*\bUNIQUE\b|\bCREATE\s+UNIQUE\s+INDEX\b/i;
const DUPLICATE_CHECK = /\bGROUP\s+BY\b[^;]*\bHAVING\s+COUNT\s*\(/i;

function judge(ctx: CheckContext, property: MigrationProperty, stmts: Stmt[], how: string, dialects: string[]): Check {
  const n = figure('statements read', stmts.length);
  switch (property) {
    case 'idempotent': {
      const bad = stmts.find((s) => !rerunSafe(s.text));
      if (bad) return contradicted(`${bad.path}:${bad.line} is not safe to run twice (no IF [NOT] EXISTS, OR REPLACE or ON CONFLICT): \`${bad.text.slice(0, 90)}\``, [at(ctx, bad, /\S/), n]);
      return confirmed(`every one of the ${stmts.length} statement(s) of ${how} is guarded (IF [NOT] EXISTS, OR REPLACE, ON CONFLICT)`, [at(ctx, stmts[0], /\bIF\s+(NOT\s+)?EXISTS\b|\S/i), at(ctx, stmts[stmts.length - 1], /\bIF\s+(NOT\s+)?EXISTS\b|\S/i), n]);
    }
    case 'non-destructive': {
      const bad = stmts.find((s) => DESTRUCTIVE.test(s.text));
      if (bad) return contradicted(`${bad.path} drops, truncates, deletes, renames or retypes data: \`${bad.text.match(DESTRUCTIVE)![0]}\``, [at(ctx, bad, DESTRUCTIVE), n]);
      return confirmed(`none of the ${stmts.length} statement(s) of ${how} drops a table or column, truncates, deletes, renames or changes a type`, [at(ctx, stmts[0], /\S/), at(ctx, stmts[stmts.length - 1], /\S/), n]);
    }
    case 'no-locks': {
      // Which statements block writes, and for how long, is Postgres's lock model; SQLite locks the whole file for any write.
      if (dialects.some((d) => d !== 'postgresql')) return unverifiable(`${how}: lock behaviour is judged for Postgres migrations only (this set is ${dialects.join(', ')})`);
      const bad = stmts.find((s) => LOCKING.test(s.text));
      if (bad) return contradicted(`${bad.path} takes a lock that blocks writes: \`${bad.text.match(LOCKING)![0].trim()}\``, [at(ctx, bad, /\bADD\s+CONSTRAINT\b|\bCREATE\s+(UNIQUE\s+)?INDEX\b|\bALTER\s+COLUMN\b/i), n]);
      return confirmed(`none of the ${stmts.length} statement(s) of ${how} adds a validated constraint, a non-concurrent index or a column type change`, [at(ctx, stmts[0], /\S/), n]);
    }
    case 'check-before-unique': {
      const unique = stmts.find((s) => UNIQUE_ADDED.test(s.text));
      if (!unique) return contradicted(`${how} adds no UNIQUE constraint or unique index`, [figure('UNIQUE constraints added', 0), n]);
      const uniqueAt = at(ctx, unique, UNIQUE_ADDED);
      const uLine = uniqueAt.kind === 'file' ? uniqueAt.line : unique.line;
      const check = stmts.map((s) => ({ s, ev: DUPLICATE_CHECK.test(s.text) ? at(ctx, s, /\bGROUP\s+BY\b/i) : null }))
        .find((x) => x.ev && x.ev.kind === 'file' && x.s.path === unique.path && x.ev.line < uLine);
      if (!check?.ev) return contradicted(`no duplicate check (GROUP BY … HAVING COUNT) before the UNIQUE constraint at ${unique.path}:${uLine}`, [uniqueAt, figure('duplicate checks before it', 0)]);
      return confirmed(`a duplicate check (GROUP BY … HAVING COUNT) precedes the UNIQUE constraint at ${unique.path}:${uLine}`, [check.ev, uniqueAt]);
    }
  }
}

export const migration: Verifier = (s, ctx) => {
  const property = String(s.property) as MigrationProperty;
  const sets = sqlSets(ctx);
  if (sets.length === 0) return unverifiable('needs SQL migrations: no release migration set of SQL files was found');
  const { files, how } = subjectFiles(ctx, sets, Number(s.line ?? 0));
  const stmts = statementsOf(ctx, sets, files);
  if (stmts.length === 0) return unverifiable(`${how}: no SQL statement to judge`);
  const dialects = [...new Set(sets.filter((x) => x.files.some((f) => files.includes(f))).map((x) => x.dialect))];
  const c = judge(ctx, property, stmts, how, dialects);
  // "No X" denied by the report ("the migration is not idempotent") flips the verdict; the evidence is the same.
  if (s.polarity === 'denies' && c.verdict !== 'unverifiable') return { ...c, verdict: c.verdict === 'confirmed' ? 'contradicted' : 'confirmed' };
  return c;
};
