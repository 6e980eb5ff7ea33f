import { describe, expect, it } from 'vitest';
import { expirySpanMs, INJECTED_JWT_SIGNERS, injectedJwtSignerOf, JWT_SIGNERS, jwtRegistrationOf, jwtSignerOf } from './jwt-signers.js';

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

  it('finds an injected signer by its class, and its registering module by the module class', () => {
    for (const s of INJECTED_JWT_SIGNERS) {
      expect(injectedJwtSignerOf(s.module, s.class)).toBe(s);
      expect(jwtRegistrationOf(s.module, s.registration.class)).toBe(s);
      expect(injectedJwtSignerOf(s.module, s.registration.class)).toBeNull();
      // The example registers defaults with the expiry option and calls a signing method.
      expect(s.example).toContain(`${s.registration.class}.${s.registration.methods[0]}(`);
      expect(s.example).toContain(s.registration.defaultsKey);
      expect(s.methods.some((m) => s.example.includes(`.${m}(`))).toBe(true);
    }
    expect(injectedJwtSignerOf('./jwt.service', 'JwtService')).toBeNull();
  });

  it('says where each signer takes its key: an argument of its own, or an option of an injected signer', () => {
    for (const s of JWT_SIGNERS) {
      if (s.how === 'call') expect([s.payloadArg, s.optionsArg]).not.toContain(s.keyArg);
      else expect(s.keyArg).toBe(0); // the chain's final `sign(key)`
    }
    expect(jwtSignerOf('jsonwebtoken', 'sign')?.keyArg).toBe(1);
    for (const s of INJECTED_JWT_SIGNERS) expect(s.keyOptions).toContain('secret');
  });

  it('counts a numeric expiry of @nestjs/jwt in seconds, as jsonwebtoken does', () => {
    expect(injectedJwtSignerOf('@nestjs/jwt', 'JwtService')?.expiryNumberUnit).toBe('s');
    expect(expirySpanMs(3600, injectedJwtSignerOf('@nestjs/jwt', 'JwtService')!.expiryNumberUnit)).toBe(3_600_000);
  });
});

describe('expirySpanMs', () => {
  it('reads ms spans and numbers in the signer unit', () => {
    
    expect(expirySpanMs('30d', 's')).toBe(30 * 86_400_000);
    expect(expirySpanMs('1y', 's')).toBeGreaterThan(365 * 86_400_000);
    expect(expirySpanMs('2 days', 's')).toBe(2 * 86_400_000);
    expect(expirySpanMs('5000', 's')).toBe(5000);
    expect(expirySpanMs(3600, 's')).toBe(3_600_000);
    expect(expirySpanMs(3600, 'ms')).toBe(3600);
    expect(expirySpanMs('soon', 's')).toBeNull();
  });
});
