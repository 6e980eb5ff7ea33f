// What one build of the link keeps for the next (stored by collect/link-cache.ts), so that after an
// edit only what depends on the edited files is linked again:
// - module resolutions, a function of the file list, the texts the resolver read (package.json,
//   tsconfig) and the module roots: reused whole when all of those are as they were;
// - each file's call-graph edges, a function of the file's own symbol records and of the export
//   surface of every file they were resolved through (barrels and re-exports included): reused when
//   its records digest and each of those surfaces are unchanged. A body-only edit relinks the edited
//   file alone; a changed export relinks the files that resolved a name through it.
// Reachability and the route table are built again from the edges each time (they are global).
// It holds what the symbol facts cache holds already (paths, names, import specifiers), no more.
import { createHash } from 'node:crypto';
import { isRecord } from '../util/structured.js';
import type { Edge, EdgeReuse, FileEdges, FileSymbols } from './graph.js';
import type { Resolution } from './resolve.js';

const FORMAT = 'verdict-link/2';

export interface LinkMemory {
  format: typeof FORMAT;
  /** Digest of the file list, the workspaces and the module roots. */
  context: string;
  /** Every text the resolver read, with its digest (null: it was not there). */
  reads: Array<[string, string | null]>;
  resolutions: Array<[string, Resolution]>;
  /** Per file: its symbol records digest and surface, the surfaces its edges were resolved through, and the edges. */
  files: Array<[string, StoredEdges]>;
}

interface StoredEdges {
  own: string;
  /** The file's own export surface: while `own` is unchanged, so is it (it is computed from the same records). */
  surface: string;
  reads: Array<[string, string]>;
  edges: Array<[string, Edge[]]>;
  members: Array<[string, string[]]>;
}

const sha1 = (text: string): string => createHash('sha1').update(text).digest('base64url');

/** What the link keys its reuse on, besides the texts read: computed from this run's inputs. */
export function linkContext(files: readonly string[], workspaces: ReadonlyMap<string, string>, moduleRoots: unknown): string {
  const roots = JSON.stringify(moduleRoots, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)].sort() : v));
  return sha1(JSON.stringify([files, [...workspaces], roots]));
}

/**
 * What other files learn from a file when they resolve a name through it: its exported names and
 * the locals behind them, the kind and members of each exported declaration, its re-exports, and
 * the imports it exports again. A body or a private helper changed leaves it as it was.
 */
export function surfaceOf(f: FileSymbols | undefined): string {
  if (!f) return 'absent';
  const locals = new Set(f.exports.values());
  const decls = [...f.decls].filter(([id]) => {
    const dot = id.indexOf('.');
    return locals.has(dot < 0 ? id : id.slice(0, dot));
  }).map(([id, d]) => [id, d.kind]);
  const imports = [...f.imports].filter(([local]) => locals.has(local)).map(([local, i]) => [local, i.spec, i.imported]);
  return sha1(JSON.stringify([[...f.exports], decls, f.reexports.map((r) => [r.spec, r.name, r.imported]), imports]));
}

/** The earlier run's memory when it is well-formed and of this format; null otherwise. */
export function parseMemory(value: unknown): LinkMemory | null {
  if (!isRecord(value) || value.format !== FORMAT || typeof value.context !== 'string') return null;
  if (!Array.isArray(value.reads) || !Array.isArray(value.resolutions) || !Array.isArray(value.files)) return null;
  return value as unknown as LinkMemory;
}

/**
 * Reuse of an earlier build for this one: `read` is the texts the link reads now. The resolutions
 * are seeded when the context and every text read then are unchanged; otherwise nothing is reused.
 */
export class LinkReuse implements EdgeReuse {
  readonly seed: Array<[string, Resolution]> | undefined;
  private readonly previousFiles: Map<string, StoredEdges>;
  private readonly kept: Array<[string, StoredEdges]> = [];
  private readonly surfaces = new Map<string, string>();
  private symbols: ReadonlyMap<string, FileSymbols> = new Map();
  /** Files linked again this run (the rest were reused). */
  relinked = 0;

  constructor(
    private readonly stored: LinkMemory | null,
    private readonly context: string,
    read: (path: string) => string | undefined,
    private readonly ownDigests: ReadonlyMap<string, string>,
  ) {
    const usable = stored !== null && stored.context === context
      && stored.reads.every(([p, d]) => textDigest(read(p)) === d);
    this.seed = usable ? stored.resolutions : undefined;
    this.previousFiles = usable ? new Map(stored.files) : new Map();
  }

  /** The files' symbols of this run, once known: surfaces are taken from them. */
  useSymbols(symbols: ReadonlyMap<string, FileSymbols>): void {
    this.symbols = symbols;
  }

  /** A file's export surface now: the stored one when its records are unchanged (hashing all 6,000 surfaces of a corpus cost 0.3 s). */
  private surface(path: string): string {
    let s = this.surfaces.get(path);
    if (s === undefined) {
      const stored = this.previousFiles.get(path);
      const own = this.ownDigests.get(path);
      s = stored !== undefined && own !== undefined && stored.own === own ? stored.surface : surfaceOf(this.symbols.get(path));
      this.surfaces.set(path, s);
    }
    return s;
  }

  previous(path: string): FileEdges | undefined {
    const stored = this.previousFiles.get(path);
    const own = this.ownDigests.get(path);
    if (!stored || own === undefined || stored.own !== own || !stored.reads.every(([p, s]) => this.surface(p) === s)) return undefined;
    return { edges: stored.edges, members: stored.members, reads: stored.reads.map(([p]) => p) };
  }

  keep(path: string, e: FileEdges, reused: boolean): void {
    const own = this.ownDigests.get(path);
    if (!reused) this.relinked++;
    if (own === undefined) return;
    if (reused) {
      this.kept.push([path, this.previousFiles.get(path)!]);
      return;
    }
    this.kept.push([path, { own, surface: this.surface(path), reads: e.reads.map((p) => [p, this.surface(p)]), edges: e.edges, members: e.members }]);
  }

  /**
   * The memory to store for the next run; null when it would be what was stored (nothing relinked,
   * no new resolution or text read).
   */
  memory(resolutions: Array<[string, Resolution]>, madeResolutions: number, reads: ReadonlyMap<string, string | undefined>): LinkMemory | null {
    const known = new Map(this.seed ? this.stored!.reads : []);
    const newReads = [...reads.keys()].filter((p) => !known.has(p));
    if (this.seed && this.relinked === 0 && madeResolutions === 0 && newReads.length === 0 && this.kept.length === this.previousFiles.size) return null;
    for (const p of newReads) known.set(p, textDigest(reads.get(p)));
    return { format: FORMAT, context: this.context, reads: [...known], resolutions, files: this.kept };
  }
}

function textDigest(text: string | undefined): string | null {
  return text === undefined ? null : sha1(text);
}
