import type { SqlStatement } from '../../model/migrations.js';
import { defineRepoRule } from '../api.js';
import { declareByPackage, plural, setsOf, upStatements } from '../shared/migrations.js';

const ident = (s: string) => s.replace(/^[`"[]|[`"\]]$/g, '').toLowerCase();
const NAME = '([`"[]?[\\w.]+[`"\\]]?)';
const DROP = new RegExp(`^drop\\s+table\\s+(?:if\\s+exists\\s+)?${NAME}`, 'i');
const RENAME = new RegExp(`^alter\\s+table\\s+${NAME}\\s+rename\\s+to\\s+${NAME}`, 'i');
const REFERENCES = new RegExp(`\\breferences\\s+${NAME}`, 'gi');
const FK_OFF = /^pragma\s+foreign_keys\s*=\s*(off|0|false|no)\b/i;
const DEFER = /^pragma\s+defer_foreign_keys\s*=\s*(on|1|true|yes)\b/i;
const BEGIN = /^begin\b/i;
const COMMIT = /^(commit|end)\b/i;

const CREATE = new RegExp(`^create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?${NAME}`, 'i');
const ALTER = new RegExp(`^alter\\s+table\\s+${NAME}`, 'i');
const INSERT = new RegExp(`^(?:insert|replace)\\s+(?:or\\s+\\w+\\s+)?into\\s+${NAME}`, 'i');

/** A foreign key some statement declares: the table that holds it, the table it references, and the statement. */
interface Reference { holder: string | null; target: string; stmt: SqlStatement; created: boolean }

function references(stmts: SqlStatement[]): Reference[] {
  const out: Reference[] = [];
  for (const s of stmts) {
    const t = s.text.trim();
    const create = CREATE.exec(t);
    const holder = create ? ident(create[1]) : ALTER.exec(t) ? ident(ALTER.exec(t)![1]) : null;
    for (const m of t.matchAll(REFERENCES)) out.push({ holder, target: ident(m[1]), stmt: s, created: create !== null });
  }
  return out;
}

/**
 * The foreign keys on `table` that can hold rows when statement `at` (of file `fileIndex`) drops it: keys of
 * tables created by earlier migration files (or altered to hold one), and of tables created earlier in this
 * file into which it inserts before the drop. A table this file creates and leaves empty loses nothing to
 * the cascade and fails no check; one a later file creates does not exist yet.
 */
function liveReferences(refs: Reference[], table: string, files: readonly string[], fileIndex: number, at: SqlStatement, stmts: SqlStatement[]): Reference[] {
  return refs.filter((r) => {
    if (r.target !== table || r.holder === table) return false;
    const fi = files.indexOf(r.stmt.path);
    if (fi < fileIndex) return true;
    if (fi > fileIndex || r.stmt.line >= at.line) return false;
    if (!r.created) return true;
    return stmts.some((s) => s.path === at.path && s.line > r.stmt.line && s.line < at.line && (() => { const m = INSERT.exec(s.text.trim()); return m !== null && ident(m[1]) === r.holder; })());
  });
}

export default defineRepoRule({
  id: 'migrations/sqlite-table-rebuild',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'SQLite/D1 table rebuild of a referenced table without switching foreign keys off',
    rationale: 'SQLite changes most column definitions by rebuilding the table (create new, copy, drop old, rename). With foreign keys enforced, dropping a referenced table fails, or runs ON DELETE CASCADE and deletes the child rows. `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, and D1 ignores it in migrations: there only `PRAGMA defer_foreign_keys = true` works.',
    remediation: { text: 'Plain SQLite: `PRAGMA foreign_keys=OFF` before the rebuild, outside any transaction, and `PRAGMA foreign_keys=ON` + `PRAGMA foreign_key_check` after. D1: `PRAGMA defer_foreign_keys = true` at the top of the migration.', effort: 'low' },
    messages: {
      d1NoDefer: 'table {{table}} is rebuilt (dropped and replaced) while other tables reference it, without `PRAGMA defer_foreign_keys = true` (D1 ignores foreign_keys=OFF in migrations)',
      fkOffInTransaction: 'table {{table}} is rebuilt while other tables reference it; `PRAGMA foreign_keys=OFF` at line {{line}} is inside a transaction, where SQLite ignores it',
      noFkOff: 'table {{table}} is rebuilt (dropped and replaced) while other tables reference it, without `PRAGMA foreign_keys=OFF`',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => (s.dialect === 'sqlite' || s.dialect === 'd1') && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no SQLite or D1 migration set');
    let rebuilds = 0;
    for (const set of sets) {
      const all = upStatements(ctx, set);
      const refs = references(all);
      const d1 = set.dialect === 'd1';
      for (const path of set.files) {
        const stmts = all.filter((s) => s.path === path).map((s) => ({ s, t: s.text.trim() }));
        let inTx = false;
        let fkOff = false;
        let fkOffInTx: SqlStatement | null = null;
        let deferred = false;
        for (const [i, { s, t }] of stmts.entries()) {
          if (BEGIN.test(t)) inTx = true;
          if (COMMIT.test(t)) inTx = false;
          if (FK_OFF.test(t)) { if (inTx) fkOffInTx = s; else fkOff = true; }
          if (DEFER.test(t)) deferred = true;
          const drop = DROP.exec(t);
          if (!drop) continue;
          const table = ident(drop[1]);
          const rebuilt = stmts.slice(i + 1).some(({ t: later }) => { const r = RENAME.exec(later); return r !== null && ident(r[2]) === table; });
          if (!rebuilt || liveReferences(refs, table, set.files, set.files.indexOf(path), s, all).length === 0) continue;
          rebuilds++;
          if (d1 ? deferred : fkOff) continue;
          ctx.report({
            messageId: d1 ? 'd1NoDefer' : fkOffInTx ? 'fkOffInTransaction' : 'noFkOff',
            data: { table, line: fkOffInTx?.line ?? 0 },
            location: { path: s.path, line: s.line },
          });
        }
      }
    }
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + s.files.length, 0), 'migration file')} checked; ${plural(rebuilds, 'rebuild')} of referenced tables`);
  },
});
