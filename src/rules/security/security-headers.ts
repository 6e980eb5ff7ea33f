import { SECURITY_HEADERS } from '../../collect/collectors/routes-vocab.js';
import type { FactRecord } from '../../collect/index.js';
import { defineRepoRule } from '../api.js';

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
    const platform: FactRecord[] = [];
    for (const [path, text] of ctx.documents) {
      if (!PLATFORM_CONFIG.test(path)) continue;
      const m = SECURITY_HEADERS.exec(text);
      if (m) platform.push({ path, kind: 'headers', how: m[1], line: text.slice(0, m.index).split('\n').length });
    }
    for (const pkg of pkgs) {
      const headers = facts.filter((f) => f.kind === 'headers' && ctx.packageOf(f.path) === pkg);
      headers.push(...platform.filter((h) => ctx.packageOf(h.path) === pkg));
      if (headers.length > 0) {
        const h = headers[0];
        ctx.pass(`security headers set with ${h.how} (${h.path}:${h.line})`, pkg);
        continue;
      }
      const first = routes.find((r) => r.package === pkg && isHttp(r))!;
      const n = routes.filter((r) => r.package === pkg && isHttp(r)).length;
      // Point at the app the headers middleware belongs on, when the package creates one.
      const app = facts.find((f) => f.kind === 'app' && f.root && ctx.packageOf(f.path) === pkg)
        ?? facts.find((f) => f.kind === 'app' && ctx.packageOf(f.path) === pkg && f.path === first.file);
      ctx.report({
        message: `${n} route(s) served with no security headers (no helmet, secureHeaders, @fastify/helmet, or Content-Security-Policy / Strict-Transport-Security / X-Content-Type-Options / X-Frame-Options set by hand)`,
        location: app ? { path: app.path, line: Number(app.line), snippet: String(app.snippet ?? '') } : routeLocation(first),
        package: pkg,
      });
    }
  },
});
