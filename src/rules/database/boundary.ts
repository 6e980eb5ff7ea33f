import { fileRole } from '../../util/roles.js';
import { matchAny } from '../../util/glob.js';
import { defineRepoRule } from '../api.js';
import { resolveSites } from '../shared/data-access.js';

/** Roles where touching the database is expected whatever the boundary: tests, migrations, generated code, examples. */
const EXEMPT_ROLES = new Set(['test', 'mock', 'migration', 'generated', 'example']);

export default defineRepoRule({
  id: 'database/boundary',
  meta: {
    category: 'database',
    severity: 'high',
    title: 'Database access outside the allowed boundary',
    rationale: 'When only some modules may touch the database (an orchestrator, a repository layer), every direct access elsewhere bypasses its validation, auditing and transactions.',
    remediation: { text: 'Route the access through the module the boundary allows (an RPC/service binding or repository function), or widen `boundaries.database.allow` if the boundary is wrong.', effort: 'medium' },
    messages: {
      d1Binding: 'D1 binding "{{binding}}" declared in {{config}}, outside the database boundary ({{allow}})',
      createsClient: '{{callee}}(…) creates a {{library}} client outside the database boundary ({{allow}})',
      queriesD1: '{{callee}}(…) queries the D1 binding {{binding}} outside the database boundary ({{allow}})',
      queries: '{{callee}}(…) queries the database through {{library}} outside the database boundary ({{allow}})',
    },
  },
  check(ctx) {
    const allow = ctx.config.boundaries?.database?.allow;
    if (!allow || allow.length === 0) {
      ctx.notApplicable('no boundary configured (`boundaries.database.allow` in verdict config)');
      return;
    }
    let checked = 0;
    for (const w of ctx.layout.wrangler) {
      for (const b of w.d1) {
        checked++;
        if (matchAny(w.path, allow)) continue;
        ctx.report({
          messageId: 'd1Binding',
          data: { binding: b.binding, config: w.path, allow: allow.join(', ') },
          location: { path: w.path, line: b.line },
        });
      }
    }
    const sites = resolveSites(ctx).filter((s) => !EXEMPT_ROLES.has(fileRole(s.path)));
    const files = new Set<string>();
    for (const s of sites) {
      checked++;
      files.add(s.path);
      if (matchAny(s.path, allow)) continue;
      ctx.report({
        messageId: s.kind === 'client' ? 'createsClient' : s.library === 'd1' ? 'queriesD1' : 'queries',
        data: { callee: s.callee, library: s.library, binding: s.database.slice(3), allow: allow.join(', ') },
        location: { path: s.path, line: s.line, snippet: s.snippet },
      });
    }
    ctx.pass(`${sites.length} data-access site(s) in ${files.size} file(s) and ${checked - sites.length} D1 binding(s) checked against ${allow.length} allowed glob(s)`);
  },
});
