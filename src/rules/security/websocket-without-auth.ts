import { defineRepoRule } from '../api.js';
import { routeRecords } from '../../collect/facts/routes.js';
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
      identityFromClient: 'WebSocket server at {{path}} ({{framework}}) takes the user\'s identity from {{via}}.{{field}}, which the client chooses, with no token or session check on the connection',
    },
  },
  check(ctx) {
    const { routes, facts } = routeFacts(ctx);
    const ws = routes.filter((r) => r.websocket && !r.unresolved);
    // Where each server's handlers take the user's id from the client (collect: socket-identity).
    const identity = new Map(routeRecords(facts, 'route').filter((x) => x.socket?.identity).map((x) => [`${x.path}:${x.line}`, x.socket!.identity!]));
    if (ws.length === 0 && !routes.some((r) => r.websocket)) {
      ctx.notApplicable('no WebSocket upgrade handler found');
      return;
    }
    const open = ws.filter((r) => !r.auth);
    for (const r of open) {
      const claimed = identity.get(`${r.file}:${r.line}`);
      if (claimed) {
        const first = claimed[0];
        ctx.report({
          messageId: 'identityFromClient',
          data: { path: r.path, framework: r.framework, via: first.via, field: first.field },
          location: { path: r.file, line: first.line },
          evidence: [
            { kind: 'note', text: `server at ${r.file}:${r.line}${r.middleware.length ? `, chain: ${r.middleware.join(', ')}` : ''}; no guard, verifier or session lookup on its connection path` },
            ...claimed.slice(1, 4).map((c) => ({ kind: 'note' as const, text: `also ${c.via}.${c.field} at line ${c.line}` })),
          ],
        });
        continue;
      }
      ctx.report({
        messageId: 'unauthenticatedUpgrade',
        data: { path: r.path, framework: r.framework },
        location: routeLocation(r),
        evidence: r.middleware.length ? [{ kind: 'note', text: `middleware: ${r.middleware.join(', ')}` }] : [],
      });
    }
    // A server on a router or app whose mounting verdict could not follow: its checks are not known.
    const unread = routes.filter((r) => r.websocket && r.unresolved);
    if (open.length === 0 && unread.length > 0) return ctx.unknown(`WebSocket upgrade(s) on a mount verdict could not follow: ${unread.slice(0, 5).map((r) => `${r.file}:${r.line}`).join(', ')}`);
    ctx.pass(`${ws.length} WebSocket upgrade handler(s), ${ws.length - open.length} authenticated`);
  },
});
