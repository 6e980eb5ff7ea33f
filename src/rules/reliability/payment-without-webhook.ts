// A hosted checkout (knowledge/payments: `stripe.checkout.sessions.create({ success_url })`) whose
// payment nothing in the repository hears about from the provider: no route receives the provider's
// webhook (its signature header read, link/routes) and no code calls the provider's webhook verifier
// (knowledge/libraries: `stripe.webhooks.constructEvent`). Fulfilment then waits on the buyer's
// browser coming back to the return page.
import { paymentReturnFacts, type PaymentReturn } from '../../collect/facts/payment-returns.js';
import { calleeFact, exportsWithRole, WEBHOOK_PROVIDERS } from '../../knowledge/index.js';
import { callChecksSignature } from '../../link/handlers.js';
import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { declareUnseenRoutes, isHttp, routeFacts } from '../shared/routes.js';

/** The npm package of a provider's SDK, whose verifier calls count as receiving its webhook. */
const PROVIDER_PACKAGE: Readonly<Record<string, string>> = { Stripe: 'stripe' };

/**
 * The package whose webhook verifier a call is: resolved to an import (`stripe#default#webhooks#constructEvent`),
 * or, on an instance another file makes (`stripe.webhooks.constructEvent` with `stripe` imported), by
 * the verifier's member path in the package's descriptor (at least two members: `webhooks.constructEvent`).
 */
function verifierPackage(callee: string): string | null {
  if (callChecksSignature(callee) === 'high') return calleeFact(callee)?.package ?? null;
  const path = `#${callee.split('.').join('#').toLowerCase()}`;
  for (const e of exportsWithRole('verifier')) {
    const tail = e.name.split('#').filter((p) => p !== 'default');
    if (tail.length >= 2 && path.endsWith(`#${tail.join('#').toLowerCase()}`)) return e.package;
  }
  return null;
}

export default defineRepoRule({
  id: 'reliability/payment-without-webhook',
  meta: {
    category: 'reliability',
    severity: 'high',
    title: 'A hosted checkout is fulfilled only when the buyer\'s browser comes back',
    rationale: 'The return URL of a hosted checkout is visited only if the buyer\'s browser gets there: a closed tab, a lost connection or a blocked redirect after paying leaves the order unpaid in the service while the card is charged. Providers send the outcome by webhook for this reason (Stripe: "checkout.session.completed"), and recommend fulfilling from it.',
    remediation: {
      text: 'Receive the provider\'s webhook (`checkout.session.completed`, `checkout.session.async_payment_succeeded` for Stripe), verify its signature (`stripe.webhooks.constructEvent(rawBody, sig, secret)`) and fulfil there, idempotently; let the return page only show the state the webhook recorded.',
      effort: 'medium',
    },
    messages: {
      noWebhook: '{{provider}} checkout created at {{from}} ({{field}} sends the buyer back) but no route of the repository receives {{provider}}\'s webhook and nothing calls its webhook verifier: a buyer who pays and does not come back to the return page is charged and never recorded',
    },
  },
  check(ctx) {
    const returns = ctx.facts(paymentReturnFacts).filter((r) => fileRole(r.path) === 'service');
    if (returns.length === 0) return ctx.notApplicable('no hosted checkout (Stripe Checkout, PayPal Orders, Razorpay payment links) is created in release code');
    const byProvider = new Map<string, PaymentReturn[]>();
    for (const r of returns) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);

    const routes = routeFacts(ctx).routes.filter((r) => isHttp(r) && fileRole(r.file) === 'service');
    // The provider's verifier called anywhere in release code: its webhook is received, wherever the route is declared.
    const verified = new Map<string, string>();
    for (const d of ctx.link.declarations()) {
      if (fileRole(d.path) !== 'service') continue;
      for (const c of d.checks) {
        const pkg = verifierPackage(c.callee);
        for (const [provider, p] of Object.entries(PROVIDER_PACKAGE)) if (pkg === p && !verified.has(provider)) verified.set(provider, `${d.path}:${c.line}`);
      }
    }
    const unseen = declareUnseenRoutes(ctx, routes);
    const passes: string[] = [];
    const unknowns: string[] = [];
    for (const [provider, list] of byProvider) {
      const known = WEBHOOK_PROVIDERS.some((p) => p.provider === provider) || provider in PROVIDER_PACKAGE;
      const received = routes.find((r) => r.webhook === provider);
      if (received) { passes.push(`${provider}: its webhook is received at ${received.method} ${received.path} (${received.file}:${received.line})`); continue; }
      const at = verified.get(provider);
      if (at) { passes.push(`${provider}: its webhook verifier is called at ${at}`); continue; }
      // A route named for webhooks whose sender verdict could not tell may be this provider's.
      const named = routes.filter((r) => r.webhookRoute && r.webhook === null);
      if (named.length > 0) { unknowns.push(`${provider}: webhook route(s) whose sender verdict could not tell: ${named.slice(0, 3).map((r) => `${r.method} ${r.path} (${r.file}:${r.line})`).join(', ')}`); continue; }
      if (!known) { unknowns.push(`${provider}: verdict has no knowledge of how ${provider}'s webhooks are received`); continue; }
      if (unseen) continue;
      const first = list[0];
      ctx.report({
        messageId: 'noWebhook',
        data: { provider, from: `${first.path}:${first.line}`, field: first.field },
        location: { path: first.path, line: first.line },
        evidence: list.slice(0, 5).map((r) => ({ kind: 'file' as const, path: r.path, line: r.line, snippet: `${r.field}: ${r.url}` })),
      });
    }
    if (unknowns.length > 0) ctx.unknown(unknowns.join('; '));
    if (passes.length > 0 && unknowns.length === 0) ctx.pass(passes.join('; '));
  },
});
