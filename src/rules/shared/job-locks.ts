// What a scheduled job's code does, read from the symbol facts through the call graph: whether it
// takes a lock one replica wins (knowledge LOCK_IDIOMS: advisory-lock SQL, Redis SET NX, a lock
// document), and whether a `setInterval` callback writes to the database (an ORM write call).
import type { DeclFact, SymbolFact } from '../../collect/facts/symbols.js';
import { repositoryWriteOf } from '../../knowledge/index.js';
import { callTouchesData } from '../../link/handlers.js';
import { keyOf, type Link } from '../../link/index.js';

/** How far the call graph is followed from the job's declaration, and how many declarations at most. */
const MAX_DEPTH = 4;
const MAX_DECLS = 40;

export type Decls = ReadonlyMap<string, DeclFact>;

/** Each declaration's facts by its link key. */
export function declsByKey(symbols: ReadonlyArray<SymbolFact>): Map<string, DeclFact> {
  const out = new Map<string, DeclFact>();
  for (const s of symbols) if (s.type === 'decl') out.set(keyOf(s.path, s.id), s);
  return out;
}

/** The declarations `start` runs, breadth first through the call graph, the start included; `first` limits the start's edges (a callback's lines). */
function reached(link: Link, start: string, first?: (line: number) => boolean): string[] {
  const out = [start];
  const depth = new Map([[start, 0]]);
  for (let i = 0; i < out.length && out.length < MAX_DECLS; i++) {
    const k = out[i];
    if (depth.get(k)! >= MAX_DEPTH) continue;
    for (const e of link.callees(k)) {
      if (depth.has(e.to) || (i === 0 && first && !first(e.line))) continue;
      depth.set(e.to, depth.get(k)! + 1);
      out.push(e.to);
    }
  }
  return out;
}

/** The first lock the declaration `key`, or one it calls, takes: its idiom and place. */
export function lockTaken(link: Link, decls: Decls, key: string): { idiom: string; path: string; line: number } | null {
  for (const k of reached(link, key)) {
    const d = decls.get(k);
    const l = d?.locks?.[0];
    if (d && l) return { idiom: l.idiom, path: d.path, line: l.line };
  }
  return null;
}

/** A recorded ORM-write-shaped call that writes stored data (a library's repository class, or a data client by its descriptor or names). */
const writesData = (callee: string): boolean => repositoryWriteOf(callee) !== null || callTouchesData(callee).yes;

/**
 * The `setInterval` calls of the declaration `key` whose callback writes to the database, in its own
 * lines or in a function it calls from them: the interval's line and the write's place.
 */
export function writingIntervals(link: Link, decls: Decls, key: string): Array<{ line: number; write: { callee: string; path: string; line: number } }> {
  const d = decls.get(key);
  const out: Array<{ line: number; write: { callee: string; path: string; line: number } }> = [];
  for (const iv of d?.intervals ?? []) {
    const within = (line: number) => line >= iv.line && line <= iv.end;
    const own = d!.writes?.find((w) => within(w.line) && writesData(w.callee));
    if (own) { out.push({ line: iv.line, write: { callee: own.callee, path: d!.path, line: own.line } }); continue; }
    for (const k of reached(link, key, within).slice(1)) {
      const c = decls.get(k);
      const w = c?.writes?.find((x) => writesData(x.callee));
      if (c && w) { out.push({ line: iv.line, write: { callee: w.callee, path: c.path, line: w.line } }); break; }
    }
  }
  return out;
}
