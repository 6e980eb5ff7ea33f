// Decoding files of unknown encoding without losing them: UTF-8 (with or without BOM), UTF-16 with
// a BOM, and anything else read as Latin-1 with a note, never dropped.
import { OwnMemo } from './file-memo.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';
}

export function isBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return !hasUtf16Bom(buf);
  return false;
}

function hasUtf16Bom(buf: Uint8Array): boolean {
  return buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

export function decode(buf: Uint8Array): Decoded {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  try {
    return { text: utf8.decode(buf.subarray(start)), encoding: 'utf-8' };
  } catch {
    return { text: Buffer.from(buf).toString('latin1'), encoding: 'latin1' };
  }
}

/** Start offsets of each line, for offset -> line lookups. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const startsByOwner = new OwnMemo<object, number[]>('lineStarts');

/**
 * `lineAt` for many lookups in one text: the line starts are computed once per owner (a syntax tree,
 * a context) instead of scanning the text from its start at every call.
 */
export function lineTextOf(owner: object, text: string, line: number): string {
  let starts = startsByOwner.get(owner);
  if (!starts) startsByOwner.set(owner, (starts = lineStarts(text)));
  return lineFromStarts(text, starts, line);
}

/** `lineAt` from the text's line starts (`lineStarts`), without scanning the text. */
export function lineFromStarts(text: string, starts: readonly number[], line: number): string {
  if (line < 1 || line > starts.length) return line < 1 ? lineAt(text, line) : '';
  const start = starts[line - 1];
  const next = line < starts.length ? starts[line] - 1 : text.length;
  return text.slice(start, next).replace(/\r$/, '');
}

export function lineAt(text: string, line: number): string {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** A short single-line snippet for a location (a copy: it never keeps the file's text alive). */
export function snippetOf(lineText: string, max = 160): string {
  const t = lineText.trim().replace(/\s+/g, ' ');
  return detach(t.length > max ? `${t.slice(0, max - 1)}…` : t);
}

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 represents
 * `text.slice()` / `substring()` results (13 characters or more) as views into the parent, so a
 * fact or finding holding a snippet would keep the whole file text alive for the rest of the run.
 */
export function detach(s: string): string {
  // Slicing a concatenation flattens it into a fresh string first: the copy, at a quarter of the
  // cost of a round trip through a Buffer.
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/** `detach` over every string inside a JSON-like value. */
export function detachDeep<T>(v: T): T {
  if (typeof v === 'string') return detach(v) as T;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = detachDeep(v[i]);
    return out as T;
  }
  // Every fact passes here: plain loops, no [key, value] pair per property.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = detachDeep((v as Record<string, unknown>)[k]);
  return out as T;
}

export function toPosix(p: string): string {
  return p.split('\\').join('/');
}
