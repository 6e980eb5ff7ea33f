import { defineRepoRule } from '../api.js';
import { routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/websocket-without-auth',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'WebSocket upgrades accepted without an auth check',
    rationale: 'A WebSocket stays open and carries every later message; accepting the upgrade unauthenticated skips every per-request guard.',
    remediation: {
      text: 'Authenticate before accepting the upgrade: auth middleware in front of `upgradeWebSocket`, a token or session check before `new WebSocketPair()`, `verifyClient` or a check in the `upgrade` handler of a `ws` server.',
      effort: 'low',
    },
    messages: {
      unauthenticatedUpgrade: 'WebSocket upgrade at {{path}} ({{framework}}) is accepted without an auth check',
    },
  },
  check(ctx) {
    const { routes } = routeFacts(ctx);
    const ws = routes.filter((r) => r.websocket && !r.unresolved);
    if (ws.length === 0) {
      ctx.notApplicable('no WebSocket upgrade handler found');
      return;
    }
    const open = ws.filter((r) => !r.auth);
    for (const r of open) {
      ctx.report({
        messageId: 'unauthenticatedUpgrade',
        data: { path: r.path, framework: r.framework },
        location: routeLocation(r),
        evidence: r.middleware.length ? [{ kind: 'note', text: `middleware: ${r.middleware.join(', ')}` }] : [],
      });
    }
    ctx.pass(`${ws.length} WebSocket upgrade handler(s), ${ws.length - open.length} authenticated`);
  },
});
