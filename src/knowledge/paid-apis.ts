// Vendor SDKs whose calls spend money or a quota the project pays for: a model generation, an SMS or a
// voice call, an email sent, a geocoding lookup. A route anyone can call that reaches one of these
// lets anyone spend the project's quota. What spends is a member path called on the client the
// package makes (`new OpenAI().chat.completions.create`), or an export called directly (`generateText`).

export type PaidApiKind = 'model inference' | 'SMS or voice' | 'email' | 'maps';

export interface PaidApi {
  package: string;
  /** The service, as a message names it. */
  service: string;
  kind: PaidApiKind;
  /** Exports that make the client, constructed or called (`default` for the module's own export, which is also a client when its members spend: `sgMail.send`). */
  clients: readonly string[];
  /** Member paths on the client that spend (`chat.completions.create`). A reference that names only the first member used (`chat`) is read as the path it starts. */
  spends: readonly string[];
  /** Exports that spend when called (`generateText`). */
  functions?: readonly string[];
  example: string;
  source: string;
}

export const PAID_APIS: readonly PaidApi[] = [
  {
    package: 'openai', service: 'OpenAI (or an OpenAI-compatible provider through its baseURL)', kind: 'model inference', clients: ['default', 'OpenAI', 'AzureOpenAI'],
    spends: ['chat.completions.create', 'chat.completions.parse', 'completions.create', 'responses.create', 'embeddings.create', 'images.generate', 'audio.speech.create', 'audio.transcriptions.create', 'beta.chat.completions.parse'],
    example: "const openai = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1' }); await openai.chat.completions.create({ model, messages })", source: 'https://github.com/openai/openai-node#usage',
  },
  {
    package: '@anthropic-ai/sdk', service: 'Anthropic', kind: 'model inference', clients: ['default', 'Anthropic'], spends: ['messages.create', 'messages.stream', 'completions.create'],
    example: "const anthropic = new Anthropic(); await anthropic.messages.create({ model, max_tokens, messages })", source: 'https://github.com/anthropics/anthropic-sdk-typescript#usage',
  },
  {
    // The model getGenerativeModel returns is what generateContent is called on: the method that spends is not on the client itself.
    package: '@google/generative-ai', service: 'Google Gemini', kind: 'model inference', clients: ['GoogleGenerativeAI'], spends: ['getGenerativeModel'],
    example: "const genAI = new GoogleGenerativeAI(key); await genAI.getGenerativeModel({ model }).generateContent(prompt)", source: 'https://github.com/google-gemini/generative-ai-js#usage',
  },
  {
    package: '@google/genai', service: 'Google Gemini', kind: 'model inference', clients: ['GoogleGenAI'], spends: ['models.generateContent', 'models.generateContentStream', 'models.embedContent', 'models.generateImages'],
    example: "const ai = new GoogleGenAI({ apiKey }); await ai.models.generateContent({ model, contents })", source: 'https://github.com/googleapis/js-genai#quickstart',
  },
  {
    package: 'groq-sdk', service: 'Groq', kind: 'model inference', clients: ['default', 'Groq'], spends: ['chat.completions.create', 'audio.transcriptions.create'],
    example: "const groq = new Groq(); await groq.chat.completions.create({ model, messages })", source: 'https://github.com/groq/groq-typescript#usage',
  },
  {
    package: 'ai', service: 'the AI SDK\'s model provider', kind: 'model inference', clients: [], spends: [], functions: ['generateText', 'streamText', 'generateObject', 'streamObject', 'embed', 'embedMany'],
    example: "import { generateText } from 'ai'; await generateText({ model: openai('gpt-4o'), prompt })", source: 'https://ai-sdk.dev/docs/ai-sdk-core/generating-text',
  },
  {
    package: 'cohere-ai', service: 'Cohere', kind: 'model inference', clients: ['CohereClient', 'CohereClientV2'], spends: ['chat', 'chatStream', 'generate', 'embed', 'rerank'],
    example: "const cohere = new CohereClient({ token }); await cohere.chat({ message })", source: 'https://github.com/cohere-ai/cohere-typescript#usage',
  },
  {
    package: '@mistralai/mistralai', service: 'Mistral', kind: 'model inference', clients: ['Mistral', 'default'], spends: ['chat.complete', 'chat.stream', 'embeddings.create', 'fim.complete'],
    example: "const mistral = new Mistral({ apiKey }); await mistral.chat.complete({ model, messages })", source: 'https://github.com/mistralai/client-ts#sdk-example-usage',
  },
  {
    package: 'twilio', service: 'Twilio', kind: 'SMS or voice', clients: ['default', 'Twilio'], spends: ['messages.create', 'calls.create', 'verify.v2.services'],
    example: "const client = twilio(sid, token); await client.messages.create({ to, from, body })", source: 'https://www.twilio.com/docs/messaging/quickstart/node',
  },
  {
    package: 'resend', service: 'Resend', kind: 'email', clients: ['Resend'], spends: ['emails.send', 'batch.send'],
    example: "const resend = new Resend(key); await resend.emails.send({ from, to, subject, html })", source: 'https://resend.com/docs/send-with-nodejs',
  },
  {
    package: '@sendgrid/mail', service: 'SendGrid', kind: 'email', clients: ['default'], spends: ['send', 'sendMultiple'],
    example: "import sgMail from '@sendgrid/mail'; await sgMail.send({ to, from, subject, text })", source: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail#quick-start-hello-email',
  },
  {
    package: '@googlemaps/google-maps-services-js', service: 'Google Maps Platform', kind: 'maps', clients: ['Client'],
    spends: ['geocode', 'reverseGeocode', 'directions', 'distancematrix', 'elevation', 'timezone', 'placeAutocomplete', 'placeDetails', 'textSearch', 'findPlaceFromText', 'placesNearby'],
    example: "const maps = new Client({}); await maps.geocode({ params: { address, key } })", source: 'https://github.com/googlemaps/google-maps-services-js#usage',
  },
];

/** A call that spends: the API, and the call as a message shows it (`openai.chat.completions.create`). */
export interface PaidCall { api: PaidApi; call: string }

/**
 * What an export of a package does when its members `path` are used (`chat`, `chat.completions.create`;
 * empty when the export itself is called): the paid call, or null. A path that names only its first
 * member matches the spending path it begins.
 */
export function paidCallOf(pkg: string, exported: string, path: readonly string[]): PaidCall | null {
  for (const api of PAID_APIS) {
    if (api.package !== pkg) continue;
    if (path.length === 0) {
      if (api.functions?.includes(exported)) return { api, call: `${pkg}.${exported}` };
      continue;
    }
    if (!api.clients.includes(exported) && !(exported === '*' && api.clients.includes('default'))) continue;
    const written = path.join('.');
    const spend = api.spends.find((s) => s === written || (path.length === 1 ? s.split('.')[0] === path[0] : s.startsWith(`${written}.`) || written.startsWith(`${s}.`)));
    if (spend) return { api, call: `${pkg}.${spend}` };
  }
  return null;
}

/** Whether a package's export makes a paid API's client (`new OpenAI()`, `twilio(sid, token)`). */
export function paidClientOf(pkg: string, exported: string): PaidApi | null {
  return PAID_APIS.find((a) => a.package === pkg && (a.clients.includes(exported) || (exported === '*' && a.clients.includes('default')))) ?? null;
}
