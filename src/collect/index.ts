// collect: read each file once, parse each source file at most once, and run every host's
// visitors in one traversal. Trees are dropped after each file.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { isSourcePath, packageOf, type RepoLayout, type UnreadFile } from '../discover/index.js';
import type { InputDiagnostic } from '../model/run.js';
import type { CacheSeal } from '../util/cache-seal.js';
import { mask } from '../util/redact.js';
import { decode, detachDeep, isBinary, lineFromStarts, lineStarts, snippetOf } from '../util/text.js';
import { createHash } from 'node:crypto';
import { cacheLine, FactCache, recordsDigest, type CachedFile, type CachedMeta } from './cache.js';
import { TriggerIndex } from './triggers.js';
import { lazyScope } from './scope.js';

export { bindParents } from './scope.js';
import { DONE, Pool, type PoolOptions } from './pool.js';
import type { FileMeta, RawFinding, RawReport, SourceContext, TextContext, VisitorHost, Visitors } from './host.js';

export type { PoolOptions } from './pool.js';
export type { VisitorHost, SourceContext, TextContext, Visitors, FileMeta, MessageData, RawFinding, RawReport } from './host.js';

/** `--timing`: time spent binding scopes, beside the hosts' own times. */
export const BIND_TIMING = '(bind scopes)';

export type FactRecord = Record<string, unknown> & { path: string };
export type LocatedFinding = RawFinding & { path: string; package: string | null };

export interface CollectOptions {
  layout: RepoLayout;
  hosts: VisitorHost[];
  cache: { dir: string; salt: string; seal: CacheSeal } | null;
  /** Keep the text of these non-source files for repository rules. */
  keepDocument(path: string): boolean;
  timing: boolean;
  /**
   * Worker threads that help process uncached files: `script` rebuilds the same hosts from their ids
   * (see src/collect-worker.ts). Used only when at least `minBytes` of source is uncached.
   */
  pool?: PoolOptions | null;
}

export interface CollectResult {
  /**
   * Records by collector id, in file order, each with its path. Built when first read: records the
   * cache holds are parsed only for collectors a rule asks about.
   */
  facts: Record<string, FactRecord[]>;
  /**
   * A digest of a collector's records: the path and the records digest (stored in the cache line) of
   * every file with records of it. Null without the cache.
   */
  factDigest(id: string): string | null;
  /**
   * Each file's records digest of one collector (as in `factDigest`), by path, for the files with
   * records of it: what lets the link reuse what it derived from a file whose records are unchanged.
   * Null without the cache.
   */
  fileDigests(id: string): ReadonlyMap<string, string> | null;
  /** Writes the facts cache again when reading facts (after collect) repaired damaged entries; call once the rules ran. */
  saveRepairs(): void;
  findings: LocatedFinding[];
  documents: Map<string, string>;
  /** host id -> package -> files the host examined */
  examined: Record<string, Record<string, number>>;
  hostErrors: Array<{ hostId: string; path: string; message: string }>;
  diagnostics: InputDiagnostic[];
  /** Source files skipped as binary: they hold NUL bytes and do not parse as source. */
  unread: UnreadFile[];
  stats: { files: number; sourceFiles: number; parsed: number; cached: number; bytes: number; binary: number; unreadable: number; /** files read from disk (the rest the cache answered by stamp) */ read: number;
    /** files listed and not read: vendored, or of a kind nothing asks for */ listed: number };
  hostTimings: Record<string, number>;
  /** Read when the run ends: a damaged cache line met while reading facts lazily is said too. */
  readonly cacheWarning: string | null;
  /** Threads that processed files (1: this one only). */
  threads: number;
}

/** Syntax kinds by name, built on the first parse: a run answered by the cache never loads TypeScript. */
let kinds: Map<string, number> | null = null;
function kindByName(name: string): number | undefined {
  if (!kinds) {
    kinds = new Map();
    for (const [n, value] of Object.entries(ts.SyntaxKind)) {
      if (typeof value === 'number' && !kinds.has(n)) kinds.set(n, value);
    }
  }
  return kinds.get(name);
}

