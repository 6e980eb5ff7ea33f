import { describe, expect, it } from 'vitest';
import { AMOUNT_CONVERSIONS, isAmountConversion, isPaymentAmountPackage, PAYMENT_AMOUNTS, paymentAmountOf, paymentAmountsOfChain, CHECKOUT_CREATES, checkoutCreateOf, PAYMENT_CONFIRMATIONS, paymentConfirmationMethods, paymentConfirmationOf, RELATIVE_UPDATE_KEYS, returnPathOf, signatureCheckMethods, writeAdds, writeRecordsEvent } from './index.js';

describe('payment knowledge', () => {
  it('each checkout entry names its call and return option in its example', () => {
    for (const c of CHECKOUT_CREATES) {
      expect(c.example, c.provider).toContain(`${c.call.join('.')}(`);
      expect(c.returnFields.some((f) => c.example.includes(`${f}:`)), c.provider).toBe(true);
      expect(c.source).toMatch(/^https:\/\//);
    }
    expect(checkoutCreateOf(['stripe', 'checkout', 'sessions', 'create'])?.provider).toBe('Stripe');
    // Another method of the same resource creates no checkout; a bare `create` is anything.
    expect(checkoutCreateOf(['stripe', 'checkout', 'sessions', 'retrieve'])).toBeNull();
    expect(checkoutCreateOf(['prisma', 'order', 'create'])).toBeNull();
  });

  it('a confirmation is told by the tail of the callee, whatever the client is called or how collect named it', () => {
    for (const c of PAYMENT_CONFIRMATIONS) expect(c.example, c.provider).toContain(c.call.join('.'));
    expect(paymentConfirmationOf('stripe#default#checkout#sessions#retrieve')?.provider).toBe('Stripe');
    expect(paymentConfirmationOf('../lib/stripe#stripe#paymentIntents#retrieve')?.provider).toBe('Stripe');
    expect(paymentConfirmationOf('paypal.orders.OrdersCaptureRequest')?.provider).toBe('PayPal');
    expect(paymentConfirmationOf('stripe.customers.retrieve')).toBeNull();
    expect(paymentConfirmationOf('orders.retrieve')).toBeNull();
    // The confirmation methods are no signature checks: a webhook that retrieves a session is not verified by it.
    const sig = signatureCheckMethods();
    for (const m of paymentConfirmationMethods()) expect(sig.has(m), m).toBe(false);
  });

  it('the path of a return URL: after scheme and host or an unknown base, without query or fragment', () => {
    expect(returnPathOf('{*}/orders/success?session_id={CHECKOUT_SESSION_ID}')).toBe('/orders/success');
    expect(returnPathOf('https://shop.example/credits/return/')).toBe('/credits/return');
    expect(returnPathOf('http://localhost:3000/api/paid#top')).toBe('/api/paid');
    expect(returnPathOf('{*}/#/success')).toBeNull();
    expect(returnPathOf('{*}')).toBeNull();
    expect(returnPathOf('{*}{*}/done')).toBeNull();
    expect(returnPathOf('https://shop.example')).toBeNull();
  });

  it('a write adds on each run when it inserts or its argument is relative; it records an event when its table is named for events', () => {
    for (const k of RELATIVE_UPDATE_KEYS) expect(k.example, k.key).toContain(`${k.key}:`);
    expect(writeAdds('@prisma/client#PrismaClient#payment#create', false)).toBe(true);
    expect(writeAdds('Payment.insertOne', false)).toBe(true);
    expect(writeAdds('typeorm#Repository#increment', false)).toBe(true);
    expect(writeAdds('prisma.user.update', true)).toBe(true);
    // An absolute update and an upsert keyed by the provider's id apply the same way twice.
    expect(writeAdds('prisma.user.update', false)).toBe(false);
    expect(writeAdds('prisma.payment.upsert', false)).toBe(false);
    expect(writeRecordsEvent('prisma.processedEvent.create')).toBe(true);
    expect(writeRecordsEvent("supabase.from('webhook_events').insert")).toBe(true);
    expect(writeRecordsEvent('prisma.payment.create')).toBe(false);
    // The write method's own name is no table: `createEvent` on orders writes an order.
    expect(writeRecordsEvent('orders.createEvent')).toBe(false);
  });

  it('each amount entry calls its chain in its example and sets its first amount path', () => {
    for (const a of PAYMENT_AMOUNTS) {
      expect(a.example, a.provider).toContain(`.${a.call.join('.')}(`);
      // The example shows the first amount path, each of its options set.
      for (const step of a.amounts[0].split(/\.|\[\]\.?/).filter(Boolean)) expect(a.example, `${a.provider} ${step}`).toContain(`${step}:`);
      expect(a.source).toMatch(/^https:\/\//);
      expect(isPaymentAmountPackage(a.package)).toBe(true);
    }
    expect(paymentAmountOf('stripe', 'default', ['paymentIntents', 'create'])?.amounts).toEqual(['amount']);
    expect(paymentAmountOf('@paypal/checkout-server-sdk', 'orders.OrdersCreateRequest', ['requestBody'])?.provider).toBe('PayPal');
    // Another package's client, another method of the resource: not an amount.
    expect(paymentAmountOf('openai', 'default', ['paymentIntents', 'create'])).toBeNull();
    expect(paymentAmountOf('stripe', 'default', ['paymentIntents', 'retrieve'])).toBeNull();
    expect(paymentAmountsOfChain(['transaction', 'initialize']).map((a) => a.package).sort()).toEqual(['@paystack/paystack-sdk', 'paystack']);
  });

  it('a conversion keeps an amount when it only rewrites it', () => {
    for (const c of AMOUNT_CONVERSIONS) expect(isAmountConversion(c === 'String' ? c : `amount.${c}`), c).toBe(true);
    expect(isAmountConversion('toFixed')).toBe(false);
    expect(isAmountConversion('priceOf')).toBe(false);
    expect(isAmountConversion('x.String')).toBe(false);
  });
});
