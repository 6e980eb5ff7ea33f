import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import { RuleTester } from '../tester.js';
import rule from './client-set-amount.js';

const STRIPE = "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n";

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'the amount computed from records looked up by id',
      code: STRIPE + "app.post('/pay', async (req, res) => {\n  const product = await prisma.product.findUnique({ where: { id: req.body.productId } });\n  const intent = await stripe.paymentIntents.create({ amount: product.priceCents * Number(req.body.quantity), currency: 'usd' });\n  res.json(intent);\n});",
    },
    {
      name: 'a helper that computes the total from the cart (its result is the server\'s)',
      code: STRIPE + "app.post('/pay', async (req, res) => {\n  const amount = calculateOrderAmount(req.body.items);\n  res.json(await stripe.paymentIntents.create({ amount, currency: 'usd' }));\n});",
    },
    {
      name: 'a Stripe price id from the client (Stripe holds the amount)',
      code: STRIPE + "app.post('/checkout', async (req, res) => {\n  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: req.body.priceId, quantity: 1 }], success_url: URL });\n  res.json({ url: session.url });\n});",
    },
    {
      name: 'line items the code builds from the request with price ids only',
      code: STRIPE + "app.post('/checkout', async (req, res) => {\n  const line_items = req.body.items.map((i) => ({ price: i.priceId, quantity: i.quantity }));\n  res.json(await stripe.checkout.sessions.create({ mode: 'payment', line_items, success_url: URL }));\n});",
    },
    {
      name: 'the same method chain on an object no payment package made',
      code: "const fake = { paymentIntents: { create: (o) => o } };\napp.post('/pay', (req, res) => res.json(fake.paymentIntents.create({ amount: req.body.amount })));",
    },
    {
      name: 'a constant amount',
      code: STRIPE + "app.post('/pay', async (req, res) => res.json(await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', metadata: { user: req.body.user } })));",
    },
    {
      name: 'a test file is not judged',
      path: 'test/pay.test.ts',
      code: STRIPE + "app.post('/pay', async (req, res) => res.json(await stripe.paymentIntents.create({ amount: req.body.amount, currency: 'usd' })));",
    },
  ],
  invalid: [
    {
      name: 'Stripe payment intent amount from the body, converted to cents',
      code: STRIPE + "app.post('/pay', async (req, res) => {\n  const { amount } = req.body;\n  const intent = await stripe.paymentIntents.create({ amount: Math.round(Number(amount) * 100), currency: 'usd' });\n  res.json({ clientSecret: intent.client_secret });\n});",
      errors: [{ messageId: 'clientAmount', line: 5, severity: 'critical', data: { provider: 'Stripe', field: '`amount`' } }],
    },
    {
      name: 'Checkout price_data.unit_amount from the cart the client sent (require form, .map over items)',
      code: "const stripe = require('stripe')(process.env.KEY);\nrouter.post('/checkout', async (req, res) => {\n  const session = await stripe.checkout.sessions.create({\n    mode: 'payment',\n    line_items: req.body.cart.map((item) => ({ price_data: { currency: 'usd', product_data: { name: item.name }, unit_amount: item.price * 100 }, quantity: item.qty })),\n    success_url: URL,\n  });\n  res.json({ id: session.id });\n});",
      errors: [{ messageId: 'clientAmount', line: 5, data: { field: '`line_items[].price_data.unit_amount`' } }],
    },
    {
      name: 'line items handed over as the request carried them',
      code: STRIPE + "app.post('/checkout', async (req, res) => res.json(await stripe.checkout.sessions.create({ mode: 'payment', line_items: req.body.lineItems, success_url: URL })));",
      errors: [{ messageId: 'clientOptions', line: 3 }],
    },
    {
      name: 'a NestJS service field typed with the Stripe class, the amount from a DTO parameter',
      code: "import Stripe from 'stripe';\nimport { Body, Controller, Post } from '@nestjs/common';\n@Controller('pay')\nclass PayController {\n  constructor(private readonly stripe: Stripe) {}\n  @Post()\n  pay(@Body() dto: PayDto) {\n    return this.stripe.paymentIntents.create({ amount: dto.amount, currency: 'eur' });\n  }\n}",
      errors: [{ messageId: 'validatedAmount', line: 8, severity: 'medium' }],
    },
    {
      name: 'a NestJS parameter with no DTO class: unvalidated',
      code: "import Stripe from 'stripe';\nimport { Body, Controller, Post } from '@nestjs/common';\n@Controller('pay')\nclass PayController {\n  constructor(private readonly stripe: Stripe) {}\n  @Post()\n  pay(@Body() body) {\n    return this.stripe.paymentIntents.create({ amount: body.amount, currency: 'eur' });\n  }\n}",
      errors: [{ messageId: 'clientAmount', line: 8, severity: 'critical' }],
    },
    {
      name: 'a Hono validator\'s output: validated, still the buyer\'s amount',
      code: STRIPE + "app.post('/donate', zValidator('json', schema), async (c) => {\n  const { amount } = c.req.valid('json');\n  return c.json(await stripe.paymentIntents.create({ amount, currency: 'usd' }));\n});",
      errors: [{ messageId: 'validatedAmount', line: 5, severity: 'medium' }],
    },
    {
      name: 'Razorpay order and PayPal order request amounts from the query and body',
      code: "import Razorpay from 'razorpay';\nimport paypal from '@paypal/checkout-server-sdk';\nconst rz = new Razorpay({ key_id, key_secret });\napp.post('/rz', async (req, res) => res.json(await rz.orders.create({ amount: req.query.amount, currency: 'INR' })));\napp.post('/pp', async (req, res) => {\n  const request = new paypal.orders.OrdersCreateRequest();\n  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'USD', value: String(req.body.total) } }] });\n  res.json(await client.execute(request));\n});",
      errors: [{ messageId: 'clientAmount', line: 4, data: { provider: 'Razorpay' } }, { messageId: 'clientAmount', line: 7, data: { provider: 'PayPal' } }],
    },
  ],
});

