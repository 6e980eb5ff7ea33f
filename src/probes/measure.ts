// What a build produced: the output folder, its files and bytes (raw and gzip), and source maps,
// with those in folders a web server hands to browsers marked public.
import { lstatSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readConfined } from '../util/confined-read.js';

export interface BuildFigures {
  outputDir: string | null;
  files: number;
  bytes: number;
  /** null: some file was not read (a link, or larger than verdict compresses), so the total is not known. */
  gzipBytes: number | null;
  sourceMaps: string[];
  publicSourceMaps: string[];
}

const OUTPUT_DIRS = ['dist', 'build', 'out', '.output', '.next', 'lib'];
const PUBLIC = /(^|\/)(static|assets|public|client|_next|www|browser)(\/|$)/;
const MAX_FILES = 5000;
/** Files larger than this are counted, not compressed: the build ran code verdict does not trust. */
const MAX_GZIP_FILE = 64 * 1024 * 1024;

function list(dir: string, rel: string, out: Array<{ rel: string; abs: string; size: number }>): void {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES) return;
    if (e.name === 'node_modules' || e.name === 'cache') continue;
    const abs = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) list(abs, r, out);
    // Dirent types are the entries' own: a link is neither a folder nor a file here, and is not followed.
    else if (e.isFile()) out.push({ rel: r, abs, size: lstatSync(abs).size });
  }
}

/** `pkgAbs` is the package folder, `pkgPath` its repo-relative path; `since` the build start (ms epoch). */
export function measureBuild(pkgAbs: string, pkgPath: string, since: number, frontend: boolean): BuildFigures {
  // lstat: an output folder that is a link (to `/`, to the user's home) is not the build's output.
  const candidates = OUTPUT_DIRS.map((d) => ({ d, abs: join(pkgAbs, d) })).flatMap(({ d, abs }) => {
    try {
      const st = lstatSync(abs);
      return st.isDirectory() ? [{ d, abs, mtimeMs: st.mtimeMs }] : [];
    } catch { return []; }
  });
  const fresh = candidates.find(({ mtimeMs }) => mtimeMs >= since - 1000) ?? candidates[0];
  if (!fresh) return { outputDir: null, files: 0, bytes: 0, gzipBytes: 0, sourceMaps: [], publicSourceMaps: [] };
  const files: Array<{ rel: string; abs: string; size: number }> = [];
  list(fresh.abs, '', files);
  const repoRel = (r: string) => posix.join(pkgPath === '.' ? '' : pkgPath, fresh.d, r);
  let gzipBytes: number | null = 0;
  for (const f of files) {
    const { bytes } = f.size <= MAX_GZIP_FILE ? readConfined(f.abs, fresh.abs, MAX_GZIP_FILE) : { bytes: null };
    if (!bytes) { gzipBytes = null; break; }
    gzipBytes += gzipSync(bytes).length;
  }
  const maps = files.filter((f) => f.rel.endsWith('.map')).map((f) => f.rel);
  const isPublic = (r: string) => PUBLIC.test(`${fresh.d}/${r}`) || (frontend && /\.(js|css)\.map$/.test(r));
  return {
    outputDir: posix.join(pkgPath === '.' ? '' : pkgPath, fresh.d) || fresh.d,
    files: files.length,
    bytes: files.reduce((n, f) => n + f.size, 0),
    gzipBytes,
    sourceMaps: maps.map(repoRel),
    publicSourceMaps: maps.filter(isPublic).map(repoRel),
  };
}
