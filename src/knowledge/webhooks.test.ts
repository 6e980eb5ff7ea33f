import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATE_WORDS, calleeFact, nameSaysWebhook, signatureCheckMethods, writeChangesAccount } from './index.js';

describe('webhook knowledge', () => {
  it('signature-check methods are the last names of the verifiers, constant-time compares and MACs the descriptors name', () => {
    const methods = signatureCheckMethods();
    for (const m of ['constructEvent', 'constructEventAsync', 'timingSafeEqual', 'createHmac', 'validateRequest']) expect(methods.has(m), m).toBe(true);
    expect(calleeFact('stripe#default#webhooks#constructEvent')?.role).toBe('verifier');
    // Data and HTTP methods are no signature checks.
    for (const m of ['update', 'save', 'fetch', 'json']) expect(methods.has(m), m).toBe(false);
  });

  it('a write to what an account holds is told by the model, table or declaration it goes through, not by the write method', () => {
    expect(writeChangesAccount('@prisma/client#PrismaClient#subscription#update')).toBe(true);
    expect(writeChangesAccount("supabaseAdmin.from('subscriptions').upsert")).toBe(true);
    expect(writeChangesAccount('PaymentsService.handleEvent#typeorm#Repository#delete')).toBe(true);
    expect(writeChangesAccount('this.users.save')).toBe(true);
    expect(writeChangesAccount('@prisma/client#PrismaClient#auditLog#create')).toBe(false);
    expect(writeChangesAccount('queue.push')).toBe(false);
    // The method's own name says nothing: `updateUser` on a log is a log write.
    expect(writeChangesAccount('eventLog.updateUser')).toBe(false);
    for (const w of ACCOUNT_STATE_WORDS) expect(w).toBe(w.toLowerCase());
  });

  it('a handler named for webhooks, by its words (a controller method too); a word inside another is not one', () => {
    for (const n of ['stripeWebhook', 'handleWebhookEvent', 'WebhookController.handle', 'webhooks_receive']) expect(nameSaysWebhook(n), n).toBe(true);
    for (const n of ['createUser', 'hookup', 'PaymentsController.receive', 'webhooked']) expect(nameSaysWebhook(n), n).toBe(false);
  });
});