/** Whether TypeScript parses the file without a syntax error. */
function parsesAsSource(meta: FileMeta, buf: Uint8Array): boolean {
  const sf = ts.createSourceFile(meta.path, decode(buf).text, sourceOptions(), false, scriptKind(meta.ext));
  return (sf as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length === 0;
}

let parseOptions: ts.CreateSourceFileOptions | null = null;
const sourceOptions = (): ts.CreateSourceFileOptions =>
  (parseOptions ??= { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone });

function scriptKind(ext: string): ts.ScriptKind {
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.jsx') return ts.ScriptKind.JSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}


export async function collect(opts: CollectOptions): Promise<CollectResult> {
  const { layout, hosts } = opts;
  const res = emptyResult(hosts);
  const cache = opts.cache ? new FactCache(opts.cache.dir, opts.cache.salt, opts.cache.seal, new Set(hosts.map((h) => h.id))) : null;
  // With nothing cached and enough source, start the workers now: their start-up overlaps the reading.
  const helpers = (jobs: number): number => (opts.pool ? Math.max(0, Math.min(opts.pool.threads - 1, jobs >> 6)) : 0);
  let pool: Pool | null = null;
  if (opts.pool && (!cache || cache.size === 0)) {
    const source = layout.files.filter((f) => isSourcePath(f.path));
    const bytes = source.reduce((n, f) => n + f.size, 0);
    if (bytes >= opts.pool.minBytes && helpers(source.length) > 0) pool = new Pool(opts.pool, helpers(source.length), opts.timing);
  }

  // 1. Read every file once: hash it, answer it from the cache or queue it for processing.
  const slots: Slot[] = [];
  const jobs: Job[] = [];
  let jobBytes = 0;
  let n = 0;
  const textHosts = hosts.filter((h) => h.text);
  for (const entry of layout.files) {
    // Yield now and then so probes running alongside get their output read.
    if (++n % 256 === 0) await new Promise<void>((r) => setImmediate(r));
    const source = isSourcePath(entry.path);
    const keep = !source && opts.keepDocument(entry.path);
    const dot = entry.path.lastIndexOf('.');
    const meta: FileMeta = {
      path: entry.path, role: layout.roles.of(entry.path), package: packageOf(entry.path, layout.packages),
      ext: dot >= 0 ? entry.path.slice(dot) : '',
    };
    // Read only what something asks for: source, the documents repository rules read, and text a host
    // wants (the secret prefilter names the kinds it reads). Vendored code is listed, not read; a
    // committed .env is read wherever it is.
    const envFile = /(^|\/)\.env[\w.-]*$/.test(entry.path);
    if ((meta.role === 'vendored' && !envFile) || (!source && !keep && !textHosts.some((h) => !h.appliesTo || h.appliesTo(meta)))) {
      res.stats.listed++;
      continue;
    }
    // An unchanged stamp (size, times, inode) names the cached content without reading the file.
    const known = cache && !keep ? cache.keyByStamp(entry.path, entry.stamp) : undefined;
    const early = known ? cache!.get(known) : undefined;
    if (early) {
      cache!.stamp(entry.path, entry.stamp, known!);
      res.stats.files++;
      res.stats.bytes += entry.size;
      if (source) res.stats.sourceFiles++;
      res.stats.cached++;
      slots.push({ meta, abs: entry.abs, key: known, result: early, fromCache: true });
      continue;
    }
    let buf: Buffer;
    try {
      buf = readFileSync(entry.abs);
      res.stats.read++;
    } catch (err) {
      res.stats.unreadable++;
      res.diagnostics.push({ path: entry.path, problem: `cannot read (${(err as NodeJS.ErrnoException).code ?? err})`, action: 'check its permissions; it was not audited' });
      continue;
    }
    res.stats.files++;
    res.stats.bytes += buf.length;
    if (isBinary(buf)) {
      // A NUL byte makes a file binary (git's test), but one NUL in a comment must not hide source:
      // a source file that parses is audited, one that does not is named as not read.
      if (!source || !parsesAsSource(meta, buf)) {
        res.stats.binary++;
        if (source) {
          res.unread.push({ path: entry.path, reason: 'binary: it holds NUL bytes and does not parse as source' });
          res.diagnostics.push({ path: entry.path, problem: 'source file skipped as binary (NUL bytes, does not parse): not audited', action: 'if it is code, remove the NUL bytes; until then its package\'s static checks are incomplete' });
        }
        continue;
      }
    }
    if (source) res.stats.sourceFiles++;
    const key = cache?.key(entry.path, buf);
    if (key) cache!.stamp(entry.path, entry.stamp, key);
    const hit = key ? cache!.get(key) : undefined;
    // A cache hit needs no text unless the file is a document kept for repository rules.
    // Only documents are decoded here; a file to process is decoded where it is processed (on a
    // worker, in parallel), so 50 MB of text is not held, and promoted by the GC, while the files are read.
    if (keep) res.documents.set(entry.path, decode(buf).text);
    const slot: Slot = { meta, abs: entry.abs, key, result: hit, fromCache: hit !== undefined };
    slots.push(slot);
    if (hit) {
      res.stats.cached++;
      continue;
    }
    jobs.push({ slot: slots.length - 1, meta, bytes: buf, source, ...(key ? { key } : {}) });
    if (source) jobBytes += buf.length;
  }

  // 2. Process what the cache did not answer: on this thread, helped by worker threads when there
  //    is enough uncached source to pay for starting them.
  const local = new LocalProcessor(hosts, opts.timing ? res.hostTimings : null);
  if (!pool && opts.pool && jobBytes >= opts.pool.minBytes && helpers(jobs.length) > 0) pool = new Pool(opts.pool, helpers(jobs.length), opts.timing);
  if (pool && (jobBytes < opts.pool!.minBytes || helpers(jobs.length) === 0)) {
    await pool.close();
    pool = null;
  }
  if (pool) {
    res.threads = 1 + await pool.run(jobs, slots, local, opts.timing ? res.hostTimings : null);
  } else {
    for (let i = 0; i < jobs.length; i++) {
      if (i > 0 && i % 64 === 0) await new Promise<void>((r) => setImmediate(r));
      const done = local.process(jobs[i]);
      slots[done.slot].result = done.result;
      slots[done.slot].parsed = done.parsed;
      slots[done.slot].line = done.line;
      jobs[i].bytes = DONE; // done: the bytes need not stay alive until the stage ends
    }
  }

  // 3. Merge in file order, so the result does not depend on which thread did what.
  mergeSlots(res, slots, hosts, cache);
  if (cache) cache.save();
  lazyFacts(res, slots, hosts, cache, local);
  return res;
}

/** A result with nothing collected yet, with a place for each host's counts and time. */
export function emptyResult(hosts: readonly VisitorHost[]): CollectResult {
  const res: CollectResult = {
    facts: {}, findings: [], documents: new Map(), examined: {}, hostErrors: [], diagnostics: [], unread: [],
    stats: { files: 0, sourceFiles: 0, parsed: 0, cached: 0, bytes: 0, binary: 0, unreadable: 0, read: 0, listed: 0 },
    hostTimings: {}, cacheWarning: null, threads: 1, factDigest: () => null, fileDigests: () => null, saveRepairs: () => {},
  };
  for (const h of hosts) {
    res.examined[h.id] = {};
    res.hostTimings[h.id] = 0;
  }
  return res;
}

/**
 * Takes every processed file's findings, errors and diagnostics into the result, in slot order.
 * A source rule's failure becomes its outcome (an error naming the file); a collector's has no
 * outcome of its own, so it is said here: the repository rules read facts that lack this file.
 */
export function mergeSlots(res: CollectResult, slots: readonly Slot[], hosts: readonly VisitorHost[], cache: FactCache | null): void {
  const collectorIds = new Set(hosts.filter((h) => !('kind' in h)).map((h) => h.id));
  for (const slot of slots) {
    const result = slot.result!;
    if (slot.parsed) res.stats.parsed++;
    if (slot.key && !slot.fromCache) cache!.set(slot.key, result, slot.line);
    for (const d of result.diagnostics ?? []) res.diagnostics.push({ path: slot.meta.path, ...d });
    for (const e of result.errors) {
      if (!collectorIds.has(e.hostId) || e.message.startsWith(NOT_CHECKED)) continue; // a parser failure is said once already
      res.diagnostics.push({ path: slot.meta.path, problem: `${e.hostId} failed on this file (${e.message})`, action: 'report this file to verdict; its facts are missing, so repository rules may miss what it holds' });
    }
    merge(res, slot.meta, result, hosts);
  }
}

/**
 * `res.facts[id]` is built on first read, in file order: computed records are taken over, cached
 * ones parsed from their line. A damaged line (found only now) has its file processed again.
 */
export function lazyFacts(res: CollectResult, slots: Slot[], hosts: readonly VisitorHost[], cache: FactCache | null, local: LocalProcessor): void {
  const facts = Object.create(null) as Record<string, FactRecord[]>;
  // A file's facts are in its result (no cache), or in the cache: a hit's entry, or the line of a
  // file processed in this run (its records are not kept as objects until a rule asks for them).
  const has = (slot: Slot, id: string): boolean => slot.result?.facts
    ? (slot.result.facts[id]?.length ?? 0) > 0
    : slot.key !== undefined && cache !== null && cache.hasFacts(slot.key, id);
  const build = (id: string): FactRecord[] => {
    const out: FactRecord[] = [];
    for (const slot of slots) {
      if (!has(slot, id)) continue;
      let records = slot.result!.facts ? slot.result!.facts[id] : cache!.facts(slot.key!, id);
      if (records === undefined) {
        repaired = true;
        records = reprocess(slot, local, cache!)?.facts[id] ?? [];
      }
      for (const r of records) {
        (r as FactRecord).path = slot.meta.path;
        out.push(r as FactRecord);
      }
    }
    return out;
  };
  for (const h of hosts) {
    Object.defineProperty(facts, h.id, {
      enumerable: true, configurable: true,
      get: () => {
        const value = build(h.id);
        Object.defineProperty(facts, h.id, { value, enumerable: true, configurable: true, writable: true });
        return value;
      },
    });
  }
  res.facts = facts;
  let repaired = false;
  res.saveRepairs = () => {
    if (repaired && cache) cache.save();
    repaired = false;
  };
  Object.defineProperty(res, 'cacheWarning', { enumerable: true, get: () => cache?.warning ?? null });
  // Per collector: each file's path and the digest of its records (not of its content), so an edit
  // that leaves a collector's records as they were changes no input of the rules that read them.
  const digests = new Map<string, string | null>();
  res.factDigest = (id: string): string | null => {
    if (!cache) return null;
    if (!digests.has(id)) digests.set(id, digestOf(id));
    return digests.get(id)!;
  };
  const perFile = new Map<string, ReadonlyMap<string, string> | null>();
  res.fileDigests = (id: string): ReadonlyMap<string, string> | null => {
    if (!cache) return null;
    if (!perFile.has(id)) perFile.set(id, fileDigestsOf(id));
    return perFile.get(id)!;
  };
  const fileDigestsOf = (id: string): ReadonlyMap<string, string> | null => {
    const out = new Map<string, string>();
    for (const slot of slots) {
      if (slot.key === undefined) return null;
      if (!has(slot, id)) continue;
      const d = slot.line ? recordsDigest(slot.line, slot.key, id) : cache!.factsDigest(slot.key, id);
      if (d === undefined) return null;
      out.set(slot.meta.path, d);
    }
    return out;
  };
  const digestOf = (id: string): string | null => {
    const files = res.fileDigests(id);
    if (!files) return null;
    const hash = createHash('sha1');
    for (const [path, d] of files) hash.update(path).update('\0').update(d).update('\0');
    return hash.digest('base64url');
  };
}

/** A cached file whose facts line was damaged: read and processed again, and its entry rewritten. */
function reprocess(slot: Slot, local: LocalProcessor, cache: FactCache): CachedFile | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(slot.abs);
  } catch {
    return null;
  }
  // Cached under its key only if the file still has the content the key names (it may have changed since).
  const same = cache.key(slot.meta.path, bytes) === slot.key;
  const done = local.process({ slot: 0, meta: slot.meta, bytes, source: isSourcePath(slot.meta.path), ...(same ? { key: slot.key } : {}) }, true);
  slot.result = done.result;
  slot.fromCache = false;
  if (same) cache.set(slot.key!, done.result, done.line); // written by saveRepairs, once for all such files
  return done.result as CachedFile;
}

