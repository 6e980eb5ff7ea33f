// Repository rules' results cached by their inputs, next to the facts cache: a rule whose inputs are
// what they were at the last run is not run again; its findings, outcomes and inventory entries are
// taken from the last run. This file keeps the results on disk (rules never touch the disk); the
// rule engine (rules/engine.ts) decides what a rule's inputs are and when a result is reused.
//
// A rule's inputs are found by watching it run: each part of its context it reads
// (the layout, the config, one collector's facts, the documents, the probes, ...) is a named input
// with a digest. The entry stores the names and a key over their digests; the next run computes the
// digests of those same inputs and compares. A rule is a deterministic function of what it reads,
// so with every input it read unchanged it would read the same inputs again and give the same
// result; when one changed, it runs. Facts are digested by each file's records of that collector
// (a digest kept in the facts cache), so an edit re-runs only the rules that read a collector whose
// records of the edited file changed: a comment edit re-runs none.
// A rule is never cached when it reads other rules' findings or inventory entries, registers a
// secret (the value would have to be written to disk), or throws.
//
// The file is sealed (util/cache-seal.ts: a file changed outside verdict is not trusted, every rule
// runs), then JSON Lines in ASCII: a header `{"format","salt"}`, then per rule a line
// `[ruleId, key, inputs, digest of the result line]` and a line with the result, and per inventory
// value a line `["=", value digest, digest of the value line]` and the value. A result names its
// inventory entries' values by digest: an entry set inside a memo is every memo user's (8 route
// rules share the route inventory), and is stored once. Only the first line of each pair is parsed
// when the run starts; a result or value is checked against its digest and parsed when its key
// matches, and written back as the same bytes. A result that holds anything the run's
// redaction would mask is not stored (see `save`): secret values never reach the file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsealedWarning, type CacheSeal } from '../util/cache-seal.js';
import { isRecord } from '../util/structured.js';
import { writeFileAtomic } from '../util/write-file.js';
import { ascii } from './cache.js';

const FORMAT = 'verdict-rules/3';
const FILE = 'rules.jsonl';

/** One rule's result as stored: its findings and outcomes are the engine's records, as JSON. */
export interface RuleResult<F = Record<string, unknown>, O = Record<string, unknown>> {
  findings: F[];
  outcomes: O[];
  /** Inventory entries the rule set, in the order it set them. */
  inventory: Array<[string, unknown]>;
}

interface Stored {
  key: string;
  inputs: string[];
  /** sha1 of the result line. */
  digest: string;
  /** The result line in `bytes`. */
  at: [number, number];
}

const NO_VALUE = Symbol('no value');

/** The key of a rule's entry: its id, the run's salt, and each input's name and digest. */
export function resultKey(ruleId: string, salt: string, inputs: readonly string[], digest: (input: string) => string | null): string | null {
  const hash = createHash('sha1').update(ruleId).update('\0').update(salt).update('\0');
  for (const name of [...inputs].sort()) {
    const d = digest(name);
    if (d === null) return null;
    hash.update(name).update('\0').update(d).update('\0');
  }
  return hash.digest('base64url');
}

export class RuleResultCache {
  private readonly file: string;
  private bytes: Buffer | null = null;
  private readonly stored = new Map<string, Stored>();
  /** value digest -> its value line (and the digest of that line). */
  private readonly values = new Map<string, { digest: string; at: [number, number] }>();
  /** Values parsed this run, by digest: rules replaying the same entry get the same value. */
  private readonly parsedValues = new Map<string, unknown>();
  /** value digest -> its two lines to write back. */
  private readonly nextValues = new Map<string, Uint8Array>();
  /** ruleId -> digests of the values its reused result names. */
  private readonly refs = new Map<string, string[]>();
  /** ruleId -> the two lines to write back (reused bytes), or this run's result (encoded when saved). */
  private readonly next = new Map<string, Uint8Array | { key: string; inputs: string[]; result: RuleResult<unknown, unknown> }>();
  private dirty = false;
  hits = 0;
  warning: string | null = null;

