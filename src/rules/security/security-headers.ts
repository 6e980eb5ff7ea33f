import { routeRecords } from '../../collect/facts/routes.js';
import { SECURITY_HEADER_NAMES } from '../../knowledge/index.js';
import { defineRepoRule } from '../api.js';

/** A security header's name in quotes in a platform config. */
const SECURITY_HEADER_TEXT = new RegExp(`['"\`](${SECURITY_HEADER_NAMES.join('|')})['"\`]`, 'i');
const NEXT_CONFIG = /(^|\/)next\.config\.[cm]?[jt]s$/;
const PLATFORM_CONFIG = /(^|\/)(vercel|now|netlify|firebase|staticwebapp\.config|wrangler)\.(json|jsonc|toml)$|(^|\/)(serverless|app)\.ya?ml$/;
import { declareUnseenRoutes, isHttp, routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/security-headers',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'No security headers set on an HTTP service',
    rationale: 'Without Content-Security-Policy, HSTS, X-Content-Type-Options and frame options, browsers apply none of the protections they offer against XSS, clickjacking and downgrade attacks.',
    remediation: {
      text: 'Add the framework\'s middleware: `helmet()` (Express), `secureHeaders()` from hono/secure-headers, `@fastify/helmet`, or set the headers yourself (Next.js `headers()` in next.config).',
      effort: 'low',
    },
    messages: {
      noHeaders: '{{routes}} route(s) served with no security headers (no helmet, secureHeaders, @fastify/helmet, or Content-Security-Policy / Strict-Transport-Security / X-Content-Type-Options / X-Frame-Options set by hand)',
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
    // Headers set in platform config (vercel.json, netlify.toml, firebase.json, ...).
    const platform: Array<{ path: string; how: string; line: number }> = [];
    for (const path of ctx.documents.keys()) {
      if (!PLATFORM_CONFIG.test(path)) continue;
      const text = ctx.documents.get(path)!;
      const m = SECURITY_HEADER_TEXT.exec(text);
      if (m) platform.push({ path, how: m[1], line: text.slice(0, m.index).split('\n').length });
    }
    for (const pkg of pkgs) {
      const headers: Array<{ path: string; how: string; line: number }> = routeRecords(facts, 'headers').filter((f) => ctx.packageOf(f.path) === pkg);
      headers.push(...platform.filter((h) => ctx.packageOf(h.path) === pkg));
      if (headers.length > 0) {
        const h = headers[0];
        ctx.pass(`security headers set with ${h.how} (${h.path}:${h.line})`, pkg);
        continue;
      }
      const first = routes.find((r) => r.package === pkg && isHttp(r))!;
      const n = routes.filter((r) => r.package === pkg && isHttp(r)).length;
      // Point at the app the headers middleware belongs on, when the package creates one.
      const apps = routeRecords(facts, 'app');
      const app = apps.find((f) => f.root && ctx.packageOf(f.path) === pkg) ?? apps.find((f) => ctx.packageOf(f.path) === pkg && f.path === first.file);
      // A Next.js app sets its headers in next.config (`headers()`), for its pages and routes alike: the
      // finding is about the app, not about the first route handler.
      const nextConfig = first.framework === 'next' ? ctx.layout.files.map((f) => f.path).find((p) => NEXT_CONFIG.test(p) && ctx.packageOf(p) === pkg) : undefined;
      ctx.report({
        messageId: 'noHeaders',
        data: { routes: n },
        location: app ? { path: app.path, line: app.line, snippet: app.snippet ?? '' } : nextConfig ? { path: nextConfig, line: 1 } : routeLocation(first),
        package: pkg,
      });
    }
  },
});
