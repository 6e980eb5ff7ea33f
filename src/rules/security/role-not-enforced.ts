import { namesRestriction } from '../../knowledge/index.js';
import type { NestRestriction } from '../../link/nest-restrictions.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { roleWriteOf } from '../shared/record-ownership.js';
import { handlerDecl, routeFacts, routeLocation, type AssembledRoute } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/role-not-enforced',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'A role restriction no guard of the route reads (NestJS `@Roles` without its guard)',
    rationale: '`@Roles(\'admin\')` only writes metadata; the restriction exists when a guard of the route reads that key and refuses callers without the role. With no such guard in the chain (the roles guard never registered, registered on another controller, or reading the handler\'s metadata when the decorator is on the class) every signed-in caller reaches the administrator\'s route.',
    remediation: {
      text: 'Put the guard that reads the key in the route\'s chain (`@UseGuards(JwtAuthGuard, RolesGuard)` on the controller, or `{ provide: APP_GUARD, useClass: RolesGuard }`), and have it read the metadata where the decorator is (`getAllAndOverride(KEY, [context.getHandler(), context.getClass()])`).',
      effort: 'low',
    },
    messages: {
      decorative: '@{{name}} on {{method}} {{path}} sets `{{key}}`, but no guard of the route reads it{{where}}: the restriction is not enforced',
      roleGrant: '{{method}} {{path}} sets `{{field}}` from the request body ({{file}}:{{line}}) and checks only who the caller is ({{auth}}), not their role: any signed-in user can grant themselves a role',
      roleWrite: '{{method}} {{path}} changes `{{field}}` of the {{model}} record the request names ({{source}} → {{sink}}) and checks only who the caller is ({{auth}}), not their role: any signed-in user can change anyone\'s role',
      adminUnchecked: '{{method}} {{path}} is mounted under `/{{segment}}` and checks who the caller is ({{auth}}) but no middleware of its chain or its handler checks their role or permission: any signed-in user can call it',
    },
  },
  check(ctx) {
    const all = routeFacts(ctx).routes;
    const routes = all.filter((r) => r.framework === 'nestjs' && (r.restrictions ?? []).some(isRole));
    // A NestJS route with a role decorator is judged by the guards that read it (below); one without is an admin route like any other.
    const admin = all.filter((r) => (r.framework !== 'nestjs' || !(r.restrictions ?? []).some(isRole)) && r.auth && !r.unresolved && adminSegment(r.path) !== null);
    // A role set from what the caller sent, on a route any signed-in caller reaches: a self-promotion.
    const grants = all.filter((r) => r.auth && !r.unresolved && (r.grants?.length ?? 0) > 0);
    for (const r of grants) {
      if (r.roleCheck) continue;
      const g = r.grants![0];
      ctx.report({
        messageId: 'roleGrant', severity: 'high',
        data: { method: r.method, path: r.path, field: g.field, file: r.file, line: String(g.line), auth: r.auth! },
        location: routeLocation(r),
        evidence: [
          { kind: 'file', path: r.file, line: g.line, snippet: `${g.field} set from the request body` },
          { kind: 'note', text: `chain: ${r.middleware.join(' → ') || 'none'}; no role or permission check in it, and the handler answers no 403` },
        ],
      });
    }
    // A role changed on a record the request names (whatever the value), on a route that checks only who the caller is.
    let rewritten = 0;
    for (const r of all) {
      if (grants.includes(r) && !r.roleCheck) continue;
      const w = roleWriteOf(ctx, r, handlerDecl(ctx.link, r));
      if (!w) continue;
      rewritten++;
      const l = w.lookup;
      ctx.report({
        messageId: 'roleWrite', severity: 'high',
        data: { method: r.method, path: r.path, field: w.field, model: l.model?.name ?? 'stored', source: `${w.source.text} at ${w.source.at}`, sink: `${l.callee}(...) at ${l.path}:${l.line}`, auth: r.auth! },
        location: routeLocation(r),
        evidence: [
          { kind: 'file', path: l.path, line: l.line, snippet: `${l.callee}(...) sets ${l.roleFields!.join(', ')}` },
          { kind: 'note', text: `followed: ${w.via.join(' → ')}; chain: ${r.middleware.join(' → ') || 'none'}; no role or permission check, no comparison with the caller` },
        ],
      });
    }
    const granted = grants.filter((r) => !r.roleCheck).length + rewritten;
    if (routes.length === 0 && admin.length === 0 && (grants.length > 0 || rewritten > 0)) {
      if (granted === 0) ctx.pass(`${grants.length} route(s) that set a role from the request body, each behind a role or permission check`);
      return;
    }
    if (routes.length === 0 && admin.length === 0) return ctx.notApplicable('no NestJS route carries a role or permission decorator that sets metadata, and no authenticated route is mounted under an admin path');
    const unknown: string[] = [];
    let enforced = 0;
    let found = 0;
    for (const r of admin) {
      if (r.roleCheck) { enforced++; continue; }
      // A handler verdict did not read may check the role itself.
      if (!r.inspected) { unknown.push(`${r.file}:${r.line} (${r.method} ${r.path}: handler not read)`); continue; }
      found++;
      ctx.report({
        messageId: 'adminUnchecked',
        severity: 'medium',
        data: { method: r.method, path: r.path, segment: adminSegment(r.path)!, auth: r.auth! },
        location: routeLocation(r),
        evidence: [{ kind: 'note', text: `chain: ${r.middleware.join(' → ') || 'none'}; the handler answers no 403` }],
      });
    }
    const seen = new Set<string>();
    for (const r of routes) {
      for (const x of (r.restrictions ?? []).filter(isRole)) {
        if (x.enforcedBy.length > 0) { enforced++; continue; }
        if (x.unread.length > 0 || r.unresolved) { unknown.push(`${r.file}:${r.line} (@${x.name}; not read: ${x.unread.join(', ') || 'the chain'})`); continue; }
        found++;
        // A decorator on the controller is one finding per route it leaves open: each route is an entry point.
        const at = `${r.file}:${r.line}:${x.name}`;
        if (seen.has(at)) continue;
        seen.add(at);
        report(ctx, r, x);
      }
    }
    if (found > 0 || granted > 0) return;
    if (unknown.length > 0) {
      return ctx.unknown(`${unknown.length} role restriction(s) have a guard whose code verdict could not read: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}`);
    }
    ctx.pass(`${enforced} role restriction(s) or admin route(s) (${routes.length} NestJS, ${admin.length} under an admin path)${grants.length > 0 ? ` and ${grants.length} route(s) setting a role from the body` : ''}, each checked by a guard, a middleware or its handler`);
  },
});

