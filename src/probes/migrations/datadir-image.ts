// PGlite's data directory as initdb leaves it, kept as a tar in verdict's cache folder: an engine
// started from it (`loadDataDir`) skips initdb, which costs most of a cold start (measured here:
// 2.2-2.7 s and 685-750 MB with initdb, 0.6-1.0 s and 390-455 MB from the image). One image per
// PGlite version, for every repository. The file is a header line `{"format","pglite","seal"}` and
// the tar; the seal is an HMAC keyed with a secret of the cache folder's (util/cache-seal.ts), like
// every cache verdict keeps: a plain digest would only catch damage, and a process that could write
// the folder could write a matching digest with its own data directory (a `postgresql.conf` or tables
// that change what applying a migration set shows). The seal and the version are checked before the
// tar is used; an image that fails either (or that PGlite cannot start from) is made again, never trusted.
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheSeal } from '../../util/cache-seal.js';
import { isRecord } from '../../util/structured.js';
import { writeFileAtomic } from '../../util/write-file.js';

const FORMAT = 'verdict-pglite-datadir/2';

/** The image of this PGlite version in `dir`. */
export function imageFile(dir: string, pgliteVersion: string): string {
  return join(dir, `pglite-${pgliteVersion.replace(/[^\w.-]/g, '_')}.datadir`);
}

/** The tar, or why the file cannot be used (`problem: null`: there is no image yet). */
export type ImageRead = { tar: Uint8Array } | { tar: null; problem: string | null };

export function readImage(file: string, pgliteVersion: string, seal: CacheSeal): ImageRead {
  if (!existsSync(file)) return { tar: null, problem: null };
  let header: unknown = null;
  let tar: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(Math.min(fstatSync(fd).size, 1024));
      const nl = head.subarray(0, readSync(fd, head, 0, head.length, 0)).indexOf(10);
      if (nl < 0) return { tar: null, problem: `${file}: not a verdict PGlite data directory image` };
      try {
        header = JSON.parse(head.subarray(0, nl).toString('utf8'));
      } catch {
        // reported below
      }
      // The tar in a buffer of its own: it moves to the engine's thread and is used there as is.
      tar = Buffer.allocUnsafeSlow(fstatSync(fd).size - nl - 1);
      if (readSync(fd, tar, 0, tar.length, nl + 1) !== tar.length) return { tar: null, problem: `${file}: shorter than it was` };
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { tar: null, problem: `${file}: unreadable (${(err as NodeJS.ErrnoException).code ?? err})` };
  }
  if (!isRecord(header) || header.format !== FORMAT || typeof header.seal !== 'string') {
    return { tar: null, problem: `${file}: not a verdict PGlite data directory image` };
  }
  if (header.pglite !== pgliteVersion) return { tar: null, problem: `${file}: made by PGlite ${String(header.pglite)}, not ${pgliteVersion}` };
  if (!seal.matches(file, [Buffer.from(pgliteVersion), tar], header.seal)) return { tar: null, problem: `${file}: its seal does not match (damaged, or not written by this verdict)` };
  return { tar: new Uint8Array(tar.buffer, tar.byteOffset, tar.length) };
}

/** Writes the image whole (a reader sees the old file or the new one); returns what went wrong, or null. */
export function writeImage(file: string, pgliteVersion: string, tar: Uint8Array, seal: CacheSeal): string | null {
  const header = JSON.stringify({ format: FORMAT, pglite: pgliteVersion, seal: seal.digest(file, [Buffer.from(pgliteVersion), tar]) });
  try {
    writeFileAtomic(file, Buffer.concat([Buffer.from(`${header}\n`), tar]));
    return null;
  } catch (err) {
    return `${file}: cannot write the PGlite data directory image (${(err as Error).message}); each audit runs initdb`;
  }
}
