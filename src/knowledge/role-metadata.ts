// NestJS role restrictions: a decorator that sets metadata (`@Roles('admin')`) restricts nothing by
// itself; a guard in the route's chain must read that key and refuse callers without the role. Which
// packages' guards read only their own metadata (never a key the app's decorators set), so a chain of
// them leaves the app's restriction unread; a guard of any other package may read it, and is unknown.

export interface GuardPackage { package: string; exports: readonly string[]; reads: string; source: string }

export const OWN_METADATA_GUARDS: readonly GuardPackage[] = [
  {
    package: '@nestjs/passport', exports: ['AuthGuard'],
    reads: 'no metadata: it runs the named passport strategy and refuses a caller it cannot authenticate',
    source: 'https://github.com/nestjs/passport/blob/master/lib/auth.guard.ts',
  },
  {
    package: '@nestjs/throttler', exports: ['ThrottlerGuard'],
    reads: 'its own keys only (the `@SkipThrottle()` and `@Throttle()` metadata it defines)',
    source: 'https://docs.nestjs.com/security/rate-limiting',
  },
];

/** Whether an imported guard is a package's export known to read none of the app's metadata keys. */
export function readsNoAppMetadata(from: string, imported: string): boolean {
  return OWN_METADATA_GUARDS.some((g) => g.package === from && g.exports.includes(imported));
}

/**
 * Words that say a metadata decorator or its key restricts the route to some callers (`Roles`,
 * `RequirePermissions`, `ROLES_KEY`, `'permissions'`): the intent read from a name, which only decides
 * which restrictions are judged; whether one is enforced is decided from the guards' code.
 */
export const RESTRICTION_WORDS: readonly string[] = ['role', 'roles', 'permission', 'permissions', 'admin', 'admins', 'scope', 'scopes', 'privilege', 'privileges', 'ability', 'abilities', 'policy', 'policies'];

/** Whether a decorator's name or its key says it restricts the route to callers with a role or permission. */
export function namesRestriction(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => RESTRICTION_WORDS.includes(w));
}

/**
 * Words that say a middleware checks what the caller may do (`authorize`, `checkAccess`, `rbac`, `can`),
 * beyond the role words: read from a name, so they only ever silence a finding about a missing check.
 */
export const ACCESS_CHECK_WORDS: readonly string[] = ['authorize', 'authorise', 'authorization', 'authorized', 'access', 'acl', 'rbac', 'abac', 'can', 'ability', 'policy', 'permit', 'owner', 'grant', 'grants', 'privileged', 'staff', 'superuser'];

/** Whether a middleware's name says it checks the caller's rights (a role, a permission, an access rule). */
export function namesAccessCheck(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return namesRestriction(name) || words.some((w) => ACCESS_CHECK_WORDS.includes(w));
}
