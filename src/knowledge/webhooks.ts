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
