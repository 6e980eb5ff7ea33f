import { describe, expect, it } from 'vitest';
import { isStoredCredentialField, STORED_CREDENTIAL_FIELDS } from './accounts.js';
import { parsePrismaSchema } from '../rules/shared/prisma-schema.js';

describe('knowledge/accounts stored credential fields', () => {
  it('every name, in any case, and the example schema\'s field', () => {
    for (const n of STORED_CREDENTIAL_FIELDS.names) expect(isStoredCredentialField(n), n).toBe(true);
    for (const n of ['passwordHash', 'PASSWORD_DIGEST', 'encryptedPassword']) expect(isStoredCredentialField(n), n).toBe(true);
    const fields = parsePrismaSchema(STORED_CREDENTIAL_FIELDS.example.replace(/; /g, '\n  ').replace('{ ', '{\n  ').replace(' }', '\n}')).models[0].fields;
    expect(fields.filter((f) => isStoredCredentialField(f.name)).map((f) => f.name)).toEqual(['passwordHash']);
  });
  it('fields about a password that hold no credential', () => {
    for (const n of ['passwordChangedAt', 'passwordResetExpires', 'hasPassword', 'email', 'hashtag']) expect(isStoredCredentialField(n), n).toBe(false);
  });
});
