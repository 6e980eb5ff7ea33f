// Webhooks verified, or not, in the code the handler calls (link/reach.ts follows it across files): a
// Stripe event checked with constructEvent in a service module, an HMAC compared in constant time in a
// helper, a controller handing the raw body to a service. Verified: public by design, silent. Not
// verified: critical when the handler changes what an account holds, high otherwise, with the route and
// the write as evidence. A handler verdict cannot read is unknown, not a pass.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import rule from './route-without-auth.js';

const pkg = (deps: string) => ({ 'package.json': `{"name":"svc","dependencies":{${deps}}}` });

/** `POST /api/stripe` handed to a function of another file, which asks a third file to read the event. */
const expressStripe = (verify: boolean) => ({
  ...pkg('"express":"4","stripe":"14","@prisma/client":"5"'),
  'src/app.ts': [
    "import express from 'express';",
    "import { stripeEvents } from './billing/events';",
    'const app = express();',
    "app.post('/api/stripe', express.raw({ type: 'application/json' }), stripeEvents);",
    'app.listen(3000);',
  ].join('\n'),
  'src/billing/events.ts': [
    "import type { Request, Response } from 'express';",
    "import { readEvent } from './stripe';",
    "import { prisma } from '../db';",
    'export async function stripeEvents(req: Request, res: Response) {',
    "  const event = readEvent(req.body, req.headers['stripe-signature'] as string);",
    "  if (event.type === 'customer.subscription.deleted') await prisma.subscription.update({ where: { id: event.data.object.id }, data: { status: 'canceled' } });",
    '  res.json({ received: true });',
    '}',
  ].join('\n'),
  'src/billing/stripe.ts': [
    "import Stripe from 'stripe';",
    'const stripe = new Stripe(process.env.STRIPE_KEY!);',
    'export function readEvent(body: Buffer, sig: string) {',
    verify ? '  return stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);' : '  return JSON.parse(body.toString());',
    '}',
  ].join('\n'),
  'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
});

/** A NestJS controller handing the raw body and the signature header to an injected service. */
const nestStripe = (verify: boolean) => ({
  ...pkg('"@nestjs/common":"10","@nestjs/core":"10","stripe":"14","typeorm":"0.3"'),
  'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule, { rawBody: true }).then((app) => app.listen(3000));\n",
  'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { PaymentsController } from './payments.controller';\n@Module({ controllers: [PaymentsController] })\nexport class AppModule {}\n",
  'src/payments.controller.ts': [
    "import { Controller, Headers, Post, Req } from '@nestjs/common';",
    "import { PaymentsService } from './payments.service';",
    "@Controller('payments')",
    'export class PaymentsController {',
    '  constructor(private readonly payments: PaymentsService) {}',
    "  @Post('events')",
    "  async receive(@Req() req: any, @Headers('stripe-signature') sig: string) {",
    '    return this.payments.handleEvent(req.rawBody, sig);',
    '  }',
    '}',
  ].join('\n'),
  'src/payments.service.ts': [
    "import { Injectable } from '@nestjs/common';",
    "import Stripe from 'stripe';",
    "import { Repository } from 'typeorm';",
    '@Injectable()',
    'export class PaymentsService {',
    '  private stripe = new Stripe(process.env.STRIPE_KEY!);',
    '  constructor(private readonly rows: Repository<any>) {}',
    '  async handleEvent(raw: Buffer, sig: string) {',
    verify ? '    const event = this.stripe.webhooks.constructEvent(raw, sig, process.env.STRIPE_WEBHOOK_SECRET!);' : '    const event = JSON.parse(raw.toString());',
    "    if (event.type === 'customer.subscription.deleted') await this.rows.delete({ stripeId: event.data.object.id });",
    '    return { received: true };',
    '  }',
    '}',
  ].join('\n'),
});

/** A GitHub webhook whose HMAC a helper module compares in constant time, or a helper that only parses the payload. */
const githubHmac = (verify: boolean) => ({
  ...pkg('"express":"4"'),
  'src/app.ts': [
    "import express from 'express';",
    "import { payloadOf } from './lib/payload';",
    "import { queue } from './queue';",
    'const app = express();',
    "app.post('/hooks/github', express.raw({ type: '*/*' }), (req, res) => {",
    "  const event = payloadOf(req.body, req.get('x-hub-signature-256') ?? '');",
    '  queue.push(event);',
    '  res.end();',
    '});',
    'app.listen(3000);',
  ].join('\n'),
  'src/lib/payload.ts': [
    "import { createHash, timingSafeEqual } from 'node:crypto';",
    'export function payloadOf(body: Buffer, header: string): unknown {',
    "  const expected = Buffer.from('sha256=' + createHash('sha256').update(process.env.HOOK_SECRET! + body.toString()).digest('hex'));",
    verify ? "  if (header.length !== expected.length || !timingSafeEqual(Buffer.from(header), expected)) throw new Error('bad signature');" : '  void expected;',
    '  return JSON.parse(body.toString());',
    '}',
  ].join('\n'),
  'src/queue.ts': 'export const queue: unknown[] = [];\n',
});

