// Admin and queue dashboards mounted on a server (collect/admin-uis) as routes of the route table:
// an `ALL` route at the mount's path on the receiver it is mounted on, with the middleware given in
// the same call, so the table adds the app's and the mounting routers' chains as it does for any route.
import type { AdminUiMount } from '../collect/facts/admin-uis.js';
import type { Located } from '../collect/facts/define.js';
import type { RouteFact, RouteRecord } from '../collect/facts/routes.js';

/** The handler name such a route carries: the dashboard's package. */
export const ADMIN_UI_HANDLER = 'admin-ui:';

export function adminUiRoutes(mounts: ReadonlyArray<Located<AdminUiMount>>, routes: readonly RouteFact[]): RouteRecord[] {
  return mounts.map((m) => {
    // The receiver's framework as the file makes it (`const app = fastify()`), else the package's.
    const app = routes.find((r) => r.kind === 'app' && r.path === m.path && r.name === m.receiver);
    return {
      kind: 'route', path: m.path, framework: app?.kind === 'app' ? app.framework : m.framework, receiver: m.receiver, method: 'ALL',
      url: m.prefix ?? '/', line: m.line, snippet: m.snippet, middleware: m.before.map((b) => ({ ...b })), handler: `${ADMIN_UI_HANDLER}${m.package}`, calls: '',
    };
  });
}