export interface Slot {
  meta: FileMeta;
  abs: string;
  key: string | undefined;
  /** Facts absent: the file is in the cache (a hit, or its line from this run), and its facts are read from there when asked for. */
  result: LeanFile | undefined;
  fromCache?: boolean;
  parsed?: boolean;
  /** The cache line, encoded where the file was processed. */
  line?: Uint8Array;
}

/** A file the cache did not answer: everything a thread needs to process it. */
export interface Job {
  slot: number;
  meta: FileMeta;
  /** The file as read; decoded by the thread that processes it. */
  bytes: Uint8Array;
  source: boolean;
  /** The cache key, when the result goes into the cache: its line is encoded where it is processed. */
  key?: string;
}

/** A file's result, its facts left out when they are in its cache line. */
export type LeanFile = CachedMeta & { facts?: CachedFile['facts'] };

/**
 * What processing one file gives: its result and whether it was parsed. With a cache line, the
 * result has no facts: they are read from the line when a rule asks (the records of a cold run of
 * thousands of files, kept as objects, were most of the main thread's heap).
 */
export interface JobResult {
  slot: number;
  result: LeanFile;
  parsed: boolean;
  /** The cache line as bytes: off the JS heap, and moved, not copied, from a worker. */
  line?: Uint8Array;
}

