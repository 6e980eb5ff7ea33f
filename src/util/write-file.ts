// Writing a whole file so a reader never sees half of it: into a temporary file beside it, then a
// rename. Used by the caches, which other runs (or threads of one run) may read at any moment.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `file` whole, creating its folder; throws what the write or the rename threw, leaving no temporary file. */
export function writeFileAtomic(file: string, data: Uint8Array | string | readonly Uint8Array[]): void {
  mkdirSync(dirname(file), { recursive: true });
  // Unique per writer: two audits of one process (worker threads share the pid) never share a temp file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (Array.isArray(data)) writeParts(tmp, data);
    else writeFileSync(tmp, data as Uint8Array | string);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true }); // left only when the write or the rename failed
  }
}

/** Writes `parts` one after the other (a partial write is continued), so they are never joined in memory. */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const part of parts) {
      for (let at = 0; at < part.length;) at += writeSync(fd, part, at, part.length - at);
    }
  } finally {
    closeSync(fd);
  }
}
