import type { SqlStatement } from '../../model/migrations.js';
import { defineRepoRule } from '../api.js';
import { pushTo } from '../../util/group.js';
import { declareByPackage, nodeOf, plural, relationName, setsOf, upStatements, type Node } from '../shared/migrations.js';

interface Added { table: string; column: string; at: SqlStatement }
interface Constraint { kind: 'NOT NULL' | 'UNIQUE' | 'FOREIGN KEY' | 'CHECK'; table: string; columns: string[]; at: SqlStatement }

const CONTYPE: Record<string, Constraint['kind']> = { CONSTR_NOTNULL: 'NOT NULL', CONSTR_UNIQUE: 'UNIQUE', CONSTR_FOREIGN: 'FOREIGN KEY', CONSTR_CHECK: 'CHECK' };

const names = (list: unknown): string[] => (Array.isArray(list) ? list.map((x) => String(((x as Node).String as Node | undefined)?.sval ?? '')).filter(Boolean) : []);

/** Column references anywhere in a CHECK expression. */
function columnRefs(n: unknown, out: string[] = []): string[] {
  if (Array.isArray(n)) n.forEach((x) => columnRefs(x, out));
  else if (n && typeof n === 'object') {
    for (const [k, v] of Object.entries(n as Node)) {
      if (k === 'ColumnRef') out.push(...names((v as Node).fields).slice(-1));
      else columnRefs(v, out);
    }
  }
  return out;
}

function analyse(s: SqlStatement, added: Added[], constraints: Constraint[], updates: Array<{ table: string; columns: string[]; at: SqlStatement }>, created: Set<string>): void {
  const n = nodeOf(s.ast);
  if (!n) return;
  const [kind, node] = n;
  const table = relationName(node);
  if (!table) return;
  if (kind === 'CreateStmt') created.add(table);
  if (kind === 'UpdateStmt') {
    const cols = (node.targetList as Node[] | undefined ?? []).map((t) => String((t.ResTarget as Node | undefined)?.name ?? ''));
    updates.push({ table, columns: cols, at: s });
  }
  if (kind !== 'AlterTableStmt') return;
  for (const c of (node.cmds as Node[] | undefined) ?? []) {
    const cmd = c.AlterTableCmd as Node | undefined;
    if (!cmd) continue;
    const def = cmd.def as Node | undefined;
    if (cmd.subtype === 'AT_AddColumn' && def?.ColumnDef) {
      const col = def.ColumnDef as Node;
      const cons = ((col.constraints as Node[] | undefined) ?? []).map((x) => String((x.Constraint as Node).contype));
      if (!cons.includes('CONSTR_DEFAULT') && !cons.includes('CONSTR_NOTNULL') && !cons.includes('CONSTR_IDENTITY') && !cons.includes('CONSTR_GENERATED')) {
        added.push({ table, column: String(col.colname), at: s });
      }
    } else if (cmd.subtype === 'AT_SetNotNull') {
      constraints.push({ kind: 'NOT NULL', table, columns: [String(cmd.name)], at: s });
    } else if (cmd.subtype === 'AT_AddConstraint' && def?.Constraint) {
      const con = def.Constraint as Node;
      const k = CONTYPE[String(con.contype)];
      if (!k) continue;
      const cols = k === 'CHECK' ? columnRefs(con.raw_expr) : k === 'FOREIGN KEY' ? names(con.fk_attrs) : names(con.keys);
      constraints.push({ kind: k, table, columns: cols, at: s });
    }
  }
}

