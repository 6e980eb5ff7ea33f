import { describe, expect, it } from 'vitest';
import { looksLikeSecretValue } from '../util/secret-patterns.js';
import { isPublicCredentialValue, PUBLIC_CREDENTIAL_VALUES } from './public-credentials.js';

describe('knowledge/public-credentials', () => {
  it('knows the documented fixed halves of token credentials, exactly', () => {
    for (const v of PUBLIC_CREDENTIAL_VALUES) expect(isPublicCredentialValue(v.value), v.value).toBe(true);
    expect(isPublicCredentialValue('x-oauth-basic2')).toBe(false);
    expect(isPublicCredentialValue('X-OAUTH-BASIC')).toBe(false);
  });

  it('keeps them from reading as a password, while a real-looking one still does', () => {
    expect(looksLikeSecretValue('x-oauth-basic', true)).toBe(false);
    expect(looksLikeSecretValue('x-0auth-b4sic!', true)).toBe(true);
  });
});
