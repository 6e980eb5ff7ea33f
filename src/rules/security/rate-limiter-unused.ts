import { defineRepoRule } from '../api.js';
import { routeFacts } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/rate-limiter-unused',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A rate limiter is imported or defined but never applied',
    rationale: 'A limiter that no route or app uses protects nothing, yet it reads in review (and in readiness reports) as if rate limiting were in place.',
    remediation: { text: 'Apply the limiter (`app.use(limiter)`, as route middleware, or register it), or delete it so nobody counts on it.', effort: 'low' },
    messages: {
      limiterUnused: 'rate limiter `{{name}}` ({{lib}}) is defined but never applied',
      importUnused: '`{{local}}` is imported from {{from}} but never used',
      bindingUnused: '{{path}} declares a rate limiting binding but no route calls `.limit(` on it',
    },
  },
  check(ctx) {
    const { limiters, limiterImports, routes } = routeFacts(ctx);
    let checked = 0;
    for (const l of limiters) {
      checked++;
      if (l.appliedBy !== null) continue;
      ctx.report({
        messageId: 'limiterUnused', data: { name: l.name, lib: l.lib }, location: { path: l.path, line: l.line },
        evidence: [{ kind: 'note', text: `0 uses of ${l.name} in ${l.path} and no file of the repository imports it` }],
      });
    }
    for (const i of limiterImports) {
      checked++;
      if (i.used) continue;
      ctx.report({ messageId: 'importUnused', data: { local: i.local, from: i.from }, location: { path: i.path, line: i.line } });
    }
    for (const w of ctx.layout.wrangler.filter((x) => x.hasRateLimitBinding)) {
      checked++;
      const dir = w.packagePath === '.' ? '' : `${w.packagePath}/`;
      const used = routes.some((r) => r.file.startsWith(dir) && r.rateLimited);
      if (used) continue;
      const doc = ctx.documents.get(w.path) ?? '';
      const idx = doc.search(/ratelimit/i);
      const line = idx >= 0 ? doc.slice(0, idx).split('\n').length : 1;
      ctx.report({ messageId: 'bindingUnused', data: { path: w.path }, location: { path: w.path, line } });
    }
    if (checked === 0) ctx.notApplicable('no rate limiter imported, defined or bound');
    else ctx.pass(`${checked} limiter(s) imported, defined or bound, all applied`);
  },
});
