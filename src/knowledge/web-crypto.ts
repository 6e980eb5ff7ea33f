// How code reaches the Web Crypto API (`SubtleCrypto`): the global `crypto` of Workers, Deno, Bun,
// browsers and Node 19+, the same object on the global object (`globalThis.crypto`, `self.crypto`),
// and Node's `crypto` module (`webcrypto`, `subtle`, and `crypto.subtle` on the module itself).

/** The pseudo-module FAST_HASHES and the IV rules name SubtleCrypto's methods under (`SubtleCrypto#digest`). */
export const SUBTLE_CRYPTO = 'SubtleCrypto';

export const WEB_CRYPTO_ACCESS: {
  /** Globals that are the `Crypto` object when no scope declares them. */
  globals: readonly string[];
  /** Globals whose `.crypto` is the `Crypto` object (`globalThis.crypto`). */
  globalOwners: readonly string[];
  /** Modules whose exports reach it: `crypto` is the `Crypto` object, `subtle` the `SubtleCrypto`. */
  modules: ReadonlyArray<{ module: string; crypto: readonly string[]; subtle: readonly string[] }>;
  source: string;
} = {
  globals: ['crypto'],
  globalOwners: ['globalThis', 'self', 'window', 'global'],
  modules: ['crypto', 'node:crypto'].map((module) => ({ module, crypto: ['webcrypto', 'default', '*'], subtle: ['subtle'] })),
  source: 'https://developer.mozilla.org/en-US/docs/Web/API/Crypto/subtle, https://nodejs.org/api/webcrypto.html (require(\'node:crypto\').webcrypto, crypto.subtle)',
};

/**
 * SubtleCrypto's encryption algorithms that take a nonce or IV, and the key of the algorithm object
 * that holds it. The nonce must never repeat under one key: a fixed one repeats on every call.
 */
export const WEB_CRYPTO_NONCES: ReadonlyArray<{ algorithm: string; key: string; mode: 'GCM' | 'CTR' | 'CBC'; source: string }> = [
  { algorithm: 'AES-GCM', key: 'iv', mode: 'GCM', source: 'https://developer.mozilla.org/en-US/docs/Web/API/AesGcmParams (the iv must be unique for every encryption with a given key)' },
  { algorithm: 'AES-CTR', key: 'counter', mode: 'CTR', source: 'https://developer.mozilla.org/en-US/docs/Web/API/AesCtrParams (the counter block must never be reused with the same key)' },
  { algorithm: 'AES-CBC', key: 'iv', mode: 'CBC', source: 'https://developer.mozilla.org/en-US/docs/Web/API/AesCbcParams (the iv must be unpredictable)' },
];

/** The nonce entry of a Web Crypto algorithm name (case-insensitive, as the API normalises it), or null. */
export function webCryptoNonceOf(algorithm: string): (typeof WEB_CRYPTO_NONCES)[number] | null {
  return WEB_CRYPTO_NONCES.find((n) => n.algorithm === algorithm.toUpperCase()) ?? null;
}

/**
 * Node's `createCipheriv(algorithm, key, iv)` algorithm names, by their mode: the modes in which a
 * repeated IV breaks confidentiality (CTR, GCM, CCM, OCB, ChaCha20-Poly1305: keystream reuse) or
 * makes encryption deterministic (CBC, CFB, OFB).
 */
export function cipherModeOf(algorithm: string): 'GCM' | 'CTR' | 'CBC' | 'stream' | null {
  const a = algorithm.toLowerCase();
  if (/-gcm$|-ccm$|-ocb$/.test(a)) return 'GCM';
  if (/-ctr$/.test(a)) return 'CTR';
  if (/^chacha20/.test(a)) return 'stream';
  if (/-cbc$|-cfb\d*$|-ofb$|^aes-?\d+$|^aes$/.test(a)) return 'CBC';
  return null;
}
export const CIPHER_IV_SOURCE = 'https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options (the iv should be unpredictable and unique), NIST SP 800-38D 8.2 (GCM IV uniqueness)';

/**
 * What fills a byte buffer in place: the random fills (`crypto.getRandomValues(iv)` of Web Crypto,
 * `randomFillSync(iv)` of Node's crypto module) and the typed arrays' and Buffer's own writing methods
 * (`iv.set(bytes)`, `iv.fill(n)`, `buf.writeUInt32BE(n)`). A buffer made as zeros and then filled holds
 * what was written, not its initializer.
 */
export const BYTE_FILLS: {
  webCrypto: readonly string[];
  nodeCrypto: readonly string[];
  methods: readonly string[];
  methodPrefixes: readonly string[];
  source: string;
} = {
  webCrypto: ['getRandomValues'],
  nodeCrypto: ['randomFillSync', 'randomFill'],
  methods: ['set', 'fill', 'copyWithin', 'reverse', 'sort', 'swap16', 'swap32', 'swap64'],
  methodPrefixes: ['write'],
  source: 'https://developer.mozilla.org/en-US/docs/Web/API/Crypto/getRandomValues, https://nodejs.org/api/crypto.html#cryptorandomfillsyncbuffer-offset-size, https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/TypedArray, https://nodejs.org/api/buffer.html',
};