  constructor(private readonly dir: string, private readonly salt: string, private readonly seal: CacheSeal) {
    this.file = join(dir, FILE);
    if (!existsSync(this.file)) return;
    try {
      const body = seal.unseal(this.file, readFileSync(this.file));
      if (!body) {
        this.warning = `${unsealedWarning(this.file, 'rule cache')}: every rule runs (it will be rewritten)`;
        return;
      }
      this.bytes = body;
      this.index(this.bytes);
    } catch {
      this.bytes = null;
      this.stored.clear();
      this.warning = `${this.file}: rule cache unreadable, every rule runs (it will be rewritten)`;
    }
  }

  private index(bytes: Buffer): void {
    let end = bytes.indexOf(0x0a);
    if (end < 0) end = bytes.length;
    const header = JSON.parse(bytes.toString('latin1', 0, end)) as { format?: unknown; salt?: unknown };
    if (header?.format !== FORMAT) {
      if (typeof header?.format === 'string' && header.format.startsWith('verdict-rules/')) return;
      throw new Error('not a verdict rule cache');
    }
    if (header.salt !== this.salt) return;
    for (let start = end + 1; start < bytes.length; start = end + 1) {
      end = bytes.indexOf(0x0a, start);
      if (end < 0) throw new Error('a rule without its result');
      const head = JSON.parse(bytes.toString('latin1', start, end)) as unknown;
      if (Array.isArray(head) && head[0] === '=' && head.length === 3 && typeof head[1] === 'string' && typeof head[2] === 'string') {
        const from = end + 1;
        end = bytes.indexOf(0x0a, from);
        if (end < 0) end = bytes.length;
        this.values.set(head[1], { digest: head[2], at: [from, end] });
        continue;
      }
      if (!Array.isArray(head) || head.length !== 4 || typeof head[0] !== 'string' || typeof head[1] !== 'string'
        || !Array.isArray(head[2]) || !head[2].every((x) => typeof x === 'string') || typeof head[3] !== 'string') throw new Error('malformed line');
      const from = end + 1;
      end = bytes.indexOf(0x0a, from);
      if (end < 0) end = bytes.length;
      if (bytes[from] !== 0x7b || bytes[end - 1] !== 0x7d) throw new Error('malformed result line');
      this.stored.set(head[0], { key: head[1], inputs: head[2] as string[], digest: head[3], at: [from, end] });
    }
  }

  /** The inputs the rule read at the last run, to be digested now (undefined: not cached). */
  inputsOf(ruleId: string): readonly string[] | undefined {
    return this.stored.get(ruleId)?.inputs;
  }

