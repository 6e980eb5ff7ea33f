import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { resolveSites } from '../shared/data-access.js';
import { rawSqlChecks } from '../shared/raw-sql-checks.js';

const ORMS = ['prisma', 'drizzle', 'kysely', 'typeorm'];

export default defineRepoRule({
  id: 'database/raw-sql-outside-orm',
  meta: {
    category: 'database',
    severity: 'low',
    title: 'Raw SQL that could not be checked against the schema, where the package uses an ORM',
    rationale: 'Raw SQL next to an ORM escapes its types, its schema and its migrations: a renamed column breaks the raw query at run time, not at build time. Raw SQL verdict checked against the schema (database/raw-sql-schema-mismatch) is not reported here.',
    remediation: { text: 'Express the query through the ORM (or its typed query builder); keep unavoidable raw SQL in one module with a test against the real schema.', effort: 'medium' },
    messages: {
      rawSql: 'raw SQL executed with {{callee}}(…) in a package that uses {{orms}}, not checked against the schema: {{why}}',
    },
  },
  async check(ctx) {
    // What the schema check could not read stays (low); what it checked is answered there.
    const unchecked = new Map((await rawSqlChecks(ctx)).map((c) => [c.site, c.checked ? null : c.why]));
    let inspected = 0;
    for (const pkg of ctx.layout.packages) {
      const orms = pkg.orms.filter((o) => ORMS.includes(o));
      if (orms.length === 0) continue;
      const raw = resolveSites(ctx).filter((s) => s.package === pkg.name && s.sql && (s.kind === 'raw' || s.kind === 'prepare')
        && fileRole(s.path) === 'service');
      inspected++;
      for (const s of raw) {
        const why = unchecked.get(s);
        if (why === null) continue;
        ctx.report({
          messageId: 'rawSql',
          data: { callee: s.callee, orms: orms.join(', '), why: why ?? 'verdict checks the SQL of Postgres drivers only' },
          location: { path: s.path, line: s.line, snippet: s.snippet },
          package: pkg.name,
        });
      }
      ctx.pass(`${orms.join(', ')} in use; raw SQL sites in service code checked`, pkg.name);
    }
    if (inspected === 0) ctx.notApplicable('no package uses an ORM (Prisma, Drizzle, Kysely, TypeORM)');
  },
});