const isRole = (x: NestRestriction): boolean => namesRestriction(x.name) || namesRestriction(x.key);

/** The path segment that mounts the route under an administrators' prefix (`/admin/users`, `/api/admin`), or null. */
function adminSegment(path: string): string | null {
  return path.split('/').find((s) => /^(admin|admins|administration|administrator)$/i.test(s)) ?? null;
}

function report(ctx: RepoRuleContext, r: AssembledRoute, x: NestRestriction): void {
  const where = x.guards.length === 0 ? ' (its chain holds no guard)' : ` (${x.guards.join(', ')} ${x.guards.length === 1 ? 'reads' : 'read'} other keys${x.on === 'class' ? ', or only the handler\'s metadata' : ''})`;
  ctx.report({
    messageId: 'decorative',
    data: { name: x.name, method: r.method, path: r.path, key: x.key, where },
    location: routeLocation(r),
    evidence: [
      { kind: 'file', path: r.file, line: x.line, snippet: `@${x.name}(...) on the ${x.on === 'class' ? 'controller' : 'method'}` },
      { kind: 'note', text: x.guards.length === 0 ? 'guards of the route: none (global, controller and method)' : `guards of the route: ${x.guards.join(', ')}; none reads \`${x.key}\` for the ${x.on === 'class' ? 'controller' : 'method'}` },
    ],
  });
}
