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
