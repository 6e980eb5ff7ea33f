import { describe, expect, it } from 'vitest';
import { configDefaultArg, isTokenUseClaim, JWT_VERIFIER_KEYS, jwtVerifierKeyOf, tokenKindOfName } from './jwt-keys.js';

describe('knowledge/jwt-keys', () => {
  it('finds each verifier by its export and by a member of the whole module', () => {
    for (const v of JWT_VERIFIER_KEYS) {
      expect(jwtVerifierKeyOf(v.module, v.export)).toBe(v);
      expect(jwtVerifierKeyOf(v.module, 'default', v.export)).toBe(v);
      if (v.how === 'option') expect(v.options?.some((o) => v.example.includes(o))).toBe(true);
    }
    expect(jwtVerifierKeyOf('jsonwebtoken', 'sign')).toBeNull();
    expect(jwtVerifierKeyOf('jsonwebtoken', 'default', 'decode')).toBeNull();
    expect(jwtVerifierKeyOf('./jwt', 'verify')).toBeNull();
  });
  it('tells refresh from access names, and says nothing of other names', () => {
    for (const n of ['refreshToken', 'refresh_token', 'generateRefreshToken', 'REFRESH_TOKEN', 'newRefresh']) expect(tokenKindOfName(n), n).toBe('refresh');
    for (const n of ['accessToken', 'access_token', 'signAccessToken', 'ACCESS']) expect(tokenKindOfName(n), n).toBe('access');
    for (const n of ['token', 'jwt', 'refreshment', 'accessible', 'preaccess']) expect(tokenKindOfName(n), n).toBeNull();
  });
  it('knows the claims that say what a token is for', () => {
    for (const c of ['type', 'typ', 'token_use', 'tokenType']) expect(isTokenUseClaim(c)).toBe(true);
    for (const c of ['sub', 'exp', 'email']) expect(isTokenUseClaim(c)).toBe(false);
  });

  it('says which config reader method takes a default, and where', () => {
    expect(configDefaultArg('@nestjs/config', 'ConfigService', 'get')).toBe(1);
    expect(configDefaultArg('@nestjs/config', 'ConfigService', 'getOrThrow')).toBeNull();
    expect(configDefaultArg('./config', 'ConfigService', 'get')).toBeNull();
  });
});
