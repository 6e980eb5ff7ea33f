// The real Postgres parser (pgsql-parser: libpg_query in wasm), shared by the migrations probe and
// the rules that read SQL written in code. Loading it is asynchronous and costs ~0.2 s, so it is
// loaded once, by the first stage that needs it; parsing afterwards is synchronous.
type PgsqlParser = typeof import('pgsql-parser');

export type PgNode = Record<string, unknown>;

let loading: Promise<PgsqlParser> | null = null;
let loaded: PgsqlParser | null = null;

/** Loads the parser (once per process). */
export function loadPostgresParser(): Promise<PgsqlParser> {
  loading ??= import('pgsql-parser').then(async (m) => {
    await m.loadModule();
    loaded = m;
    return m;
  });
  return loading;
}

export type PgParse = { ok: true; stmts: PgNode[] } | { ok: false; message: string; position: number | null };

/** Parses Postgres text; throws when the parser was not loaded first (a programming error, not the input's). */
export function parsePostgres(text: string): PgParse {
  if (!loaded) throw new Error('pg-parser: parsePostgres called before loadPostgresParser() finished');
  try {
    const res = loaded.parseSync(text) as { stmts?: Array<{ stmt: PgNode }> };
    return { ok: true, stmts: (res.stmts ?? []).map((s) => s.stmt) };
  } catch (err) {
    const e = err as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const pos = e.sqlDetails?.cursorPosition;
    return { ok: false, message: e.message ?? String(err), position: typeof pos === 'number' ? pos : null };
  }
}

/**
 * SQL as a driver receives it, in Postgres's placeholder spelling: each `?` outside quotes becomes
 * `$1`, `$2`, … in order (mysql, sqlite and knex drivers bind by position), and back-quoted
 * identifiers become double-quoted ones. Quoted strings, comments and `$$` bodies are left as they are.
 */
export function toPostgresPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      out += sql.slice(i, end);
      i = end - 1;
    } else if (c === '`') {
      const end = closing(sql, i, '`');
      out += `"${sql.slice(i + 1, end - 1).replace(/"/g, '""')}"`;
      i = end - 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      out += sql.slice(i, end < 0 ? sql.length : end);
      i = (end < 0 ? sql.length : end) - 1;
    } else if (c === '?' && !/[?|&@#-]/.test(sql[i + 1] ?? '') && !/[?|&@#]/.test(sql[i - 1] ?? '')) {
      // `?|`, `?&`, `@?` and `#-`-style operators of jsonb are not placeholders.
      out += `$${++n}`;
    } else out += c;
  }
  return out;
}

/** The index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closing(sql: string, start: number, q: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** The loaded parser module itself (for callers that walk its own API). */
export const pgParser = loadPostgresParser;
