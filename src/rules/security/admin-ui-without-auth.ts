import { adminUiFacts } from '../../collect/facts/admin-uis.js';
import { ADMIN_UI_HANDLER } from '../../link/admin-uis.js';
import { adminUiOf } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { routeFacts } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/admin-ui-without-auth',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Admin or queue dashboard mounted without authentication',
    rationale: 'A queue dashboard (bull-board, Arena, Agendash, Kue) shows every job\'s data and lets whoever opens it retry, promote, remove or clean jobs: mounted with no auth in its chain, anyone who reaches the server can.',
    remediation: {
      text: 'Put an auth middleware in front of the mount (`app.use(\'/admin/queues\', requireAdmin, serverAdapter.getRouter())`, basic auth at the least), or serve the dashboard only on an internal port.',
      effort: 'low',
    },
    messages: {
      open: '{{what}} is mounted at {{path}} with no auth middleware in its chain: anyone who reaches the server can read job data and retry, remove or clean jobs',
    },
  },
  check(ctx) {
    const mounts = ctx.facts(adminUiFacts);
    if (mounts.length === 0) return ctx.notApplicable('no admin or queue dashboard (bull-board, Arena, Agendash, Kue, bull-monitor) is mounted');
    const routes = routeFacts(ctx).routes;
    const unresolved: string[] = [];
    let guarded = 0;
    let open = 0;
    for (const m of mounts) {
      const r = routes.find((x) => x.file === m.path && x.line === m.line && x.handler === `${ADMIN_UI_HANDLER}${m.package}`);
      if (!r || r.unresolved) { unresolved.push(`${m.path}:${m.line}`); continue; }
      if (r.auth || r.public) { guarded++; continue; }
      open++;
      ctx.report({
        messageId: 'open',
        data: { what: adminUiOf(m.package)?.what ?? m.package, path: r.path },
        location: { path: m.path, line: m.line, snippet: m.snippet },
        evidence: [{ kind: 'note', text: r.middleware.length > 0 ? `chain: ${r.middleware.join(' → ')}; none of it is auth` : 'nothing runs before the dashboard' }],
      });
    }
    if (open > 0) return;
    if (unresolved.length > 0) return ctx.unknown(`a dashboard is mounted on a router whose mount chain verdict could not follow: ${unresolved.slice(0, 5).join(', ')}`);
    ctx.pass(`${guarded} dashboard mount(s), each behind auth middleware`);
  },
});
