import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { type AssembledRoute, declareComputedRoutes, declareUnseenRoutes, routeFacts, routeLocation } from '../shared/routes.js';
import { chainNote, limiterKey, limiterText, sharedLimiters } from '../shared/limiters.js';
import { pushTo } from '../../util/group.js';
import { exportFact, limitedPurposeOf } from '../../knowledge/index.js';

/** What a route is that needs a rate limit of its own (sign-in, sign-up, reset, token, contact form), or null. */
function purposeOf(r: AssembledRoute): string | null {
  const p = limitedPurposeOf(r.path);
  if (p) return p.purpose;
  return r.public === 'signup' && !r.auth ? 'sign-up' : null;
}

function mutating(r: AssembledRoute): boolean {
  return !['GET', 'HEAD', 'OPTIONS', 'WS'].includes(r.method);
}

export default defineRepoRule({
  id: 'security/rate-limit-missing',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'Routes without a rate limiter',
    rationale: 'Without a limiter one client can brute-force credentials or exhaust the service and its database.',
    remediation: {
      text: 'Apply a limiter to the routes that change data and above all to login/signup/token routes: express-rate-limit, hono-rate-limiter, @fastify/rate-limit, or the Workers rate limiting binding (`env.LIMITER.limit({ key })`).',
      effort: 'low',
    },
    messages: {
      noLimiter: 'no rate limiter applies to any route of this service ({{writes}} route(s) change data); first: {{method}} {{path}}',
      noLimiterWithCredentials: 'no rate limiter applies to any route of this service ({{writes}} route(s) change data, {{credentials}} handle credentials); first: {{method}} {{path}}',
      credentialsUnlimited: '{{method}} {{path}} ({{purpose}}) needs a rate limit and no rate limiter covers it',
      onlyShared: '{{method}} {{path}} ({{purpose}}) is covered only by the limiter all routes share, while {{count}} other route(s) of its kind have their own (first: {{otherMethod}} {{otherPath}}, {{limiter}})',
      limiterOff: 'the rate limiter {{name}} is mounted only when {{condition}}: off in the default configuration, so {{routes}} route(s) it would cover are unlimited (first: {{method}} {{path}})',
      limiterSkips: 'the rate limiter {{name}} lets every request through in the default configuration ({{condition}}), so {{routes}} route(s) it covers are unlimited (first: {{method}} {{path}})',
    },
  },
  check(ctx) {
    const { routes, limiterImports, limiters } = routeFacts(ctx);
    const byPkg = new Map<string, AssembledRoute[]>();
    for (const r of routes) if (!r.unresolved && !r.websocket) pushTo(byPkg, r.package ?? '', r);
    const unseen = declareUnseenRoutes(ctx, routes);
    if (byPkg.size === 0) {
      // Routes with computed paths, or mounted where verdict could not follow, only: unknown, not "no route".
      const computed = declareComputedRoutes(ctx, routes, 'whether a limiter applies');
      if (!declareUnmounted(ctx, routes) && !computed && !unseen) ctx.notApplicable('no HTTP route found');
      return;
    }
    for (const [pkg, all] of byPkg) {
      // A limiter whose skip option reads a config value verdict could not decide: the routes it would
      // cover are neither limited nor open, so the credential ones leave the package unknown, never passed.
      const undecided = all.filter((r) => !r.rateLimited && r.limitOff?.unknown);
      const list = undecided.length > 0 ? all.filter((r) => !undecided.includes(r)) : all;
      if (undecided.some((r) => mutating(r) && purposeOf(r) !== null)) declareUndecided(ctx, undecided, pkg || null);
      const limited = list.filter((r) => r.rateLimited);
      const credential = list.filter((r) => mutating(r) && purposeOf(r) !== null);
      const writes = list.filter(mutating);
      const name = pkg || null;
      // A limiter mounted under a condition the default configuration does not meet: one finding per mount, at the mount.
      const offAt = new Map<string, AssembledRoute[]>();
      for (const r of list) if (!r.rateLimited && r.limitOff) pushTo(offAt, `${r.limitOff.path}:${r.limitOff.line}`, r);
      for (const covered of offAt.values()) {
        const off = covered[0].limitOff!;
        const first = covered.find((r) => credential.includes(r)) ?? covered.find(mutating) ?? covered[0];
        ctx.report({
          messageId: off.skips ? 'limiterSkips' : 'limiterOff',
          data: { name: off.name, condition: off.condition, routes: covered.length, method: first.method, path: first.path },
          location: { path: off.path, line: off.line },
          evidence: [
            { kind: 'note', text: off.byVersion ? `limit option ${off.condition}` : off.skips ? `skip option: ${off.condition} (true in the default configuration: no environment variable set)` : `condition: ${off.condition}` },
            ...(off.via ? [{ kind: 'file' as const, path: off.via.path, line: off.via.line, snippet: off.via.text }] : []),
            { kind: 'file', path: first.file, line: first.line, snippet: first.snippet },
          ],
          package: name,
        });
      }
      if (offAt.size > 0) {
        for (const r of credential.filter((x) => !x.rateLimited && !x.limitOff)) unlimited(r, name);
        continue;
      }
      if (limited.length === 0 && (writes.length > 0 || credential.length > 0)) {
        // A limiter package registered in this package that no route's chain holds (a Fastify plugin
        // wrapped in fastify-plugin applies to its parent, `app.register(rateLimit)` in a plugin file):
        // where it applies is unknown, not absent. An import that only builds a limiter the link
        // follows (`export const loginLimiter = rateLimit(...)`) is no registration: where that
        // limiter is applied is known, and nothing applying it is the finding.
        // A decorator the route table reads on the routes themselves (NestJS `@Throttle()`, `@SkipThrottle()`)
        // is no registration either: it was judged there.
        const registered = limiterImports.find((i) => i.used && ctx.packageOf(i.path) === (pkg || null)
          && !limiters.some((l) => l.path === i.path && l.lib === i.from) && !readOnRoutes(i.from, i.local));
        if (registered) {
          ctx.unknown(`${registered.from} is registered at ${registered.path}:${registered.line}, but verdict could not tell which routes it applies to (${writes.length} route(s) change data)`, name);
          continue;
        }
        // The route to name first is the one a guesser attacks: a sign-in takes passwords from anyone.
        const first = credential.find((r) => purposeOf(r) === 'sign-in') ?? credential[0] ?? writes[0];
        // No limiter anywhere is a fact about the service, not a line: the finding is the package's, and
        // the first route it leaves open is its evidence. Each credential route is a place of its own.
        ctx.report({
          messageId: credential.length ? 'noLimiterWithCredentials' : 'noLimiter',
          data: { writes: writes.length, credentials: credential.length, method: first.method, path: first.path },
          location: null,
          package: name,
          evidence: [{ kind: 'file', path: first.file, line: first.line, snippet: first.snippet ?? '' }],
        });
        for (const r of credential) unlimited(r, name);
        continue;
      }
      for (const r of credential.filter((x) => !x.rateLimited)) unlimited(r, name);
      // Some credential routes have a stricter limiter than the one every route shares; an open one left
      // with only the shared limiter was missed. Limiters are told apart by where they are applied: two
      // `rateLimit(...)` calls, one app-wide and one under `/auth`, are two limiters.
      const everywhere = sharedLimiters(list);
      const ownLimiter = (r: AssembledRoute) => r.limiters.some((l) => !everywhere.has(limiterKey(l)));
      const own = credential.filter(ownLimiter);
      // Only routes an anonymous caller reaches: a signed-in account's settings are no brute-force target of the same kind.
      const shared = own.length > 0 && everywhere.size > 0 ? credential.filter((r) => r.rateLimited && !r.auth && !ownLimiter(r)) : [];
      for (const r of shared) {
        const other = own[0];
        const its = other.limiters.filter((l) => !everywhere.has(limiterKey(l)));
        ctx.report({
          messageId: 'onlyShared',
          data: { method: r.method, path: r.path, purpose: purposeOf(r) ?? '', count: own.length, otherMethod: other.method, otherPath: other.path, limiter: its.map(limiterText).join(', ') },
          location: routeLocation(r),
          package: name,
          evidence: r.limiters.map((l) => ({ kind: 'note' as const, text: `applies to every route: ${limiterText(l)}` })),
        });
      }
      if (shared.length === 0 && !undecided.some((r) => mutating(r) && purposeOf(r) !== null)) ctx.pass(`${list.length} route(s), ${limited.length} covered by a limiter, ${credential.length} credential route(s)${covering(credential)}`, name);
    }
    // Declared last: a package's routes with computed paths, or mounted where verdict could not follow,
    // leave it unknown, whatever its other routes passed.
    declareComputedRoutes(ctx, routes, 'whether a limiter applies');
    declareUnmounted(ctx, routes);

    function unlimited(r: AssembledRoute, pkg: string | null): void {
      ctx.report({
        messageId: 'credentialsUnlimited', data: { method: r.method, path: r.path, purpose: purposeOf(r) ?? '' }, location: routeLocation(r), package: pkg,
        evidence: [{ kind: 'note', text: chainNote(r) }],
      });
    }
  },
});

