// Payment providers' hosted checkouts: the call that creates one and the option naming the URL the
// provider sends the buyer back to, and the calls that ask the provider whether a payment went through.
// The buyer's browser follows the return URL, so anyone can visit it with any id: a handler there that
// marks an order paid must ask the provider first (retrieve the session or order, or capture it).

export interface CheckoutCreate {
  provider: string;
  /** The method chain of the call, last names in order (`checkout.sessions.create`), on the SDK's client. */
  call: readonly string[];
  /** Options of the call's object argument (searched a few levels deep) naming where the buyer comes back. */
  returnFields: readonly string[];
  example: string;
  source: string;
}

export const CHECKOUT_CREATES: readonly CheckoutCreate[] = [
  {
    provider: 'Stripe', call: ['checkout', 'sessions', 'create'], returnFields: ['success_url', 'return_url'],
    example: "await stripe.checkout.sessions.create({ mode: 'payment', line_items, success_url: `${base}/orders/success?session_id={CHECKOUT_SESSION_ID}` });",
    source: 'https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-success_url',
  },
  {
    provider: 'Stripe', call: ['paymentLinks', 'create'], returnFields: ['url'],
    example: "await stripe.paymentLinks.create({ line_items, after_completion: { type: 'redirect', redirect: { url: `${base}/paid` } } });",
    source: 'https://docs.stripe.com/api/payment-link/create#create_payment_link-after_completion-redirect-url',
  },
  {
    // @paypal/checkout-server-sdk: `request.requestBody({ intent, purchase_units, application_context: { return_url } })`.
    provider: 'PayPal', call: ['requestBody'], returnFields: ['return_url'],
    example: "request.requestBody({ intent: 'CAPTURE', purchase_units, application_context: { return_url: `${base}/paypal/return`, cancel_url } });",
    source: 'https://developer.paypal.com/docs/api/orders/v2/#orders_create (application_context.return_url)',
  },
  {
    provider: 'Razorpay', call: ['paymentLink', 'create'], returnFields: ['callback_url'],
    example: "await razorpay.paymentLink.create({ amount, currency: 'INR', callback_url: `${base}/payment/callback`, callback_method: 'get' });",
    source: 'https://razorpay.com/docs/api/payments/payment-links/create-standard/ (callback_url)',
  },
];

export interface PaymentConfirmation {
  provider: string;
  /** The method chain (or class constructed) whose call asks the provider about the payment. */
  call: readonly string[];
  example: string;
  source: string;
}

export const PAYMENT_CONFIRMATIONS: readonly PaymentConfirmation[] = [
  { provider: 'Stripe', call: ['checkout', 'sessions', 'retrieve'], example: 'const session = await stripe.checkout.sessions.retrieve(req.query.session_id);', source: 'https://docs.stripe.com/payments/checkout/fulfill-orders' },
  { provider: 'Stripe', call: ['checkout', 'sessions', 'listLineItems'], example: 'const items = await stripe.checkout.sessions.listLineItems(id);', source: 'https://docs.stripe.com/api/checkout/sessions/line_items' },
  { provider: 'Stripe', call: ['paymentIntents', 'retrieve'], example: 'const intent = await stripe.paymentIntents.retrieve(id);', source: 'https://docs.stripe.com/api/payment_intents/retrieve' },
  { provider: 'Stripe', call: ['subscriptions', 'retrieve'], example: 'const sub = await stripe.subscriptions.retrieve(id);', source: 'https://docs.stripe.com/api/subscriptions/retrieve' },
  { provider: 'PayPal', call: ['OrdersCaptureRequest'], example: 'const request = new paypal.orders.OrdersCaptureRequest(orderId);', source: 'https://github.com/paypal/Checkout-NodeJS-SDK#capturing-an-order' },
  { provider: 'PayPal', call: ['OrdersGetRequest'], example: 'const request = new paypal.orders.OrdersGetRequest(orderId);', source: 'https://github.com/paypal/Checkout-NodeJS-SDK' },
  { provider: 'PayPal', call: ['ordersCapture'], example: 'await ordersController.ordersCapture({ id: orderId });', source: 'https://developer.paypal.com/serversdk/typescript/' },
  { provider: 'Razorpay', call: ['validatePaymentVerification'], example: "validatePaymentVerification({ payment_link_id, payment_id }, signature, secret);", source: 'https://razorpay.com/docs/payments/payment-links/verify-payment-status/' },
];

/** The last name of every confirmation call: what a collector records calls of. */
export function paymentConfirmationMethods(): ReadonlySet<string> {
  return new Set(PAYMENT_CONFIRMATIONS.map((c) => c.call[c.call.length - 1]));
}

