// Which version of a tool a package runs: node_modules/<name>/package.json from the package folder
// up to the repository root, the way Node resolves it (a package's own node_modules wins over the
// copy a workspace hoisted to the root; pnpm's links into node_modules/.pnpm resolve the same way).
import { closeSync, openSync, readSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseVersion } from './tools.js';

const MAX_MANIFEST = 256 * 1024;

function readSmall(file: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(MAX_MANIFEST);
    const n = readSync(fd, buf, 0, MAX_MANIFEST, 0);
    return n === MAX_MANIFEST ? null : buf.subarray(0, n).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The version of package `name` that code in `pkgAbs` resolves, or null (not installed, unreadable, not a version). */
export function installedVersion(name: string, pkgAbs: string, root: string): string | null {
  let dir = pkgAbs;
  for (;;) {
    const text = readSmall(join(dir, 'node_modules', name, 'package.json'));
    if (text !== null) {
      try {
        const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
        // The first copy found is the one Node loads: a broken one is not replaced by a copy further up.
        return manifest.name === name && typeof manifest.version === 'string' && parseVersion(manifest.version) ? manifest.version : null;
      } catch {
        return null;
      }
    }
    if (dir === root || dir.length <= root.length) return null;
    dir = posix.dirname(dir);
  }
}
