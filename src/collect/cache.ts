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

/**
 * The file's form of a CachedFile. Facts of one host are stored as rows: each run of records of the
 * same shape (the same keys in the same order, listed once in `k`) as the shape's index, then each
 * record's values in that order; runs keep the records' order. A string used twice or more in a file's
 * facts is written once, in `s`, and referred to as MARK + its index in base 36; so is a field value
 * (a list, an object) written twice or more, in `v`, as MARK + '=' + its index. A string that itself
 * starts with MARK is written MARK + '!' + the string. The host list is an index into `hostSets`.
 * Each value read back is a fresh copy: no two records share an object.
 */
interface StoredFile {
  s: string[];
  v: unknown[];
  k: string[][];
  f: Record<string, Array<[number, ...unknown[][]]>>;
  x: RawFinding[];
  h: number;
  e: CachedFile['errors'];
  d?: CachedFile['diagnostics'];
}

const MARK = '~';
const MARK_CODE = 126;
const FORMAT = 2;

function encode(file: CachedFile, hostSet: number): StoredFile {
  const seen = new Map<string, number>();
  const count = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 4) seen.set(v, (seen.get(v) ?? 0) + 1);
    } else if (Array.isArray(v)) for (const x of v) count(x);
    else if (v !== null && typeof v === 'object') for (const k in v) count((v as Record<string, unknown>)[k]);
  };
  count(file.facts);
  // Field values that are lists or objects, by their JSON text.
  const repeated = new Map<string, number>();
  for (const records of Object.values(file.facts)) {
    for (const r of records) {
      for (const k in r) {
        const v = r[k];
        if (v !== null && typeof v === 'object') {
          const json = JSON.stringify(v);
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
    const json = JSON.stringify(v);
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
  const out: StoredFile = { s: strings, v: values, k: shapes, f: facts, x: file.findings, h: hostSet, e: file.errors };
  if (file.diagnostics) out.d = file.diagnostics;
  return out;
}

function decode(stored: StoredFile, hostSets: string[][]): CachedFile {
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
  const out: CachedFile = { facts, findings: stored.x, hosts: hostSets[stored.h] ?? [], errors: stored.e };
  if (stored.d) out.diagnostics = stored.d;
  return out;
}

export class FactCache {
  private readonly file: string;
  private entries: Record<string, StoredFile> = {};
  private hostSets: string[][] = [];
  /** Entries of this run: as read (still in file form) or as just collected. */
  private readonly used = new Map<string, { stored: StoredFile } | { fresh: CachedFile }>();
  hits = 0;
  private dirty = false;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string) {
    this.file = join(dir, 'facts.json');
    if (!existsSync(this.file)) return;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { salt?: string; format?: number; hostSets?: string[][]; entries?: Record<string, StoredFile> };
      if (data.salt === salt && data.format === FORMAT && data.entries && typeof data.entries === 'object' && Array.isArray(data.hostSets)) {
        this.entries = data.entries;
        this.hostSets = data.hostSets;
      }
    } catch {
      this.warning = `${this.file}: cache unreadable, starting cold (it will be rewritten)`;
    }
  }

  key(path: string, content: Uint8Array): string {
    return createHash('sha1').update(path).update('\0').update(content).digest('base64url');
  }

  get(key: string): CachedFile | undefined {
    const stored = this.entries[key];
    if (!stored) return undefined;
    let hit: CachedFile;
    try {
      hit = decode(stored, this.hostSets);
    } catch {
      return undefined; // a damaged entry is a miss
    }
    this.hits++;
    this.used.set(key, { stored });
    return hit;
  }

  set(key: string, value: CachedFile): void {
    this.used.set(key, { fresh: value });
    this.dirty = true;
  }

  save(): void {
    // A run that only hit the cache and used every entry would write the same file again.
    if (!this.dirty && this.used.size === Object.keys(this.entries).length) return;
    try {
      const hostSets: string[][] = [];
      const setIndex = new Map<string, number>();
      const setOf = (hosts: string[]): number => {
        const k = hosts.join(',');
        let i = setIndex.get(k);
        if (i === undefined) setIndex.set(k, (i = hostSets.push(hosts) - 1));
        return i;
      };
      const entries: Record<string, StoredFile> = {};
      for (const [key, u] of this.used) {
        entries[key] = 'stored' in u
          ? { ...u.stored, h: setOf(this.hostSets[u.stored.h] ?? []) }
          : encode(u.fresh, setOf(u.fresh.hosts));
      }
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ salt: this.salt, format: FORMAT, hostSets, entries }));
      renameSync(tmp, this.file);
    } catch (err) {
      this.warning = `${this.dir}: cannot write the cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
