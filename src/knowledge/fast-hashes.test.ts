import { describe, expect, it } from 'vitest';
import { FAST_HASHES, fastHashOf, hashesPassword } from './index.js';

describe('fast hashes (weak-password-hash)', () => {
  it('resolves each entry by its import, named, default or namespace', () => {
    for (const h of FAST_HASHES) {
      if (h.export === 'default') expect(fastHashOf(h.module, 'default'), h.module).toBe(h);
      else {
        expect(fastHashOf(h.module, h.export), h.module).toBe(h);
        expect(fastHashOf(h.module, '*', h.export), h.module).toBe(h);
      }
    }
    expect(fastHashOf('crypto', 'default', 'createHmac')?.dataArg).toBe('update');
    expect(fastHashOf('crypto-js', 'default', 'HmacSHA256')?.dataArg).toBe(0);
  });

  it('says which are keyed (HMAC) from the entry, not from the export\'s name', () => {
    expect(fastHashOf('crypto', 'createHmac')?.keyed).toBe(true);
    expect(fastHashOf('crypto', 'createHash')?.keyed).toBe(false);
    expect(fastHashOf('crypto-js', '*', 'HmacSHA256')?.keyed).toBe(true);
    expect(fastHashOf('crypto-js/hmac-sha256', 'default')?.keyed).toBe(true);
    expect(fastHashOf('crypto-js/sha256', 'default')?.keyed).toBe(false);
  });

  it('knows the slow password hashes are none of them', () => {
    expect(fastHashOf('crypto', 'scryptSync')).toBeNull();
    expect(fastHashOf('crypto', 'randomBytes')).toBeNull();
    expect(fastHashOf('bcrypt', 'default', 'hash')).toBeNull();
    for (const h of FAST_HASHES) expect(hashesPassword({ module: h.module, name: h.export })).toBeNull();
  });
});
