import { describe, expect, it } from 'vitest';
import { API_KEY_CLIENTS, apiKeyClientOf } from './api-clients.js';
import { HTTP_CREDENTIAL_HEADERS, isCredentialHeader } from './http-clients.js';

describe('knowledge/api-clients', () => {
  it('finds every client the way its example uses it', () => {
    for (const c of API_KEY_CLIENTS) {
      const found = c.how === 'member' ? apiKeyClientOf(c.package, 'default', 'member', c.export) : apiKeyClientOf(c.package, c.export, c.how);
      expect(found, `${c.package} ${c.how} ${c.export}`).toBe(c);
      expect(c.example).toContain(c.how === 'member' ? `.${c.export}(` : c.package);
    }
  });

  it('another export or another use of the package is no key sink', () => {
    expect(apiKeyClientOf('stripe', 'default', 'member', 'webhooks')).toBeNull();
    expect(apiKeyClientOf('resend', 'default', 'new')).toBeNull();
    expect(apiKeyClientOf('@sendgrid/mail', 'default', 'member', 'send')).toBeNull();
  });

  it('credential headers, case-insensitive; other headers are not', () => {
    expect(HTTP_CREDENTIAL_HEADERS.example).toContain('Authorization');
    expect(isCredentialHeader('Authorization')).toBe(true);
    expect(isCredentialHeader('X-API-Key')).toBe(true);
    expect(isCredentialHeader('Content-Type')).toBe(false);
  });
});