/** Cache lines are ASCII: UTF-8 bytes are the characters. Each encoding has its own ArrayBuffer, so it can be transferred. */
const ASCII = new TextEncoder();

/** Runs jobs on the current thread with one set of hosts (and their trigger index). */
export class LocalProcessor {
  /** Built for the first file to process: a run the cache answers whole needs none. */
  private triggers: TriggerIndex | null = null;

  constructor(private readonly hosts: VisitorHost[], private readonly timings: Record<string, number> | null) {}

  /** `keepFacts`: the result keeps its facts even when the cache line is encoded. */
  process(job: Job, keepFacts = false): JobResult {
    const flag = { parsed: false };
    const decoded = decode(job.bytes);
    // Records that only go into the cache line are encoded as they are emitted (a snapshot, as the
    // copy kept otherwise is), instead of copied to detach them from the file's text and encoded after.
    const encoded = !!job.key && !keepFacts;
    const result = processFile(job.meta, decoded.text, job.source, this.hosts, this.triggers ??= new TriggerIndex(this.hosts), this.timings, flag, encoded);
    // Said with the file's result, so a run the cache answers says it too.
    if (job.source && isBinary(job.bytes)) {
      (result.diagnostics ??= []).push({ problem: 'holds NUL bytes, but parses as source: audited as source', action: 'remove the NUL bytes (editors and git treat the file as binary)' });
    }
    if (decoded.encoding === 'latin1') {
      (result.diagnostics ??= []).push({ problem: 'not valid UTF-8; read as Latin-1', action: 'convert the file to UTF-8; line and column figures stay right' });
    }
    // Encoded before anything else touches the records (merge gives them their path in place).
    if (!job.key) return { slot: job.slot, result, parsed: flag.parsed };
    const line = ASCII.encode(cacheLine(job.key, result, encoded));
    if (keepFacts) return { slot: job.slot, result, parsed: flag.parsed, line };
    const lean: LeanFile = { findings: result.findings, errors: result.errors };
    if (result.diagnostics) lean.diagnostics = result.diagnostics;
    return { slot: job.slot, result: lean, parsed: flag.parsed, line };
  }
}

