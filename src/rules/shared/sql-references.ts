// The tables and columns a parsed Postgres statement names, each resolved against the relations in
// scope where it is written: FROM items with their aliases, joins, the target of UPDATE / DELETE /
// INSERT (and `excluded` in ON CONFLICT), the scopes of enclosing queries for correlated subqueries.
// A CTE, a subquery, a function in FROM or a relation the schema does not know is opaque: its columns
// are not judged, and an unqualified column is judged only when every relation in scope is a known table.
import type { PgNode } from '../../util/pg-parser.js';

/** What a schema answers for a relation: its columns, `unknown` when it exists but its columns are not known, or null when absent. */
export type RelationLookup = (schema: string | null, name: string) => ReadonlySet<string> | 'unknown' | null | 'skip';

export type Missing =
  | { kind: 'table'; table: string; location: number }
  | { kind: 'column'; table: string; column: string; location: number };

type Rel = { kind: 'table'; table: string; alias: string; columns: ReadonlySet<string> } | { kind: 'opaque'; alias: string | null };

/** Columns every Postgres table has without declaring them. */
const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid']);

const obj = (v: unknown): PgNode | null => (v && typeof v === 'object' && !Array.isArray(v) ? v as PgNode : null);
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? v as PgNode[] : []);
const str = (n: PgNode): string | null => {
  const s = obj(n.String);
  return s && typeof s.sval === 'string' ? s.sval : null;
};

/** The statement's references absent from the schema (`lookup`), in the order written. */
export function missingReferences(stmt: PgNode, lookup: RelationLookup): Missing[] {
  const out: Missing[] = [];
  new Walker(lookup, out).statement(stmt, [], new Set());
  return out;
}

class Walker {
  constructor(private readonly lookup: RelationLookup, private readonly out: Missing[]) {}

  statement(node: PgNode, outer: Rel[][], ctes: ReadonlySet<string>): void {
    const [kind, body] = Object.entries(node)[0] ?? [];
    const n = obj(body);
    if (!n) return;
    if (kind === 'SelectStmt') this.select(n, outer, ctes);
    else if (kind === 'UpdateStmt' || kind === 'DeleteStmt' || kind === 'InsertStmt') this.dml(kind, n, outer, ctes);
  }

  private withCtes(n: PgNode, outer: Rel[][], ctes: ReadonlySet<string>): Set<string> {
    const w = obj(n.withClause);
    const names = new Set(ctes);
    if (!w) return names;
    const items = list(w.ctes).map((c) => obj(c.CommonTableExpr)).filter((c): c is PgNode => c !== null);
    for (const c of items) if (typeof c.ctename === 'string') names.add(c.ctename);
    for (const c of items) { const q = obj(c.ctequery); if (q) this.statement(q, outer, names); }
    return names;
  }

  private select(n: PgNode, outer: Rel[][], ctes0: ReadonlySet<string>): void {
    const ctes = this.withCtes(n, outer, ctes0);
    if (n.op && n.op !== 'SETOP_NONE') {
      for (const side of [n.larg, n.rarg]) { const s = obj(side); if (s) this.select(s, outer, ctes); }
      return;
    }
    const scope: Rel[] = [];
    const quals: unknown[] = [];
    for (const item of list(n.fromClause)) this.fromItem(item, scope, outer, ctes, quals);
    const scopes = [...outer, scope];
    for (const e of [n.targetList, n.whereClause, n.havingClause, n.valuesLists, ...quals]) this.expr(e, scopes, ctes, true);
    // ORDER BY, GROUP BY and DISTINCT ON may name the output columns: only qualified names are judged there.
    for (const e of [n.sortClause, n.groupClause, n.distinctClause]) this.expr(e, scopes, ctes, false);
  }

  private fromItem(item: PgNode, scope: Rel[], outer: Rel[][], ctes: ReadonlySet<string>, quals: unknown[]): void {
    const rv = obj(item.RangeVar);
    if (rv) { scope.push(this.relation(rv, ctes)); return; }
    const j = obj(item.JoinExpr);
    if (j) {
      for (const side of [j.larg, j.rarg]) { const s = obj(side); if (s) this.fromItem(s, scope, outer, ctes, quals); }
      quals.push(j.quals);
      const alias = obj(j.alias);
      if (alias && typeof alias.aliasname === 'string') scope.push({ kind: 'opaque', alias: alias.aliasname });
      return;
    }
    const sub = obj(item.RangeSubselect);
    if (sub) {
      const q = obj(sub.subquery);
      if (q) this.statement(q, sub.lateral ? [...outer, scope] : outer, ctes);
    } else {
      // A function, a table sample, XMLTABLE...: its arguments may name columns of the relations before it.
      this.expr(item, [...outer, scope], ctes, false);
    }
    const alias = obj((sub ?? obj(Object.values(item)[0]) ?? {}).alias);
    scope.push({ kind: 'opaque', alias: alias && typeof alias.aliasname === 'string' ? alias.aliasname : null });
  }

