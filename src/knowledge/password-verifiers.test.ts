import { describe, expect, it } from 'vitest';
import { PASSWORD_VERIFIERS, passwordVerifierMethodOf, passwordVerifierOf } from './password-hashing.js';
import { nameSaysPasswordReset } from './route-purposes.js';

describe('knowledge/password-hashing: password verifiers', () => {
  it('finds each library verifier by its named export and as a member of the whole module, and each model method by its name', () => {
    for (const v of PASSWORD_VERIFIERS) {
      expect(v.example).toContain(v.export);
      if (v.module === null) {
        expect(passwordVerifierMethodOf(v.export), v.export).toBe(v);
        continue;
      }
      expect(passwordVerifierOf(v.module, v.export), v.module).toBe(v);
      expect(passwordVerifierOf(v.module, 'default', v.export), v.module).toBe(v);
      expect(passwordVerifierOf(v.module, '*', v.export), v.module).toBe(v);
    }
  });

  it('knows hashing is no check, and a compare of another module is nothing', () => {
    expect(passwordVerifierOf('bcrypt', 'hash')).toBeNull();
    expect(passwordVerifierOf('./strings', 'compare')).toBeNull();
    expect(passwordVerifierOf('bcrypt', 'default')).toBeNull();
    expect(passwordVerifierMethodOf('compare')).toBeNull();
  });
});

describe('knowledge/route-purposes: password-reset names', () => {
  it('reads a reset request in a function name, words in order', () => {
    for (const n of ['forgotPassword', 'requestPasswordReset', 'generateResetPasswordToken', 'authService.sendPasswordResetEmail', 'recover_password']) expect(nameSaysPasswordReset(n), n).toBe(true);
    for (const n of ['forgotUsername', 'passwordChanged', 'resetCounter', 'recover', 'login']) expect(nameSaysPasswordReset(n), n).toBe(false);
  });
});
