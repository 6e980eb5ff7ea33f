// Parse-derived facts cached by content hash, one file per audited repo, outside the repo by
// default. Never required for correctness: a missing, stale or corrupt cache is a cold run.
//
// The file is JSON Lines: a header `{"format","salt"}`, then one `[key, entry]` line per source file.
// Loading only splits the text into lines; an entry is parsed when a file asks for it, so a salt
// change (every new build) costs no parse at all, a stale entry is never parsed, and an entry the
// run reuses is written back as the same text, without a parse and a stringify.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

const FORMAT = 'verdict-facts/2';
/** The single-JSON cache of earlier versions: removed when the new file is written. */
const LEGACY_FILE = 'facts.json';

export function defaultCacheDir(root: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return join(base, 'verdict', key);
}

function isCachedFile(v: unknown): v is CachedFile {
  const f = v as CachedFile | null;
  return typeof f === 'object' && f !== null && typeof f.facts === 'object' && f.facts !== null
    && Array.isArray(f.findings) && Array.isArray(f.hosts) && Array.isArray(f.errors);
}

export class FactCache {
  private readonly file: string;
  /** key -> the entry's line, unparsed. */
  private readonly entries = new Map<string, string>();
  /** key -> the line to write back: entries this run hit or computed. */
  private readonly used = new Map<string, string>();
  hits = 0;
  private dirty = false;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string) {
    this.file = join(dir, 'facts.jsonl');
    if (!existsSync(this.file)) return;
    try {
      this.index(readFileSync(this.file, 'utf8'));
    } catch {
      this.entries.clear();
      this.warning = `${this.file}: cache unreadable, starting cold (it will be rewritten)`;
    }
  }

  private index(text: string): void {
    let end = text.indexOf('\n');
    if (end < 0) end = text.length;
    const header = JSON.parse(text.slice(0, end)) as { format?: unknown; salt?: unknown };
    if (header?.format !== FORMAT) throw new Error('not a verdict cache');
    if (header.salt !== this.salt) return;
    for (let start = end + 1; start < text.length; start = end + 1) {
      end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end === start) continue;
      // Each line starts with `["<key>",`; keys are base64url, so the first `"` after the opening ends it.
      const close = text.indexOf('"', start + 2);
      const framed = text.charCodeAt(start) === 0x5b && text.charCodeAt(start + 1) === 0x22 && text.charCodeAt(end - 1) === 0x5d;
      if (!framed || close < 0 || close > end) throw new Error('malformed line');
      this.entries.set(text.slice(start + 2, close), text.slice(start, end));
    }
  }

  key(path: string, content: Uint8Array): string {
    return createHash('sha1').update(path).update('\0').update(content).digest('base64url');
  }

  get(key: string): CachedFile | undefined {
    const line = this.entries.get(key);
    if (line === undefined) return undefined;
    let entry: unknown;
    try {
      const parsed = JSON.parse(line) as unknown;
      entry = Array.isArray(parsed) && parsed[0] === key ? parsed[1] : undefined;
    } catch {
      entry = undefined;
    }
    if (!isCachedFile(entry)) {
      // A damaged entry inside a well-formed file: this file is parsed afresh and the cache rewritten.
      this.entries.delete(key);
      this.warning = `${this.file}: a cache entry was unreadable, its file was parsed again (the cache will be rewritten)`;
      this.dirty = true;
      return undefined;
    }
    this.hits++;
    this.used.set(key, line);
    return entry;
  }

  set(key: string, value: CachedFile): void {
    this.used.set(key, JSON.stringify([key, value]));
    this.dirty = true;
  }

  save(): void {
    // A run that only hit the cache and used every entry would write the same file again.
    if (!this.dirty && this.used.size === this.entries.size) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      const lines = [JSON.stringify({ format: FORMAT, salt: this.salt }), ...this.used.values()];
      writeFileSync(tmp, `${lines.join('\n')}\n`);
      renameSync(tmp, this.file);
      rmSync(join(this.dir, LEGACY_FILE), { force: true });
    } catch (err) {
      this.warning = `${this.dir}: cannot write the cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
