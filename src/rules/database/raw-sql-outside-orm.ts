import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { resolveSites } from '../shared/data-access.js';

const ORMS = ['prisma', 'drizzle', 'kysely', 'typeorm'];

export default defineRepoRule({
  id: 'database/raw-sql-outside-orm',
  meta: {
    category: 'database',
    severity: 'medium',
    title: 'Raw SQL executed where the package uses an ORM',
    rationale: 'Raw SQL next to an ORM escapes its types, its schema and its migrations: a renamed column breaks the raw query at run time, not at build time.',
    remediation: { text: 'Express the query through the ORM (or its typed query builder); keep unavoidable raw SQL in one module with a test against the real schema.', effort: 'medium' },
    messages: {
      rawSql: 'raw SQL executed with {{callee}}(…) in a package that uses {{orms}}',
    },
  },
  check(ctx) {
    let inspected = 0;
    for (const pkg of ctx.layout.packages) {
      const orms = pkg.orms.filter((o) => ORMS.includes(o));
      if (orms.length === 0) continue;
      const raw = resolveSites(ctx).filter((s) => s.package === pkg.name && s.sql && (s.kind === 'raw' || s.kind === 'prepare')
        && fileRole(s.path) === 'service');
      inspected++;
      for (const s of raw) {
        ctx.report({
          messageId: 'rawSql',
          data: { callee: s.callee, orms: orms.join(', ') },
          location: { path: s.path, line: s.line, snippet: s.snippet },
          package: pkg.name,
        });
      }
      ctx.pass(`${orms.join(', ')} in use; raw SQL sites in service code checked`, pkg.name);
    }
    if (inspected === 0) ctx.notApplicable('no package uses an ORM (Prisma, Drizzle, Kysely, TypeORM)');
  },
});
