import { describe, expect, it } from 'vitest';
import { BYTE_FILLS, cipherModeOf, FAST_HASHES, fastHashOf, SUBTLE_CRYPTO, WEB_CRYPTO_ACCESS, WEB_CRYPTO_NONCES, webCryptoNonceOf } from './index.js';

describe('web crypto (weak-password-hash, static-iv)', () => {
  it("knows SubtleCrypto's digest as a fast hash whose algorithm is its first argument", () => {
    const digest = fastHashOf(SUBTLE_CRYPTO, 'digest');
    expect(digest).toMatchObject({ dataArg: 1, algorithmArg: 0, keyed: false });
    expect(FAST_HASHES).toContain(digest);
    expect(fastHashOf(SUBTLE_CRYPTO, 'deriveBits')).toBeNull();
    expect(fastHashOf(SUBTLE_CRYPTO, 'encrypt')).toBeNull();
  });

  it('says where the global and the module reach it', () => {
    expect(WEB_CRYPTO_ACCESS.globals).toEqual(['crypto']);
    expect(WEB_CRYPTO_ACCESS.globalOwners).toContain('globalThis');
    expect(WEB_CRYPTO_ACCESS.modules.find((m) => m.module === 'node:crypto')?.crypto).toContain('webcrypto');
  });

  it("names each algorithm's nonce key, whatever the case of the name", () => {
    expect(webCryptoNonceOf('AES-GCM')?.key).toBe('iv');
    expect(webCryptoNonceOf('aes-ctr')?.key).toBe('counter');
    expect(webCryptoNonceOf('AES-KW')).toBeNull();
    for (const n of WEB_CRYPTO_NONCES) expect(n.source).toMatch(/^https:\/\//);
  });

  it("reads Node cipher names' modes; ECB takes no IV", () => {
    expect(cipherModeOf('aes-256-gcm')).toBe('GCM');
    expect(cipherModeOf('AES-128-CTR')).toBe('CTR');
    expect(cipherModeOf('aes-256-cbc')).toBe('CBC');
    expect(cipherModeOf('aes256')).toBe('CBC');
    expect(cipherModeOf('chacha20-poly1305')).toBe('stream');
    expect(cipherModeOf('aes-128-ecb')).toBeNull();
  });

  it('lists what fills a buffer in place', () => {
    expect(BYTE_FILLS.webCrypto).toContain('getRandomValues');
    expect(BYTE_FILLS.nodeCrypto).toContain('randomFillSync');
    expect(BYTE_FILLS.methods).toContain('set');
  });
});
