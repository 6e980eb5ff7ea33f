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

const UNREACHED_FORMAT = 'verdict-unreached/1';
const UNREACHED_FILE = 'unreached.jsonl';

/** The unreached roles as stored: the files with why, and the per-package reach (link/unreached.ts). */
export interface StoredUnreached {
  files: Map<string, string>;
  packages: Array<{ package: string; complete: boolean; reason: string; unreached: number; examples: string[] }>;
}

/**
 * The unreached roles of the last run (link/unreached.ts), kept beside the link's memory under the
 * key of what they were decided from (rules/engine.ts `unreachedInputs`: the link's inputs and the
 * documents the decision reads). A run whose key matches takes them from here and builds no link for
 * them. Sealed like the other caches; a header line `{"format","salt"}`, then `{"key","files","packages"}`.
 */
export class UnreachedCache {
  private readonly file: string;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string, private readonly seal: CacheSeal) {
    this.file = join(dir, UNREACHED_FILE);
  }

  /** The roles stored under `key`; null when there are none, they are another key's or cannot be trusted. */
  get(key: string): StoredUnreached | null {
    if (!existsSync(this.file)) return null;
    try {
      const body = this.seal.unseal(this.file, readFileSync(this.file));
      if (!body) {
        this.warning = `${unsealedWarning(this.file, 'unreached roles cache')}: the roles were decided again (it will be rewritten)`;
        return null;
      }
      const end = body.indexOf(0x0a);
      if (end < 0) return null;
      const header = JSON.parse(body.toString('latin1', 0, end)) as { format?: unknown; salt?: unknown };
      if (header?.format !== UNREACHED_FORMAT || header.salt !== this.salt) return null;
      const v = JSON.parse(body.toString('latin1', end + 1)) as { key?: unknown; files?: unknown; packages?: unknown };
      if (v?.key !== key) return null;
      const pairs = (x: unknown): x is Array<[string, string]> => Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string');
      const reach = (x: unknown): x is StoredUnreached['packages'] => Array.isArray(x) && x.every((p) => typeof p === 'object' && p !== null
        && typeof p.package === 'string' && typeof p.complete === 'boolean' && typeof p.reason === 'string' && typeof p.unreached === 'number'
        && Array.isArray(p.examples) && p.examples.every((e: unknown) => typeof e === 'string'));
      if (!pairs(v.files) || !reach(v.packages)) throw new Error('malformed');
      return { files: new Map(v.files), packages: v.packages };
    } catch {
      this.warning = `${this.file}: unreached roles cache unreadable, the roles were decided again (it will be rewritten)`;
      return null;
    }
  }

  save(key: string, value: StoredUnreached): void {
    try {
      const header = Buffer.from(ascii(JSON.stringify({ format: UNREACHED_FORMAT, salt: this.salt })), 'latin1');
      const body = Buffer.from(ascii(JSON.stringify({ key, files: [...value.files], packages: value.packages })), 'latin1');
      writeFileAtomic(this.file, this.seal.seal(this.file, [header, Buffer.from('\n'), body]));
    } catch (err) {
      this.warning = `${this.dir}: cannot write the unreached roles cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
