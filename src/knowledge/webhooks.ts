// Webhook senders and how they prove who they are. A handler that reads one of these headers receives
// that provider's webhooks, whatever its path is called; it must verify the signature (a verifier a
// library descriptor names, an HMAC compared in constant time) or, where the provider sends a shared
// secret as the header's value (`secret`), compare it and refuse a mismatch.

export interface WebhookProvider {
  provider: string;
  /** Request headers the provider sends, lower case. */
  headers: readonly string[];
  /** The header carries a shared secret itself: comparing it and refusing is the verification. */
  secret?: boolean;
  /** A handler reading the header: the example each entry is tested with. */
  example: string;
  source: string;
}

export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = [
  { provider: 'Stripe', headers: ['stripe-signature'], example: "const sig = req.headers['stripe-signature'];", source: 'https://docs.stripe.com/webhooks#verify-events' },
  { provider: 'Slack', headers: ['x-slack-signature', 'x-slack-request-timestamp'], example: "const sig = req.get('x-slack-signature');", source: 'https://api.slack.com/authentication/verifying-requests-from-slack' },
  { provider: 'Twilio', headers: ['x-twilio-signature'], example: "const sig = req.header('x-twilio-signature');", source: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security' },
  { provider: 'GitHub', headers: ['x-hub-signature-256', 'x-hub-signature'], example: "const sig = c.req.header('x-hub-signature-256');", source: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries' },
  { provider: 'Amazon SNS', headers: ['x-amz-sns-message-type'], example: "const type = req.headers['x-amz-sns-message-type'];", source: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html' },
  { provider: 'Telegram', headers: ['x-telegram-bot-api-secret-token'], secret: true, example: "const token = request.headers.get('x-telegram-bot-api-secret-token');", source: 'https://core.telegram.org/bots/api#setwebhook' },
  { provider: 'Standard Webhooks (svix)', headers: ['svix-signature', 'webhook-signature'], example: "const sig = req.headers['webhook-signature'];", source: 'https://www.standardwebhooks.com/' },
  // Discord interactions (HTTP bots): an Ed25519 signature over timestamp + raw body; Discord refuses an endpoint that does not answer 401 to a bad one.
  { provider: 'Discord interactions', headers: ['x-signature-ed25519', 'x-signature-timestamp'], example: "const signature = c.req.header('x-signature-ed25519');", source: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers' },
  { provider: 'Shopify', headers: ['x-shopify-hmac-sha256'], example: "const hmac = req.get('x-shopify-hmac-sha256');", source: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook' },
];

/** The provider whose header this is, or null. */
export function webhookProviderOf(header: string): WebhookProvider | null {
  const h = header.toLowerCase();
  return WEBHOOK_PROVIDERS.find((p) => p.headers.includes(h)) ?? null;
}

/**
 * What an account holds and a payment provider's webhook changes: a write to one of these, by the words
 * of the model, table or method it goes through (`prisma.subscription.update`, `users.updateOne`,
 * `grantPlan`), makes a forged event a change of who has paid for what. A name: what the write's callee says.
 */
export const ACCOUNT_STATE_WORDS: readonly string[] = [
  'user', 'users', 'account', 'accounts', 'member', 'members', 'membership', 'memberships', 'customer', 'customers',
  'subscription', 'subscriptions', 'plan', 'plans', 'tier', 'payment', 'payments', 'invoice', 'invoices', 'order', 'orders',
  'purchase', 'purchases', 'credit', 'credits', 'balance', 'wallet', 'billing', 'license', 'licenses', 'entitlement', 'entitlements', 'premium',
];

/** Whether a write's callee (`@prisma/client#PrismaClient#subscription#update`, `this.users.save`) goes to what an account holds. */
export function writeChangesAccount(callee: string): boolean {
  const words = callee.split(/[#.]/).flatMap((p) => p.split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+/)).map((w) => w.toLowerCase());
  // The last part is the write method (`update`, `save`): the model or table is what it is called on.
  return words.slice(0, -1).some((w) => ACCOUNT_STATE_WORDS.includes(w));
}
