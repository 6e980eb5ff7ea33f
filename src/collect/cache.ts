// Parse-derived facts cached by content hash, one file per audited repo, outside the repo by
// default. Never required for correctness: a missing, stale or corrupt cache is a cold run.
//
// The file is JSON Lines in ASCII (other characters \u-escaped): a header `{"format","salt"}`, then
// one `[key, entry]` line per source file. Loading only finds the line ends in the bytes; an entry
// is decoded (a byte copy, no UTF-8 work) and parsed when a file asks for it, so a salt change
// (every new build) costs no parse at all, a stale entry is never parsed, and an entry the run
// reuses is written back as the same text, without a parse and a stringify.
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

const FORMAT = 'verdict-facts/3';
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

/**
 * The file's form of a CachedFile. Facts of one host are stored as rows: each run of records of the
 * same shape (the same keys in the same order, listed once in `k`) as the shape's index, then each
 * record's values in that order; runs keep the records' order. A string used twice or more in a file's
 * facts is written once, in `s`, and referred to as MARK + its index in base 36; so is a field value
 * (a list, an object) written twice or more, in `v`, as MARK + '=' + its index. A string that itself
 * starts with MARK is written MARK + '!' + the string.
 * Each value read back is a fresh copy: no two records share an object.
 */
interface StoredFile {
  s: string[];
  v: unknown[];
  k: string[][];
  f: Record<string, Array<[number, ...unknown[][]]>>;
  x: RawFinding[];
  h: string[];
  e: CachedFile['errors'];
  d?: CachedFile['diagnostics'];
}

const MARK = '~';
const MARK_CODE = 126;

function encode(file: CachedFile): StoredFile {
  const seen = new Map<string, number>();
  const count = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 4) seen.set(v, (seen.get(v) ?? 0) + 1);
    } else if (Array.isArray(v)) for (const x of v) count(x);
    else if (v !== null && typeof v === 'object') for (const k in v) count((v as Record<string, unknown>)[k]);
  };
  count(file.facts);
  // Field values that are lists or objects, by their JSON text.
  // Each object field's JSON text, kept so the second pass need not stringify it again.
  const repeated = new Map<string, number>();
  const texts = new Map<object, string>();
  for (const records of Object.values(file.facts)) {
    for (const r of records) {
      for (const k in r) {
        const v = r[k];
        if (v !== null && typeof v === 'object') {
          const json = JSON.stringify(v);
          texts.set(v, json);
          if (json.length > 4) repeated.set(json, (repeated.get(json) ?? 0) + 1);
        }
      }
    }
  }
  const strings: string[] = [];
  const index = new Map<string, string>();
  for (const [str, n] of seen) if (n > 1) index.set(str, MARK + (strings.push(str) - 1).toString(36));
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') return index.get(v) ?? (v.charCodeAt(0) === MARK_CODE ? `${MARK}!${v}` : v);
    if (Array.isArray(v)) return v.map(value);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k in v) out[k] = value((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  const values: unknown[] = [];
  const valueIndex = new Map<string, string>();
  const field = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return value(v);
    const json = texts.get(v) ?? JSON.stringify(v);
    if ((repeated.get(json) ?? 0) < 2) return value(v);
    let ref = valueIndex.get(json);
    if (ref === undefined) valueIndex.set(json, (ref = `${MARK}=${(values.push(value(v)) - 1).toString(36)}`));
    return ref;
  };
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();
  const facts: StoredFile['f'] = {};
  for (const [id, records] of Object.entries(file.facts)) {
    const runs: StoredFile['f'][string] = (facts[id] = []);
    let last = -1;
    for (const r of records) {
      const keys = Object.keys(r);
      const shape = keys.join('\n');
      let i = shapeIndex.get(shape);
      if (i === undefined) shapeIndex.set(shape, (i = shapes.push(keys) - 1));
      if (i !== last) runs.push([i]);
      last = i;
      runs[runs.length - 1].push(keys.map((k) => field(r[k])));
    }
  }
  const out: StoredFile = { s: strings, v: values, k: shapes, f: facts, x: file.findings, h: file.hosts, e: file.errors };
  if (file.diagnostics) out.d = file.diagnostics;
  return out;
}

function decode(stored: StoredFile): CachedFile {
  const { s, v: values } = stored;
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (v.charCodeAt(0) !== MARK_CODE) return v;
      const c = v.charCodeAt(1);
      if (c === 33 /* ! */) return v.slice(2);
      return c === 61 /* = */ ? value(values[parseInt(v.slice(2), 36)]) : s[parseInt(v.slice(1), 36)];
    }
    if (Array.isArray(v)) return v.map(value);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k in v) out[k] = value((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  const facts: CachedFile['facts'] = {};
  for (const [id, groups] of Object.entries(stored.f)) {
    const records: Array<Record<string, unknown>> = (facts[id] = []);
    for (const [shape, ...rows] of groups) {
      const keys = stored.k[shape];
      for (const row of rows) {
        const r: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) r[keys[i]] = value(row[i]);
        records.push(r);
      }
    }
  }
  const out: CachedFile = { facts, findings: stored.x, hosts: stored.h, errors: stored.e };
  if (stored.d) out.diagnostics = stored.d;
  return out;
}

function isStoredFile(v: unknown): v is StoredFile {
  const f = v as StoredFile | null;
  return typeof f === 'object' && f !== null && Array.isArray(f.s) && Array.isArray(f.v) && Array.isArray(f.k)
    && typeof f.f === 'object' && f.f !== null && Array.isArray(f.x) && Array.isArray(f.h) && Array.isArray(f.e);
}

/** A file's cache line: pure, so the worker thread that processed the file can encode it. */
export function cacheLine(key: string, value: CachedFile): string {
  return ascii(JSON.stringify([key, encode(value)]));
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
    if (header?.format !== FORMAT) throw new Error('not a verdict cache');
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
      entry = isStoredFile(stored) ? decode(stored) : undefined;
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
  set(key: string, value: CachedFile, line?: string): void {
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
