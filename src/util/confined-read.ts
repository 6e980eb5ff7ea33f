// Reading a file that code verdict does not trust may have written (a probe's report, a coverage
// summary, a build's output): the repository's tests ran with write access to that folder and could
// have left a link to `~/.ssh/id_rsa` or a 10 GB file where the report was expected. Only a regular
// file, reached without links and inside the folder it was looked for in, and no larger than asked, is read.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

export interface ConfinedRead { bytes: Buffer | null; problem: string | null }

/** Whether `path`'s real location is `dir` or inside it (both resolved through links). */
export function realpathInside(path: string, dir: string): boolean {
  try {
    const rel = relative(realpathSync(dir), realpathSync(path));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/**
 * The bytes of `file` when it is a regular file (not a link: opened with O_NOFOLLOW), whose real path
 * is inside `within`, of at most `maxBytes`; else null and why. A missing file is null with no problem.
 */
export function readConfined(file: string, within: string, maxBytes: number): ConfinedRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { bytes: null, problem: null };
    return { bytes: null, problem: code === 'ELOOP' ? `${file}: a link, not read` : `${file}: ${(err as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { bytes: null, problem: `${file}: not a regular file, not read` };
    if (!realpathInside(file, within)) return { bytes: null, problem: `${file}: reached through a link out of ${within}, not read` };
    if (st.size > maxBytes) return { bytes: null, problem: `${file}: ${st.size} bytes, over the ${maxBytes} verdict reads` };
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return { bytes: buf.subarray(0, at), problem: null };
  } finally {
    closeSync(fd);
  }
}
