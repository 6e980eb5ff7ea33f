import { isHealthPath, isReadyPath, RESPONDERS, serviceDependencyOf } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';
import { deployProbes, type DeployProbe } from '../shared/deploy-probes.js';
import { type AssembledRoute, callsOf, routeFacts, routeLocation } from '../shared/routes.js';

/**
 * Whether a handler read in place may check something: a call that reaches a service client, or one
 * verdict cannot rule out (the link's `probeCalls`). Calls that only build the answer, log, read the
 * runtime, or are functions whose bodies do only that, check nothing (`request.log.debug()`, a local
 * `okBody()` that returns `{ ok: true, ts: Date.now() }`).
 */
const checks = (r: AssembledRoute): boolean => r.probeCalls
  ? r.probeCalls.dependency !== null || r.probeCalls.open.length > 0
  : callsOf(r).some((c) => !RESPONDERS.has(c) && !RESPONDERS.has(c.slice(c.lastIndexOf('.') + 1)));

export default defineRepoRule({
  id: 'observability/health-checks-nothing',
  meta: {
    category: 'observability',
    severity: 'medium',
    title: 'The health or readiness answer touches none of the service\'s dependencies',
    rationale: 'A health route that answers from constants stays green while the database, Redis or the queue is down: the orchestrator keeps routing traffic to a service that cannot serve it.',
    remediation: { text: 'Make the readiness route (the one the deployment probes) call each dependency with a short timeout (`SELECT 1`, a Redis PING, the search cluster\'s ping) and answer 503 when one fails; keep liveness cheap.', effort: 'low' },
    messages: {
      checksNothing: '{{method}} {{path}}{{probed}} answers without touching {{deps}}: it stays up while they are down',
    },
  },
  check(ctx) {
    const { routes } = routeFacts(ctx);
    const probes = deployProbes(ctx.documents);
    const probedBy = (r: AssembledRoute): DeployProbe | undefined => probes.find((p) => p.path === r.path || r.path.endsWith(p.path));
    let any = false;
    for (const pkg of ctx.layout.packages) {
      const deps = Object.keys({ ...pkg.dependencies }).map(serviceDependencyOf).filter((d) => d !== null);
      const named = routes.filter((r) => r.package === pkg.name && ['GET', 'ALL', 'HEAD'].includes(r.method) && !r.unresolved
        && (isHealthPath(r.path) || isReadyPath(r.path) || probedBy(r) !== undefined));
      // What the deployment probes decides whether traffic is sent: where it probes a route, that route is
      // judged, not a status page beside it that happens to query the database.
      const probed = named.filter((r) => probedBy(r) !== undefined);
      const health = probed.length > 0 ? probed : named;
      if (health.length === 0) continue;
      any = true;
      if (deps.length === 0) {
        ctx.pass(`${health.length} health route(s); the package declares no database, cache, queue or search client`, pkg.name);
        continue;
      }
      const depText = deps.map((d) => `${d.package} (${d.kind})`).join(', ');
      // Only handlers read in place are judged: a call verdict cannot follow may be the check.
      const unread = health.filter((r) => !r.inspected);
      const checking = health.filter((r) => r.inspected && checks(r));
      // A pass needs a call seen to reach a dependency; a call verdict cannot follow, or a handler it could
      // not read, may be the check or may not: that is unknown, never a pass.
      const touching = checking.filter((r) => r.probeCalls?.dependency);
      if (touching.length > 0) {
        ctx.pass(`${health.length} health route(s); ${touching[0].method} ${touching[0].path} (${touching[0].file}:${touching[0].line}) reaches ${touching[0].probeCalls!.dependency}`, pkg.name);
        continue;
      }
      if (checking.length > 0 || unread.length > 0) {
        const first = checking[0] ?? unread[0];
        const open = first.probeCalls?.open[0] ?? (first.inspected ? callsOf(first).find((c) => !RESPONDERS.has(c)) : undefined);
        ctx.unknown(`${health.length} health route(s), none seen to reach ${depText}: ${first.method} ${first.path} (${first.file}:${first.line}) ${open ? `calls ${open}, which verdict cannot follow` : 'has a handler not read in place'}`, pkg.name);
        continue;
      }
      // Dependencies reported "ok" from a constant: observability/health-constant says so (high).
      const candidates = health.filter((r) => !(r.health && r.health.claims.length > 0));
      if (candidates.length === 0) {
        ctx.pass(`${health.length} health route(s) report dependencies from constants: observability/health-constant's finding`, pkg.name);
        continue;
      }
      const r = candidates.find((x) => probedBy(x)) ?? candidates[0];
      const probe = probedBy(r);
      ctx.report({
        messageId: 'checksNothing',
        data: { method: r.method, path: r.path, probed: probe ? ` (probed by ${probe.via}, ${probe.file}:${probe.line})` : '', deps: depText },
        // The handler that answers without a check, where it is a named function of the file (`handler: onStatus`).
        location: r.handlerLine ? { path: r.file, line: r.handlerLine } : routeLocation(r),
        package: pkg.name,
        evidence: [
          { kind: 'note', text: `handler ${r.handler} calls ${callsOf(r).join(', ') || 'nothing'} (none reaches a service client, directly or through the functions it calls); the package depends on ${depText}` },
          ...(probe ? [{ kind: 'file' as const, path: probe.file, line: probe.line, snippet: `${probe.via}: ${probe.path}` }] : []),
        ],
      });
    }
    if (!any) ctx.notApplicable('no health or readiness route found');
  },
});