describe('security/client-set-amount across files', () => {
  const files = (arg: string) => ({
    'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4', stripe: '14' } }),
    'src/lib/stripe.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\n",
    'src/payments.ts': [
      "import { stripe } from './lib/stripe';",
      'export async function startPayment(amount: number) {',
      "  return stripe.paymentIntents.create({ amount, currency: 'usd' });",
      '}',
    ].join('\n'),
    'src/app.ts': [
      "import express from 'express';",
      "import { startPayment } from './payments';",
      'const app = express();',
      `app.post('/pay', async (req, res) => res.json(await startPayment(${arg})));`,
      'app.listen(3000);',
    ].join('\n'),
  });

  it('follows an imported client and a parameter to the route that hands it the body', async () => {
    const found = await runRule(rule, files('req.body.amount'));
    expect(found.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/payments.ts:3 critical clientAmount']);
    expect(found[0].message).toContain('Stripe paymentIntents.create()');
    expect(found[0].message).toContain('req.body.amount (src/app.ts:4)');
  });

  it('is silent where the callers pass a server-side value', async () => {
    expect(await runRule(rule, files('PRICES.basic'))).toEqual([]);
  });

  it('is silent where the imported client is no payment package\'s', async () => {
    const f = files('req.body.amount');
    f['src/lib/stripe.ts'] = 'export const stripe = { paymentIntents: { create: async (o: unknown) => o } };\n';
    expect(await runRule(rule, f)).toEqual([]);
  });

  it('a NestJS body parameter handed to a service in another file is rated as validated (medium)', async () => {
    const found = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'svc', dependencies: { '@nestjs/common': '10', stripe: '14' } }),
      'src/pay.service.ts': [
        "import Stripe from 'stripe';",
        'const stripe = new Stripe(process.env.STRIPE_KEY!);',
        'export class PayService {',
        "  start(amount: number) { return stripe.paymentIntents.create({ amount, currency: 'usd' }); }",
        '}',
      ].join('\n'),
      'src/pay.controller.ts': [
        "import { Body, Controller, Post } from '@nestjs/common';",
        "import { PayService } from './pay.service';",
        "@Controller('pay')",
        'export class PayController {',
        '  constructor(private readonly pay: PayService) {}',
        '  @Post()',
        '  create(@Body() dto: PayDto) { return this.pay.start(dto.amount); }',
        '}',
      ].join('\n'),
    });
    expect(found.map((f) => `${at([f])[0]} ${f.severity} ${f.messageId}`)).toEqual(['src/pay.service.ts:4 medium validatedAmount']);
  });
});