  /** A named relation: a CTE, a table of the schema, or one it does not have (reported, then opaque). */
  private relation(rv: PgNode, ctes: ReadonlySet<string>): Rel {
    const name = String(rv.relname ?? '');
    const schema = typeof rv.schemaname === 'string' ? rv.schemaname : null;
    const aliasNode = obj(rv.alias);
    const alias = aliasNode && typeof aliasNode.aliasname === 'string' ? aliasNode.aliasname : name;
    if (schema === null && ctes.has(name)) return { kind: 'opaque', alias };
    const cols = this.lookup(schema, name);
    if (cols === null) {
      this.out.push({ kind: 'table', table: schema && schema !== 'public' ? `${schema}.${name}` : name, location: Number(rv.location ?? 0) });
      return { kind: 'opaque', alias };
    }
    if (cols === 'unknown' || cols === 'skip') return { kind: 'opaque', alias };
    return { kind: 'table', table: name, alias, columns: cols };
  }

  private dml(kind: string, n: PgNode, outer: Rel[][], ctes0: ReadonlySet<string>): void {
    const ctes = this.withCtes(n, outer, ctes0);
    const rv = obj(n.relation);
    if (!rv) return;
    const target = this.relation(rv, ctes);
    const scope: Rel[] = [target];
    const quals: unknown[] = [];
    for (const item of [...list(n.fromClause), ...list(n.usingClause)]) this.fromItem(item, scope, outer, ctes, quals);
    const scopes = [...outer, scope];
    // Columns written by name: SET a = ..., INSERT INTO t (a, b), ON CONFLICT (a).
    const named = (targets: unknown) => {
      for (const t of list(targets)) {
        const r = obj(t.ResTarget) ?? obj(t.IndexElem);
        if (r && typeof r.name === 'string') this.column(target, r.name, Number(r.location ?? rv.location ?? 0));
      }
    };
    if (kind === 'InsertStmt') {
      named(n.cols);
      const sel = obj(n.selectStmt);
      if (sel) this.statement(sel, outer, ctes);
      const conflict = obj(n.onConflictClause);
      if (conflict) {
        named(obj(conflict.infer)?.indexElems);
        named(conflict.targetList);
        const excluded: Rel = target.kind === 'table' ? { ...target, alias: 'excluded' } : { kind: 'opaque', alias: 'excluded' };
        this.expr([conflict.targetList, conflict.whereClause], [...outer, [target, excluded]], ctes, true);
      }
    } else if (kind === 'UpdateStmt') {
      named(n.targetList);
    }
    const returning = obj(n.returningClause)?.exprs ?? n.returningList;
    this.expr([n.whereClause, returning, ...quals, kind === 'UpdateStmt' ? list(n.targetList).map((t) => obj(t.ResTarget)?.val) : null], scopes, ctes, true);
  }

  private column(rel: Rel, column: string, location: number): void {
    if (rel.kind === 'table' && !rel.columns.has(column) && !SYSTEM_COLUMNS.has(column)) this.out.push({ kind: 'column', table: rel.table, column, location });
  }

  /** Column references in an expression tree; a sub-query in it sees these scopes as its outer ones. */
  private expr(e: unknown, scopes: Rel[][], ctes: ReadonlySet<string>, unqualified: boolean): void {
    if (Array.isArray(e)) { for (const x of e) this.expr(x, scopes, ctes, unqualified); return; }
    const n = obj(e);
    if (!n) return;
    const ref = obj(n.ColumnRef);
    if (ref) { this.columnRef(ref, scopes, unqualified); return; }
    const link = obj(n.SubLink);
    if (link) {
      this.expr(link.testexpr, scopes, ctes, unqualified);
      const q = obj(link.subselect);
      if (q) this.statement(q, scopes, ctes);
      return;
    }
    for (const k of ['SelectStmt', 'UpdateStmt', 'DeleteStmt', 'InsertStmt']) if (n[k]) { this.statement(n, scopes, ctes); return; }
    for (const v of Object.values(n)) if (v && typeof v === 'object') this.expr(v, scopes, ctes, unqualified);
  }

  private columnRef(ref: PgNode, scopes: Rel[][], unqualified: boolean): void {
    const fields = list(ref.fields);
    const names = fields.map(str);
    if (names.some((x) => x === null)) return; // `t.*`, `*`
    const location = Number(ref.location ?? 0);
    const visible = scopes.flat();
    if (names.length === 2) {
      // The innermost scope first: an alias there hides the same name outside.
      for (let i = scopes.length - 1; i >= 0; i--) {
        const rel = scopes[i].find((r) => r.alias === names[0]);
        if (rel) { this.column(rel, names[1]!, location); return; }
      }
      return; // a record variable, a schema-qualified function's argument...: not a relation verdict sees
    }
    if (names.length !== 1 || !unqualified) return;
    const col = names[0]!;
    // The whole row of a relation (`SELECT u FROM users u`), or a scope verdict cannot list the columns of.
    if (visible.length === 0 || visible.some((r) => r.kind === 'opaque' || r.alias === col)) return;
    if (SYSTEM_COLUMNS.has(col) || visible.some((r) => r.kind === 'table' && r.columns.has(col))) return;
    const tables = visible.map((r) => (r.kind === 'table' ? r.table : '')).filter((t, i, a) => a.indexOf(t) === i);
    this.out.push({ kind: 'column', table: tables.join(', '), column: col, location });
  }
}
