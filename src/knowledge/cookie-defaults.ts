// What a session middleware's cookie is when its options say nothing: the flags the library sets by
// default. express-session and cookie-session set httpOnly but not secure, so a session cookie from
// either travels over plain HTTP unless the options turn secure on; one that says `secure: false`
// (often left from local development) sends it in clear in production too.

export interface SessionMiddlewareCookie {
  /** The module as imported. */
  module: string;
  /** The export called to make the middleware ('default' for the module itself). */
  export: string;
  /** Argument index of the options object. */
  optionsArg: number;
  /** The options key whose object holds the cookie's flags, or null when the flags sit in the options themselves. */
  cookieKey: string | null;
  /** The flags' values when the options do not give them. */
  defaults: { httpOnly: boolean; secure: boolean };
  /** Values of `secure` besides `true` that turn it on where it matters (`'auto'`: on behind HTTPS). */
  secureValues: readonly string[];
  example: string;
  source: string;
}

export const SESSION_MIDDLEWARE_COOKIES: readonly SessionMiddlewareCookie[] = [
  {
    module: 'express-session', export: 'default', optionsArg: 0, cookieKey: 'cookie', defaults: { httpOnly: true, secure: false }, secureValues: ['auto'],
    example: "import session from 'express-session'; app.use(session({ secret, cookie: { secure: false } }))",
    source: 'https://github.com/expressjs/session#cookie (httpOnly default true; secure default false; "auto")',
  },
  {
    module: 'cookie-session', export: 'default', optionsArg: 0, cookieKey: null, defaults: { httpOnly: true, secure: false }, secureValues: [],
    example: "import cookieSession from 'cookie-session'; app.use(cookieSession({ name: 'session', keys }))",
    source: 'https://github.com/expressjs/cookie-session#cookie-options (httpOnly default true; secure default false)',
  },
];

/** The session middleware an import is (`name` is the export, 'default' for a default or whole-module import), or null. */
export function sessionMiddlewareCookieOf(module: string, name: string): SessionMiddlewareCookie | null {
  const whole = name === 'default' || name === '*';
  return SESSION_MIDDLEWARE_COOKIES.find((s) => s.module === module && (s.export === name || (whole && s.export === 'default'))) ?? null;
}

/** Cookie setters whose flags have defaults of their own (`ctx.cookies.set` of Koa sets httpOnly unless told not to). */
export const COOKIE_SETTER_DEFAULTS: ReadonlyArray<{ module: string; api: string; defaults: { httpOnly: boolean; secure: boolean }; source: string }> = [
  { module: 'koa', api: 'koa ctx.cookies.set()', defaults: { httpOnly: true, secure: false }, source: 'https://github.com/pillarjs/cookies#cookiessetname--values--options (httpOnly default true, secure default false)' },
];
