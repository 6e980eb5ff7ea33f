// Parse-derived facts cached by content hash, one file per audited repo, outside the repo by
// default. Never required for correctness: a missing, stale or corrupt cache is a cold run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RawFinding } from './host.js';

export interface CachedFile {
  facts: Record<string, Array<Record<string, unknown>>>;
  findings: RawFinding[];
  /** Host ids that ran on the file, for per-package "files examined" counts. */
  hosts: string[];
  errors: Array<{ hostId: string; message: string }>;
  /** Problems with the file itself (encoding, parser failure), without the path. */
  diagnostics?: Array<{ problem: string; action: string }>;
}

export function defaultCacheDir(root: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return join(base, 'verdict', key);
}

export class FactCache {
  private readonly file: string;
  private entries: Record<string, CachedFile> = {};
  private readonly used: Record<string, CachedFile> = {};
  hits = 0;
  private dirty = false;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string) {
    this.file = join(dir, 'facts.json');
    if (!existsSync(this.file)) return;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { salt?: string; entries?: Record<string, CachedFile> };
      if (data.salt === salt && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      this.warning = `${this.file}: cache unreadable, starting cold (it will be rewritten)`;
    }
  }

  /** Entries loaded from disk (0: a cold run). */
  get size(): number {
    return Object.keys(this.entries).length;
  }

  key(path: string, content: Uint8Array): string {
    return createHash('sha1').update(path).update('\0').update(content).digest('base64url');
  }

  get(key: string): CachedFile | undefined {
    const hit = this.entries[key];
    if (hit) {
      this.hits++;
      this.used[key] = hit;
    }
    return hit;
  }

  set(key: string, value: CachedFile): void {
    this.used[key] = value;
    this.dirty = true;
  }

  save(): void {
    // A run that only hit the cache and used every entry would write the same file again.
    if (!this.dirty && Object.keys(this.used).length === Object.keys(this.entries).length) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ salt: this.salt, entries: this.used }));
      renameSync(tmp, this.file);
    } catch (err) {
      this.warning = `${this.dir}: cannot write the cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
