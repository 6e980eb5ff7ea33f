// What a handler does, judged from its body facts (link/handlers.ts), on the RuleTester with
// verdict's real collectors in memory: a check in the handler, data access, a webhook's signature.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './route-without-auth.js';

const pkg = { packages: [{ name: 'svc', dependencies: { express: '4' }, frameworks: ['express'] }] };
/** An Express app with one route; `head` holds its imports and declarations. */
const app = (head: string[], route: string): Record<string, string> => ({
  'src/app.ts': ["import express from 'express';", ...head, 'const app = express();', route, 'app.listen(3000);'].join('\n'),
});
const at = (head: string[]) => head.length + 3;

const verifier = ["import { jwtVerify } from 'jose';"];
const stats = ['const stats = { authorizationCount: 0 };'];
const prisma = ["import { PrismaClient } from '@prisma/client';", 'const prisma = new PrismaClient();'];
const stripe = ["import Stripe from 'stripe';", 'const stripe = new Stripe(process.env.STRIPE_KEY!);'];

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a handler that calls a known verifier inline (jose) is authenticated',
      files: app(verifier, "app.post('/notes', async (req, res) => { const { payload } = await jwtVerify(req.headers.authorization!, key); res.json(await db.insert(notes).values({ by: payload.sub })); });"),
      layout: pkg,
    },
    {
      name: 'a GET whose handler writes only to an in-memory Map touches no data',
      files: app([], "app.get('/seen', (req, res) => { new Map().set(req.query.id, Date.now()); res.json({ ok: true }); });"),
      layout: pkg,
    },
    {
      name: 'a webhook that calls stripe.webhooks.constructEvent checks the signature: public by design',
      files: app(stripe, "app.post('/webhooks/stripe', (req, res) => { const event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'] as string, secret); queue.push(event); res.end(); });"),
      layout: pkg,
    },
  ],
  invalid: [
    {
      name: 'a handler that reads authorizationCount from a stats object and answers 200 checks no caller',
      files: app(stats, "app.post('/reset', (req, res) => { stats.authorizationCount = 0; res.status(200).json({ n: stats.authorizationCount }); });"),
      layout: pkg,
      findings: [{ messageId: 'unguarded', path: 'src/app.ts', line: at(stats), severity: 'high', data: { method: 'POST', path: '/reset' } }],
    },
    {
      name: 'a GET whose handler calls prisma.user.create on a PrismaClient touches data',
      files: app(prisma, "app.get('/signup-link', async (req, res) => res.json(await prisma.user.create({ data: { email: String(req.query.email) } })));"),
      layout: pkg,
      findings: [{ messageId: 'unguarded', path: 'src/app.ts', line: at(prisma), severity: 'medium', data: { method: 'GET', path: '/signup-link', does: 'reads data' } }],
    },
    {
      name: 'a webhook that only logs the stripe-signature header checks no signature',
      files: app([], "app.post('/webhooks/stripe', (req, res) => { console.log(req.headers['stripe-signature']); queue.push(req.body); res.end(); });"),
      layout: pkg,
      findings: [{ messageId: 'webhookUnverified', path: 'src/app.ts', line: at([]), severity: 'high', data: { method: 'POST', path: '/webhooks/stripe', from: 'Stripe webhooks' } }],
    },
  ],
});
