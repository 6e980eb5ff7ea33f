// Auth libraries that serve their own HTTP endpoints through one catch-all handler (better-auth's
// `auth.handler` / `toNextJsHandler(auth)`, NextAuth's `handlers`): sign-in, sign-up, OAuth callbacks
// and session reads answer an anonymous caller by design, and the library checks its callers itself.
// A route is such a handler when its handler expression reaches the library: an adapter imported
// from it, or a value of the repository built by calling the library's factory (followed by the link).

export interface AuthHandlerLibrary {
  library: string;
  /** Calls that build the auth instance whose handler serves the routes (`betterAuth(...)`). */
  factories: ReadonlyArray<{ from: string; imported: string }>;
  /** Framework adapters that turn the instance into route handlers (`toNextJsHandler(auth)`). */
  adapters: ReadonlyArray<{ from: string; imported: string }>;
  /** The library limits its own endpoints in the default (production) configuration. */
  limitsByDefault: boolean;
  /** A route file that must be recognised (tested in knowledge.test.ts). */
  example: { file: string; text: string };
  source: string;
}

export const AUTH_HANDLER_LIBRARIES: readonly AuthHandlerLibrary[] = [
  {
    library: 'better-auth',
    factories: [{ from: 'better-auth', imported: 'betterAuth' }],
    adapters: [{ from: 'better-auth/next-js', imported: 'toNextJsHandler' }],
    // "By default, in production mode, the rate limiter is set to: window 60 s, max 100", with
    // stricter rules for /sign-in/email; disabled in development (rateLimit.enabled).
    limitsByDefault: true,
    example: { file: 'app/api/auth/[...all]/route.ts', text: "import { auth } from '@/lib/auth';\nimport { toNextJsHandler } from 'better-auth/next-js';\nexport const { GET, POST } = toNextJsHandler(auth);\n" },
    source: 'https://better-auth.com/docs/concepts/rate-limit, https://better-auth.com/docs/integrations/next',
  },
  {
    library: 'next-auth',
    factories: [{ from: 'next-auth', imported: 'default' }],
    adapters: [],
    // Auth.js ships no rate limiter: its credentials sign-in needs one of the application's.
    limitsByDefault: false,
    example: { file: 'app/api/auth/[...nextauth]/route.ts', text: "import NextAuth from 'next-auth';\nexport const { handlers: { GET, POST } } = NextAuth({ providers: [] });\n" },
    source: 'https://authjs.dev/getting-started/installation (export const { GET, POST } = handlers)',
  },
];

/** The library an import is a factory or an adapter of, or null. */
export function authHandlerLibraryOf(from: string, imported: string): { entry: AuthHandlerLibrary; as: 'factory' | 'adapter' } | null {
  for (const entry of AUTH_HANDLER_LIBRARIES) {
    if (entry.adapters.some((a) => a.from === from && a.imported === imported)) return { entry, as: 'adapter' };
    if (entry.factories.some((f) => f.from === from && f.imported === imported)) return { entry, as: 'factory' };
  }
  return null;
}