/** Credential routes a limiter would cover whose skip option verdict could not decide: unknown, naming the option and its file. */
function declareUndecided(ctx: RepoRuleContext, undecided: readonly AssembledRoute[], pkg: string | null): void {
  const credential = undecided.filter((r) => mutating(r) && purposeOf(r) !== null);
  const byOption = new Map<string, AssembledRoute[]>();
  for (const r of credential) pushTo(byOption, `${r.limitOff!.name} at ${r.limitOff!.path}:${r.limitOff!.line} (${r.limitOff!.condition})`, r);
  const reasons = [...byOption].map(([option, routes]) => `whether the rate limiter ${option} is on in the default configuration, so whether ${routes.length} credential route(s) are limited (first: ${routes[0].method} ${routes[0].path})`);
  ctx.unknown(reasons.join('; '), pkg);
}

/** An export of a limiter package that the route table reads where it is written on a route (knowledge ExportFact.needs/exempts). */
function readOnRoutes(from: string, local: string): boolean {
  const fact = exportFact(`${from}#${local}`);
  return Boolean(fact && (fact.needs || fact.role === 'limiter-exemption'));
}

/** Which limiter covers each credential route, for the pass: `POST /login by loginLimiter (src/app.ts:9)`. */
function covering(credential: readonly AssembledRoute[]): string {
  if (credential.length === 0) return '';
  const shown = credential.slice(0, 5).map((r) => `${r.method} ${r.path} by ${r.limiters.map(limiterText).join(' and ')}`);
  return `: ${shown.join('; ')}${credential.length > 5 ? ` and ${credential.length - 5} more` : ''}`;
}

/**
 * Routes whose mount chain verdict could not follow (a router imported from where it cannot resolve),
 * or with a middleware exception it could not read: which limiters apply to them is unknown, so their
 * package is, naming the files. Routes with computed paths are declareComputedRoutes'.
 */
function declareUnmounted(ctx: RepoRuleContext, routes: readonly AssembledRoute[]): boolean {
  const byPackage = new Map<string | null, string[]>();
  for (const r of routes) {
    if (!r.unresolved || r.websocket || r.computed !== undefined || r.builtBy !== undefined) continue;
    if (!mutating(r) && purposeOf(r) === null) continue;
    pushTo(byPackage, r.package, `${r.file}:${r.line}`);
  }
  for (const [pkg, at] of byPackage) {
    ctx.unknown(`${at.length} route(s) whose mount or middleware verdict could not resolve, so which limiter applies to them is unknown: ${at.slice(0, 5).join(', ')}${at.length > 5 ? ` and ${at.length - 5} more` : ''}`, pkg);
  }
  return byPackage.size > 0;
}
