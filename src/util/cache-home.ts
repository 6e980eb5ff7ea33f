// verdict's folder in the user cache folder (XDG_CACHE_HOME, else ~/.cache): the per-repository
// caches live in it by default, and what serves every repository (V8's code cache of TypeScript, the
// PGlite data directory image) lives there whatever --cache-dir says.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function verdictCacheHome(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'verdict');
}
