// Counting a statement's placeholders: `$n` with the real Postgres parser (its ParamRef nodes), `?`
// with a tokenizer that skips strings, quoted names and comments.
import { pgParser } from './pg-parser.js';

/** The value slots a statement has: `slots` values are needed; `gaps` are numbers below the highest never used (`$1, $3`). */
export interface Placeholders { style: '$n' | '?'; slots: number; gaps: number[] }

/** Postgres `$n`: the numbers the parser finds; null when the text does not parse (another rule's concern) or has none. */
export async function postgresPlaceholders(sql: string): Promise<Placeholders | null> {
  const { parseSync } = await pgParser();
  let tree: unknown;
  try { tree = parseSync(sql); } catch { return null; }
  const used = new Set<number>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) { for (const x of n) walk(x); return; }
    if (!n || typeof n !== 'object') return;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'ParamRef' && v && typeof v === 'object' && typeof (v as { number?: unknown }).number === 'number') used.add((v as { number: number }).number);
      else walk(v);
    }
  };
  walk(tree);
  if (used.size === 0) return null;
  const slots = Math.max(...used);
  const gaps: number[] = [];
  for (let i = 1; i < slots; i++) if (!used.has(i)) gaps.push(i);
  return { style: '$n', slots, gaps };
}

/**
 * `?` placeholders (MySQL, SQLite, D1, knex): each `?` (and MySQL's `??` for a name) outside string
 * literals, quoted names and comments takes one value; SQLite's `?NNN` takes the NNN-th. Null when
 * there is none, or when numbered and bare ones are mixed or names are used (`:id`, `@id`): not a count.
 */
export function questionPlaceholders(sql: string): Placeholders | null {
  let bare = 0;
  let numbered = 0;
  const used = new Set<number>();
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < sql.length; i++) {
        if (sql[i] === '\\' && c !== '`') { i++; continue; }
        if (sql[i] === c) { if (sql[i + 1] === c) { i++; continue; } break; }
      }
      continue;
    }
    if ((c === '-' && sql[i + 1] === '-') || c === '#') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') { const end = sql.indexOf('*/', i + 2); i = end < 0 ? sql.length : end + 1; continue; }
    if (c === '?') {
      const num = /^\?(\d+)/.exec(sql.slice(i, i + 8));
      if (num) { numbered++; used.add(Number(num[1])); i += num[0].length - 1; continue; }
      if (sql[i + 1] === '?') i++;
      bare++;
      continue;
    }
    // SQLite's named parameters: not counted here.
    if ((c === ':' || c === '@') && /[A-Za-z_]/.test(sql[i + 1] ?? '') && !/[\w:]/.test(sql[i - 1] ?? ' ')) return null;
  }
  if (bare === 0 && numbered === 0) return null;
  if (bare > 0 && numbered > 0) return null;
  if (bare > 0) return { style: '?', slots: bare, gaps: [] };
  const slots = Math.max(...used);
  const gaps: number[] = [];
  for (let i = 1; i < slots; i++) if (!used.has(i)) gaps.push(i);
  return { style: '?', slots, gaps };
}
