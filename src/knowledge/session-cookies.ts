// The cookies that hold a signed-in browser session at the big providers. Whoever has their values
// is signed in as that account (mail, drive, a YouTube channel, an ad account) until the user signs
// out everywhere: a committed cookie jar or `Cookie:` header is a live credential, not configuration.
// Short names (`SID`) are common words elsewhere (a Twilio account SID): they count only beside a
// provider's domain or another of the provider's names; the distinctive ones count alone.

export interface ProviderSessionCookies {
  provider: string;
  /** Registrable domains the cookies are set for (a jar's `domain` field ends in one). */
  domains: readonly string[];
  /** Names that are this provider's session cookie wherever they appear. */
  distinctive: readonly string[];
  /** Names this provider uses that other systems use too: only with a domain or a distinctive name beside them. */
  shared: readonly string[];
  example: string;
  source: string;
}

export const PROVIDER_SESSION_COOKIES: readonly ProviderSessionCookies[] = [
  {
    provider: 'Google',
    domains: ['google.com', 'youtube.com'],
    distinctive: ['SAPISID', 'APISID', '__Secure-1PSID', '__Secure-3PSID', '__Secure-1PAPISID', '__Secure-3PAPISID', '__Secure-1PSIDTS', '__Secure-3PSIDTS', '__Secure-1PSIDCC', '__Secure-3PSIDCC', 'LOGIN_INFO'],
    shared: ['SID', 'HSID', 'SSID', 'SIDCC'],
    example: '[{ "domain": ".youtube.com", "name": "__Secure-3PSID", "value": "g.a000…" }]',
    source: 'https://policies.google.com/technologies/cookies#types-of-cookies (SID, HSID, SAPISID, __Secure-1PSID: "authentication" cookies that keep you signed in)',
  },
  {
    provider: 'GitHub',
    domains: ['github.com'],
    distinctive: ['user_session', '__Host-user_session_same_site', '_gh_sess'],
    shared: ['logged_in', 'dotcom_user'],
    example: 'Cookie: user_session=…; __Host-user_session_same_site=…',
    source: 'https://docs.github.com/en/site-policy/privacy-policies/github-cookies (user_session: "used to log you in")',
  },
  {
    provider: 'LinkedIn',
    domains: ['linkedin.com'],
    distinctive: ['li_at'],
    shared: ['JSESSIONID', 'liap'],
    example: '{ "name": "li_at", "value": "AQED…", "domain": ".www.linkedin.com" }',
    source: 'https://www.linkedin.com/legal/l/cookie-table (li_at: "used to remember that a logged-in user is verified")',
  },
  {
    provider: 'X (Twitter)',
    domains: ['twitter.com', 'x.com'],
    distinctive: [],
    shared: ['auth_token', 'ct0', 'twid'],
    example: '{ "name": "auth_token", "value": "…", "domain": ".x.com" }',
    source: 'https://help.x.com/en/rules-and-policies/x-cookies (auth_token: authentication)',
  },
  {
    provider: 'Meta (Facebook, Instagram)',
    domains: ['facebook.com', 'instagram.com'],
    distinctive: [],
    shared: ['c_user', 'xs', 'sessionid', 'ds_user_id'],
    example: '{ "name": "xs", "value": "…", "domain": ".facebook.com" }',
    source: 'https://www.facebook.com/privacy/policies/cookies/ (c_user and xs: "authentication" cookies)',
  },
];

/** The provider whose session cookie a name is on its own (a distinctive name), or null. */
export function distinctiveSessionCookie(name: string): ProviderSessionCookies | null {
  return PROVIDER_SESSION_COOKIES.find((p) => p.distinctive.includes(name)) ?? null;
}

/** The provider a cookie domain (`.youtube.com`, `accounts.google.com`) belongs to, or null. */
export function sessionCookieProviderOfDomain(domain: string): ProviderSessionCookies | null {
  const d = domain.replace(/^\./, '').toLowerCase();
  return PROVIDER_SESSION_COOKIES.find((p) => p.domains.some((x) => d === x || d.endsWith(`.${x}`))) ?? null;
}

/** Whether a name is one of this provider's session cookies, distinctive or shared. */
export function isProviderSessionCookie(p: ProviderSessionCookies, name: string): boolean {
  return p.distinctive.includes(name) || p.shared.includes(name);
}

/** Every name of every provider: a file naming none of them holds no provider cookie. */
export const PROVIDER_COOKIE_NAMES: readonly string[] = PROVIDER_SESSION_COOKIES.flatMap((p) => [...p.distinctive, ...p.shared]);
