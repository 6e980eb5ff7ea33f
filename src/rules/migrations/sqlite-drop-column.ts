import { defineRepoRule } from '../api.js';
import { declareByPackage, plural, setsOf, upStatements } from '../shared/migrations.js';

const ident = (s: string) => s.trim().replace(/^[`"[]|[`"\]]$/g, '').toLowerCase();
const N = '([`"[]?[\\w.]+[`"\\]]?)';
const CREATE_INDEX = new RegExp(`^create\\s+(?:unique\\s+)?index\\s+(?:if\\s+not\\s+exists\\s+)?${N}\\s+on\\s+${N}\\s*\\(([^)]*)\\)`, 'i');
const DROP_INDEX = new RegExp(`^drop\\s+index\\s+(?:if\\s+exists\\s+)?${N}`, 'i');
const CREATE_TABLE = new RegExp(`^create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?${N}\\s*\\(([\\s\\S]*)\\)`, 'i');
const DROP_COLUMN = new RegExp(`^alter\\s+table\\s+${N}\\s+drop\\s+(?:column\\s+)?${N}`, 'i');
const REFS = new RegExp(`references\\s+${N}\\s*\\(([^)]*)\\)`, 'gi');

/** Top-level comma-separated parts of a CREATE TABLE body. */
function parts(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export default defineRepoRule({
  id: 'migrations/sqlite-drop-column',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'SQLite/D1 DROP COLUMN of an indexed, key or referenced column',
    rationale: 'SQLite refuses ALTER TABLE ... DROP COLUMN when the column is a PRIMARY KEY, UNIQUE, indexed, or part of a foreign key: the migration fails at deploy time.',
    remediation: { text: 'Drop the index (or the constraint, by rebuilding the table) before dropping the column, or rebuild the table without the column (with foreign keys handled: see migrations/sqlite-table-rebuild).', effort: 'low' },
    messages: {
      refused: 'DROP COLUMN {{column}} on {{table}}: the column is {{why}}, so SQLite refuses to drop it',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => (s.dialect === 'sqlite' || s.dialect === 'd1') && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no SQLite or D1 migration set');
    for (const set of sets) {
      const indexes = new Map<string, { table: string; cols: string[] }>();
      const keys = new Map<string, string>();
      const key = (t: string, c: string) => `${t}.${c}`;
      for (const s of upStatements(ctx, set)) {
        const t = s.text.trim();
        let m = CREATE_INDEX.exec(t);
        if (m) { indexes.set(ident(m[1]), { table: ident(m[2]), cols: m[3].split(',').map((c) => ident(c.split(/\s/)[0] ?? '')) }); continue; }
        if ((m = DROP_INDEX.exec(t))) { indexes.delete(ident(m[1])); continue; }
        if ((m = CREATE_TABLE.exec(t))) {
          const table = ident(m[1]);
          for (const p of parts(m[2])) {
            const col = /^(?:constraint\s+\S+\s+)?(primary\s+key|unique|foreign\s+key)\s*\(([^)]*)\)/i.exec(p);
            if (col) { for (const c of col[2].split(',')) keys.set(key(table, ident(c)), col[1].toUpperCase().replace(/\s+/, ' ')); continue; }
            const name = ident(p.split(/\s+/)[0] ?? '');
            const kind = /\bprimary\s+key\b/i.exec(p)?.[0] ?? /\bunique\b/i.exec(p)?.[0] ?? /\breferences\b/i.exec(p)?.[0];
            if (kind) keys.set(key(table, name), kind.toUpperCase().replace(/\s+/, ' '));
          }
          for (const r of t.matchAll(REFS)) for (const c of r[2].split(',')) keys.set(key(ident(r[1]), ident(c)), 'referenced by a foreign key');
          continue;
        }
        if ((m = DROP_COLUMN.exec(t))) {
          const [table, col] = [ident(m[1]), ident(m[2])];
          const idx = [...indexes.entries()].find(([, v]) => v.table === table && v.cols.includes(col));
          const why = idx ? `indexed (${idx[0]})` : keys.get(key(table, col));
          if (!why) continue;
          ctx.report({ messageId: 'refused', data: { column: col, table, why }, location: { path: s.path, line: s.line } });
        }
      }
    }
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + upStatements(ctx, s).length, 0), 'statement')} of ${plural(list.length, 'SQLite/D1 set')} checked`);
  },
});
