// collect/payment-returns: hosted checkouts created with a URL the provider sends the buyer back to
// (knowledge/payments: `stripe.checkout.sessions.create({ success_url })`), the URL as resolved in the
// file. The link stage matches its path to a route; security/payment-return-unconfirmed judges it.
import { defineFacts, type FactOf } from './define.js';

export const paymentReturnFacts = defineFacts('collect/payment-returns', (z) => z.strictObject({
  line: z.number().int().positive(),
  provider: z.string(),
  /** The option the URL is given in (`success_url`). */
  field: z.string(),
  /** The URL as resolved: constants and literals in place, `{*}` for each piece not known here. */
  url: z.string(),
  /** Its path (knowledge returnPathOf), null when it has none readable. */
  returnPath: z.string().nullable(),
}));
export type PaymentReturn = FactOf<typeof paymentReturnFacts>;
