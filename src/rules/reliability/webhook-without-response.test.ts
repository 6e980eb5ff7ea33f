import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './webhook-without-response.js';

const head = ["import express from 'express';", "import Stripe from 'stripe';", 'const stripe = new Stripe(process.env.STRIPE_KEY!);', 'const app = express();'];
const handler = (...body: string[]) => [...head,
  "app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {",
  "  const sig = req.headers['stripe-signature'] as string;",
  '  let event;',
  '  try {',
  '    event = stripe.webhooks.constructEvent(req.body, sig, process.env.WHSEC!);',
  '  } catch (err) {',
  '    return res.status(400).send(`Webhook Error: ${(err as Error).message}`);',
  '  }',
  ...body,
  '});'].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    { name: 'answers after the switch', code: handler('  switch (event.type) {', "    case 'checkout.session.completed':", '      await fulfil(event.data.object);', '      break;', '  }', '  res.json({ received: true });') },
    { name: 'answers in every case and the default', code: handler('  switch (event.type) {', "    case 'invoice.paid':", '      return res.sendStatus(200);', '    default:', '      res.sendStatus(204);', '  }') },
    { name: 'hands the response to another function', code: handler('  await handleEvent(event, res);') },
    { name: 'a look-alike response parameter of another function', code: handler('  const notify = (a: unknown, res: { json(x: unknown): void }) => res.json(a);', '  notify(event, { json() {} });', '  res.sendStatus(200);') },
    {
      name: 'a Hono handler answers with what it returns',
      code: ["import { Hono } from 'hono';", 'const app = new Hono();', "app.post('/hook', async (c, next) => {", "  const sig = c.req.header('stripe-signature');", '  if (!sig) return c.text("no", 400);', '  await handle(sig);', '});'].join('\n'),
    },
    {
      name: 'a helper that answers only the failure and returns the event to its caller',
      code: [...head, 'export function verified(req, res) {', "  const sig = req.headers['stripe-signature'];", '  try {', '    return stripe.webhooks.constructEvent(req.body, sig, process.env.WHSEC!);', '  } catch {', '    res.status(400).send("bad signature");', '    return null;', '  }', '}'].join('\n'),
    },
    {
      name: 'a function that answers nowhere and is not registered in place (its caller may answer)',
      code: [...head, 'export async function onStripe(req, log) {', "  log.info(req.headers['stripe-signature']);", '  await queue.add(req.body);', '}'].join('\n'),
    },
    { name: 'a test file is not judged', path: 'test/webhook.test.ts', code: handler('  await fulfil(event);') },
  ],
  invalid: [
    {
      name: 'a route handler that answers nowhere',
      code: [...head, "app.post('/webhook', express.raw({ type: 'application/json' }), async (req, res) => {", "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);", '  await fulfil(event);', '});'].join('\n'),
      errors: [{ messageId: 'fallsOff', line: 8 }],
    },
    {
      name: 'processes the event and never answers',
      code: handler('  switch (event.type) {', "    case 'checkout.session.completed':", '      await fulfil(event.data.object);', '      break;', '  }'),
      errors: [{ messageId: 'fallsOff', line: 18, severity: 'high' }],
    },
    {
      name: 'answers only for the event type it handles',
      code: handler("  if (event.type === 'invoice.paid') {", '    await markPaid(event.data.object);', '    res.sendStatus(200);', '  }'),
      errors: [{ messageId: 'fallsOff', line: 17 }],
    },
    {
      name: 'returns early for ignored events without answering (a Next.js pages API route)',
      path: 'pages/api/stripe.ts',
      code: ['export default async function handler(req, res) {', "  const sig = req.headers['stripe-signature'];", '  const event = await verify(req, sig);', "  if (event.type !== 'invoice.paid') return;", '  await markPaid(event);', '  res.status(200).json({ ok: true });', '}'].join('\n'),
      errors: [{ messageId: 'returnsEarly', line: 4 }],
    },
  ],
});
