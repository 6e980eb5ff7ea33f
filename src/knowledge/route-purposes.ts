// What a route is for, from the words of its path's segments: a health probe, a sign-in or sign-up
// form, a password reset, an OAuth callback, a contact form, a webhook. Routes that must answer an
// anonymous caller are public by design (they need a rate limit, not an auth guard); routes that take
// a credential or an account's secret, or send mail for anyone, need a rate limit. A segment matches an entry when its words
// are the entry's words, in any order and case (`reset-password`, `passwordReset`, `password_reset`).
// Words, not substrings: `/login-history` and `/registered-devices` are not sign-in or sign-up routes.
// The last resort after what the handler does (an auth library's handler, a signature check).
export type RoutePurpose = 'health' | 'sign-in' | 'sign-out' | 'sign-up' | 'password-reset' | 'verification' | 'credential' | 'oauth' | 'auth-area' | 'contact' | 'public-file' | 'webhook';

export interface RouteWordEntry {
  /** The words of one path segment, in any order. */
  words: readonly string[];
  purpose: RoutePurpose;
  /** Answers an anonymous caller by design: no auth guard expected. */
  public: boolean;
  /** Needs a rate limit: takes a credential or an account's secret, or mails someone for any caller. */
  limit: boolean;
  /** A path segment it must match. */
  example: string;
  source: string;
}

const entry = (purpose: RoutePurpose, isPublic: boolean, limit: boolean, source: string) =>
  (words: string, example = `/${words.replace(/ /g, '-')}`): RouteWordEntry => ({ words: words.split(' '), purpose, public: isPublic, limit, example, source });

const health = entry('health', true, false, 'liveness and readiness probes, metrics scrapes and version checks answer the platform, not a user');
const signIn = entry('sign-in', true, true, 'a sign-in form takes a password from anyone: brute-forcing it is what a limiter stops (OWASP ASVS V2.2.1)');
const signUp = entry('sign-up', true, true, 'sign-up creates the account, so the caller has none yet; unlimited, it lets one client create accounts in bulk');
const reset = entry('password-reset', true, true, 'a reset request is made by someone who cannot sign in; it mails a secret and takes a token, both guessable without a limit');
const verification = entry('verification', true, true, 'email and one-time-code verification takes a short secret from a caller not yet signed in');
const credential = entry('credential', false, true, 'takes or issues a credential (a token, a password, a one-time code): a limiter stops guessing; it may still need a guard');
const signOut = entry('sign-out', true, false, 'signing out needs no credential to be safe: without one it does nothing');
const oauth = entry('oauth', true, false, 'an OAuth or SSO callback is called by the identity provider\'s redirect, before a session exists');
const authArea = entry('auth-area', true, false, 'the auth library\'s own routes (better-auth `/api/auth/*`, NextAuth `/api/auth/[...nextauth]`) check their callers themselves');
const contact = entry('contact', true, true, 'a contact or feedback form is meant for visitors and sends mail: it needs a limiter against spam, not a guard');
const file = entry('public-file', true, false, 'files browsers and crawlers fetch anonymously, and API documentation');
const webhook = entry('webhook', false, false, 'a webhook is called by another service: it proves who it is by a signature, not a session');

export const ROUTE_WORDS: readonly RouteWordEntry[] = [
  ...['health', 'healthz', 'healthcheck', 'health check', 'livez', 'liveness', 'live', 'readyz', 'ready', 'readiness', 'ping', 'status', 'metrics', 'version', 'heartbeat'].map((w) => health(w)),
  ...['login', 'log in', 'signin', 'sign in'].map((w) => signIn(w)),
  ...['signup', 'sign up', 'register', 'registration'].map((w) => signUp(w)),
  ...['forgot', 'forgot password', 'reset password', 'password reset', 'recover', 'recover password', 'recovery'].map((w) => reset(w)),
  // The request that mails the reset link, named for what it asks (`/auth/request-password-reset`).
  ...['request password reset', 'request reset'].map((w) => reset(w)),
  ...['verify email', 'email verification', 'confirm email', 'magic link', 'verify otp', 'resend verification'].map((w) => verification(w)),
  // Asking for a one-time code mails or texts one to anyone's address: unlimited, it is a mail or SMS bomb.
  ...['send otp', 'request otp', 'resend otp'].map((w) => verification(w)),
  ...['token', 'password', 'otp', 'mfa', '2fa', 'verify', 'refresh token'].map((w) => credential(w)),
  ...['logout', 'log out', 'signout', 'sign out'].map((w) => signOut(w)),
  ...['oauth', 'oauth2', 'callback', 'sso'].map((w) => oauth(w)),
  authArea('auth'),
  ...['contact', 'contact us', 'feedback'].map((w) => contact(w)),
  ...['well known', 'favicon ico', 'robots txt', 'sitemap xml', 'public', 'docs', 'openapi', 'openapi json', 'swagger', 'swagger json'].map((w) => file(w, `/${w.replace(' ', w === 'well known' ? '-' : '.')}`)),
  ...['webhook', 'webhooks', 'hook', 'hooks'].map((w) => webhook(w)),
];

