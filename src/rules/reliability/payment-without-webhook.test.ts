// A hosted checkout whose outcome only the buyer's browser brings back: found when no route receives
// the provider's webhook and nothing calls its verifier; silent when a route reads the provider's
// signature header or a service (in another file than any route) verifies the event.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './payment-without-webhook.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"shop","dependencies":{${deps}}}` });

/**
 * Express: a checkout route, a verify route the client calls after the redirect (it retrieves the
 * session, so the return page itself is sound), and, by variant, a Stripe webhook route.
 */
const shop = (webhook: 'none' | 'route' | 'service' | 'other-provider' | 'unnamed') => ({
  ...pkg('"express":"4","stripe":"14","mongoose":"8","svix":"1"'),
  'src/app.ts': [
    "import express from 'express';",
    "import { payments } from './payments';",
    ...(webhook === 'route' || webhook === 'service' || webhook === 'unnamed' ? ["import { hooks } from './hooks';"] : []),
    ...(webhook === 'other-provider' ? ["import { clerk } from './clerk';"] : []),
    'const app = express();',
    ...(webhook === 'route' || webhook === 'service' || webhook === 'unnamed' ? ["app.use('/webhooks', hooks);"] : []),
    ...(webhook === 'other-provider' ? ["app.use('/webhooks', clerk);"] : []),
    'app.use(express.json());',
    "app.use('/api/payments', payments);",
    'app.listen(3000);',
  ].join('\n'),
  'src/stripe.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\n",
  'src/models.ts': "import mongoose from 'mongoose';\nexport const Booking = mongoose.model('Booking', new mongoose.Schema({ paid: Boolean }));\n",
  'src/payments.ts': [
    "import { Router } from 'express';",
    "import { stripe } from './stripe';",
    "import { Booking } from './models';",
    'export const payments = Router();',
    "payments.post('/checkout', async (req, res) => {",
    '  const session = await stripe.checkout.sessions.create({',
    "    mode: 'payment', line_items: req.body.items,",
    "    success_url: 'https://app.example/booking/success?session_id={CHECKOUT_SESSION_ID}',",
    "    cancel_url: 'https://app.example/booking/cancelled',",
    '  });',
    '  res.json({ url: session.url });',
    '});',
    "payments.post('/verify', async (req, res) => {",
    '  const session = await stripe.checkout.sessions.retrieve(req.body.sessionId);',
    "  if (session.payment_status === 'paid') await Booking.updateOne({ _id: session.metadata?.bookingId }, { paid: true });",
    '  res.json({ ok: true });',
    '});',
  ].join('\n'),
  ...(webhook === 'route' ? {
    'src/hooks.ts': [
      "import express, { Router } from 'express';",
      "import { stripe } from './stripe';",
      "import { Booking } from './models';",
      'export const hooks = Router();',
      "hooks.post('/stripe', express.raw({ type: 'application/json' }), async (req, res) => {",
      "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.WH_SECRET!);",
      "  if (event.type === 'checkout.session.completed') await Booking.updateOne({ _id: event.data.object.metadata?.bookingId }, { paid: true });",
      '  res.json({ received: true });',
      '});',
    ].join('\n'),
  } : {}),
  ...(webhook === 'service' ? {
    'src/hooks.ts': [
      "import express, { Router } from 'express';",
      "import { handleEvent } from './events';",
      'export const hooks = Router();',
      "hooks.post('/payments', express.raw({ type: 'application/json' }), (req, res) => handleEvent(req.body, String(req.get('sig')), res));",
    ].join('\n'),
    'src/events.ts': [
      "import { stripe } from './stripe';",
      'export async function handleEvent(body: Buffer, sig: string, res: any) {',
      '  const event = stripe.webhooks.constructEvent(body, sig, process.env.WH_SECRET!);',
      '  res.json({ received: event.id });',
      '}',
    ].join('\n'),
  } : {}),
  ...(webhook === 'unnamed' ? {
    'src/hooks.ts': [
      "import { Router } from 'express';",
      "import { onEvent } from 'payments-kit';",
      'export const hooks = Router();',
      "hooks.post('/stripe-webhook', onEvent);",
    ].join('\n'),
  } : {}),
  ...(webhook === 'other-provider' ? {
    'src/clerk.ts': [
      "import express, { Router } from 'express';",
      "import { Webhook } from 'svix';",
      'export const clerk = Router();',
      "clerk.post('/clerk', express.raw({ type: 'application/json' }), (req, res) => {",
      "  const evt = new Webhook(process.env.CLERK_WH!).verify(req.body, { 'svix-id': req.get('svix-id')!, 'svix-timestamp': req.get('svix-timestamp')!, 'svix-signature': req.get('svix-signature')! });",
      '  res.json({ ok: !!evt });',
      '});',
    ].join('\n'),
  } : {}),
});

const findingsOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return { findings: run.findings.filter((f) => f.ruleId === rule.id), outcome: run.outcomes.find((o) => o.ruleId === rule.id) };
};

describe('reliability/payment-without-webhook', () => {
  it('Stripe Checkout with a verify endpoint the browser calls and no webhook: high at the checkout', async () => {
    const { findings } = await findingsOf(shop('none'));
    expect(findings.map((f) => [f.messageId, f.severity, f.location?.path, f.location?.line])).toEqual([['noWebhook', 'high', 'src/payments.ts', 6]]);
    expect(findings[0].message).toContain('Stripe checkout created at src/payments.ts:6 (success_url sends the buyer back)');
  });

  it('a webhook of another provider (Clerk through svix) does not receive Stripe\'s events: still high', async () => {
    const { findings } = await findingsOf(shop('other-provider'));
    expect(findings.map((f) => f.location?.line)).toEqual([6]);
  });

  it('a route reading stripe-signature and verifying the event: silent, the pass names the route', async () => {
    const { findings, outcome } = await findingsOf(shop('route'));
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('pass');
    expect(outcome?.reason).toContain('POST /webhooks/stripe');
  });

  it('the verifier called in a service another file\'s route hands the body to: silent, the pass names the call', async () => {
    const { findings, outcome } = await findingsOf(shop('service'));
    expect(findings).toEqual([]);
    expect(outcome?.reason).toContain('src/events.ts:3');
  });

  it('a route named for webhooks whose handler is a package\'s: unknown naming it, not a finding or a pass', async () => {
    const { findings, outcome } = await findingsOf(shop('unnamed'));
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('POST /webhooks/stripe-webhook');
  });

  it('a checkout only in a test file, or none: not applicable', async () => {
    const files = shop('none');
    const moved = { ...files, 'test/payments.test.ts': files['src/payments.ts'].replaceAll("'./", "'../src/") };
    delete (moved as Record<string, string>)['src/payments.ts'];
    const { outcome } = await findingsOf({ ...moved, 'src/app.ts': files['src/app.ts'].replace("import { payments } from './payments';", '').replace("app.use('/api/payments', payments);", '') });
    expect(outcome?.status).toBe('not-applicable');
  });
});
