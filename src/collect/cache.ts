// Parse-derived facts cached by content hash, one file per audited repo, outside the repo by
// default. Never required for correctness: a missing, stale or corrupt cache is a cold run.
//
// The file is sealed (util/cache-seal.ts: a forged or edited file is not trusted, the run starts cold),
// then JSON Lines in ASCII (other characters \u-escaped): a header `{"format","salt"}`, then
// per source file a group of lines: `[key, n, {findings, errors, diagnostics}]`, then the n
// `[key, collectorId, records, recordsDigest]` lines of the collectors that have records for the file
// (the digest, sha1 of the records' JSON, lets the rule cache tell whether an edit changed what a
// collector recorded without reading the records: a comment edit re-runs no rule; a group
// with another number of lines is damaged: that file is parsed again). Loading only finds
// the line ends in the bytes. A file's first line is parsed when the run meets the file (its
// findings are always needed); a collector's line is parsed only when a repository rule asks for
// that collector's facts, which a rule answered from the rule cache (collect/rule-cache.ts) never
// does. So a salt change (every new build) costs no parse at all, a stale entry is never parsed, and
// an entry the run reuses is written back as the same bytes, without a parse and a stringify.
//
// An entry is the file's facts as plain JSON. A compact form (a string table, records as rows of
// shared key lists) made the file half the size, but cost more than it saved, measured over the
// 6,228 entries of the bench corpus: 370 ms to write and 240 ms to read back, against 125 ms and
// 140 ms for plain JSON (44 MB instead of 22 MB, read from the page cache in ~15 ms). Which hosts
// examined a file is not stored: it follows from the path (see `examiners`); and route records are
// stored lean (see `storedRecord`): 36 MB.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, unsealedWarning, type CacheSeal } from '../util/cache-seal.js';
import { isRecord } from '../util/structured.js';
import { writeFileAtomic } from '../util/write-file.js';
import type { RawFinding } from './host.js';

export interface CachedFile {
  facts: Record<string, Array<Record<string, unknown>>>;
  findings: RawFinding[];
  errors: Array<{ hostId: string; message: string }>;
  /** Problems with the file itself (encoding, parser failure), without the path. */
  diagnostics?: Array<{ problem: string; action: string }>;
}

/** A cached file without its facts: what every run needs; the facts are read per collector, when asked for. */
export type CachedMeta = Omit<CachedFile, 'facts'>;

const FORMAT = 'verdict-facts/8';
const FORMAT_FAMILY = 'verdict-facts/';
/** The single-JSON cache of earlier versions: removed when the new file is written. */
const LEGACY_FILE = 'facts.json';