/** The names of a callee as body facts write it (`stripe#default#checkout#sessions#retrieve`, `stripe.checkout.sessions.retrieve`). */
function namesOf(callee: string): string[] {
  return callee.replace(/\(\)/g, '').split(/[#.]/).filter((p) => p.length > 0);
}

function endsWith(names: readonly string[], tail: readonly string[]): boolean {
  return names.length >= tail.length && tail.every((t, i) => names[names.length - tail.length + i] === t);
}

/** The confirmation a callee is (it asks the provider whether the buyer paid), or null. */
export function paymentConfirmationOf(callee: string): PaymentConfirmation | null {
  const names = namesOf(callee);
  return PAYMENT_CONFIRMATIONS.find((c) => endsWith(names, c.call)) ?? null;
}

/** The hosted checkout a call's method chain creates (`stripe.checkout.sessions.create`), or null. */
export function checkoutCreateOf(chain: readonly string[]): CheckoutCreate | null {
  return CHECKOUT_CREATES.find((c) => endsWith(chain, c.call)) ?? null;
}

/** The last names of the checkout-creating calls: a collector's cheap first test. */
export function checkoutCreateMethods(): ReadonlySet<string> {
  return new Set(CHECKOUT_CREATES.map((c) => c.call[c.call.length - 1]));
}

/**
 * The path of a return URL as resolved (`{*}` for a piece not known: `{*}/orders/success?session_id=x`
 * -> `/orders/success`): the part after the scheme and host, or after an unknown base, without query or
 * fragment; null when it has no readable path (all unknown, or relative to nothing).
 */
export function returnPathOf(url: string): string | null {
  let rest = url.trim();
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (abs) rest = rest.slice(abs[0].length);
  else if (rest.startsWith('{*}')) rest = rest.slice(3);
  // A hash router's path (`/#/success`) is the browser's, never the server's: it goes with the fragment.
  rest = rest.split(/[?#]/)[0];
  if (!rest.startsWith('/') || rest === '/') return null;
  return rest.replace(/\/+$/, '') || null;
}

/**
 * Providers redeliver a webhook event until it is answered 2xx, and may send it twice anyway: a write
 * that adds on each delivery (a row inserted, a counter incremented) runs once per delivery unless the
 * event is recorded. Insert methods of the ORMs and document stores:
 */
export const INSERT_METHODS: readonly string[] = ['create', 'createMany', 'insert', 'insertOne', 'insertMany'];

/**
 * Keys of a write's argument that make an update relative to what is stored (`{ credits: { increment: 5 } }`,
 * `{ $inc: { balance: 5 } }`): applied twice, it adds twice. TypeORM's `increment` is a method instead.
 */
export const RELATIVE_UPDATE_KEYS: readonly { key: string; example: string; source: string }[] = [
  { key: 'increment', example: 'await prisma.user.update({ where: { id }, data: { credits: { increment: 100 } } });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#atomic-number-operations' },
  { key: 'decrement', example: 'await prisma.user.update({ where: { id }, data: { credits: { decrement: 1 } } });', source: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference#atomic-number-operations' },
  { key: '$inc', example: 'await User.updateOne({ _id: id }, { $inc: { balance: amount } });', source: 'https://www.mongodb.com/docs/manual/reference/operator/update/inc/' },
];

/** Write methods that add to a stored number themselves (TypeORM `repo.increment(where, column, by)`). */
export const RELATIVE_UPDATE_METHODS: readonly string[] = ['increment', 'decrement'];

/** A table or model named for received events: writing to it (`processedEvent.create({ id: event.id })`) records the event. */
export const EVENT_LOG_WORDS: readonly string[] = ['event', 'events', 'webhook', 'webhooks'];

function modelWords(callee: string): string[] {
  const words = callee.split(/[#.]/).flatMap((p) => p.split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9$]+/)).map((w) => w.toLowerCase());
  return words.slice(0, -1);
}

/** Whether a write goes to a table or model named for received events (the write method's own name aside). */
export function writeRecordsEvent(callee: string): boolean {
  return modelWords(callee).some((w) => EVENT_LOG_WORDS.includes(w));
}

/** Whether a write adds on each run: an insert, or an update relative to what is stored (`adds`: its argument says so). */
export function writeAdds(callee: string, adds: boolean): boolean {
  const method = callee.slice(Math.max(callee.lastIndexOf('#'), callee.lastIndexOf('.')) + 1);
  return adds || INSERT_METHODS.includes(method) || RELATIVE_UPDATE_METHODS.includes(method);
}
