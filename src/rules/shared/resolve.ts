// Resolving relative module specifiers and worker `main` paths against the repo's file list.
import { posix } from 'node:path';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];

/** The repo file a relative specifier names (`./x.js` may be `x.ts`), or null for bare or unknown specifiers. */
export function resolveRelative(fromFile: string, spec: string, files: ReadonlySet<string>): string | null {
  if (!spec.startsWith('.')) return null;
  return resolvePath(posix.join(posix.dirname(fromFile), spec), files);
}

export function resolvePath(base: string, files: ReadonlySet<string>): string | null {
  const norm = posix.normalize(base).replace(/^\.\//, '');
  const stems = [norm, norm.replace(/\.(c|m)?jsx?$/, '')];
  for (const stem of stems) for (const ext of EXTENSIONS) if (files.has(stem + ext)) return stem + ext;
  return null;
}
