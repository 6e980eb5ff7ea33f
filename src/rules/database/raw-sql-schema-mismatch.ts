import { defineRepoRule } from '../api.js';
import { lineOfReference, rawSqlChecks } from '../shared/raw-sql-checks.js';
import type { KnownSchema } from '../shared/sql-schema.js';
import { plural } from '../shared/migrations.js';

/** A name the schema holds in another case: unquoted SQL names fold to lower case, Prisma's default names do not. */
function caseHint(schema: KnownSchema, table: string, column?: string): string {
  if (column === undefined) {
    const other = [...schema.tables.keys()].find((t) => t !== table && t.toLowerCase() === table.toLowerCase());
    return other ? `; the schema has "${other}" (an unquoted name folds to lower case: quote it)` : '';
  }
  const cols = schema.tables.get(table);
  const other = cols ? [...cols].find((c) => c !== column && c.toLowerCase() === column.toLowerCase()) : undefined;
  return other ? `; the table has "${other}" (an unquoted name folds to lower case: quote it)` : '';
}

export default defineRepoRule({
  id: 'database/raw-sql-schema-mismatch',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'Raw SQL names a table or column the schema does not have',
    rationale: 'Raw SQL is checked by nobody before it runs: a table or column the schema does not have makes the query fail at run time, on the first request that reaches it.',
    remediation: { text: 'Use the table and column names the schema defines (Prisma maps models with @@map and fields with @map; quote mixed-case names), or add the migration that creates them.', effort: 'low' },
    messages: {
      tableMissing: '{{callee}}() reads table "{{table}}", which the schema does not have ({{sources}}){{hint}}',
      columnMissing: '{{callee}}() names column "{{column}}" of {{table}}, which the schema does not have ({{sources}}){{hint}}',
    },
  },
  async check(ctx) {
    const checks = await rawSqlChecks(ctx);
    if (checks.length === 0) return ctx.notApplicable('no raw SQL with table names in release code');
    const byPkg = new Map<string | null, { checked: number; not: string[] }>();
    for (const c of checks) {
      const tally = byPkg.get(c.site.package) ?? { checked: 0, not: [] };
      byPkg.set(c.site.package, tally);
      if (!c.checked) { tally.not.push(`${c.site.path}:${c.site.line} (${c.why})`); continue; }
      tally.checked++;
      const seen = new Set<string>();
      for (const m of c.missing) {
        const key = m.kind === 'table' ? `t:${m.table}` : `c:${m.table}.${m.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const declared = c.schema.declared.get(m.table);
        const data = { callee: c.site.callee, table: m.table, sources: c.schema.sources.join(', '), hint: caseHint(c.schema, m.table, m.kind === 'column' ? m.column : undefined) };
        ctx.report({
          messageId: m.kind === 'table' ? 'tableMissing' : 'columnMissing',
          data: m.kind === 'table' ? data : { ...data, column: m.column },
          location: { path: c.site.path, line: lineOfReference(c, m.location) },
          package: c.site.package,
          evidence: [
            { kind: 'file', path: c.site.path, line: c.site.line, snippet: c.site.snippet },
            ...(declared ? [{ kind: 'file' as const, path: declared.path, line: declared.line, snippet: `the model mapped to "${m.table}"` }] : []),
            { kind: 'note', text: `schema read from ${c.schema.sources.join(', ')}` },
          ],
        });
      }
    }
    for (const [pkg, t] of byPkg) {
      const not = t.not.length > 0 ? `; ${plural(t.not.length, 'site')} not checked: ${t.not.slice(0, 3).join(', ')}${t.not.length > 3 ? ', …' : ''}` : '';
      if (t.checked === 0) ctx.unknown(`no raw SQL text could be checked against a schema${not}`, pkg);
      else ctx.pass(`${plural(t.checked, 'raw SQL text')} checked against the schema${not}`, pkg);
    }
  },
});
