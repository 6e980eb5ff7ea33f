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

/**
 * Calls that charge an amount the code states: the provider's package, the exports that make the client
 * (`default` for the module's own export, or a member path of it: `orders.OrdersCreateRequest`), the
 * method chain called on that client, and the option paths holding the amount (`[]` steps into each
 * element of an array: `line_items[].price_data.unit_amount`). A price id (`line_items[].price`) is not
 * among them: the provider holds its amount.
 */
export interface PaymentAmount {
  provider: string;
  package: string;
  clients: readonly string[];
  call: readonly string[];
  amounts: readonly string[];
  example: string;
  source: string;
}

export const PAYMENT_AMOUNTS: readonly PaymentAmount[] = [
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['paymentIntents', 'create'], amounts: ['amount'],
    example: "const stripe = new Stripe(key); await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });", source: 'https://docs.stripe.com/api/payment_intents/create#create_payment_intent-amount',
  },
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['paymentIntents', 'update'], amounts: ['amount'],
    example: 'const stripe = new Stripe(key); await stripe.paymentIntents.update(id, { amount: 2500 });', source: 'https://docs.stripe.com/api/payment_intents/update#update_payment_intent-amount',
  },
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['checkout', 'sessions', 'create'],
    amounts: ['line_items[].price_data.unit_amount', 'line_items[].price_data.unit_amount_decimal'],
    example: "const stripe = new Stripe(key); await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price_data: { currency: 'usd', unit_amount: 2000, product_data: { name } }, quantity: 1 }], success_url });",
    source: 'https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-line_items-price_data-unit_amount',
  },
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['prices', 'create'], amounts: ['unit_amount', 'unit_amount_decimal'],
    example: "const stripe = new Stripe(key); await stripe.prices.create({ currency: 'usd', unit_amount: 1000, product });", source: 'https://docs.stripe.com/api/prices/create#create_price-unit_amount',
  },
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['charges', 'create'], amounts: ['amount'],
    example: "const stripe = new Stripe(key); await stripe.charges.create({ amount: 2000, currency: 'usd', source });", source: 'https://docs.stripe.com/api/charges/create#create_charge-amount',
  },
  {
    provider: 'Stripe', package: 'stripe', clients: ['default', 'Stripe'], call: ['invoiceItems', 'create'], amounts: ['amount', 'unit_amount', 'price_data.unit_amount'],
    example: "const stripe = new Stripe(key); await stripe.invoiceItems.create({ customer, amount: 2000, currency: 'usd' });", source: 'https://docs.stripe.com/api/invoiceitems/create#create_invoiceitem-amount',
  },
  {
    // @paypal/checkout-server-sdk: the order's amount is given to the request object the SDK's class makes.
    provider: 'PayPal', package: '@paypal/checkout-server-sdk', clients: ['orders.OrdersCreateRequest'], call: ['requestBody'], amounts: ['purchase_units[].amount.value'],
    example: "const paypal = require('@paypal/checkout-server-sdk'); const request = new paypal.orders.OrdersCreateRequest(); request.requestBody({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'USD', value: '10.00' } }] });",
    source: 'https://github.com/paypal/Checkout-NodeJS-SDK#creating-an-order',
  },
  {
    provider: 'PayPal', package: '@paypal/paypal-server-sdk', clients: ['OrdersController'], call: ['createOrder'], amounts: ['body.purchaseUnits[].amount.value'],
    example: "const orders = new OrdersController(client); await orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ amount: { currencyCode: 'USD', value: '10.00' } }] } });",
    source: 'https://developer.paypal.com/serversdk/typescript/getting-started/how-to-get-started (createOrder body.purchaseUnits[].amount)',
  },
  {
    provider: 'Razorpay', package: 'razorpay', clients: ['default'], call: ['orders', 'create'], amounts: ['amount'],
    example: "const razorpay = new Razorpay({ key_id, key_secret }); await razorpay.orders.create({ amount: 50000, currency: 'INR', receipt });", source: 'https://razorpay.com/docs/api/orders/create/',
  },
  {
    provider: 'Razorpay', package: 'razorpay', clients: ['default'], call: ['paymentLink', 'create'], amounts: ['amount'],
    example: "const razorpay = new Razorpay({ key_id, key_secret }); await razorpay.paymentLink.create({ amount: 50000, currency: 'INR' });", source: 'https://razorpay.com/docs/api/payments/payment-links/create-standard/',
  },
  {
    provider: 'Paystack', package: '@paystack/paystack-sdk', clients: ['default', 'Paystack'], call: ['transaction', 'initialize'], amounts: ['amount'],
    example: "const paystack = new Paystack(key); await paystack.transaction.initialize({ email, amount: 20000 });", source: 'https://github.com/PaystackOSS/paystack-node#usage',
  },
  {
    provider: 'Paystack', package: 'paystack', clients: ['default'], call: ['transaction', 'initialize'], amounts: ['amount'],
    example: "const paystack = Paystack(key); await paystack.transaction.initialize({ email, amount: 20000 });", source: 'https://app.unpkg.com/paystack@2.0.1/files/resources/transaction.js (initialize: amount*, email*)',
  },
];

/**
 * The amount-charging calls a client made by `pkg`'s export `client` (`default`, `Stripe`,
 * `orders.OrdersCreateRequest`) answers to, for the method chain called on it (`paymentIntents.create`).
 */
export function paymentAmountOf(pkg: string, client: string, chain: readonly string[]): PaymentAmount | null {
  const written = chain.join('.');
  return PAYMENT_AMOUNTS.find((a) => a.package === pkg && a.clients.includes(client) && a.call.join('.') === written) ?? null;
}

/** The method chains (`paymentIntents.create`) that charge an amount on some provider's client: a rule's first cheap test. */
export function paymentAmountChains(): ReadonlyArray<readonly string[]> {
  return PAYMENT_AMOUNTS.map((a) => a.call);
}

/** Whether a package is a payment provider's SDK whose client charges an amount. */
export function isPaymentAmountPackage(pkg: string): boolean {
  return PAYMENT_AMOUNTS.some((a) => a.package === pkg);
}

/** Every provider's amount-charging call with this method chain: the candidates while the client is not yet known. */
export function paymentAmountsOfChain(chain: readonly string[]): PaymentAmount[] {
  const written = chain.join('.');
  return PAYMENT_AMOUNTS.filter((a) => a.call.join('.') === written);
}

/**
 * Conversions that keep an amount what it was, only written another way (`String(amount)` for PayPal's
 * string value, `amount.toFixed(2)`): a path from the request goes on through them. The numeric ones
 * (`Number`, `Math.round`) are knowledge/page-sizes UNBOUNDED_NUMERIC.
 */
export const AMOUNT_CONVERSIONS: readonly string[] = ['String', 'toFixed', 'toString', 'toPrecision'];

/** Whether a callee as written (`String`, `price.toFixed`) converts an amount without changing it. */
export function isAmountConversion(callee: string): boolean {
  const method = callee.includes('.') ? callee.slice(callee.lastIndexOf('.') + 1) : null;
  return method !== null ? AMOUNT_CONVERSIONS.includes(method) && method !== 'String' : callee === 'String';
}
