// Parse-derived facts cached by content hash, one file per audited repo, outside the repo by
// default. Never required for correctness: a missing, stale or corrupt cache is a cold run.
//
// The file is JSON Lines in ASCII (other characters \u-escaped): a header `{"format","salt"}`, then
// one `[key, entry]` line per source file. Loading only finds the line ends in the bytes; an entry
// is decoded (a byte copy, no UTF-8 work) and parsed when a file asks for it, so a salt change
// (every new build) costs no parse at all, a stale entry is never parsed, and an entry the run
// reuses is written back as the same text, without a parse and a stringify.
//
// An entry is the file's facts as plain JSON. A compact form (a string table, records as rows of
// shared key lists) made the file half the size, but cost more than it saved, measured over the
// 6,228 entries of the bench corpus: 370 ms to write and 240 ms to read back, against 125 ms and
// 140 ms for plain JSON (44 MB instead of 22 MB, read from the page cache in ~15 ms). Which hosts
// examined a file is not stored: it follows from the path (see `examiners`); and route records are
// stored lean (see `storedRecord`): 36 MB.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isRecord } from '../util/structured.js';
import type { RawFinding } from './host.js';

export interface CachedFile {
  facts: Record<string, Array<Record<string, unknown>>>;
  findings: RawFinding[];
  errors: Array<{ hostId: string; message: string }>;
  /** Problems with the file itself (encoding, parser failure), without the path. */
  diagnostics?: Array<{ problem: string; action: string }>;
}

const FORMAT = 'verdict-facts/5';
const FORMAT_FAMILY = 'verdict-facts/';
/** The single-JSON cache of earlier versions: removed when the new file is written. */
const LEGACY_FILE = 'facts.json';

