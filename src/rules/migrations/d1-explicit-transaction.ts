import { defineRepoRule } from '../api.js';
import { declareByPackage, plural, setsOf, upStatements } from '../shared/migrations.js';

const TX = /^(begin(\s+(deferred|immediate|exclusive))?(\s+transaction)?|commit(\s+transaction)?|end(\s+transaction)?|rollback(\s+transaction)?|savepoint\s+\w+|release(\s+savepoint)?\s+\w+)\s*$/i;

export default defineRepoRule({
  id: 'migrations/d1-explicit-transaction',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'BEGIN/COMMIT in a D1 migration',
    rationale: 'D1 runs each migration in its own transaction and rejects explicit BEGIN/COMMIT/SAVEPOINT statements: `wrangler d1 migrations apply` fails on the remote database even though the file runs in local SQLite.',
    remediation: { text: 'Remove the BEGIN/COMMIT (and SAVEPOINT) statements; D1 already applies the file atomically. Use `PRAGMA defer_foreign_keys = true` where the transaction was there to rebuild a table.', effort: 'low' },
    messages: {
      explicitTransaction: '`{{statement}}` in a D1 migration: D1 rejects explicit transaction statements',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.dialect === 'd1' && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no D1 migration set');
    for (const set of sets) {
      for (const s of upStatements(ctx, set)) {
        if (TX.test(s.text.trim())) ctx.report({ messageId: 'explicitTransaction', data: { statement: s.text.trim() }, location: { path: s.path, line: s.line } });
      }
    }
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + upStatements(ctx, s).length, 0), 'statement')} of ${plural(list.length, 'D1 set')} checked`);
  },
});
