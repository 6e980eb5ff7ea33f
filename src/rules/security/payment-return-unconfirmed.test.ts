// The page a checkout sends the buyer back to, found from the return URL given where the checkout is
// created (a constant base and a template, in another file than the route), judged by what its handler
// and the functions it calls do: a write to an order or account with no provider lookup before it
// fires; retrieving the session first, or only rendering, is silent.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './payment-return-unconfirmed.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"shop","dependencies":{${deps}}}` });

/** Express: checkout in one router, the success page in another that hands the query to a service. */
const expressShop = (page: 'grants' | 'retrieves' | 'renders') => ({
  ...pkg('"express":"4","stripe":"14","@prisma/client":"5"'),
  'src/app.ts': [
    "import express from 'express';",
    "import { checkout } from './checkout';",
    "import { orders } from './orders';",
    'const app = express();',
    "app.use('/api', checkout);",
    "app.use('/api/orders', orders);",
    'app.listen(3000);',
  ].join('\n'),
  'src/stripe.ts': "import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_KEY!);\n",
  'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
  'src/checkout.ts': [
    "import { Router } from 'express';",
    "import { stripe } from './stripe';",
    'export const checkout = Router();',
    'const API = process.env.PUBLIC_URL;',
    "const SUCCESS = '/api/orders/paid';",
    "checkout.post('/checkout', async (req, res) => {",
    '  const session = await stripe.checkout.sessions.create({',
    "    mode: 'payment', line_items: req.body.items,",
    '    success_url: `${API}${SUCCESS}?session_id={CHECKOUT_SESSION_ID}&order=${req.body.orderId}`,',
    '    cancel_url: `${API}/cancelled`,',
    '  });',
    '  res.json({ url: session.url });',
    '});',
  ].join('\n'),
  'src/orders.ts': [
    "import { Router } from 'express';",
    "import { markPaid } from './fulfil';",
    'export const orders = Router();',
    page === 'renders'
      ? "orders.get('/paid', (req, res) => { res.send('Thanks! Your order will be confirmed by e-mail.'); });"
      : "orders.get('/paid', async (req, res) => { await markPaid(String(req.query.session_id), String(req.query.order)); res.redirect('/thanks'); });",
  ].join('\n'),
  'src/fulfil.ts': [
    "import { prisma } from './db';",
    "import { stripe } from './stripe';",
    'export async function markPaid(sessionId: string, orderId: string) {',
    ...(page === 'retrieves' ? [
      '  const session = await stripe.checkout.sessions.retrieve(sessionId);',
      "  if (session.payment_status !== 'paid') return;",
    ] : []),
    "  await prisma.order.update({ where: { id: orderId }, data: { status: 'paid' } });",
    '}',
  ].join('\n'),
});

/** PayPal: the return URL nested in application_context; the return handler captures the order, or not. */
const paypalShop = (captures: boolean) => ({
  ...pkg('"express":"4","@paypal/checkout-server-sdk":"1","mongoose":"8"'),
  'src/app.ts': [
    "import express from 'express';",
    "import paypal from '@paypal/checkout-server-sdk';",
    "import { User } from './models';",
    'const app = express();',
    'const client = new paypal.core.PayPalHttpClient(new paypal.core.SandboxEnvironment(process.env.PP_ID!, process.env.PP_SECRET!));',
    "app.post('/credits/buy', async (req, res) => {",
    '  const request = new paypal.orders.OrdersCreateRequest();',
    "  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'USD', value: '5.00' } }], application_context: { return_url: 'https://shop.example/credits/' + 'return', cancel_url: 'https://shop.example/' } });",
    '  const order = await client.execute(request);',
    '  res.json(order.result);',
    '});',
    "app.get('/credits/return', async (req, res) => {",
    ...(captures ? ['  await client.execute(new paypal.orders.OrdersCaptureRequest(String(req.query.token)));'] : []),
    '  await User.updateOne({ _id: req.query.user }, { $inc: { credits: 100 } });',
    "  res.redirect('/');",
    '});',
    'app.listen(3000);',
  ].join('\n'),
  'src/models.ts': "import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({ credits: Number }));\n",
});

const findingsOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return { findings: run.findings.filter((f) => f.ruleId === rule.id), outcome: run.outcomes.find((o) => o.ruleId === rule.id) };
};

describe('security/payment-return-unconfirmed', () => {
  it('Stripe success_url resolved through constants to a mounted route whose service marks the order paid with no retrieve: critical, with the checkout and the write', async () => {
    const bad = await findingsOf(expressShop('grants'));
    expect(bad.findings.map((f) => [f.messageId, f.severity, f.location?.path, f.location?.line])).toEqual([['unconfirmed', 'critical', 'src/orders.ts', 4]]);
    expect(bad.findings[0].message).toContain('GET /api/orders/paid is where Stripe sends the buyer back (success_url at src/checkout.ts:7)');
    expect(bad.findings[0].evidence).toEqual([
      { kind: 'file', path: 'src/checkout.ts', line: 7, snippet: 'success_url: {*}/api/orders/paid?session_id={CHECKOUT_SESSION_ID}&order={*}' },
      { kind: 'file', path: 'src/fulfil.ts', line: 4, snippet: 'prisma.order.update: a write to what an account holds, no provider lookup before it' },
    ]);
  });

  it('the same service retrieving the session first, or a success page that only renders: silent, and the pass says why', async () => {
    const ok = await findingsOf(expressShop('retrieves'));
    expect(ok.findings).toEqual([]);
    expect(ok.outcome?.reason).toContain('1 ask the provider before writing');
    const page = await findingsOf(expressShop('renders'));
    expect(page.findings).toEqual([]);
    expect(page.outcome?.reason).toContain('1 write nothing');
  });

  it('PayPal return_url nested in application_context and built with +: crediting without capturing fires; capturing first is silent', async () => {
    const bad = await findingsOf(paypalShop(false));
    expect(bad.findings.map((f) => [f.severity, f.location?.line])).toEqual([['critical', 12]]);
    expect(bad.findings[0].message).toContain('PayPal');
    const ok = await findingsOf(paypalShop(true));
    expect(ok.findings).toEqual([]);
  });

  it('the fixture repo: a success_url with the order id in the path names a parameter route that marks it paid', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '../../../test/fixtures/repos/payment-return');
    const files = Object.fromEntries(['package.json', 'src/app.ts'].map((f) => [f, readFileSync(join(root, f), 'utf8')]));
    const { findings } = await findingsOf(files);
    expect(findings.map((f) => [f.location?.path, f.location?.line, f.severity])).toEqual([['src/app.ts', 22, 'critical']]);
    expect(findings[0].message).toContain('GET /checkout/done/:orderId is where Stripe sends the buyer back (success_url at src/app.ts:12)');
  });

  it('a success_url whose path is not known where the checkout is created: unknown naming the checkout, not a pass', async () => {
    const shop = expressShop('grants');
    const files = { ...shop, 'src/checkout.ts': shop['src/checkout.ts'].replace('`${API}${SUCCESS}?session_id={CHECKOUT_SESSION_ID}&order=${req.body.orderId}`', 'req.body.returnTo') };
    const { findings, outcome } = await findingsOf(files);
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/checkout.ts:7');
  });

  it('no checkout created: not applicable', async () => {
    const none = await findingsOf({ ...pkg('"express":"4"'), 'src/app.ts': "import express from 'express';\nconst app = express();\napp.get('/paid', (req, res) => res.send('ok'));\napp.listen(3000);\n" });
    expect(none.outcome?.status).toBe('not-applicable');
  });
});
