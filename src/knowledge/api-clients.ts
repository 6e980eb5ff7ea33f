// API clients (vendor SDKs) and where each takes the key it authenticates with. A value the code
// passes there is a credential, whatever the setting that holds it is called.

export interface ApiKeyClient {
  package: string;
  /** `new` of the export, `call` of it, or `member`: a method of the whole module (`sgMail.setApiKey`). */
  how: 'new' | 'call' | 'member';
  /** The export (`default` for the module's own), or for `member` the method. */
  export: string;
  /** The argument that is the key, or that holds the key option. */
  arg: number;
  /** The option of that argument holding the key, when the argument is an options object. */
  option?: string;
  example: string;
  source: string;
}

export const API_KEY_CLIENTS: readonly ApiKeyClient[] = [
  { package: 'stripe', how: 'new', export: 'default', arg: 0, example: "import Stripe from 'stripe'; const stripe = new Stripe(process.env.STRIPE_KEY);", source: 'https://docs.stripe.com/api/authentication?lang=node' },
  { package: 'stripe', how: 'call', export: 'default', arg: 0, example: "const stripe = require('stripe')(key)", source: 'https://github.com/stripe/stripe-node#usage' },
  { package: 'openai', how: 'new', export: 'default', arg: 0, option: 'apiKey', example: "import OpenAI from 'openai'; new OpenAI({ apiKey: process.env.AI_KEY })", source: 'https://github.com/openai/openai-node#usage' },
  { package: 'openai', how: 'new', export: 'OpenAI', arg: 0, option: 'apiKey', example: "import { OpenAI } from 'openai'; new OpenAI({ apiKey })", source: 'https://github.com/openai/openai-node#usage' },
  { package: '@anthropic-ai/sdk', how: 'new', export: 'default', arg: 0, option: 'apiKey', example: "import Anthropic from '@anthropic-ai/sdk'; new Anthropic({ apiKey })", source: 'https://github.com/anthropics/anthropic-sdk-typescript#usage' },
  { package: 'resend', how: 'new', export: 'Resend', arg: 0, example: "import { Resend } from 'resend'; new Resend(process.env.MAIL_KEY)", source: 'https://resend.com/docs/send-with-nodejs' },
  { package: '@sendgrid/mail', how: 'member', export: 'setApiKey', arg: 0, example: "import sgMail from '@sendgrid/mail'; sgMail.setApiKey(process.env.SG_KEY)", source: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail#quick-start-hello-email' },
  { package: 'twilio', how: 'call', export: 'default', arg: 1, example: "import twilio from 'twilio'; twilio(accountSid, authToken)", source: 'https://www.twilio.com/docs/libraries/reference/twilio-node (accountSid, authToken)' },
];

/** The client an import is when used this way (`imported` is the export, `default` or `*`; `member` the method called on the module). */
export function apiKeyClientOf(pkg: string, imported: string, how: 'new' | 'call' | 'member', member?: string): ApiKeyClient | null {
  const whole = imported === 'default' || imported === '*';
  return API_KEY_CLIENTS.find((c) => c.package === pkg && c.how === how
    && (how === 'member' ? whole && c.export === member : whole ? c.export === 'default' : c.export === imported)) ?? null;
}
