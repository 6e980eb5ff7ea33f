// Writing a whole file so a reader never sees half of it: into a temporary file beside it, then a
// rename. Used by the caches, which other runs (or threads of one run) may read at any moment.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `file` whole, creating its folder; throws what the write or the rename threw, leaving no temporary file. */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  // Unique per writer: two audits of one process (worker threads share the pid) never share a temp file.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true }); // left only when the write or the rename failed
  }
}