/** The words of a path segment, lower case: `forgot-password` and `forgotPassword` are `forgot password`. */
function segmentWords(segment: string): string[] {
  return segment.split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+/).map((w) => w.toLowerCase()).filter(Boolean);
}

/**
 * The entries a path's segments match, first segment first (route parameters `:id`, `[id]` never match).
 * Remembered by path (the route table asks for each route's path several times, over tens of thousands of
 * routes); callers only read the list.
 */
export function routePurposes(path: string): readonly RouteWordEntry[] {
  let known = purposesByPath.get(path);
  if (known === undefined) {
    // Bounded: a process that audits many repositories does not keep every path it met.
    if (purposesByPath.size >= 50_000) purposesByPath.clear();
    purposesByPath.set(path, (known = purposesOf(path)));
  }
  return known;
}
const purposesByPath = new Map<string, readonly RouteWordEntry[]>();

function purposesOf(path: string): RouteWordEntry[] {
  const out: RouteWordEntry[] = [];
  for (const segment of path.split('/')) {
    if (!segment || segment.startsWith(':') || segment.startsWith('[') || segment.startsWith('{')) continue;
    const words = segmentWords(segment);
    for (const e of ROUTE_WORDS) {
      if (e.words.length === words.length && e.words.every((w) => words.includes(w)) && !out.includes(e)) out.push(e);
    }
  }
  return out;
}

/** A route public by design, by its path's words: the first segment that says so (`login`, `health`), or null. */
export function publicPurposeOf(path: string): RouteWordEntry | null {
  return routePurposes(path).find((e) => e.public) ?? null;
}

/** The entry that says a path needs a rate limit (sign-in, sign-up, reset, token, contact form), or null. */
export function limitedPurposeOf(path: string): RouteWordEntry | null {
  return routePurposes(path).find((e) => e.limit) ?? null;
}

/** Whether a path's words say it receives webhooks. */
export function pathSaysWebhook(path: string): boolean {
  return routePurposes(path).some((e) => e.purpose === 'webhook');
}

/**
 * Whether a handler's name says it receives webhooks (`stripeWebhook`, `WebhookController.handle`,
 * `handleWebhookEvent`): a word of the name is an entry's word. A name: what a handler imported from a
 * file verdict reads no body of still says about the route.
 */
export function nameSaysWebhook(name: string): boolean {
  return name.split('.').some((part) => segmentWords(part).some((w) => w === 'webhook' || w === 'webhooks'));
}

/** The collection a sign-up adds to: `POST /users` registers the caller when its handler says so (the RealWorld API's `POST /api/users`). */
export const ACCOUNT_COLLECTIONS: readonly string[] = ['user', 'users', 'account', 'accounts', 'member', 'members'];

/**
 * Names of functions that create the caller's account, as word sequences: `signup`, `signUp`,
 * `registerUser`, `createUser`, `createAccount`. A name: the last resort, read only on `POST` to an
 * account collection.
 */
export const SIGN_UP_NAME_WORDS: readonly RouteWordEntry[] = [
  ...['signup', 'sign up', 'register', 'create user', 'create account'].map((w) => signUp(w, w.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()))),
];

/** Whether a function's name says it signs the caller up: its words hold an entry's words in order. */
export function nameSaysSignUp(name: string): boolean {
  const words = segmentWords(name.slice(name.lastIndexOf('.') + 1));
  return SIGN_UP_NAME_WORDS.some((e) => words.some((_, i) => e.words.every((w, j) => words[i + j] === w)));
}

/** Whether a path ends in an account collection (`/api/users`). */
export function endsInAccounts(path: string): boolean {
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return ACCOUNT_COLLECTIONS.includes(last.toLowerCase());
}

/**
 * Whether a function's name says it starts a password reset (`forgotPassword`, `requestPasswordReset`,
 * `generateResetPasswordToken`): its words hold a password-reset entry's words in order (`forgot`
 * alone aside: `forgotUsername` is no password reset). A name: the last resort, for code the route
 * table does not reach (a service method the handler calls).
 */
export function nameSaysPasswordReset(name: string): boolean {
  const words = segmentWords(name.slice(name.lastIndexOf('.') + 1));
  return ROUTE_WORDS.some((e) => e.purpose === 'password-reset' && e.words.length > 1 && words.some((_, i) => e.words.every((w, k) => words[i + k] === w)));
}
