import { describe, expect, it } from 'vitest';
import { JWT_SIGNERS, jwtSignerOf } from './jwt-signers.js';

describe('knowledge/jwt-signers', () => {
  it('finds each signer by its named export and by a member of the whole module', () => {
    for (const s of JWT_SIGNERS) {
      expect(jwtSignerOf(s.module, s.export)).toBe(s);
      expect(jwtSignerOf(s.module, 'default', s.export)).toBe(s);
      expect(jwtSignerOf(s.module, '*', s.export)).toBe(s);
      // Each entry's example imports from its module and uses the export it names.
      expect(s.example).toContain(`'${s.module}'`);
      expect(s.example).toContain(s.export);
      // Every signer says how a token gets its expiry.
      expect(s.expiryOptions.length > 0 || s.expiryMethod !== undefined || s.example.includes('exp:')).toBe(true);
    }
  });

  it('knows verify and decode are not signing, and an unknown module is nothing', () => {
    expect(jwtSignerOf('jsonwebtoken', 'verify')).toBeNull();
    expect(jwtSignerOf('jsonwebtoken', 'default', 'decode')).toBeNull();
    expect(jwtSignerOf('./jwt', 'sign')).toBeNull();
    // A member call needs a whole-module import: `{ sign }` then `sign.x()` is not `sign()`.
    expect(jwtSignerOf('jsonwebtoken', 'default')).toBeNull();
  });
});
