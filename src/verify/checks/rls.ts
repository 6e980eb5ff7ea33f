// "Row Level Security (RLS) enabled on users and sessions": Postgres's row security, read from the
// release migrations the runner applies, with the real Postgres parser (ALTER TABLE … ENABLE ROW LEVEL
// SECURITY, CREATE POLICY). Other engines have no row security; a filter in application code that
// plays that part is not decided.
import type { MigrationSet } from '../../model/migrations.js';
import type { Evidence } from '../../model/run.js';
import { parsePostgres, type PgNode } from '../../util/pg-parser.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';
import { declaredTables } from './tables.js';

export const RLS_CLAIM = /\brow[\s-]+level[\s-]+security\b|\bRLS\b/i;

interface RowSecurity {
  table: string;
  enabled: boolean;
  path: string;
  line: number;
  text: string;
}

const lineAt = (text: string, offset: number) => text.slice(0, Math.max(0, offset)).split('\n').length;

/** ENABLE / DISABLE ROW LEVEL SECURITY and CREATE POLICY statements of one file, in order; null when the file does not parse and names row security. */
function statementsOf(path: string, text: string): { rows: RowSecurity[]; policies: RowSecurity[] } | null {
  if (!/ROW\s+LEVEL\s+SECURITY|CREATE\s+POLICY/i.test(text)) return { rows: [], policies: [] };
  const parsed = parsePostgres(text);
  if (!parsed.ok) return null;
  const rows: RowSecurity[] = [];
  const policies: RowSecurity[] = [];
  const lines = text.split('\n');
  const at = (table: string, enabled: boolean, loc: unknown): RowSecurity => {
    const line = lineAt(text, typeof loc === 'number' ? loc : 0);
    return { table: table.toLowerCase(), enabled, path, line, text: lines[line - 1] ?? '' };
  };
  for (const s of parsed.stmts) {
    const alter = s.AlterTableStmt as PgNode | undefined;
    if (alter) {
      const rel = alter.relation as { relname?: string; location?: number } | undefined;
      for (const c of (alter.cmds as PgNode[] | undefined) ?? []) {
        const sub = (c.AlterTableCmd as { subtype?: string } | undefined)?.subtype;
        if (rel?.relname && (sub === 'AT_EnableRowSecurity' || sub === 'AT_ForceRowSecurity')) rows.push(at(rel.relname, true, rel.location));
        if (rel?.relname && sub === 'AT_DisableRowSecurity') rows.push(at(rel.relname, false, rel.location));
      }
    }
    const policy = s.CreatePolicyStmt as { table?: { relname?: string; location?: number } } | undefined;
    if (policy?.table?.relname) policies.push(at(policy.table.relname, true, policy.table.location));
  }
  return { rows, policies };
}

export function rowSecurity(ctx: CheckContext, text: string, polarity: string): Check {
  const sets = ((ctx.run.inventory.migrations as MigrationSet[] | undefined) ?? []).filter((m) => m.files.some((f) => ctx.repo.isRelease(f)));
  if (sets.length === 0) return unverifiable('needs migrations: no release migration set to read row level security from');
  const pg = sets.filter((m) => m.dialect === 'postgresql');
  if (pg.length === 0) {
    return unverifiable(`the release migrations are ${[...new Set(sets.map((m) => m.dialect))].join('/')}, which has no row level security; a per-row filter in application code is not decided`);
  }
  const files = pg.flatMap((m) => m.files.filter((f) => ctx.repo.isRelease(f)));
  const state = new Map<string, RowSecurity>();
  const policies: RowSecurity[] = [];
  for (const f of files) {
    const src = ctx.repo.lines(f)?.join('\n') ?? '';
    const got = statementsOf(f, src);
    if (!got) return unverifiable(`${f} names row level security but does not parse as Postgres`);
    for (const r of got.rows) state.set(r.table, r);
    policies.push(...got.policies);
  }
  const enabled = [...state.values()].filter((r) => r.enabled);
  // The tables the claim names, as the release schema or the migrations know them.
  const known = new Set([...declaredTables(ctx).map((d) => d.name.toLowerCase()), ...state.keys()]);
  const words = new Set((text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []));
  const named = [...known].filter((t) => t.length > 2 && words.has(t));
  const ev = (rs: RowSecurity[]): Evidence[] => rs.slice(0, 3).map((r) => fileEvidence({ path: r.path, line: r.line, text: r.text }));
  const scope = named.length ? named : null;
  const on = scope ? enabled.filter((r) => scope.includes(r.table)) : enabled;
  const off = scope ? scope.filter((t) => !state.get(t)?.enabled) : [];
  const holds = scope ? off.length === 0 : enabled.length > 0;
  const searched = figure('applied Postgres migration files read', files.length);
  if (polarity === 'absent') {
    return holds ? contradicted(`row level security is enabled on ${on.map((r) => r.table).join(', ')} (${on[0].path}:${on[0].line})`, ev(on))
      : confirmed(`no ENABLE ROW LEVEL SECURITY${scope ? ` on ${off.join(', ')}` : ''} in ${files.length} applied migration file(s)`, [fileEvidence({ path: files[0], line: 1, text: ctx.repo.lines(files[0])?.[0] ?? '' }), searched]);
  }
  if (holds) return confirmed(`row level security enabled on ${on.map((r) => r.table).join(', ')} (${on[0].path}:${on[0].line}), ${policies.filter((p) => on.some((r) => r.table === p.table)).length} policy(ies)`, [...ev(on), searched]);
  return contradicted(scope ? `no ENABLE ROW LEVEL SECURITY on ${off.join(', ')} in ${files.length} applied migration file(s)${enabled.length ? ` (enabled only on ${enabled.map((r) => r.table).join(', ')})` : ''}`
    : `no ENABLE ROW LEVEL SECURITY in ${files.length} applied migration file(s)`, [...ev(enabled), fileEvidence({ path: files[0], line: 1, text: ctx.repo.lines(files[0])?.[0] ?? '' }), searched]);
}