  /** The stored result when `key` is the key of its inputs now; a stale or damaged entry is dropped. */
  get<F, O>(ruleId: string, key: string | null): RuleResult<F, O> | undefined {
    const s = this.stored.get(ruleId);
    if (!s || key === null || s.key !== key) return undefined;
    let result: unknown;
    try {
      const bytes = this.bytes!.subarray(s.at[0], s.at[1]);
      result = createHash('sha1').update(bytes).digest('base64url') === s.digest ? JSON.parse(bytes.toString('latin1')) : undefined;
    } catch {
      result = undefined;
    }
    const own = (x: unknown): boolean => isRecord(x) && x.ruleId === ruleId;
    const inventory: Array<[string, unknown]> = [];
    const refs: string[] = [];
    const ok = isRecord(result) && Array.isArray(result.findings) && result.findings.every(own)
      && Array.isArray(result.outcomes) && result.outcomes.length > 0 && result.outcomes.every(own)
      && Array.isArray(result.inventory) && result.inventory.every((e) => {
        if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'string') return false;
        const value = this.value(e[1]);
        if (value === NO_VALUE) return false;
        inventory.push([e[0], value]);
        refs.push(e[1]);
        return true;
      });
    if (!ok) {
      this.stored.delete(ruleId);
      this.dirty = true;
      this.warning = `${this.file}: a rule's cached result was unreadable, the rule ran again (the cache will be rewritten)`;
      return undefined;
    }
    this.hits++;
    this.refs.set(ruleId, refs);
    const headStart = this.bytes!.lastIndexOf(0x0a, s.at[0] - 2) + 1;
    this.next.set(ruleId, this.bytes!.subarray(headStart, s.at[1]));
    return { ...(result as unknown as RuleResult<F, O>), inventory };
  }

  /** An inventory value by its digest, checked and parsed once per run (NO_VALUE: missing or damaged). */
  private value(id: string): unknown {
    if (this.parsedValues.has(id)) return this.parsedValues.get(id);
    const v = this.values.get(id);
    if (!v) return NO_VALUE;
    const bytes = this.bytes!.subarray(v.at[0], v.at[1]);
    if (createHash('sha1').update(bytes).digest('base64url') !== v.digest) return NO_VALUE;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('latin1'));
    } catch {
      return NO_VALUE;
    }
    this.parsedValues.set(id, value);
    this.nextValues.set(id, this.bytes!.subarray(this.bytes!.lastIndexOf(0x0a, v.at[0] - 2) + 1, v.at[1]));
    return value;
  }

  /** Keeps a rule's result, to be written by `save`: it may hold values found to be secret later in the run. */
  set<F, O>(ruleId: string, key: string, inputs: readonly string[], result: RuleResult<F, O>): void {
    this.next.set(ruleId, { key, inputs: [...inputs].sort(), result });
    this.dirty = true;
  }

  /**
   * Writes the file. `redact` is the run's redaction (every secret value the run found, and the
   * patterns; it returns its argument itself when nothing in it is masked). A result it would change
   * is not stored: its rule runs again next time. Storing the masked form instead would change the
   * report (finding fingerprints are taken from the text before redaction). `secrets`: the values the
   * run found to be secret; a reused entry or value that holds one (it was stored before the value
   * was known to be secret) is dropped too.
   */
  save(redact: <T>(value: T) => T, secrets: readonly string[] = []): void {
    if (!this.dirty && this.next.size === this.stored.size) return;
    try {
      const newline = Buffer.from('\n');
      const parts: Uint8Array[] = [Buffer.from(ascii(JSON.stringify({ format: FORMAT, salt: this.salt })), 'latin1')];
      const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('base64url');
      // Values this run set, by identity: encoded once however many rules set the same value.
      const encoded = new Map<unknown, string>();
      const needles = secrets.map((v) => Buffer.from(ascii(JSON.stringify(v)).slice(1, -1), 'latin1'));
      const holdsSecret = (bytes: Uint8Array): boolean => needles.some((n) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(n));
      const values = new Map([...this.nextValues].filter(([, bytes]) => !holdsSecret(bytes)));
      // An inventory value is looked at once however many results hold it (the route table's
      // inventory is in every route rule's result: redacting it per rule cost seconds after an edit).
      const masked = new Map<unknown, boolean>();
      const maskedValue = (v: unknown): boolean => {
        let m = masked.get(v);
        if (m === undefined) masked.set(v, (m = redact(v) !== v));
        return m;
      };
      for (const [ruleId, entry] of this.next) {
        if (entry instanceof Uint8Array) {
          // Kept only with every value it names.
          if (!holdsSecret(entry) && (this.refs.get(ruleId) ?? []).every((id) => values.has(id))) parts.push(newline, entry);
          continue;
        }
        const own = [entry.result.findings, entry.result.outcomes, entry.result.inventory.map(([k]) => k)];
        if (redact(own) !== own || entry.result.inventory.some(([, v]) => maskedValue(v))) continue;
        const inventory = entry.result.inventory.map(([k, v]): [string, string] => {
          let id = encoded.get(v);
          if (id === undefined) {
            const line = Buffer.from(ascii(JSON.stringify(v) ?? 'null'), 'latin1');
            id = sha1(line);
            encoded.set(v, id);
            if (!values.has(id)) values.set(id, Buffer.concat([Buffer.from(JSON.stringify(['=', id, id])), newline, line]));
          }
          return [k, id];
        });
        const line = Buffer.from(ascii(JSON.stringify({ ...entry.result, inventory })), 'latin1');
        parts.push(newline, Buffer.from(ascii(JSON.stringify([ruleId, entry.key, entry.inputs, sha1(line)])), 'latin1'), newline, line);
      }
      for (const lines of values.values()) parts.push(newline, lines);
      writeFileAtomic(this.file, this.seal.sealParts(this.file, parts));
    } catch (err) {
      this.warning = `${this.dir}: cannot write the rule cache (${(err as Error).message}); use --cache-dir or --no-cache`;
    }
  }
}
