// Middleware factories of libraries that refuse a caller who lacks a role, a permission or a scope:
// an authorisation step, beyond knowing who the caller is. Authentication middleware (passport's
// `authenticate`, `@nestjs/passport` `AuthGuard('jwt')`, express-jwt, Clerk's `requireAuth`) is described
// in libraries.ts as a `guard` and is no role check, whatever it is given.

export interface RoleGuardExport {
  package: string;
  /** The export (`default` for a default export); `default#check` for a method of what the default export makes. */
  exports: readonly string[];
  checks: string;
  source: string;
}

export const ROLE_GUARD_EXPORTS: readonly RoleGuardExport[] = [
  {
    package: 'express-jwt-permissions', exports: ['default#check', 'check'],
    checks: 'the permissions of the verified token (`guard.check(\'admin\')`); 403 when one is missing',
    source: 'https://github.com/MichielDeMey/express-jwt-permissions#readme',
  },
  {
    package: 'express-jwt-authz', exports: ['default'],
    checks: 'the scopes of the verified token (`jwtAuthz([\'read:users\'])`); 403 when they are not granted',
    source: 'https://github.com/auth0/express-jwt-authz#readme',
  },
  {
    package: 'express-oauth2-jwt-bearer', exports: ['requiredScopes', 'scopeIncludesAny', 'claimCheck', 'claimEquals', 'claimIncludes'],
    checks: 'the scopes or claims of the access token `auth()` verified; 403 (insufficient_scope) otherwise',
    source: 'https://auth0.github.io/node-oauth2-jwt-bearer/',
  },
  {
    package: 'express-openid-connect', exports: ['claimCheck', 'claimEquals', 'claimIncludes'],
    checks: 'the claims of the signed-in user\'s ID token; 401 otherwise',
    source: 'https://auth0.github.io/express-openid-connect/',
  },
];

/** Whether an imported middleware factory is a library's role, permission or scope check (a `*#name` member of a namespace import too). */
export function isRoleGuardExport(from: string, imported: string): boolean {
  const name = imported.startsWith('*#') ? imported.slice(2) : imported;
  return ROLE_GUARD_EXPORTS.some((g) => g.package === from && (g.exports.includes(name) || g.exports.includes(`default#${name}`)));
}
