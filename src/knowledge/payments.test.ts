import { describe, expect, it } from 'vitest';
import { CHECKOUT_CREATES, checkoutCreateOf, PAYMENT_CONFIRMATIONS, paymentConfirmationMethods, paymentConfirmationOf, returnPathOf, signatureCheckMethods } from './index.js';

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
});
