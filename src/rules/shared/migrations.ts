// Helpers for migration rules: the migrations probe's results and the shapes of pgsql-parser nodes.
import type { MigrationSet, SqlStatement } from '../../model/migrations.js';
import type { ProbeResult } from '../../model/run.js';
import type { RepoRuleContext } from '../api.js';
import { pushTo } from '../../util/group.js';

export type Node = Record<string, unknown>;

export function setsOf(ctx: RepoRuleContext, pred: (s: MigrationSet) => boolean = () => true): MigrationSet[] {
  return ctx.migrations.sets.filter(pred);
}

/**
 * The version a runner keys a migration on. A name that starts with a date stamp written with
 * separators (`2022.10.07T13.49.54.users.sql`, `2024-03-15_0900_x.sql`) is versioned by the whole
 * stamp, not by its year: the digits of the stamp, joined. Other names keep the discovered number.
 */
export function runnerVersion(m: { version: string | null; path: string }): string | null {
  if (m.version === null) return null;
  const name = m.path.slice(m.path.lastIndexOf('/') + 1);
  const stamp = /^((?:19|20)\d{2})[._-](\d{2})[._-](\d{2})(?:[T._-](\d{2})(?:[._:-]?(\d{2}))?(?:[._:-]?(\d{2}))?)?(?=[._-]|$)/.exec(name);
  return stamp && m.version.length === 4 ? stamp.slice(1).filter((g) => g !== undefined).join('') : m.version;
}

/** Up statements of a set, file by file in apply order. */
export function upStatements(ctx: RepoRuleContext, set: MigrationSet): SqlStatement[] {
  return set.files.flatMap((p) => (ctx.migrations.statements[p] ?? []).filter((s) => !s.down));
}

export function probeOfSet(ctx: RepoRuleContext, kind: string, set: MigrationSet): ProbeResult | undefined {
  return ctx.probes.find((p) => p.kind === kind && p.figures.set === set.path);
}

/** The node under the single key of a pgsql-parser statement: `{ AlterTableStmt: {...} }` -> ['AlterTableStmt', {...}]. */
export function nodeOf(ast: Node | null): [string, Node] | null {
  if (!ast) return null;
  const k = Object.keys(ast)[0];
  return k ? [k, ast[k] as Node] : null;
}

export function relationName(n: Node): string | null {
  const rel = n.relation as Node | undefined;
  if (!rel || typeof rel.relname !== 'string') return null;
  return typeof rel.schemaname === 'string' && rel.schemaname !== 'public' ? `${rel.schemaname}.${rel.relname}` : rel.relname;
}

/** Table a statement works on (ALTER TABLE, CREATE INDEX, UPDATE, CREATE TABLE). */
export function targetTable(s: SqlStatement): string | null {
  const n = nodeOf(s.ast);
  return n ? relationName(n[1]) : null;
}

/** Tables created by statements of the same file before `line`: empty when altered, so harmless to lock. */
export function createdEarlierInFile(ctx: RepoRuleContext, path: string, line: number, table: string): boolean {
  return (ctx.migrations.statements[path] ?? []).some((s) => s.line < line && !s.down && nodeOf(s.ast)?.[0] === 'CreateStmt' && targetTable(s) === table);
}

export function statementAt(ctx: RepoRuleContext, path: string, line: number): SqlStatement | undefined {
  return (ctx.migrations.statements[path] ?? []).find((s) => s.line <= line && line <= s.endLine);
}

/** Declares one outcome per package: pass with what was inspected, unless `unknown` reasons exist. */
export function declareByPackage(ctx: RepoRuleContext, sets: MigrationSet[], passReason: (sets: MigrationSet[]) => string, unknowns: Map<string | null, string> = new Map()): void {
  const byPkg = new Map<string | null, MigrationSet[]>();
  for (const s of sets) pushTo(byPkg, s.package, s);
  for (const [pkg, list] of byPkg) {
    const u = unknowns.get(pkg);
    if (u) ctx.unknown(u, pkg);
    else ctx.pass(passReason(list), pkg);
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