export function defaultCacheDir(root: string): string {
  const key = createHash('sha1').update(root).digest('hex').slice(0, 16);
  return join(cacheRoot(), key);
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/** JSON with every non-ASCII character \u-escaped (the same value), so lines decode as bytes. */
export function ascii(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The shape the merge relies on: a damaged entry is re-parsed, never merged. */
function isCachedMeta(v: unknown): v is CachedMeta {
  return isRecord(v) && Array.isArray(v.findings) && v.findings.every(isRecord)
    && Array.isArray(v.errors) && v.errors.every(isRecord)
    && (v.diagnostics === undefined || (Array.isArray(v.diagnostics) && v.diagnostics.every(isRecord)));
}

/**
 * A file's cache lines: pure, so the worker thread that processed the file can encode them. A
 * collector with no record for the file has no line.
 */
export function cacheLine(key: string, value: CachedFile, encoded = false): string {
  const meta: CachedMeta = { findings: value.findings, errors: value.errors };
  if (value.diagnostics) meta.diagnostics = value.diagnostics;
  let lines = '';
  let n = 0;
  for (const [id, records] of Object.entries(value.facts)) {
    if (records.length === 0) continue;
    // `encoded`: each record is already its JSON text (see LocalProcessor.process).
    const json = ascii(encoded ? `[${(records as unknown as string[]).join(',')}]` : JSON.stringify(records));
    lines += `\n${ascii(JSON.stringify([key, id])).slice(0, -1)},${json},"${createHash('sha1').update(json, 'latin1').digest('base64url')}"]`;
    n++;
  }
  return `${ascii(JSON.stringify([key, n, meta]))}${lines}`;
}

/** The length of a sha1 in base64url, the records digest ending each collector line: `,"<digest>"]`. */
const DIGEST_CHARS = 27;

/**
 * The records digest at the end of the collector line `id` of an entry's lines (as `cacheLine`
 * writes them), or of the one line in `span`; undefined when there is no such line.
 */
export function recordsDigest(lines: Uint8Array, key: string, id: string, span?: [number, number]): string | undefined {
  const buf = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
  let end: number;
  if (span) end = span[1];
  else {
    const start = buf.indexOf(`\n["${key}","${id}",`, 0, 'latin1');
    if (start < 0) return undefined;
    end = buf.indexOf(0x0a, start + 1);
    if (end < 0) end = buf.length;
  }
  const at = end - DIGEST_CHARS - 2;
  if (buf[end - 1] !== 0x5d || buf[end - 2] !== 0x22 || buf[at - 1] !== 0x22 || buf[at - 2] !== 0x2c) return undefined;
  return buf.toString('latin1', at, end - 2);
}

/** The first line's value for a file with no finding, error or diagnostic (as `cacheLine` writes it). */
const BARE_META = '{"findings":[],"errors":[]}';

/** Where one file's lines are in the cache bytes. */
interface Group {
  /** The file body the group is in: the base file's or the delta's. */
  src: Buffer;
  /** The whole group, written back as it is when the run reuses the file. */
  start: number;
  end: number;
  /** The first line: findings, errors, diagnostics. */
  meta: [number, number];
  /** How many collector lines the first line says follow it. */
  expected: number;
  /** collector id -> its line. */
  hosts: Map<string, [number, number]> | null;
}

/** New and changed entries since the base file was written, while they are few (see `save`). */
const DELTA_FILE = 'facts.delta.jsonl';
/** The delta is folded into the base file when it would exceed this share of the base (bytes or stale entries). */
const DELTA_SHARE = 0.25;

export class FactCache {
  private readonly file: string;
  private readonly deltaFile: string;
  /** The base file's body for this salt, and its entries' keys: a save that changes little leaves it as it is. */
  private base: { bytes: Buffer; keys: Set<string>; stamps: ReadonlyMap<string, [string, string]> } | null = null;
  /** key -> where the file's lines are in `bytes`. */
  private readonly entries = new Map<string, Group>();
  /** path -> [stamp, key] from the file, and the ones this run confirmed or learnt. */
  private stamps = new Map<string, [string, string]>();
  private readonly newStamps = new Map<string, [string, string]>();
  /** key -> the line to write back: entries this run hit or computed. */
  private readonly used = new Map<string, Uint8Array | string>();
  hits = 0;
  private dirty = false;
  warning: string | null = null;

  /**
   * `ids`: the collectors (and source rules) of this run, which the salt names; a line of any other
   * id, or a second line of one id, makes its file's entry damaged. Without it any id is taken (tests).
   */
  constructor(private readonly dir: string, private readonly salt: string, private readonly seal: CacheSeal, private readonly ids: ReadonlySet<string> | null = null) {
    this.file = join(dir, 'facts.jsonl');
    this.deltaFile = join(dir, DELTA_FILE);
    const base = this.load(this.file);
    if (!base || !this.index(base, this.file)) return;
    // A base with a damaged entry is rewritten whole: left in place, it would be met again each run.
    if (!this.dirty) this.base = { bytes: base, keys: new Set(this.entries.keys()), stamps: new Map(this.stamps) };
    // The delta's entries and stamps are newer than the base's: indexed after it, they win.
    const delta = this.load(this.deltaFile);
    if (delta && !this.index(delta, this.deltaFile)) this.dirty = true;
  }

  /** A cache file's body when it is there and sealed by verdict; null (with a warning) otherwise. */
  private load(file: string): Buffer | null {
    if (!existsSync(file)) return null;
    try {
      const body = this.seal.unseal(file, readFileSync(file));
      if (!body) this.warning = `${unsealedWarning(file, 'cache')}: starting cold (it will be rewritten)`;
      return body;
    } catch {
      this.warning = `${file}: cache unreadable, starting cold (it will be rewritten)`;
      return null;
    }
  }

  /**
   * Takes the file's entries and stamps in; false when it is of another version or salt (a cold run,
   * nothing to warn about) or unreadable (then nothing of it is taken, and the run says so).
   */
  private index(bytes: Buffer, file: string): boolean {
    const entries = new Map<string, Group>();
    const stamps = new Map<string, [string, string]>();
    try {
      if (!this.indexInto(bytes, entries, stamps)) return false;
    } catch {
      this.warning = `${file}: cache unreadable, starting cold (it will be rewritten)`;
      return false;
    }
    for (const [k, v] of entries) this.entries.set(k, v);
    for (const [k, v] of stamps) this.stamps.set(k, v);
    return true;
  }

  private indexInto(bytes: Buffer, entries: Map<string, Group>, stamps: Map<string, [string, string]>): boolean {
    let end = bytes.indexOf(0x0a);
    if (end < 0) end = bytes.length;
    const header = JSON.parse(bytes.toString('latin1', 0, end)) as { format?: unknown; salt?: unknown; stamps?: unknown };
    if (header?.format !== FORMAT) {
      // Another version's format: a cold run, rewritten at the end, nothing to warn about.
      if (typeof header?.format === 'string' && header.format.startsWith(FORMAT_FAMILY)) return false;
      throw new Error('not a verdict cache');
    }
    if (header.salt !== this.salt) return false;
    if (header.stamps && typeof header.stamps === 'object') {
      for (const [path, v] of Object.entries(header.stamps as Record<string, unknown>)) {
        if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') stamps.set(path, [v[0], v[1]]);
      }
    }
    this.indexGroups(bytes, end + 1, entries);
    return true;
  }

  /** Takes in the groups of entry lines in `bytes` from offset `from` (throws on a malformed line). */
  private indexGroups(bytes: Buffer, from: number, entries: Map<string, Group>): void {
    let group: Group | null = null;
    let groupKey = '';
    const close = (): void => {
      if (group && (group.hosts?.size ?? 0) !== group.expected) {
        entries.delete(groupKey);
        this.damagedWarning();
      }
    };
    let end = from - 1;
    for (let start = from; start < bytes.length; start = end + 1) {
      end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      if (end === start) continue;
      // Each line starts with `["<key>",`; keys are base64url, so the first `"` after the opening ends it.
      const quote = bytes.indexOf(0x22, start + 2);
      const framed = bytes[start] === 0x5b && bytes[start + 1] === 0x22 && bytes[end - 1] === 0x5d;
      if (!framed || quote < 0 || quote > end || bytes[quote + 1] !== 0x2c) throw new Error('malformed line');
      const key = bytes.toString('latin1', start + 2, quote);
      if (bytes[quote + 2] >= 0x30 && bytes[quote + 2] <= 0x39) {
        // `["<key>",<n>,{...}]`: a file's first line.
        const comma = bytes.indexOf(0x2c, quote + 2);
        if (comma < 0 || comma > end || bytes[comma + 1] !== 0x7b) throw new Error('malformed line');
        close();
        group = { src: bytes, start, end, meta: [start, end], expected: Number(bytes.toString('latin1', quote + 2, comma)), hosts: null };
        groupKey = key;
        entries.set(key, group);
        continue;
      }
      // `["<key>","<collector id>",[...]]`, right after its file's first line.
      const idEnd = bytes[quote + 2] === 0x22 ? bytes.indexOf(0x22, quote + 3) : -1;
      if (!group || key !== groupKey || idEnd < 0 || idEnd > end) throw new Error('malformed line');
      const id = bytes.toString('latin1', quote + 3, idEnd);
      if ((this.ids && !this.ids.has(id)) || group.hosts?.has(id)) group.expected = -1; // damaged: never matches
      (group.hosts ??= new Map()).set(id, [start, end]);
      group.end = end;
    }
    close();
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

  /**
   * The file's findings, errors and diagnostics; its facts are read with `facts`. Undefined when the
   * cache has no such entry, or it is damaged (then the file is parsed afresh and the cache rewritten).
   */
  get(key: string): CachedMeta | undefined {
    const at = this.entries.get(key);
    if (at === undefined) return undefined;
    // Most files have no finding, error or diagnostic: their line is known without a parse.
    const bare = at.meta[1] - at.meta[0] === key.length + String(at.expected).length + BARE_META.length + 6
      && at.src.toString('latin1', at.meta[1] - BARE_META.length - 1, at.meta[1] - 1) === BARE_META;
    const stored = bare ? { findings: [], errors: [] } : this.parseLine(at.src, at.meta, key, 2, at.expected);
    const entry = isCachedMeta(stored) ? stored : undefined;
    if (!entry) {
      this.damaged(key);
      return undefined;
    }
    this.hits++;
    // The bytes, not the decoded lines: the string dies young instead of being copied by the GC.
    this.used.set(key, at.src.subarray(at.start, at.end));
    return entry;
  }

  /** Whether the entry has records of this collector (without reading them). */
  hasFacts(key: string, id: string): boolean {
    return this.entries.get(key)?.hosts?.has(id) ?? false;
  }

  /** Collectors with records in the entry. */
  factIds(key: string): string[] {
    return [...this.entries.get(key)?.hosts?.keys() ?? []];
  }

  /**
   * One collector's records of the file ([] when it has none), each its own copy. Undefined when that
   * line is damaged: the entry is dropped from the file written back, and the caller processes the
   * file again and `set`s the result.
   */
  facts(key: string, id: string): Array<Record<string, unknown>> | undefined {
    const at = this.entries.get(key);
    const span = at?.hosts?.get(id);
    if (!at || !span) return at ? [] : undefined;
    const records = this.parseLine(at.src, span, key, 2, undefined, id, 4);
    if (Array.isArray(records) && records.every(isRecord)) return records as Array<Record<string, unknown>>;
    this.damaged(key);
    return undefined;
  }

  /**
   * The digest of the collector's records for the entry (what `cacheLine` wrote at the end of its
   * line), read without parsing the records; undefined when the entry has no such line or it is damaged.
   */
  factsDigest(key: string, id: string): string | undefined {
    const at = this.entries.get(key);
    const span = at?.hosts?.get(id);
    if (at && span) return recordsDigest(at.src, key, id, span);
    const line = this.used.get(key);
    return line === undefined ? undefined : recordsDigest(typeof line === 'string' ? Buffer.from(line, 'latin1') : line, key, id);
  }

  /** Element `at` of the line's array, checked: its key, and the count or collector id before it. */
  private parseLine(src: Buffer, span: [number, number], key: string, at: number, count?: number, id?: string, length = at + 1): unknown {
    try {
      const parsed = JSON.parse(src.toString('latin1', span[0], span[1])) as unknown;
      if (!Array.isArray(parsed) || parsed[0] !== key || parsed.length !== length) return undefined;
      if ((count !== undefined && parsed[1] !== count) || (id !== undefined && parsed[1] !== id)) return undefined;
      return parsed[at];
    } catch {
      return undefined;
    }
  }

  private damaged(key: string): void {
    // A damaged entry inside a well-formed file: this file is parsed afresh and the cache rewritten.
    this.entries.delete(key);
    this.used.delete(key);
    // The damaged lines must leave the base file: it is rewritten whole.
    if (this.base?.keys.has(key)) this.base = null;
    this.damagedWarning();
  }

  private damagedWarning(): void {
    this.warning = `${this.file}: a cache entry was unreadable, its file was parsed again (the cache will be rewritten)`;
    this.dirty = true;
  }

  /**
   * `line`: the entry already encoded by `cacheLine` (on the thread that processed the file); then
   * `value` need not hold the facts: they are read from the line, like a hit's, when asked for.
   */
  set(key: string, value: CachedMeta & { facts?: CachedFile['facts'] }, line?: Uint8Array | string): void {
    if (line === undefined) {
      if (!value.facts) throw new Error('FactCache.set: an entry without its facts needs its line');
      line = cacheLine(key, value as CachedFile);
    }
    this.used.set(key, line);
    this.dirty = true;
    const bytes = typeof line === 'string' ? Buffer.from(line, 'latin1') : Buffer.from(line.buffer, line.byteOffset, line.byteLength);
    const one = new Map<string, Group>();
    try {
      this.indexGroups(bytes, 0, one);
    } catch {
      // Not a line `cacheLine` wrote: its facts cannot be read from it (`facts` says so; the file is processed again).
    }
    const group = one.get(key);
    if (group) this.entries.set(key, group);
    else this.entries.delete(key);
  }

  /**
   * Writes what changed. While the new and changed entries are few next to the base file (and few of
   * its entries went stale), only they are written, to the delta file, with the stamps that differ
   * from the base's: a one-file edit writes one entry, not the whole cache. Otherwise the base is
   * rewritten with every entry the run used, and the delta removed. Either pair of files read together
   * gives right answers: entries are named by content, and a stamp only names the content it was
   * recorded with.
   */
  save(): void {
    // A run that only hit the cache and used every entry would write the same file again.
    if (!this.dirty && this.used.size === this.entries.size && this.newStamps.size === this.stamps.size) return;
    try {
      if (!this.saveDelta()) this.saveWhole();
    } catch (err) {
      this.warning = `${this.dir}: cannot write the cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }

  /** The stamps to write: those of entries the file being written (or the base beside it) holds. */
  private stampsFor(keep: (path: string, v: [string, string]) => boolean): Record<string, [string, string]> {
    // No prototype: a file named `__proto__` is a path like any other.
    const stamps: Record<string, [string, string]> = Object.create(null) as Record<string, [string, string]>;
    for (const [path, v] of this.newStamps) if (this.used.has(v[1]) && keep(path, v)) stamps[path] = v;
    return stamps;
  }

  private write(file: string, stamps: Record<string, [string, string]>, lines: Iterable<Uint8Array | string>): void {
    const newline = Buffer.from('\n');
    const parts: Uint8Array[] = [Buffer.from(ascii(JSON.stringify({ format: FORMAT, salt: this.salt, stamps })), 'latin1'), newline];
    for (const line of lines) parts.push(typeof line === 'string' ? Buffer.from(line, 'latin1') : line, newline);
    writeFileAtomic(file, this.seal.sealParts(file, parts));
  }

  private saveDelta(): boolean {
    const base = this.base;
    if (!base) return false;
    let stale = 0;
    for (const k of base.keys) if (!this.used.has(k)) stale++;
    const fresh = [...this.used].filter(([k]) => !base.keys.has(k));
    const bytes = fresh.reduce((n, [, line]) => n + line.length, 0);
    if (stale > base.keys.size * DELTA_SHARE || bytes > base.bytes.length * DELTA_SHARE) return false;
    const stamps = this.stampsFor((path, v) => base.stamps.get(path)?.[0] !== v[0] || base.stamps.get(path)?.[1] !== v[1]);
    this.write(this.deltaFile, stamps, fresh.map(([, line]) => line));
    return true;
  }

  private saveWhole(): void {
    this.write(this.file, this.stampsFor(() => true), this.used.values());
    rmSync(this.deltaFile, { force: true });
    rmSync(join(this.dir, LEGACY_FILE), { force: true });
  }
}
