import { describe, expect, it } from 'vitest';
import { isExpiryField, isOpaqueTokenSource, REDIS_TTL_OPTIONS, REDIS_TTL_SOURCE, TOKEN_ROW_WRITES } from './token-storage.js';

describe('knowledge/token-storage', () => {
  it('knows the names that keep a lifetime, and not the ones that do not', () => {
    for (const n of ['expiresAt', 'expires_at', 'expiryDate', 'refreshTokenExpiresAt', 'validUntil', 'ttl', 'exp']) expect(isExpiryField(n), n).toBe(true);
    for (const n of ['refreshToken', 'userId', 'createdAt', 'export', 'experience', 'token']) expect(isExpiryField(n), n).toBe(false);
  });
  it('knows the opaque token sources by module and export', () => {
    expect(isOpaqueTokenSource('crypto', 'randomBytes')).toBe(true);
    expect(isOpaqueTokenSource('uuid', 'v4')).toBe(true);
    expect(isOpaqueTokenSource('crypto', 'createHash')).toBe(false);
    expect(isOpaqueTokenSource('./crypto', 'randomBytes')).toBe(false);
  });
  it('names each write by a distinct method', () => {
    expect(new Set(TOKEN_ROW_WRITES.map((w) => w.method)).size).toBe(TOKEN_ROW_WRITES.length);
  });
  it('lists the SET options that give a key a lifetime, each in the command reference it cites', () => {
    for (const o of REDIS_TTL_OPTIONS) expect(REDIS_TTL_SOURCE).toContain(o);
    expect(REDIS_TTL_OPTIONS).not.toContain('NX');
  });
});