export function defaultCacheDir(root: string): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const key = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return join(base, 'verdict', key);
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/** JSON with every non-ASCII character \u-escaped (the same value), so lines decode as bytes. */
function ascii(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The whole shape the merge relies on: a damaged entry is re-parsed, never merged. */
function isCachedFile(v: unknown): v is CachedFile {
  if (!isRecord(v) || !isRecord(v.facts)) return false;
  for (const records of Object.values(v.facts)) if (!Array.isArray(records) || !records.every(isRecord)) return false;
  return Array.isArray(v.findings) && v.findings.every(isRecord)
    && Array.isArray(v.errors) && v.errors.every(isRecord)
    && (v.diagnostics === undefined || (Array.isArray(v.diagnostics) && v.diagnostics.every(isRecord)));
}

/** A file's cache line: pure, so the worker thread that processed the file can encode it. */
export function cacheLine(key: string, value: CachedFile): string {
  return ascii(JSON.stringify([key, value]));
}

export class FactCache {
  private readonly file: string;
  private bytes: Buffer | null = null;
  /** key -> where the entry's line is in `bytes` (start, end). */
  private readonly entries = new Map<string, [number, number]>();
  /** path -> [stamp, key] from the file, and the ones this run confirmed or learnt. */
  private stamps = new Map<string, [string, string]>();
  private readonly newStamps = new Map<string, [string, string]>();
  /** key -> the line to write back: entries this run hit or computed. */
  private readonly used = new Map<string, Uint8Array | string>();
  hits = 0;
  private dirty = false;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string) {
    this.file = join(dir, 'facts.jsonl');
    if (!existsSync(this.file)) return;
    try {
      this.bytes = readFileSync(this.file);
      this.index(this.bytes);
    } catch {
      this.bytes = null;
      this.entries.clear();
      this.warning = `${this.file}: cache unreadable, starting cold (it will be rewritten)`;
    }
  }

  private index(bytes: Buffer): void {
    let end = bytes.indexOf(0x0a);
    if (end < 0) end = bytes.length;
    const header = JSON.parse(bytes.toString('latin1', 0, end)) as { format?: unknown; salt?: unknown; stamps?: unknown };
    if (header?.format !== FORMAT) {
      // Another version's format: a cold run, rewritten at the end, nothing to warn about.
      if (typeof header?.format === 'string' && header.format.startsWith(FORMAT_FAMILY)) return;
      throw new Error('not a verdict cache');
    }
    if (header.salt !== this.salt) return;
    if (header.stamps && typeof header.stamps === 'object') {
      for (const [path, v] of Object.entries(header.stamps as Record<string, unknown>)) {
        if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') this.stamps.set(path, [v[0], v[1]]);
      }
    }
    for (let start = end + 1; start < bytes.length; start = end + 1) {
      end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      if (end === start) continue;
      // Each line starts with `["<key>",`; keys are base64url, so the first `"` after the opening ends it.
      const close = bytes.indexOf(0x22, start + 2);
      const framed = bytes[start] === 0x5b && bytes[start + 1] === 0x22 && bytes[end - 1] === 0x5d;
      if (!framed || close < 0 || close > end) throw new Error('malformed line');
      this.entries.set(bytes.toString('latin1', start + 2, close), [start, end]);
    }
  }

  /** Entries in the cache file for this salt (0: a cold run). */
  get size(): number {
    return this.entries.size;
  }

  /** The key of the file's content when its stamp is the one recorded with that content. */
  keyByStamp(path: string, stamp: string | undefined): string | undefined {
    if (!stamp) return undefined;
    const known = this.stamps.get(path);
    return known && known[0] === stamp && this.entries.has(known[1]) ? known[1] : undefined;
  }

  /**
   * Records that `path` with this stamp has the content of `key`. Not for a file modified in the last
   * two seconds: a write within the same timestamp tick could leave the stamp unchanged (git's
   * "racy" case), so such a file is read and hashed again next time.
   */
  stamp(path: string, stamp: string | undefined, key: string, now = Date.now()): void {
    if (!stamp) return;
    const mtime = Number(stamp.split('/')[1]);
    if (!(now - mtime > 2000)) return;
    this.newStamps.set(path, [stamp, key]);
    if (this.stamps.get(path)?.[1] !== key || this.stamps.get(path)?.[0] !== stamp) this.dirty = true;
  }

  key(path: string, content: Uint8Array): string {
    return createHash('sha1').update(path).update('\0').update(content).digest('base64url');
  }

  get(key: string): CachedFile | undefined {
    const at = this.entries.get(key);
    if (at === undefined) return undefined;
    const line = this.bytes!.toString('latin1', at[0], at[1]);
    let entry: CachedFile | undefined;
    try {
      const parsed = JSON.parse(line) as unknown;
      const stored = Array.isArray(parsed) && parsed[0] === key ? parsed[1] : undefined;
      entry = isCachedFile(stored) ? stored : undefined;
    } catch {
      entry = undefined;
    }
    if (!entry) {
      // A damaged entry inside a well-formed file: this file is parsed afresh and the cache rewritten.
      this.entries.delete(key);
      this.warning = `${this.file}: a cache entry was unreadable, its file was parsed again (the cache will be rewritten)`;
      this.dirty = true;
      return undefined;
    }
    this.hits++;
    // The bytes, not the decoded line: the string dies young instead of being copied by the GC.
    this.used.set(key, this.bytes!.subarray(at[0], at[1]));
    return entry;
  }

  /** `line`: the entry already encoded by `cacheLine` (on the thread that processed the file). */
  set(key: string, value: CachedFile, line?: Uint8Array | string): void {
    this.used.set(key, line ?? cacheLine(key, value));
    this.dirty = true;
  }

  save(): void {
    // A run that only hit the cache and used every entry would write the same file again.
    if (!this.dirty && this.used.size === this.entries.size && this.newStamps.size === this.stamps.size) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      const newline = Buffer.from('\n');
      // No prototype: a file named `__proto__` is a path like any other.
      const stamps: Record<string, [string, string]> = Object.create(null) as Record<string, [string, string]>;
      for (const [path, v] of this.newStamps) if (this.used.has(v[1])) stamps[path] = v;
      const parts: Uint8Array[] = [Buffer.from(ascii(JSON.stringify({ format: FORMAT, salt: this.salt, stamps })), 'latin1'), newline];
      for (const line of this.used.values()) parts.push(typeof line === 'string' ? Buffer.from(line, 'latin1') : line, newline);
      writeFileSync(tmp, Buffer.concat(parts));
      renameSync(tmp, this.file);
      rmSync(join(this.dir, LEGACY_FILE), { force: true });
    } catch (err) {
      this.warning = `${this.dir}: cannot write the cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
