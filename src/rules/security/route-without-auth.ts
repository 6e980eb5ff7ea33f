import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { isPiiName, isStoredCredentialField, pathSaysWebhook } from '../../knowledge/index.js';
import { sentRowFacts, type SentRowFact } from '../../collect/facts/sent-rows.js';
import type { Located } from '../../collect/facts/define.js';
import { parsePrismaSchema, type PrismaField, type PrismaModel } from '../shared/prisma-schema.js';
import { pushTo } from '../../util/group.js';
import { declareComputedRoutes, declareUnseenRoutes, needsAuth, routeFacts, routeLocation, type AssembledRoute } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/route-without-auth',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'Routes that read or change data without an authentication guard',
    rationale: 'A route that writes or reads stored data with no guard lets anyone on the network do it.',
    remediation: {
      text: 'Put the auth middleware in front of the route (app-level `use`, the router it is mounted on, or the route itself), or check the caller in the handler and answer 401; name your own guard in `verdict.config.json` under `auth.middleware` if verdict does not recognise it.',
      effort: 'low',
    },
    messages: {
      unguarded: '{{method}} {{path}} ({{framework}}) {{does}} with no auth guard{{middleware}}{{webhook}}',
      stub: '{{method}} {{path}} ({{framework}}) has no auth guard, but its handler reaches no data: everything it calls was read and resolved ({{handler}}), and none of it reads or writes stored data, calls a service, a package, a file or a queue, or assigns anything (a stub that returns a constant or its input)',
      ownSession: '{{method}} {{path}} ({{framework}}) {{does}} with no auth guard{{middleware}}, keyed only by the caller\'s own session',
      captchaGated: '{{method}} {{path}} ({{framework}}) {{does}} with no auth guard: public by design, refused unless {{service}} accepts the visitor\'s token',
      personalRows: '{{method}} {{path}} ({{framework}}) sends {{model}} rows with their {{fields}} ({{schema}}), read by {{query}}, to any caller at {{send}}: no auth guard, so no filter can come from the caller\'s identity',
      paidApi: '{{method}} {{path}} ({{framework}}) calls {{service}} ({{call}} at {{at}}) with no auth guard and {{limit}}: {{who}}',
      webhookUnverified: '{{method}} {{path}} ({{framework}}) receives {{from}} and no verification of the sender was found in the handler or its calls (no signature, token, shared secret or source check){{writes}}',
    },
  },
  check(ctx) {
    const { routes } = routeFacts(ctx);
    const http = routes.filter((r) => !r.websocket);
    const unseen = declareUnseenRoutes(ctx, routes);
    if (http.length === 0) {
      if (!unseen) ctx.notApplicable('no HTTP route found (Hono, Express, Fastify, itty-router, Next.js route handlers, NestJS controllers, Workers fetch routing)');
      return;
    }
    const judged = http.filter((r) => !r.unresolved);
    const data = judged.filter(needsAuth);
    const open = data.filter((r) => !r.auth);
    // Packages where some operation is guarded: there an open GraphQL query is an oversight, not a public catalogue.
    const guardedPackages = new Set(judged.filter((r) => r.auth).map((r) => r.package));
    // Webhooks whose handler verdict could not read: whether they verify is unknown, never a pass.
    const unseenHooks = open.filter((r) => r.webhookRoute && r.handlerUnseen && !['GET', 'ALL', '?'].includes(r.method));
    let people: PersonalSends | null = null;
    const personal = () => (people ??= personalSends(ctx));
    // Routes that spend a paid API's quota: judged whether or not they touch stored data.
    const spent = new Set<AssembledRoute>();
    for (const r of judged) if (!r.auth && r.paid && !r.webhookRoute && reportPaid(ctx, r, open.includes(r))) spent.add(r);
    for (const r of open) {
      if (spent.has(r)) continue;
      if (r.webhookRoute && !['GET', 'ALL', '?'].includes(r.method)) {
        if (!r.handlerUnseen) reportWebhook(ctx, r);
        continue;
      }
      // A public form gated by a CAPTCHA check (a contact form, a link shortener): open by design, with an anti-abuse gate.
      if (r.captcha) {
        ctx.report({
          severity: 'low',
          messageId: 'captchaGated',
          data: { method: r.method, path: r.path, framework: r.framework, does: ['GET', 'ALL', '?'].includes(r.method) || r.readsOnly ? 'reads data' : r.touchesData ? 'touches data' : 'changes state', service: r.captcha.service },
          location: routeLocation(r),
          evidence: [{ kind: 'file', path: r.captcha.path, line: r.captcha.line, snippet: `${r.captcha.service} check; the request is refused when it fails` }, { kind: 'note', text: `handler: ${r.handler}` }],
        });
        continue;
      }
      // A read-only GET may be a public catalogue by design; a write without a guard never is. A POST
      // whose handler and its calls only read (a query carried in a JSON body) is such a read too.
      const readOnly = (['GET', 'ALL', '?'].includes(r.method) || Boolean(r.readsOnly)) && !(r.graphql && guardedPackages.has(r.package));
      // Keyed only by the caller's own session (`Thread.deleteMany({ owner: req.sessionID })`): anyone
      // can use it, but only on their own data.
      const own = Boolean(r.ownSession) && !r.webhook && !r.optOut;
      if (readOnly && !own && reportPersonal(ctx, r, personal())) continue;
      // A stub (reach resolved to the end, none of it data): low, said so; a guard is still owed before it does anything.
      if (r.stub && !own && !r.optOut) {
        ctx.report({
          severity: 'low',
          messageId: 'stub',
          data: { method: r.method, path: r.path, framework: r.framework, handler: r.handler },
          location: routeLocation(r),
          evidence: [{ kind: 'note', text: `handler: ${r.handler}; stub: reaches no data` }],
        });
        continue;
      }
      ctx.report({
        severity: own ? 'low' : readOnly ? 'medium' : 'high',
        messageId: own ? 'ownSession' : 'unguarded',
        data: {
          method: r.method, path: r.path, framework: r.framework,
          does: ['GET', 'ALL', '?'].includes(r.method) || r.readsOnly ? 'reads data' : r.touchesData ? 'touches data' : 'changes state',
          middleware: r.middleware.length ? ` (middleware: ${r.middleware.join(', ')})` : '',
          webhook: r.webhook ? `; a webhook from ${r.webhook} must verify its signature` : pathSaysWebhook(r.path) ? '; a webhook must verify its signature' : r.optOut ? optedOut(r.optOut) : '',
        },
        location: routeLocation(r),
        evidence: [{ kind: 'note', text: `handler: ${r.handler}` }, ...(r.optOut ? [{ kind: 'file' as const, path: r.file, line: r.optOut.line, snippet: `@${r.optOut.name}() on the ${r.optOut.on === 'class' ? 'controller' : 'method'}` }] : [])],
      });
    }
    // Routes that read or change data on a router whose mounting verdict could not resolve (a prefix held by a
    // value it cannot read, a `use` it cannot follow), outside a folder load (said below with the load): which
    // guards run before them is unknown, for their package, naming the files; a finding elsewhere in it stands.
    const unmounted = http.filter((r) => r.unresolved && r.computed === undefined && !r.builtBy && !r.unreadLoad && (r.touchesData || !['GET', 'ALL', '?', 'OPTIONS', 'HEAD'].includes(r.method)));
    const unmountedByPackage = new Map<string | null, AssembledRoute[]>();
    for (const r of unmounted) pushTo(unmountedByPackage, r.package, r);
    for (const [pkg, mine] of unmountedByPackage) {
      const at = mine.map((r) => `${r.method} ${r.path} (${r.file}:${r.line})`);
      ctx.unknown(`${mine.length} route(s) that read or change data on routers whose mounting could not be resolved, so the guards before them are unknown: ${at.slice(0, 5).join(', ')}${at.length > 5 ? ` and ${at.length - 5} more` : ''}`, pkg);
    }
    const unseenByPackage = new Map<string | null, AssembledRoute[]>();
    for (const r of unseenHooks) pushTo(unseenByPackage, r.package, r);
    for (const [pkg, hooks] of unseenByPackage) {
      ctx.unknown(`${hooks.length} webhook route(s) whose handler could not be read, so whether they verify the sender is unknown: ${hooks.slice(0, 5).map((r) => `${r.method} ${r.path} (${r.file}:${r.line}, handler ${r.handler})`).join(', ')}`, pkg);
    }
    // Routes whose path is computed: unknown for their package, whatever the others say.
    if (declareComputedRoutes(ctx, http, 'their auth guard') || unseenHooks.length > 0) return;
    const skipped = http.length - judged.length - unmounted.length;
    // Routes that change data on a router whose mounting verdict could not follow (a folder of routers loaded by a
    // computed path): their guards are unknown, never a pass.
    const unread = http.filter((r) => r.unresolved && r.computed === undefined && !r.builtBy && (r.touchesData || !['GET', 'ALL', '?', 'OPTIONS', 'HEAD'].includes(r.method)));
    const loads = [...new Set(unread.flatMap((r) => (r.unreadLoad ? [r.unreadLoad] : [])))];
    if (loads.length > 0) {
      for (const pkg of new Set(unread.filter((r) => r.unreadLoad).map((r) => r.package))) {
        const mine = unread.filter((r) => r.package === pkg && r.unreadLoad);
        ctx.unknown(`${mine.length} route(s) that change data on routers verdict could not mount, so their guards are unknown: ${mine.slice(0, 5).map((r) => `${r.method} ${r.file}:${r.line}`).join(', ')}; ${mine[0].unreadLoad}`, pkg);
      }
      return;
    }
    if (unmounted.length > 0) return;
    ctx.pass(`${http.length} route(s) found, ${data.length} read or change data, ${data.length - open.length} of them guarded, ${http.filter((r) => r.public).length} public by design${skipped ? `; ${skipped} on routers whose mounting could not be resolved read and change nothing` : ''}`);
  },
});

