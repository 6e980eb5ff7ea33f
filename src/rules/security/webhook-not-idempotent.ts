import { defineRepoRule } from '../api.js';
import { routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/webhook-not-idempotent',
  meta: {
    category: 'security',
    severity: 'medium',
    title: 'A verified webhook adds to an account on every delivery and records no event id',
    rationale: 'Payment and SaaS providers deliver a webhook event at least once: again after a timeout, a 5xx, or at random. A handler that inserts a payment or order row, or increments a balance or credits, without recording the event id it handled (a unique insert of `event.id`, a processed-events table) grants the same purchase twice when the event comes twice.',
    remediation: {
      text: 'Record each event id with a unique constraint before applying it (insert into a processed-events table in the same transaction and stop on a duplicate), or make the write idempotent: upsert keyed by the provider\'s object id, set absolute values instead of incrementing.',
      effort: 'medium',
    },
    messages: {
      adds: '{{method}} {{path}} is a verified webhook that writes {{write}} on each delivery and records no event id: a redelivered event applies it twice',
    },
  },
  check(ctx) {
    const hooks = routeFacts(ctx).routes.filter((r) => r.webhookRoute && (r.signature || r.auth) && !['GET', '?'].includes(r.method));
    if (hooks.length === 0) return ctx.notApplicable('no webhook route that verifies its sender (a signature checked, or a guard in its chain)');
    let reported = 0;
    // A handler verdict did not read may add on each delivery: not decided, never a pass.
    const unread: string[] = [];
    for (const r of hooks) {
      const w = r.redelivery?.write;
      if (r.redeliveryUnread) unread.push(`${r.method} ${r.path} (${r.file}:${r.line}, handler ${r.handler})`);
      if (!w) continue;
      reported++;
      ctx.report({
        messageId: 'adds',
        data: { method: r.method, path: r.path, write: `\`${w.callee}\`` },
        location: routeLocation(r),
        evidence: [{ kind: 'file', path: w.at.slice(0, w.at.lastIndexOf('#')), line: w.line, snippet: `${w.callee}: adds on each run; no write to an events table in the handler or what it calls` }],
      });
    }
    if (reported > 0) return;
    if (unread.length > 0) return ctx.unknown(`${unread.length} verified webhook route(s) whose handler verdict could not read, so whether a redelivery applies twice is unknown: ${unread.slice(0, 5).join(', ')}${unread.length > 5 ? ` and ${unread.length - 5} more` : ''}`);
    ctx.pass(`${hooks.length} verified webhook route(s): none adds to an account on each delivery without recording the event (inserts and increments looked for; upserts and absolute updates are idempotent)`);
  },
});
