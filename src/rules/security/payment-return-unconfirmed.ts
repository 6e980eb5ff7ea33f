import { paymentReturnFacts } from '../../collect/facts/payment-returns.js';
import { defineRepoRule } from '../api.js';
import { routeFacts, routeLocation } from '../shared/routes.js';

export default defineRepoRule({
  id: 'security/payment-return-unconfirmed',
  meta: {
    category: 'security',
    severity: 'critical',
    title: 'The page a payment provider sends the buyer back to grants what was bought without asking the provider',
    rationale: 'A checkout\'s return URL (Stripe `success_url`, PayPal `return_url`) is a link the buyer\'s browser follows, and anyone can type it: a handler there that marks an order paid, credits an account or activates a plan without retrieving the session or order from the provider gives the goods to whoever visits it, paid or not.',
    remediation: {
      text: 'Fulfil from the provider\'s verified webhook (`checkout.session.completed`), or, on the return page, retrieve the session (`stripe.checkout.sessions.retrieve(id)`) or capture the order and check its payment status before writing; let the page only show what the webhook recorded.',
      effort: 'medium',
    },
    messages: {
      unconfirmed: '{{method}} {{path}} is where {{provider}} sends the buyer back ({{field}} at {{from}}) and it writes {{write}} without asking {{provider}} whether the buyer paid',
    },
  },
  check(ctx) {
    const returns = ctx.facts(paymentReturnFacts);
    if (returns.length === 0) return ctx.notApplicable('no hosted checkout (Stripe Checkout, PayPal Orders, Razorpay payment links) is created with a return URL');
    const routes = routeFacts(ctx).routes.filter((r) => r.paymentReturn);
    const unread: string[] = [];
    let confirmed = 0, pages = 0, reported = 0;
    for (const r of routes) {
      const p = r.paymentReturn!;
      if (p.confirmation) { confirmed++; continue; }
      if (!p.write) {
        if (p.read) pages++;
        else unread.push(`${r.method} ${r.path} (${r.file}:${r.line})`);
        continue;
      }
      reported++;
      ctx.report({
        messageId: 'unconfirmed',
        data: { method: r.method, path: r.path, provider: p.from.provider, field: p.from.field, from: `${p.from.path}:${p.from.line}`, write: `\`${p.write.callee}\`` },
        location: routeLocation(r),
        evidence: [
          { kind: 'file', path: p.from.path, line: p.from.line, snippet: `${p.from.field}: ${p.from.url}` },
          { kind: 'file', path: p.write.at.slice(0, p.write.at.lastIndexOf('#')), line: p.write.line, snippet: `${p.write.callee}: a write to what an account holds, no provider lookup before it` },
        ],
      });
    }
    if (reported > 0) return;
    if (unread.length > 0) return ctx.unknown(`a checkout's return URL names a route whose handler verdict could not read, so whether it grants anything unpaid is unknown: ${unread.slice(0, 5).join(', ')}`);
    // A return URL whose path was not known where the checkout is created may name any route: not decided.
    const pathless = returns.filter((x) => x.returnPath === null && x.url.split('#')[0].includes('{*}'));
    if (pathless.length > 0) return ctx.unknown(`${pathless.length} checkout return URL(s) whose path verdict could not resolve, so which route the buyer is sent back to is unknown: ${pathless.slice(0, 5).map((x) => `${x.field} at ${x.path}:${x.line}`).join(', ')}`);
    if (routes.length === 0) return ctx.pass(`${returns.length} checkout return URL(s), none naming a route of the service (they go to pages it does not serve)`);
    ctx.pass(`${returns.length} checkout return URL(s); ${routes.length} name a route of the service: ${confirmed} ask the provider before writing, ${pages} write nothing`);
  },
});
