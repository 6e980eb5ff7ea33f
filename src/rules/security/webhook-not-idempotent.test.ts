// A verified Stripe webhook handing the event to a service of another file: what the service writes
// decides. Crediting an account with an increment, or inserting a payment row, with no record of the
// event fires; recording the event id first, or an upsert keyed by the provider's id, is silent.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './webhook-not-idempotent.js';

const pkg = { 'package.json': '{"name":"billing","dependencies":{"express":"4","stripe":"14","@prisma/client":"5"}}' };

const service = (body: string[]) => ({
  ...pkg,
  'src/app.ts': [
    "import express from 'express';",
    "import { onStripeEvent } from './billing';",
    'const app = express();',
    "app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), onStripeEvent);",
    'app.listen(3000);',
  ].join('\n'),
  'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
  'src/billing.ts': [
    "import Stripe from 'stripe';",
    "import type { Request, Response } from 'express';",
    "import { prisma } from './db';",
    'const stripe = new Stripe(process.env.STRIPE_KEY!);',
    'export async function onStripeEvent(req: Request, res: Response) {',
    "  const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);",
    "  if (event.type === 'checkout.session.completed') {",
    '    const s = event.data.object as { id: string; client_reference_id: string; amount_total: number };',
    ...body,
    '  }',
    '  res.json({ received: true });',
    '}',
  ].join('\n'),
});

const credits = service(["    await prisma.user.update({ where: { id: s.client_reference_id }, data: { credits: { increment: 100 } } });"]);
const recorded = service([
  '    await prisma.processedEvent.create({ data: { id: event.id } });',
  "    await prisma.user.update({ where: { id: s.client_reference_id }, data: { credits: { increment: 100 } } });",
]);
const paymentRow = service(["    await prisma.payment.create({ data: { sessionId: s.id, amount: s.amount_total } });"]);
const upserted = service([
  '    await prisma.payment.upsert({ where: { sessionId: s.id }, create: { sessionId: s.id, amount: s.amount_total }, update: {} });',
  "    await prisma.user.update({ where: { id: s.client_reference_id }, data: { plan: 'pro' } });",
]);

const findingsOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return { findings: run.findings.filter((f) => f.ruleId === rule.id), outcome: run.outcomes.find((o) => o.ruleId === rule.id) };
};

describe('security/webhook-not-idempotent', () => {
  it('an increment of credits with no event recorded: medium, at the route, with the write in the service', async () => {
    const { findings } = await findingsOf(credits);
    expect(findings.map((f) => [f.messageId, f.severity, f.location?.path, f.location?.line])).toEqual([['adds', 'medium', 'src/app.ts', 4]]);
    expect(findings[0].evidence).toEqual([{ kind: 'file', path: 'src/billing.ts', line: 9, snippet: 'prisma.user.update: adds on each run; no write to an events table in the handler or what it calls' }]);
  });

  it('the same increment after recording the event id: silent', async () => {
    const { findings, outcome } = await findingsOf(recorded);
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('pass');
  });

  it('a payment row inserted per delivery fires; an upsert keyed by the session id and an absolute plan update do not', async () => {
    expect((await findingsOf(paymentRow)).findings.map((f) => f.message)).toEqual([expect.stringContaining('writes `prisma.payment.create` on each delivery')]);
    const ok = await findingsOf(upserted);
    expect(ok.findings).toEqual([]);
    expect(ok.outcome?.reason).toContain('1 verified webhook route(s)');
  });

  it('a webhook behind a guard whose handler verdict could not read: unknown naming the route, not a pass', async () => {
    const files = {
      ...pkg,
      'src/app.ts': [
        "import express from 'express';",
        "import { requireStripeSignature } from './verify';",
        'const app = express();',
        "const handlers = require(process.env.HANDLERS ?? './handlers');",
        "app.post('/webhooks/stripe', requireStripeSignature, handlers.stripe);",
        'app.listen(3000);',
      ].join('\n'),
      'src/verify.ts': [
        "import Stripe from 'stripe';",
        "import type { Request, Response, NextFunction } from 'express';",
        'const stripe = new Stripe(process.env.STRIPE_KEY!);',
        'export function requireStripeSignature(req: Request, res: Response, next: NextFunction) {',
        "  stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!);",
        '  next();',
        '}',
      ].join('\n'),
    };
    const { findings, outcome } = await findingsOf(files);
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('unknown');
    expect(outcome?.reason).toContain('src/app.ts:5');
  });

  it('a webhook that verifies nothing is another rule\'s finding (route-without-auth), not this one\'s: not applicable', async () => {
    const unverified = { ...credits, 'src/billing.ts': credits['src/billing.ts'].replace("stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, process.env.STRIPE_WEBHOOK_SECRET!)", 'JSON.parse(String(req.body))') };
    const { findings, outcome } = await findingsOf(unverified);
    expect(findings).toEqual([]);
    expect(outcome?.status).toBe('not-applicable');
  });
});
