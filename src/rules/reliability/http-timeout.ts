import { httpCallFacts } from '../../collect/facts/http-calls.js';
import { defineRepoRule } from '../api.js';

/** Code shipped to browsers (static assets, front ends): a hung request there holds no server resource. */
const BROWSER = /(^|\/)(public|static|assets|www|client|frontend|browser)\//;

export default defineRepoRule({
  id: 'reliability/http-timeout',
  meta: {
    category: 'reliability',
    severity: 'medium',
    title: 'Outbound HTTP request without a timeout',
    rationale: 'fetch, axios and got wait indefinitely (or for minutes) by default; one slow upstream then holds every request that depends on it, exhausting sockets and memory.',
    remediation: { text: 'Give every outbound call a deadline: `fetch(url, { signal: AbortSignal.timeout(5000) })`, axios `{ timeout: 5000 }` (or `axios.create({ timeout })` / `axios.defaults.timeout`), got `{ timeout: { request: 5000 } }`, undici `{ signal }` or `headersTimeout`/`bodyTimeout`.', effort: 'low' },
    messages: {
      noTimeout: '{{call}} has no timeout or abort signal: a hung upstream holds this request indefinitely',
    },
  },
  check(ctx) {
    const facts = ctx.facts(httpCallFacts);
    const defaults = new Map<string | null, { path: string; line: number }>();
    for (const f of facts) if (f.kind === 'axios-defaults-timeout') defaults.set(ctx.packageOf(f.path), { path: f.path, line: f.line });
    const calls = facts.filter((f) => f.kind === 'untimed').filter((f) => f.role === 'service' && !BROWSER.test(f.path));
    let skipped = 0;
    for (const c of calls) {
      if (c.client === 'axios' && defaults.has(ctx.packageOf(c.path))) {
        skipped++;
        continue;
      }
      ctx.report({
        messageId: 'noTimeout',
        data: { call: c.what },
        location: { path: c.path, line: c.line, snippet: c.snippet },
      });
    }
    const d = [...defaults.values()][0];
    ctx.pass(`${calls.length} call(s) without a deadline in their options${skipped ? `; ${skipped} axios call(s) covered by axios.defaults.timeout at ${d.path}:${d.line}` : ''}`);
  },
});
