// Whether a piece of text reads as an SQL statement, not as prose that mentions SQL words (an LLM
// prompt such as "Select the users from ..." or a doc string). Shared by the data-access collector
// and the database rules.
const STATEMENT = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*\(?\s*(select|insert|update|delete|with|create|drop|alter|replace|pragma|truncate|merge|upsert|explain|vacuum)\b/i;
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
