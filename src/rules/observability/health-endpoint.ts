import { routeRecords } from '../../collect/facts/routes.js';
import { isHealthPath, isReadyPath } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { bunServedEntries } from '../shared/runtime.js';
import { type AssembledRoute, declareUnseenRoutes, isHttp, routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'observability/health-endpoint',
  meta: {
    category: 'observability',
    severity: 'medium',
    title: 'Health and readiness endpoints',
    rationale: 'Load balancers, orchestrators and uptime checks need an endpoint to ask whether the service is alive; without one a hung process keeps receiving traffic.',
    remediation: { text: 'Add `GET /health` (liveness) and `GET /ready` (readiness: checks the database and other dependencies it needs).', effort: 'low' },
    messages: {
      noHealth: 'long-running service with {{routes}} route(s) and no health endpoint (/health, /healthz, /ping, /status, /heartbeat)',
      noReadiness: 'health endpoint {{health}} but no readiness endpoint (/ready, /readyz)',
    },
  },
  check(ctx) {
    const { routes, facts } = routeFacts(ctx);
    const pkgs = [...new Set(routes.filter(isHttp).map((r) => r.package))];
    const unseen = declareUnseenRoutes(ctx, routes);
    if (pkgs.length === 0) {
      if (!unseen) ctx.notApplicable('no HTTP route found');
      return;
    }
    for (const pkg of pkgs) {
      const mine = routes.filter((r) => r.package === pkg && ['GET', 'ALL', 'HEAD'].includes(r.method));
      // A route file named health.ts on a router whose prefix is unknown (autoload, unresolved mounts) counts too.
      const named = (is: (path: string) => boolean) => (r: AssembledRoute) => is(r.path) || (r.unresolved && /^\?\/?$/.test(r.path) && is(r.file.replace(/(\/index)?\.[cm]?[jt]sx?$/, '')));
      // The most health-like of the candidates: `/api/health` before a data provider's `/status`.
      const health = mine.filter(named(isHealthPath))
        .sort((a, b) => Number(!/health/i.test(a.path)) - Number(!/health/i.test(b.path)) || a.path.length - b.path.length)[0];
      const ready = mine.find(named(isReadyPath));
      const listen = routeRecords(facts, 'listen').find((f) => ctx.packageOf(f.path) === pkg) ?? bunServedEntries(ctx).find((f) => ctx.packageOf(f.path) === pkg);
      const at = (r: { method: string; path: string; file: string; line: number }) => `${r.method} ${r.path} (${r.file}:${r.line})`;
      if (!health && !ready) {
        if (!listen) {
          ctx.pass(`no health endpoint among ${routes.filter((r) => r.package === pkg).length} route(s); not a long-running server (no listen call), so none is required`, pkg);
          continue;
        }
        // Absence is about the service, not a line: the finding is the package's, and the listen call
        // that makes it long-running is its evidence (a line near it is not what is missing).
        ctx.report({
          messageId: 'noHealth',
          data: { routes: routes.filter((r) => r.package === pkg).length },
          location: null,
          package: pkg,
          evidence: [{ kind: 'file', path: listen.path, line: listen.line, snippet: listen.snippet }],
        });
        continue;
      }
      if (listen && !ready) {
        ctx.report({
          messageId: 'noReadiness',
          data: { health: at(health!) },
          severity: 'info',
          location: routeLocation(health!),
          package: pkg,
        });
        continue;
      }
      ctx.pass([health && `health: ${at(health)}`, ready && `readiness: ${at(ready)}`].filter(Boolean).join('; '), pkg);
    }
  },
});
