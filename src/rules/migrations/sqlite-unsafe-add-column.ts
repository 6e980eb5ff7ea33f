import { defineRepoRule } from '../api.js';
import { declareByPackage, plural, setsOf, upStatements } from '../shared/migrations.js';

const ADD_COLUMN = /^alter\s+table\s+([`"[\]\w.]+)\s+add\s+(?:column\s+)?([`"[\]\w]+)\s*([\s\S]*)$/i;

/** Column constraints outside quotes and parentheses (a DEFAULT (expr) or CHECK (...) body is skipped). */
function topLevel(def: string): string {
  let depth = 0;
  let out = '';
  for (const ch of def.replace(/'(?:[^']|'')*'/g, "''")) {
    if (ch === '(') depth++;
    if (depth === 0) out += ch;
    if (ch === ')') depth--;
  }
  return out;
}

export default defineRepoRule({
  id: 'migrations/sqlite-unsafe-add-column',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'SQLite/D1 ADD COLUMN that fails on a table with rows',
    rationale: 'SQLite refuses ADD COLUMN ... NOT NULL without a default on a table with rows, and refuses UNIQUE or PRIMARY KEY columns outright; the migration passes on an empty dev database and fails in production.',
    remediation: { text: 'Add the column with a DEFAULT (or nullable), then backfill; for UNIQUE, add the column plain and CREATE UNIQUE INDEX after the backfill; for a key, rebuild the table.', effort: 'low' },
    messages: {
      unsafeAddColumn: 'ADD COLUMN {{column}} on {{table}} with {{problems}} ({{engine}} rejects it on a table with rows)',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => (s.dialect === 'sqlite' || s.dialect === 'd1') && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no SQLite or D1 migration set');
    for (const set of sets) {
      for (const s of upStatements(ctx, set)) {
        const m = ADD_COLUMN.exec(s.text);
        if (!m) continue;
        const def = topLevel(m[3]);
        const problems: string[] = [];
        if (/\bnot\s+null\b/i.test(def) && !/\bdefault\b/i.test(def)) problems.push('NOT NULL without a DEFAULT');
        if (/\bunique\b/i.test(def)) problems.push('UNIQUE');
        if (/\bprimary\s+key\b/i.test(def)) problems.push('PRIMARY KEY');
        if (problems.length === 0) continue;
        ctx.report({ messageId: 'unsafeAddColumn', data: { column: m[2], table: m[1], problems: problems.join(' and '), engine: set.dialect === 'd1' ? 'D1' : 'SQLite' }, location: { path: s.path, line: s.line } });
      }
    }
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + upStatements(ctx, s).length, 0), 'statement')} of ${plural(list.length, 'SQLite/D1 set')} checked`);
  },
});
