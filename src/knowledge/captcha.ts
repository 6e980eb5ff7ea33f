// CAPTCHA services a server asks whether a visitor's token is good: each answers JSON whose `success`
// says so. A public create route (a contact form, a URL shortener) that asks one and refuses when
// `success` is false is open to anyone by design, with an anti-abuse gate: not an unguarded write.
// Matched by the verification endpoint a request names, or by a server client's export.

export interface CaptchaService {
  service: string;
  /** The verification endpoint, without its scheme: a string naming it is a request to it. */
  endpoints: readonly string[];
  /** Server-side clients: the package and the export that asks the endpoint (its result has `success`). */
  clients: ReadonlyArray<{ package: string; name: string }>;
  /** A call the entry is tested with. */
  example: string;
  source: string;
}

export const CAPTCHA_SERVICES: readonly CaptchaService[] = [
  {
    service: 'Cloudflare Turnstile', endpoints: ['challenges.cloudflare.com/turnstile/v0/siteverify'], clients: [],
    example: "await fetch('https://challenges.cloudflare.com/turnstile/v0/siteverify', { method: 'POST', body: form })",
    source: 'https://developers.cloudflare.com/turnstile/get-started/server-side-validation/',
  },
  {
    service: 'hCaptcha', endpoints: ['hcaptcha.com/siteverify'], clients: [{ package: 'hcaptcha', name: 'verify' }],
    example: "await fetch('https://api.hcaptcha.com/siteverify', { method: 'POST', body: params })",
    source: 'https://docs.hcaptcha.com/#verify-the-user-response-server-side',
  },
  {
    service: 'Google reCAPTCHA', endpoints: ['www.google.com/recaptcha/api/siteverify', 'www.recaptcha.net/recaptcha/api/siteverify'], clients: [],
    example: "await axios.post(`https://www.google.com/recaptcha/api/siteverify?secret=${secret}&response=${token}`)",
    source: 'https://developers.google.com/recaptcha/docs/verify',
  },
];

/** The CAPTCHA service a URL or string names (its verification endpoint), or null. */
export function captchaEndpointOf(text: string): CaptchaService | null {
  if (!text.includes('siteverify')) return null;
  return CAPTCHA_SERVICES.find((s) => s.endpoints.some((e) => text.includes(e))) ?? null;
}

/** The CAPTCHA service whose server client an import is (`hcaptcha#verify`), or null. */
export function captchaClientOf(module: string, name: string): CaptchaService | null {
  return CAPTCHA_SERVICES.find((s) => s.clients.some((c) => c.package === module && c.name === name)) ?? null;
}
