import { describe, expect, it } from 'vitest';
import { namesAccessCheck, namesRestriction, OWN_METADATA_GUARDS, readsNoAppMetadata } from './role-metadata.js';

describe('knowledge/role-metadata', () => {
  it('knows the package guards that read none of the app\'s metadata, and no other export of theirs', () => {
    expect(readsNoAppMetadata('@nestjs/passport', 'AuthGuard')).toBe(true);
    expect(readsNoAppMetadata('@nestjs/throttler', 'ThrottlerGuard')).toBe(true);
    expect(readsNoAppMetadata('@nestjs/passport', 'PassportStrategy')).toBe(false);
    expect(readsNoAppMetadata('nest-access-control', 'ACGuard')).toBe(false);
    for (const g of OWN_METADATA_GUARDS) expect(g.source).toMatch(/^https:\/\//);
  });

  it('reads a restriction from whole words of a decorator or key name', () => {
    for (const n of ['Roles', 'HasRoles', 'RequirePermissions', 'ROLES_KEY', 'roles', 'AdminOnly', 'CheckPolicies']) expect(namesRestriction(n), n).toBe(true);
    for (const n of ['Public', 'IS_PUBLIC_KEY', 'ResponseMessage', 'cacheTtl', 'Controllers', 'Prole']) expect(namesRestriction(n), n).toBe(false);
  });

  it('reads an access check from a middleware\'s name, beyond the role words, and not authentication alone', () => {
    for (const n of ['authorize', 'checkAccess', 'rbac', 'canDeleteUsers', 'isOwner', 'requireRole']) expect(namesAccessCheck(n), n).toBe(true);
    for (const n of ['authenticate', 'requireAuth', 'verifyToken', 'passport.authenticate', 'protect']) expect(namesAccessCheck(n), n).toBe(false);
  });
});
