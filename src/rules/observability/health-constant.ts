import { isHealthPath, isReadyPath } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'observability/health-constant',
  meta: {
    category: 'observability',
    severity: 'high',
    title: 'Health endpoint reports dependencies as fine without checking them',
    rationale: 'A health check that answers `database: "ok"` from a constant stays green while the database is down, so traffic keeps flowing to a broken service.',
    remediation: { text: 'Call the dependency (`SELECT 1`, a Redis PING, a KV read) with a short timeout and report its real state, or drop the dependency fields from a liveness endpoint.', effort: 'low' },
    messages: {
      constantHealth: '{{method}} {{path}} reports {{claims}} as healthy from a constant; the handler calls nothing',
    },
  },
  check(ctx) {
    const { routes } = routeFacts(ctx);
    const health = routes.filter((r) => isHealthPath(r.path) || isReadyPath(r.path));
    if (health.length === 0) {
      ctx.notApplicable('no health or readiness endpoint found');
      return;
    }
    let inspected = 0;
    for (const r of health) {
      if (!r.health) continue;
      inspected++;
      if (r.health.claims.length === 0 || r.health.calls > 0) continue;
      ctx.report({
        messageId: 'constantHealth',
        data: { method: r.method, path: r.path, claims: r.health.claims.map((c) => `\`${c}\``).join(', ') },
        location: routeLocation(r),
      });
    }
    ctx.pass(`${health.length} health/readiness endpoint(s), ${inspected} handler(s) inspected in place`);
  },
});
