// The link stage's memory of the last run (link/memory.ts says what it holds and when it is reused),
// kept next to the facts and rule caches. This file only stores it: sealed like the other caches
// (util/cache-seal.ts), a header line `{"format","salt"}` and the memory as one JSON line. It is
// read only when a run builds the link, and written only when the link changed something in it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsealedWarning, type CacheSeal } from '../util/cache-seal.js';
import { writeFileAtomic } from '../util/write-file.js';
import { ascii } from './cache.js';

const FORMAT = 'verdict-link-cache/1';
const FILE = 'link.jsonl';

export class LinkCache {
  private readonly file: string;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string, private readonly seal: CacheSeal) {
    this.file = join(dir, FILE);
  }

  /** The memory the last run stored under this salt; null when there is none or it cannot be trusted (the link is built whole). */
  previous(): unknown {
    if (!existsSync(this.file)) return null;
    try {
      const body = this.seal.unseal(this.file, readFileSync(this.file));
      if (!body) {
        this.warning = `${unsealedWarning(this.file, 'link cache')}: the link was built whole (it will be rewritten)`;
        return null;
      }
      const end = body.indexOf(0x0a);
      const header = JSON.parse(body.toString('latin1', 0, end < 0 ? body.length : end)) as { format?: unknown; salt?: unknown };
      if (header?.format !== FORMAT || header.salt !== this.salt || end < 0) return null;
      return JSON.parse(body.toString('latin1', end + 1)) as unknown;
    } catch {
      this.warning = `${this.file}: link cache unreadable, the link was built whole (it will be rewritten)`;
      return null;
    }
  }

  save(memory: unknown): void {
    try {
      const header = Buffer.from(ascii(JSON.stringify({ format: FORMAT, salt: this.salt })), 'latin1');
      const body = Buffer.from(ascii(JSON.stringify(memory)), 'latin1');
      writeFileAtomic(this.file, this.seal.seal(this.file, [header, Buffer.from('\n'), body]));
    } catch (err) {
      this.warning = `${this.dir}: cannot write the link cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
