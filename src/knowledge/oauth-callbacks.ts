// Where OAuth client libraries take the callback URL the provider sends users back to. A literal
// localhost URL there is a development setting: deployed, the provider redirects every user to their
// own machine and sign-in fails (or the provider refuses an unregistered redirect).

export interface OAuthCallbackOption {
  package: string;
  export: string;
  /** `register`: options are argument 1 of `app.register(plugin, opts)`; `new`: argument 0 of `new Strategy(opts)`. */
  how: 'register' | 'new';
  option: string;
  example: string;
  source: string;
}

const PASSPORT = (pkg: string, source: string): OAuthCallbackOption => ({
  package: pkg, export: 'Strategy', how: 'new', option: 'callbackURL',
  example: `import { Strategy } from '${pkg}'; passport.use(new Strategy({ clientID: id, clientSecret: secret, callbackURL: 'http://localhost:3000/auth/callback' }, verify));`,
  source,
});

export const OAUTH_CALLBACK_OPTIONS: readonly OAuthCallbackOption[] = [
  {
    package: '@fastify/oauth2', export: 'default', how: 'register', option: 'callbackUri',
    example: "import OAuth from '@fastify/oauth2'; await app.register(OAuth, { name: 'github', callbackUri: 'http://localhost:3000/login/callback' });",
    source: 'https://github.com/fastify/fastify-oauth2#usage (callbackUri)',
  },
  PASSPORT('passport-github2', 'https://github.com/cfsghost/passport-github#configure-strategy (callbackURL)'),
  PASSPORT('passport-google-oauth20', 'https://www.passportjs.org/packages/passport-google-oauth20/ (callbackURL)'),
  PASSPORT('passport-oauth2', 'https://www.passportjs.org/packages/passport-oauth2/ (callbackURL)'),
  PASSPORT('passport-facebook', 'https://www.passportjs.org/packages/passport-facebook/ (callbackURL)'),
];

/** The callback option of `module`'s `imported` export used this way, or null. */
export function oauthCallbackOption(module: string, imported: string, how: 'register' | 'new'): OAuthCallbackOption | null {
  return OAUTH_CALLBACK_OPTIONS.find((o) => o.package === module && o.export === imported && o.how === how) ?? null;
}

/** Whether a URL's host is this machine. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '0.0.0.0' || host.endsWith('.localhost');
  } catch {
    return false;
  }
}