/**
 * A webhook route (a provider's header read, its path's or its handler's name) that no guard covers and
 * whose handler, followed through its calls across files, checks no signature, token or secret: anyone
 * can post a forged event. Critical when what it writes is what an account holds (a plan granted, a
 * subscription cancelled); high otherwise.
 */
function reportWebhook(ctx: RepoRuleContext, r: AssembledRoute): void {
  const w = r.accountWrite;
  const wPath = w ? w.at.slice(0, w.at.lastIndexOf('#')) : '';
  ctx.report({
    severity: w ? 'critical' : 'high',
    messageId: 'webhookUnverified',
    data: {
      method: r.method, path: r.path, framework: r.framework,
      from: r.webhook ? `${r.webhook} webhooks` : 'webhooks',
      writes: w ? `, and it changes what an account holds (${w.callee.replace(/#/g, '.')})` : '',
    },
    location: routeLocation(r),
    evidence: [
      { kind: 'file', path: r.file, line: r.line, snippet: `${r.method} ${r.path}: no verification found in the handler or its calls` },
      { kind: 'note', text: `handler: ${r.handler}` },
      ...(w ? [{ kind: 'file' as const, path: wPath, line: w.line, snippet: w.callee.replace(/#/g, '.') }] : []),
    ],
  });
}

/**
 * An unguarded route whose handler, or what it reaches, spends a paid API (knowledge/paid-apis): high
 * when no limiter applies to it, medium when one does (the quota is spent more slowly, by anyone). An
 * email is a sign-up's or a contact form's by design: medium with no limiter, nothing with one. Whether
 * the recipient comes from the request is not traced. Returns whether it reported, so that a route the
 * generic message would report at high is reported once, at the higher severity.
 */
function reportPaid(ctx: RepoRuleContext, r: AssembledRoute, writes: boolean): boolean {
  const p = r.paid!;
  const limited = r.limiters.length > 0 || Boolean(r.captcha);
  const severity = p.kind === 'email' ? (limited ? null : 'medium') : limited ? 'medium' : 'high';
  // A write without a guard is high on its own: the paid call is then evidence, not a second finding.
  if (!severity || (writes && severity === 'medium' && !r.readsOnly && !['GET', 'ALL', '?'].includes(r.method))) return false;
  const callAt = p.at.slice(0, p.at.lastIndexOf('#'));
  const limiter = r.limiters[0];
  ctx.report({
    severity,
    messageId: 'paidApi',
    data: {
      method: r.method, path: r.path, framework: r.framework, service: p.service, call: p.call, at: `${callAt}:${p.line}`,
      limit: limited ? `only ${r.captcha ? `a ${r.captcha.service} check` : `the rate limiter ${limiter.name}`} in front of it` : 'no rate limiter that applies to it',
      who: p.kind === 'email' ? 'anyone can make the service send email, to addresses they choose if the request names the recipient' : `anyone can spend the project's ${p.kind} quota${limited ? ', at the limiter\'s pace' : ''}`,
    },
    location: routeLocation(r),
    evidence: [
      { kind: 'file', path: callAt, line: p.line, snippet: `${p.callee.replace(/#/g, '.')}: ${p.call} spends ${p.service}` },
      { kind: 'note', text: `handler: ${r.handler}` },
      ...(limited && limiter?.path ? [{ kind: 'file' as const, path: limiter.path, line: limiter.line ?? 1, snippet: `rate limiter ${limiter.name} applies to the route` }] : []),
    ],
  });
  return true;
}

type Sent = Located<Extract<SentRowFact, { kind: 'sent' }>>;
interface PersonalSends { sends: readonly Sent[]; models: ReadonlyMap<string, { model: PrismaModel; path: string }>; omits: ReadonlyArray<Located<Extract<SentRowFact, { kind: 'global-omit' }>>> }

/** Responses that send a Prisma query's result as it came back (collect/sent-rows), and the models of the repository's Prisma schemas by delegate. */
function personalSends(ctx: RepoRuleContext): PersonalSends {
  const models = new Map<string, { model: PrismaModel; path: string }>();
  for (const [path, text] of ctx.documents) {
    if (!path.endsWith('.prisma')) continue;
    for (const m of parsePrismaSchema(text).models) models.set(m.name.charAt(0).toLowerCase() + m.name.slice(1), { model: m, path });
  }
  const facts = models.size > 0 ? ctx.facts(sentRowFacts) as ReadonlyArray<Located<SentRowFact>> : [];
  return {
    sends: facts.filter((f): f is Sent => f.kind === 'sent'), models,
    omits: facts.filter((f): f is Located<Extract<SentRowFact, { kind: 'global-omit' }>> => f.kind === 'global-omit'),
  };
}

/** Whether a response is made by the route's handler: the function it is in is the handler (declared in the file, or inline in the registration), or the route is declared on it (a controller method). */
function sentBy(r: AssembledRoute, s: Sent): boolean {
  if (s.path !== r.file || !s.fn) return false;
  if (r.handlerLine) return s.fn.line === r.handlerLine;
  if (r.line >= s.fn.line && r.line <= s.fn.end) return true;
  return r.handler.startsWith('inline') && s.fn.line >= r.line && s.fn.line - r.line <= 5;
}

/**
 * An unguarded read whose handler sends rows of a model that holds personal data (an email, a phone
 * number, a stored credential: knowledge/words PII_NAME_WORDS, knowledge/accounts) as the query
 * returned them: high, whoever's rows they are, since no caller is known to filter by. A query that
 * selects, or omits, those fields away sends none. Returns whether it reported.
 */
function reportPersonal(ctx: RepoRuleContext, r: AssembledRoute, p: PersonalSends): boolean {
  for (const s of p.sends) {
    const own = p.models.get(s.delegate);
    if (!own || !sentBy(r, s)) continue;
    const globalOmit = p.omits.flatMap((o) => (o.path === s.path && o.line === s.clientLine ? o.omit[s.delegate] ?? [] : []));
    const sentField = (f: PrismaField) => !f.relation && (s.select ? s.select.includes(f.name) : !s.omit.includes(f.name) && !globalOmit.includes(f.name));
    const fields = own.model.fields.filter((f) => sentField(f) && (isPiiName(f.name) || isStoredCredentialField(f.name)));
    if (fields.length === 0) continue;
    ctx.report({
      severity: 'high',
      messageId: 'personalRows',
      data: {
        method: r.method, path: r.path, framework: r.framework, model: own.model.name, fields: fields.map((f) => `\`${f.name}\``).join(', '),
        schema: `${own.path}:${own.model.line}`, query: `prisma.${s.delegate}.${s.method}() at ${s.path}:${s.queryLine}`, send: `${s.path}:${s.line}`,
      },
      location: routeLocation(r),
      evidence: [
        { kind: 'file', path: s.path, line: s.queryLine, snippet: s.querySnippet },
        { kind: 'file', path: s.path, line: s.line, snippet: s.snippet },
        ...fields.slice(0, 3).map((f) => ({ kind: 'file' as const, path: own.path, line: f.line, snippet: `${own.model.name}.${f.name}` })),
        { kind: 'note', text: 'personal fields are judged by their names (knowledge/words PII_NAME_WORDS, knowledge/accounts STORED_CREDENTIAL_FIELDS), the last resort: a schema does not say what a String holds' },
      ],
    });
    return true;
  }
  return false;
}

/** What a controller-wide `@Public()` did to the route: the guards that read it and let every caller through, or that none applies. */
function optedOut(o: NonNullable<AssembledRoute['optOut']>): string {
  const where = `@${o.name}() on its ${o.on === 'class' ? 'controller' : 'method'} (line ${o.line})`;
  return o.guards.length > 0 ? `; ${where} lets every caller through the guard ${o.guards.join(', ')}` : `; ${where}, and no guard applies`;
}
