// What a statement parsed by the Postgres parser does with one bound value (`$n`): which column it
// writes it to (INSERT's VALUES, UPDATE's SET, ON CONFLICT DO UPDATE) or compares it with by
// equality (`WHERE password = $2`). Read from the parse tree, so a value wrapped in a function
// (`crypt($2, gen_salt('bf'))`), a column named in a comment or a string, and a value bound to
// another column are told apart.
import type { PgNode } from '../../util/pg-parser.js';

export type ValueUse = { kind: 'writes' | 'compares'; column: string };

const isNode = (v: unknown): v is PgNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const child = (n: unknown, key: string): unknown => (isNode(n) ? n[key] : undefined);

/** `$n` itself (through casts), or a quoted literal that holds exactly `$n` (an interpolation written inside quotes). */
function isValue(n: unknown, param: number): boolean {
  const ref = child(n, 'ParamRef');
  if (ref) return child(ref, 'number') === param;
  const cast = child(n, 'TypeCast');
  if (cast) return isValue(child(cast, 'arg'), param);
  const c = child(n, 'A_Const');
  return c !== undefined && child(child(c, 'sval'), 'sval') === `$${param}`;
}

/** The last name of a column reference (`u.password` -> `password`). */
function columnOf(n: unknown): string | null {
  const fields = child(child(n, 'ColumnRef'), 'fields');
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const last = child(child(fields[fields.length - 1], 'String'), 'sval');
  return typeof last === 'string' ? last : null;
}

function resTargets(list: unknown): Array<{ name: string; val: unknown }> {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t) => {
    const r = child(t, 'ResTarget');
    const name = child(r, 'name');
    return typeof name === 'string' ? [{ name, val: child(r, 'val') }] : [];
  });
}

/** Every use of `$param` in the statements: writes to a column, and equality comparisons with a column. */
export function usesOfValue(stmts: readonly PgNode[], param: number): ValueUse[] {
  const out: ValueUse[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) { for (const x of n) visit(x); return; }
    if (!isNode(n)) return;
    const ins = child(n, 'InsertStmt');
    if (ins) {
      const cols = resTargets(child(ins, 'cols'));
      const rows = child(child(child(ins, 'selectStmt'), 'SelectStmt'), 'valuesLists');
      if (Array.isArray(rows)) {
        for (const row of rows) {
          const items = child(child(row, 'List'), 'items');
          if (Array.isArray(items)) items.forEach((it, j) => { if (cols[j] && isValue(it, param)) out.push({ kind: 'writes', column: cols[j].name }); });
        }
      }
      for (const t of resTargets(child(child(ins, 'onConflictClause'), 'targetList'))) if (isValue(t.val, param)) out.push({ kind: 'writes', column: t.name });
    }
    const upd = child(n, 'UpdateStmt');
    if (upd) for (const t of resTargets(child(upd, 'targetList'))) if (isValue(t.val, param)) out.push({ kind: 'writes', column: t.name });
    const expr = child(n, 'A_Expr');
    if (expr && child(expr, 'kind') === 'AEXPR_OP') {
      const op = child(child((child(expr, 'name') as unknown[] | undefined)?.[0], 'String'), 'sval');
      const l = child(expr, 'lexpr');
      const r = child(expr, 'rexpr');
      const column = op === '=' ? (isValue(r, param) ? columnOf(l) : isValue(l, param) ? columnOf(r) : null) : null;
      if (column) out.push({ kind: 'compares', column });
    }
    for (const v of Object.values(n)) visit(v);
  };
  visit(stmts);
  return out;
}
