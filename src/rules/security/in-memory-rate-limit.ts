import { routeRecords } from '../../collect/facts/routes.js';
import { defineRepoRule } from '../api.js';
import { routeFacts } from '../shared/routes.js';

const MULTI_INSTANCE = ['cloudflare-workers', 'aws-lambda', 'next'];

export default defineRepoRule({
  id: 'security/in-memory-rate-limit',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A per-process in-memory rate limiter in a multi-instance runtime',
    rationale: 'Workers isolates and serverless functions run as many short-lived instances; counters in a module-level Map are per instance, so the limit is never reached.',
    remediation: {
      text: 'Keep the counters in shared storage: the Workers rate limiting binding, a Durable Object, Redis/Upstash (`@upstash/ratelimit`), or the platform\'s own limiter.',
      effort: 'medium',
    },
    messages: {
      perInstanceCounters: '`{{name}}` keeps rate-limit counters in a module-level Map, but {{runtime}} runs many instances: each has its own counts',
    },
  },
  check(ctx) {
    const { facts } = routeFacts(ctx);
    const maps = routeRecords(facts, 'memory-limiter');
    if (maps.length === 0) {
      ctx.notApplicable('no Map-based rate limiter found');
      return;
    }
    let multi = 0;
    for (const m of maps) {
      const pkg = ctx.layout.packages.find((p) => p.name === ctx.packageOf(m.path));
      const runtime = pkg?.runtimes.find((r) => MULTI_INSTANCE.includes(r));
      if (!runtime) continue;
      multi++;
      ctx.report({
        messageId: 'perInstanceCounters',
        data: { name: m.name, runtime },
        location: { path: m.path, line: Number(m.line) },
      });
    }
    ctx.pass(`${maps.length} Map-based limiter(s), ${multi} in a multi-instance runtime`);
  },
});