/**
 * The hosts that examine a file: those that apply to it and have a pass for its kind (a text pass for
 * any file, a syntax pass for source). Known from the file's path alone, so it is not cached.
 */
export function examiners(hosts: readonly VisitorHost[], meta: FileMeta, source: boolean): VisitorHost[] {
  return hosts.filter((h) => (h.text || (source && h.create)) && (!h.appliesTo || h.appliesTo(meta)));
}

/** Takes the file's findings and errors over; its facts are merged when a rule asks (see lazyFacts). */
function merge(res: CollectResult, meta: FileMeta, file: CachedMeta, hosts: readonly VisitorHost[]): void {
  for (const f of file.findings) res.findings.push({ ...f, path: meta.path, package: meta.package });
  for (const h of examiners(hosts, meta, isSourcePath(meta.path))) {
    const per = res.examined[h.id];
    if (per) per[meta.package ?? ''] = (per[meta.package ?? ''] ?? 0) + 1;
  }
  for (const e of file.errors) res.hostErrors.push({ ...e, path: meta.path });
}

function processFile(
  meta: FileMeta, text: string, source: boolean, hosts: VisitorHost[], triggers: TriggerIndex,
  timings: Record<string, number> | null, flag: { parsed: boolean }, encoded = false,
): CachedFile {
  const time = (id: string, fn: () => void): void => {
    if (!timings) return fn();
    const t = performance.now();
    try { fn(); } finally { timings[id] += performance.now() - t; }
  };
  const out: CachedFile = { facts: {}, findings: [], errors: [] };
  // Values a host reported as secret are masked in every fact of the file, so neither the cache
  // nor another collector's snippet keeps them.
  const fileSecrets = new Set<string>();
  let starts: number[] | null = null;
  const lineOfOffset = (offset: number): number => {
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
  const applicable = hosts.filter((h) => !h.appliesTo || h.appliesTo(meta));
  let sf: ts.SourceFile | null = null;
  const scope = lazyScope(() => {
    if (!sf) throw new Error('no syntax tree in a text pass');
    return sf;
  }, timings ? (ms) => { timings[BIND_TIMING] = (timings[BIND_TIMING] ?? 0) + ms; } : undefined);
  const makeCtx = (host: VisitorHost): SourceContext => {
    const facts = (out.facts[host.id] ??= []);
    const ctx: SourceContext = {
      file: meta,
      text,
      get sourceFile(): ts.SourceFile {
        if (!sf) throw new Error('no syntax tree in a text pass');
        return sf;
      },
      emit: encoded
        ? (record) => { facts.push((JSON.stringify(record) ?? 'null') as unknown as FactRecord); }
        : (record) => { facts.push(detachDeep(record)); },
      scope,
      lineOfOffset,
      lineOf: (node) => lineOfOffset(node.getStart(sf!)),
      report: (r: RawReport) => {
        if (r.secret) fileSecrets.add(r.secret);
        out.findings.push(locate(host.id, r, ctx, (line) => lineFromStarts(text, starts ??= lineStarts(text), line)));
      },
    };
    return ctx;
  };
  for (const host of applicable) {
    if (!host.text) continue;
    const ctx: TextContext = makeCtx(host);
    try {
      time(host.id, () => host.text!(ctx));
    } catch (err) {
      out.errors.push({ hostId: host.id, message: (err as Error).message });
    }
  }
  if (!source) return out;
  const active = triggers.match(text, applicable.filter((h) => h.create));
  if (active.length === 0) return out;
  try {
    // No JSDoc nodes: nothing here reads them, and a file of documented code parses ~10% faster.
    sf = ts.createSourceFile(meta.path, text, sourceOptions(), false, scriptKind(meta.ext));
    // TypeScript's line map is ours: a node's line (`getLineAndCharacterOfPosition`) then agrees with
    // `lineOf`, snippets and `lineAt`, which break lines at \n only (TypeScript also breaks at a lone
    // \r and at U+2028/2029), and the text is scanned for line ends once instead of twice.
    (sf as unknown as { lineMap: readonly number[] }).lineMap = (starts ??= lineStarts(text));
    if (active.some((h) => h.parents !== false)) scope.bind();
  } catch (err) {
    return notRun(out, active, `parser failed (${(err as Error).message})`);
  }
  flag.parsed = true;
  // What the text passes gave, kept if the walk below fails.
  const factsBefore = active.map((h) => [h.id, out.facts[h.id]?.length ?? 0] as const);
  const findingsBefore = out.findings.length;
  // One state per host, shared by all its visitors: a host that throws stops for the rest of the file.
  interface Entry { host: { id: string; failed: boolean }; fn: (n: ts.Node) => void }
  const table = new Map<number, Entry[]>();
  const ends: Array<{ host: { id: string; failed: boolean }; fn: () => void }> = [];
  for (const h of active) {
    let visitors: Visitors;
    try {
      visitors = h.create!(makeCtx(h));
    } catch (err) {
      out.errors.push({ hostId: h.id, message: (err as Error).message });
      continue;
    }
    const host = { id: h.id, failed: false };
    for (const [name, fn] of Object.entries(visitors)) {
      if (name === 'file:end') {
        ends.push({ host, fn: fn as () => void });
        continue;
      }
      const kind = kindByName(name);
      if (kind === undefined) throw new Error(`${h.id}: unknown syntax kind "${name}"`);
      let list = table.get(kind);
      if (!list) table.set(kind, (list = []));
      list.push({ host, fn: fn as (n: ts.Node) => void });
    }
  }
  const fail = (host: { id: string; failed: boolean }, err: unknown): void => {
    host.failed = true;
    out.errors.push({ hostId: host.id, message: (err as Error).message });
  };
  // Visitors indexed by syntax kind in an array: one load per node on the hot path.
  let byKind: Array<Entry[] | undefined> | null = [];
  for (const [kind, list] of table) byKind[kind] = list;
  let visit: ((node: ts.Node) => void) | null = timings
    ? (node: ts.Node): void => {
      const list = byKind![node.kind];
      if (list !== undefined) {
        for (let i = 0; i < list.length; i++) {
          const e = list[i];
          if (e.host.failed) continue;
          const t = performance.now();
          try { e.fn(node); } catch (err) { fail(e.host, err); }
          timings[e.host.id] += performance.now() - t;
        }
      }
      ts.forEachChild(node, visit!);
    }
    : (node: ts.Node): void => {
      const list = byKind![node.kind];
      if (list !== undefined) {
        for (let i = 0; i < list.length; i++) {
          const e = list[i];
          if (e.host.failed) continue;
          try { e.fn(node); } catch (err) { fail(e.host, err); }
        }
      }
      ts.forEachChild(node, visit!);
    };
  try {
    visit(sf);
    for (const e of ends) {
      if (e.host.failed) continue;
      const t = timings ? performance.now() : 0;
      try { e.fn(); } catch (err) { fail(e.host, err); }
      if (timings) timings[e.host.id] += performance.now() - t;
    }
  } catch (err) {
    // The walk itself failed (a tree too deep for the stack): what the visitors gathered is partial,
    // so none of it is kept, as when the parser fails.
    for (const [id, n] of factsBefore) if (out.facts[id]) out.facts[id].length = n;
    out.findings.length = findingsBefore;
    notRun(out, active, `syntax tree could not be walked (${(err as Error).message})`);
  } finally {
    // Nothing may reach this file's tree from this function's context once the file is done: the
    // context can be in the old generation by then, and V8's scavenges treat what an old object
    // points to as live until the next full GC (the visitors' closures hold the tree). Left in
    // place, this promoted ~1 GB of syntax trees per cold run of the bench corpus.
    sf = null;
    scope.release();
    byKind = null;
    visit = null;
  }
  if (fileSecrets.size === 0) return out;
  if (!encoded) return maskSecrets(out, fileSecrets);
  // Encoded records are masked as values, as the others are, and encoded again.
  const recode = (file: CachedFile, f: (r: unknown) => unknown): void => {
    for (const id of Object.keys(file.facts)) file.facts[id] = file.facts[id].map(f) as CachedFile['facts'][string];
  };
  recode(out, (r) => JSON.parse(r as string));
  const masked = maskSecrets(out, fileSecrets);
  recode(masked, (r) => JSON.stringify(r) ?? 'null');
  return masked;
}

/**
 * The file's source hosts did not run on it: said once for the file, and as an error of each host,
 * so a rule reports the file as not checked (an error outcome naming it), never as a pass.
 */
const NOT_CHECKED = 'not checked: ';
function notRun(out: CachedFile, active: readonly VisitorHost[], problem: string): CachedFile {
  (out.diagnostics ??= []).push({ problem, action: 'report this file to verdict; its source rules did not run' });
  for (const h of active) out.errors.push({ hostId: h.id, message: `${NOT_CHECKED}${problem}` });
  return out;
}

function maskSecrets(file: CachedFile, secrets: Set<string>): CachedFile {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v;
      for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(mask(secret));
      return s;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(file) as CachedFile;
}

function locate(ruleId: string, r: RawReport, ctx: SourceContext, lineText: (line: number) => string): RawFinding {
  let line = r.line ?? 1;
  let column = r.column ?? 1;
  let endLine = r.endLine ?? line;
  if (r.node) {
    const sf = ctx.sourceFile;
    const start = sf.getLineAndCharacterOfPosition(r.node.getStart(sf));
    const end = sf.getLineAndCharacterOfPosition(r.node.getEnd());
    line = start.line + 1;
    column = start.character + 1;
    endLine = end.line + 1;
  }
  let raw = lineText(line);
  if (r.secret) raw = raw.split(r.secret).join(mask(r.secret));
  const snippet = snippetOf(raw);
  return {
    ruleId, line, column, endLine, snippet, message: r.message ?? '',
    ...(r.messageId !== undefined ? { messageId: r.messageId, ...(r.data ? { data: detachDeep(r.data) } : {}) } : {}),
    severity: r.severity, evidence: r.evidence ?? [],
  };
}