/** A Twilio status callback validated by a helper module with the library's validateRequest. */
const twilioHook = {
  ...pkg('"express":"4","twilio":"5","mongoose":"8"'),
  'src/app.ts': [
    "import express from 'express';",
    "import { fromTwilio } from './twilio-check';",
    "import { Message } from './models';",
    'const app = express();',
    "app.post('/sms/status', express.urlencoded({ extended: false }), async (req, res) => {",
    "  if (!fromTwilio(req.get('x-twilio-signature') ?? '', req.originalUrl, req.body)) return res.status(403).end();",
    '  await Message.updateOne({ sid: req.body.MessageSid }, { status: req.body.MessageStatus });',
    '  res.end();',
    '});',
    'app.listen(3000);',
  ].join('\n'),
  'src/twilio-check.ts': [
    "import twilio from 'twilio';",
    'export const fromTwilio = (signature: string, url: string, params: Record<string, string>): boolean =>',
    '  twilio.validateRequest(process.env.TWILIO_AUTH_TOKEN!, signature, `https://example.test${url}`, params);',
  ].join('\n'),
  'src/models.ts': "import mongoose from 'mongoose';\nexport const Message = mongoose.model('Message', new mongoose.Schema({ sid: String, status: String }));\n",
};

const findingsOf = async (files: Record<string, string>) => {
  const run = await auditFiles(files, { rules: [rule] });
  return { findings: run.findings.filter((f) => f.ruleId === rule.id), outcomes: run.outcomes.filter((o) => o.ruleId === rule.id) };
};

describe('webhook verification followed through calls across files', () => {
  it('Stripe: constructEvent in a module the handler\'s module calls is the check: silent; without it, critical (a subscription is cancelled) with the route and the write', async () => {
    const ok = await findingsOf(expressStripe(true));
    expect(ok.findings).toEqual([]);
    expect(ok.outcomes[0].reason).toContain('1 public by design');
    const bad = await findingsOf(expressStripe(false));
    expect(bad.findings.map((f) => [f.messageId, f.severity, f.location?.path, f.location?.line])).toEqual([['webhookUnverified', 'critical', 'src/app.ts', 4]]);
    expect(bad.findings[0].message).toContain('no verification of the sender was found in the handler or its calls');
    expect(bad.findings[0].evidence).toEqual([
      { kind: 'file', path: 'src/app.ts', line: 4, snippet: 'POST /api/stripe: no verification found in the handler or its calls' },
      { kind: 'note', text: 'handler: stripeEvents' },
      { kind: 'file', path: 'src/billing/events.ts', line: 6, snippet: 'prisma.subscription.update' },
    ]);
  });

  it('NestJS: a controller handing the body to a service that calls this.stripe.webhooks.constructEvent is verified; the same service without it is reported (its writes are the payments service\'s: critical)', async () => {
    expect((await findingsOf(nestStripe(true))).findings).toEqual([]);
    const bad = await findingsOf(nestStripe(false));
    expect(bad.findings.map((f) => [f.messageId, f.severity, f.location?.path, f.location?.line])).toEqual([['webhookUnverified', 'critical', 'src/payments.controller.ts', 6]]);
    expect(bad.findings[0].message).toContain('receives Stripe webhooks');
    expect(bad.findings[0].evidence[2]).toMatchObject({ kind: 'file', path: 'src/payments.service.ts', line: 10 });
  });

  it('GitHub: timingSafeEqual on the HMAC in a helper module verifies; the same helper without the compare verifies nothing (high: it writes no account)', async () => {
    expect((await findingsOf(githubHmac(true))).findings).toEqual([]);
    const bad = await findingsOf(githubHmac(false));
    expect(bad.findings.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['webhookUnverified', 'high', 5]]);
    expect(bad.findings[0].message).toContain('receives GitHub webhooks');
  });

  it('Twilio: validateRequest in a helper module verifies the status callback', async () => {
    expect((await findingsOf(twilioHook)).findings).toEqual([]);
  });

  it('Telegram: a function of another file comparing the secret-token header and refusing a mismatch verifies; one that only reads it does not', async () => {
    const bot = (refuse: boolean) => ({
      ...pkg('"express":"4"'),
      'src/app.ts': [
        "import express from 'express';",
        "import { fromTelegram } from './telegram';",
        "import { inbox } from './inbox';",
        'const app = express();',
        "app.post('/bot/updates', express.json(), (req, res) => {",
        '  fromTelegram(req);',
        '  inbox.push(req.body);',
        '  res.end();',
        '});',
        'app.listen(3000);',
      ].join('\n'),
      'src/telegram.ts': [
        'export function fromTelegram(req: { get(name: string): string | undefined }) {',
        "  const token = req.get('x-telegram-bot-api-secret-token');",
        refuse ? "  if (token !== process.env.TELEGRAM_SECRET) throw Object.assign(new Error('forbidden'), { status: 403 });" : "  console.debug('update', token);",
        '}',
      ].join('\n'),
      'src/inbox.ts': 'export const inbox: unknown[] = [];\n',
    });
    expect((await findingsOf(bot(true))).findings).toEqual([]);
    const bad = await findingsOf(bot(false));
    expect(bad.findings.map((f) => [f.messageId, f.severity, f.location?.line])).toEqual([['webhookUnverified', 'high', 5]]);
    expect(bad.findings[0].message).toContain('receives Telegram webhooks');
  });

  it('a webhook handled by a package\'s function verdict cannot read: unknown, naming the route, not a pass and not a finding', async () => {
    const { findings, outcomes } = await findingsOf({
      ...pkg('"express":"4","billing-hooks":"1"'),
      'src/app.ts': "import express from 'express';\nimport { handleWebhook } from 'billing-hooks';\nconst app = express();\napp.post('/webhooks/billing', handleWebhook);\napp.listen(3000);\n",
    });
    expect(findings).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
    expect(outcomes[0].reason).toContain('POST /webhooks/billing (src/app.ts:4, handler handleWebhook)');
  });
});