export default defineRepoRule({
  id: 'migrations/constraint-before-backfill',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'Constraint on a new column added before its backfill, or NOT NULL without one',
    rationale: 'Rows that existed before the column was added hold NULL: SET NOT NULL fails on them unless an UPDATE fills the column first, and a constraint added before the UPDATE that backfills it makes the backfill run against the constraint.',
    remediation: { text: 'Order the migration as: add the column nullable, UPDATE to backfill it, then add the constraint (NOT VALID + VALIDATE on large tables).', effort: 'low' },
    messages: {
      beforeBackfill: '{{constraint}} on {{table}}.{{column}} is added before the UPDATE that backfills it ({{at}})',
      noBackfill: '{{constraint}} on {{table}}.{{column}} with no backfill: the column was added at {{at}}, so existing rows hold NULL',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.dialect === 'postgresql' && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no Postgres SQL migration set');
    let checked = 0;
    // Constraints the rule could not judge, by package: the backfill may be in code it does not read.
    const unjudged = new Map<string | null, string[]>();
    for (const set of sets) {
      const added: Added[] = [];
      const constraints: Constraint[] = [];
      const updates: Array<{ table: string; columns: string[]; at: SqlStatement }> = [];
      const createdByFile = new Map<string, Set<string>>();
      for (const s of upStatements(ctx, set)) {
        const created = createdByFile.get(s.path) ?? createdByFile.set(s.path, new Set()).get(s.path)!;
        analyse(s, added, constraints, updates, created);
      }
      const order = (s: SqlStatement) => set.files.indexOf(s.path) * 1e7 + s.line;
      // Data migrations written as code beside the SQL ones (`<version>_backfill_x/migration.ts` beside `migration.sql`):
      // one between the ADD COLUMN and the SET NOT NULL may be the backfill, which this rule cannot read.
      const versionOf = (path: string): bigint | null => {
        const m = /^(\d{3,})/.exec(path.slice(set.path.length + 1));
        return m ? BigInt(m[1]) : null;
      };
      const codeVersions = ctx.layout.files
        .filter((f) => f.path.startsWith(`${set.path}/`) && /\.[cm]?[jt]s$/.test(f.path) && !/\.(test|spec|d)\.[cm]?[jt]s$/.test(f.path))
        .map((f) => versionOf(f.path)).filter((v): v is bigint => v !== null);
      const codeBetween = (from: SqlStatement, to: SqlStatement): boolean => {
        const a = versionOf(from.path);
        const b = versionOf(to.path);
        return a !== null && b !== null && codeVersions.some((v) => v > a && v <= b);
      };
      for (const c of constraints) {
        for (const col of c.columns) {
          // Only columns added to a table that already existed (created in an earlier file) hold NULL in old rows.
          const add = added.find((a) => a.table === c.table && a.column === col && order(a.at) < order(c.at) && !createdByFile.get(a.at.path)?.has(a.table));
          if (!add) continue;
          checked++;
          const fills = updates.filter((u) => u.table === c.table && u.columns.includes(col) && order(u.at) > order(add.at));
          const before = fills.find((u) => order(u.at) < order(c.at));
          if (before) continue;
          // A UNIQUE, foreign key or CHECK constraint holds on the NULLs of old rows: an UPDATE in a later
          // migration file is a later change of data that the constraint rightly checks, not a backfill
          // it was added too early for. In the same file it is, and each backfilled row is checked.
          const after = fills.find((u) => order(u.at) > order(c.at) && (c.kind === 'NOT NULL' || u.at.path === c.at.path));
          if (!after && c.kind !== 'NOT NULL') continue;
          if (!after && codeBetween(add.at, c.at)) {
            pushTo(unjudged, set.package, `${c.table}.${col} (${c.at.path}:${c.at.line})`);
            continue;
          }
          ctx.report({
            // SET NOT NULL fails on the old rows; the others make the backfill slow or fail midway.
            severity: c.kind === 'NOT NULL' ? 'high' : 'medium',
            messageId: after ? 'beforeBackfill' : 'noBackfill',
            data: { constraint: c.kind, table: c.table, column: col, at: after ? `${after.at.path}:${after.at.line}` : `${add.at.path}:${add.at.line}` },
            location: { path: c.at.path, line: c.at.line },
            evidence: [{ kind: 'file', path: add.at.path, line: add.at.line, snippet: add.at.text.split('\n')[0].slice(0, 160) },
              ...(after ? [{ kind: 'file' as const, path: after.at.path, line: after.at.line, snippet: after.at.text.split('\n')[0].slice(0, 160) }] : [])],
          });
        }
      }
    }
    const unknowns = new Map([...unjudged].map(([pkg, list]) => [pkg,
      `${plural(list.length, 'NOT NULL constraint')} not judged (${list.slice(0, 3).join(', ')}${list.length > 3 ? ', …' : ''}): a data migration written as code lies between the column and the constraint, and this rule does not read code`] as const));
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + s.files.length, 0), 'migration file')} checked; ${plural(checked, 'constraint')} on columns added to existing tables`, unknowns);
  },
});
