import { defineRepoRule } from '../api.js';
import { declareByPackage, plural, setsOf, upStatements } from '../shared/migrations.js';

export default defineRepoRule({
  id: 'migrations/sql-parse-error',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'Every statement of a Postgres migration parses',
    rationale: 'A statement the Postgres parser rejects fails the deploy that runs it; the whole migration stops there.',
    remediation: { text: 'Fix the statement at the reported line (the parser message names the token), and apply the migration to a scratch database before merging.', effort: 'low' },
    messages: {
      parseError: 'statement does not parse (pgsql-parser, the Postgres 18 parser): {{error}}',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.dialect === 'postgresql' && s.format === 'sql');
    if (sets.length === 0) return ctx.notApplicable('no Postgres SQL migration set');
    const paths = new Set(sets.flatMap((s) => [...s.files, ...s.migrations.map((m) => m.down ?? '')]));
    for (const f of ctx.migrations.parseFailures) {
      if (!paths.has(f.path)) continue;
      ctx.report({ messageId: 'parseError', data: { error: f.message }, location: { path: f.path, line: f.line } });
    }
    declareByPackage(ctx, sets, (list) => `${plural(list.reduce((n, s) => n + upStatements(ctx, s).length, 0), 'statement')} in ${plural(list.reduce((n, s) => n + s.files.length, 0), 'file')} parsed with pgsql-parser`);
  },
});
