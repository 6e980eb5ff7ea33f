// What a build produced: the output folder, its files and bytes (raw and gzip), and source maps,
// with those in folders a web server hands to browsers marked public.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BuildFigures {
  outputDir: string | null;
  files: number;
  bytes: number;
  gzipBytes: number;
  sourceMaps: string[];
  publicSourceMaps: string[];
}

const OUTPUT_DIRS = ['dist', 'build', 'out', '.output', '.next', 'lib'];
const PUBLIC = /(^|\/)(static|assets|public|client|_next|www|browser)(\/|$)/;
const MAX_FILES = 5000;

function list(dir: string, rel: string, out: Array<{ rel: string; abs: string; size: number }>): void {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= MAX_FILES) return;
    if (e.name === 'node_modules' || e.name === 'cache') continue;
    const abs = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) list(abs, r, out);
    else if (e.isFile()) out.push({ rel: r, abs, size: statSync(abs).size });
  }
}

/** `pkgAbs` is the package folder, `pkgPath` its repo-relative path; `since` the build start (ms epoch). */
export function measureBuild(pkgAbs: string, pkgPath: string, since: number, frontend: boolean): BuildFigures {
  const candidates = OUTPUT_DIRS.map((d) => ({ d, abs: join(pkgAbs, d) })).filter(({ abs }) => {
    try { return statSync(abs).isDirectory(); } catch { return false; }
  });
  const fresh = candidates.find(({ abs }) => statSync(abs).mtimeMs >= since - 1000) ?? candidates[0];
  if (!fresh) return { outputDir: null, files: 0, bytes: 0, gzipBytes: 0, sourceMaps: [], publicSourceMaps: [] };
  const files: Array<{ rel: string; abs: string; size: number }> = [];
  list(fresh.abs, '', files);
  const repoRel = (r: string) => posix.join(pkgPath === '.' ? '' : pkgPath, fresh.d, r);
  let gzipBytes = 0;
  for (const f of files) gzipBytes += gzipSync(readFileSync(f.abs)).length;
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
