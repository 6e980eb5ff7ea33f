// Whether a piece of text reads as an SQL statement, not as prose that mentions SQL words (an LLM
// prompt such as "Select the users from ..." or a doc string). Shared by the data-access collector
// and the database rules.
// The keyword ends at a space, `(`, `;` or the end: `merge-enrollment-${id}` (an Upstash Workflow
// step name passed to `context.run`) is no MERGE.
const KEYWORDS = 'select|insert|update|delete|with|create|drop|alter|replace|pragma|truncate|merge|upsert|explain|vacuum';
const STATEMENT = new RegExp(`^\\s*(?:--[^\\n]*\\n\\s*|\\/\\*[\\s\\S]*?\\*\\/\\s*)*\\(?\\s*(${KEYWORDS})(?=[\\s(;*]|$)`, 'i');
/**
 * Where literal SQL may start, in source text: a statement keyword followed by what ends it in
 * STATEMENT, by a closing quote, or by an escape (`'SELECT\\n...'`). A file without one holds no
 * string `isSqlStatement` accepts (unless it spells the keyword itself with escapes): a cheap trigger.
 */
export const STATEMENT_IN_SOURCE = new RegExp(`(?:${KEYWORDS})(?=[\\s(;*'"\`\\\\]|$)`, 'i');
const CLAUSE = /\b(select\s[\s\S]*\bfrom\b|insert\s+(or\s+\w+\s+)?into\b|update\s+["`\w.]+\s+set\b|delete\s+from\b|create\s+(unique\s+)?(table|index|view)\b|drop\s+(table|index|view)\b|alter\s+table\b|where\s|order\s+by\b|group\s+by\b|values\s*\(|returning\b|limit\s+\S|and\s+[\w."`]+\s*(=|<|>|like|in)\b)/i;
const PROSE = /\s(the|you|your|please|should|which|this|that|write|return|following)\s/gi;

/** SQL text as a whole statement: it starts with a statement keyword and is not prose. */
export function isSqlStatement(text: string): boolean {
  const m = STATEMENT.exec(text);
  if (!m) return false;
  const kw = m[1].toLowerCase();
  if (kw === 'select' && !/\bfrom\b|^\s*\(?\s*select\s+[\w$?:'"(*,.\s-]+$/i.test(text)) return false;
  if (['update', 'delete', 'insert', 'create', 'drop', 'alter', 'replace', 'with'].includes(kw) && !CLAUSE.test(text)) return false;
  return !isProse(text);
}

/**
 * The keyword a statement starts with, lower case, after comments and an opening parenthesis
 * (`select`, `insert`, `with`), or null when the text does not start like a statement. What a
 * handler's SQL does: only `select` reads and nothing else.
 */
export function statementVerb(text: string): string | null {
  const m = STATEMENT.exec(text);
  return m ? m[1].toLowerCase() : null;
}

/** A fragment of SQL (a clause appended to a query built elsewhere): `' WHERE id = ' + id`. */
export function isSqlFragment(text: string): boolean {
  return (isSqlStatement(text) || /^\s*(where|and|or|order\s+by|group\s+by|limit|offset|set|values|from|join|left\s+join|inner\s+join|on)\b/i.test(text) || CLAUSE.test(text)) && !isProse(text);
}

function isProse(text: string): boolean {
  const words = text.match(PROSE);
  return words !== null && words.length >= 2;
}

/** A statement that only checks the connection (`SELECT 1`, `SELECT now()`): no table is touched. */
export function isTrivialSql(text: string): boolean {
  return /^\s*select\s+(1|true|now\(\)|version\(\)|current_timestamp|sqlite_version\(\))\s*(as\s+\w+)?\s*;?\s*$/i.test(text);
}

// Splits SQL text into statements with their lines: quotes, comments, Postgres dollar quotes and
// SQLite trigger bodies (BEGIN ... END) keep their semicolons.
export interface SplitStatement {
  text: string;
  /** 1-based line of the statement's first token, and of its end. */
  line: number;
  endLine: number;
  /** Offset of the first token in the source text. */
  offset: number;
}

export function splitSql(sql: string, from = 0, to = sql.length): SplitStatement[] {
  const out: SplitStatement[] = [];
  let line = 1;
  for (let i = 0; i < from; i++) if (sql.charCodeAt(i) === 10) line++;
  let start = -1;
  let startLine = line;
  let i = from;
  const flush = (end: number) => {
    if (start >= 0) {
      const text = sql.slice(start, end).trim();
      if (text) out.push({ text, line: startLine, endLine: line, offset: start });
    }
    start = -1;
  };
  const begin = () => {
    if (start < 0) { start = i; startLine = line; }
  };
  while (i < to) {
    const c = sql[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < to && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? to : end + 2;
      for (; i < stop; i++) if (sql[i] === '\n') line++;
      continue;
    }
    if (/\s/.test(c)) { i++; continue; }
    begin();
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < to && !(sql[i] === c && sql[i + 1] !== c)) {
        if (sql[i] === c) i++;
        if (sql[i] === '\n') line++;
        i++;
      }
      i++;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        const stop = end < 0 ? to : end + tag[0].length;
        for (; i < stop; i++) if (sql[i] === '\n') line++;
        continue;
      }
    }
    if (c === ';') {
      const soFar = sql.slice(start, i);
      if (/^\s*create\s+(temp\w*\s+)?trigger\b/i.test(soFar) && !/\bend\s*$/i.test(soFar)) { i++; continue; }
      flush(i);
      i++;
      continue;
    }
    i++;
  }
  flush(to);
  return out;
}

/** 1-based line of an offset. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
