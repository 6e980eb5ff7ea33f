// The caches' seal: every cache file verdict writes starts with a line holding an HMAC-SHA256 of the
// rest of the file (and of the file's path), keyed with a secret that lives in the user's cache root,
// readable by the user only. A file whose seal does not match was not written by verdict as it is now
// (a process of an audited repository that outlived its probe, another user, a damaged disk): it is
// not trusted, the run starts cold and rewrites it. Probes run in a sandbox that does not show the
// cache root (see docs/security-model.md); without the key nobody can write a file that passes.
//
// One seal over the whole file, not one per line: hashing is cheap next to parsing (36 MB of facts
// in ~24 ms here, against ~35 ms for 6,000 separate HMACs over the files' first lines alone), and the
// caches still parse a line only when a run asks for it.
import { verdictCacheHome } from './cache-home.js';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'key';
const KEY_BYTES = 32;
const TAG = 'verdict-seal/1 ';
/** The seal line: the tag, 43 base64url characters, a newline. */
const LINE_BYTES = TAG.length + 43 + 1;

/** Where verdict keeps its caches by default: `$XDG_CACHE_HOME/verdict` or `~/.cache/verdict`. */
/** verdict's folder in the user cache folder (see cache-home.ts). */
export function cacheRoot(): string {
  return verdictCacheHome();
}

export class CacheSeal {
  private constructor(private readonly key: Buffer, readonly keyFile: string) {}

  /**
   * The key in `root`/key, made on first use. A key file that is not a regular file of this user
   * with mode 0600 (a symlink, readable by others) is replaced: what it sealed is then not trusted.
   * Throws when the key can be neither read nor made.
   */
  static open(root: string): CacheSeal {
    const file = join(root, KEY_FILE);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    for (let attempt = 0; attempt < 3; attempt++) {
      const key = readKey(file);
      if (key) return new CacheSeal(key, file);
      writeKey(file);
    }
    throw new Error(`${file}: cannot make a private cache key`);
  }

  private mac(file: string, parts: readonly Uint8Array[]): string {
    const h = createHmac('sha256', this.key).update(file).update('\0');
    for (const p of parts) h.update(p);
    return h.digest('base64url');
  }

  /** The keyed digest of `parts` as the content of `file`, for a file that carries it in its own header. */
  digest(file: string, parts: readonly Uint8Array[]): string {
    return this.mac(file, parts);
  }

  /** Whether `stored` is the digest of `parts` as the content of `file` (compared in constant time). */
  matches(file: string, parts: readonly Uint8Array[], stored: string): boolean {
    const a = Buffer.from(stored, 'latin1');
    const b = Buffer.from(this.mac(file, parts), 'latin1');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The bytes to write to `file`: the seal line, then `parts`. */
  seal(file: string, parts: readonly Uint8Array[]): Buffer {
    return Buffer.concat(this.sealParts(file, parts));
  }

  /**
   * The same bytes as `seal`, as the seal line followed by `parts` (not copied): what a large cache
   * writes part by part, so its body is not held twice (the facts cache of a large repo is 100 MB).
   */
  sealParts(file: string, parts: readonly Uint8Array[]): Uint8Array[] {
    return [Buffer.from(`${TAG}${this.mac(file, parts)}\n`, 'latin1'), ...parts];
  }

  /**
   * The body of `file` when its seal matches; null when it has none or another (an older verdict's
   * file, or one changed outside verdict: the caller says so and starts cold).
   */
  unseal(file: string, bytes: Buffer): Buffer | null {
    if (bytes.length < LINE_BYTES || bytes.toString('latin1', 0, TAG.length) !== TAG || bytes[LINE_BYTES - 1] !== 0x0a) return null;
    const body = bytes.subarray(LINE_BYTES);
    const stored = bytes.subarray(TAG.length, LINE_BYTES - 1);
    const expected = Buffer.from(this.mac(file, [body]), 'latin1');
    return stored.length === expected.length && timingSafeEqual(stored, expected) ? body : null;
  }
}

/** The warning of a cache whose file `unseal` refused. */
export function unsealedWarning(file: string, what: string): string {
  return `${file}: ${what} has no valid seal (written by an older verdict, or changed outside verdict), so it is not trusted`;
}

/** The key when the file is a private regular file of this user holding one; null otherwise. */
function readKey(file: string): Buffer | null {
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return null;
  }
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  if (!st.isFile() || !mine || (st.mode & 0o077) !== 0 || st.size !== KEY_BYTES) return null;
  const key = readFileSync(file);
  return key.length === KEY_BYTES ? key : null;
}

/**
 * A new key, made whole in a private temporary file first: `link` puts it in place only when no key
 * exists (two first runs at once agree on the one that won); a rename puts it over an unfit one.
 */
function writeKey(file: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600); // whatever the umask
    let exists = false;
    try {
      lstatSync(file);
      exists = true;
    } catch {
      // none yet
    }
    if (!exists) {
      try {
        linkSync(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    } else if (readKey(file) === null) {
      renameSync(tmp, file);
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}
