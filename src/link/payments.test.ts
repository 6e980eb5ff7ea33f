import { describe, expect, it } from 'vitest';
import { paymentReturnTo, returnPathMatches } from './payments.js';

describe('payment return URL to route', () => {
  it('matches segment by segment: route parameters take any segment, unknown pieces take any text in theirs', () => {
    expect(returnPathMatches('/orders/success', '/orders/success')).toBe(true);
    expect(returnPathMatches('/orders/{*}/paid', '/orders/:id/paid')).toBe(true);
    expect(returnPathMatches('/orders/{*}/paid', '/orders/latest/paid')).toBe(true);
    expect(returnPathMatches('/orders/42/paid', '/orders/[id]/paid')).toBe(true);
    expect(returnPathMatches('/pay-{*}', '/pay-ok')).toBe(true);
    expect(returnPathMatches('/orders/success', '/orders/cancel')).toBe(false);
    expect(returnPathMatches('/orders/success', '/orders/success/extra')).toBe(false);
    expect(returnPathMatches('/pay-{*}', '/paid')).toBe(false);
  });

  it('the first return whose path names the route; one with no readable path names none', () => {
    const r = (returnPath: string | null, line: number) => ({ path: 'src/c.ts', line, provider: 'Stripe', field: 'success_url', url: '', returnPath });
    expect(paymentReturnTo([r(null, 1), r('/a/done', 2), r('/a/{*}', 3)], '/a/done')?.line).toBe(2);
    expect(paymentReturnTo([r(null, 1)], '/a/done')).toBeNull();
  });
});