describe('security/client-set-amount through services and totals', () => {
  const nest = (controller: string) => ({
    'package.json': JSON.stringify({ name: 'svc', dependencies: { '@nestjs/common': '10', stripe: '14' } }),
    'src/billing/stripe.gateway.ts': [
      "import Stripe from 'stripe';",
      'export class StripeGateway {',
      '  private readonly stripe = new Stripe(process.env.STRIPE_KEY!);',
      "  intent(cents: number) { return this.stripe.paymentIntents.create({ amount: cents, currency: 'eur' }); }",
      '}',
    ].join('\n'),
    'src/billing/checkout.service.ts': [
      "import { StripeGateway } from './stripe.gateway';",
      'export class CheckoutService {',
      '  constructor(private readonly gateway: StripeGateway) {}',
      '  async begin(total: number, note: string) {',
      '    const cents = Math.round(total * 100);',
      '    return this.gateway.intent(cents);',
      '  }',
      '}',
    ].join('\n'),
    'src/billing/checkout.controller.ts': [
      "import express from 'express';",
      "import { CheckoutService } from './checkout.service';",
      "import { StripeGateway } from './stripe.gateway';",
      'const app = express();',
      'const checkout = new CheckoutService(new StripeGateway());',
      controller,
      'app.listen(3000);',
    ].join('\n'),
  });

  it('follows the amount from the route through a service that reads no request to the charge, each hop named', async () => {
    const found = await runRule(rule, nest("app.post('/checkout', async (req, res) => res.json(await checkout.begin(req.body.total, 'x')));"));
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/billing/stripe.gateway.ts:4 critical']);
    expect(found[0].message).toContain('req.body.total (src/billing/checkout.controller.ts:6)');
    expect(found[0].message).toContain('src/billing/checkout.service.ts:6');
  });

  it('is silent where the service looks the price up by what the route gives it', async () => {
    const f = nest("app.post('/checkout', async (req, res) => res.json(await checkout.begin(req.body.total, 'x')));");
    f['src/billing/checkout.service.ts'] = f['src/billing/checkout.service.ts'].replace('Math.round(total * 100)', 'priceOf(total)');
    expect(await runRule(rule, f)).toEqual([]);
  });

  it('is silent where the route hands the service a price of its own', async () => {
    expect(await runRule(rule, nest("app.post('/checkout', async (req, res) => res.json(await checkout.begin(PLANS.pro.price, req.body.note)));"))).toEqual([]);
  });

  const total = (line: string) => STRIPE + [
    "app.post('/pay', async (req, res) => {",
    '  const items = req.body.items;',
    line,
    "  res.json(await stripe.paymentIntents.create({ amount: Math.round(total * 100), currency: 'usd' }));",
    '});',
  ].join('\n');

  it('a total summed from the prices the request carries is the buyer\'s', async () => {
    const found = await runRule(rule, { 'package.json': '{"name":"s","dependencies":{"stripe":"14"}}', 'src/pay.ts': total('  const total = items.reduce((sum, i) => sum + i.price * i.quantity, 0);') });
    expect(found.map((f) => `${at([f])[0]} ${f.severity}`)).toEqual(['src/pay.ts:6 critical']);
    expect(found[0].message).toContain('req.body.items');
  });

  it('a total summed from prices the server looks up by the request\'s ids is not', async () => {
    expect(await runRule(rule, { 'package.json': '{"name":"s","dependencies":{"stripe":"14"}}', 'src/pay.ts': total('  const total = items.reduce((sum, i) => sum + catalog.get(i.id).price * i.quantity, 0);') })).toEqual([]);
    const fromDb = '  const rows = await db.product.findMany({ where: { id: { in: items.map((i) => i.id) } } });\n  const total = rows.reduce((sum, p) => sum + p.price, 0);';
    expect(await runRule(rule, { 'package.json': '{"name":"s","dependencies":{"stripe":"14"}}', 'src/pay.ts': total(fromDb) })).toEqual([]);
  });
});
