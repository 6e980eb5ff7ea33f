// Reading and writing a cache file's body as verdict itself would (sealed with the folder's key): for
// tests of how a cache copes with what verdict wrote being damaged. A file changed without the key
// is a different case (test/cache-seal.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CacheSeal } from '../../src/util/cache-seal.js';

/** The file without its seal line (latin1: the caches are ASCII). */
export function readCacheBody(file: string): string {
  const text = readFileSync(file, 'latin1');
  return text.slice(text.indexOf('\n') + 1);
}

/** Writes `body` sealed with the key of the cache folder it is in (a --cache-dir folder is its own cache root). */
export function writeCacheBody(file: string, body: string): void {
  writeFileSync(file, CacheSeal.open(dirname(file)).seal(file, [Buffer.from(body, 'latin1')]));
}
