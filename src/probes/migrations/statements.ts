// Reads each migration file of the SQL sets and splits it into located statements; Postgres
// statements are parsed with pgsql-parser (the real Postgres parser), one statement at a time, so
// a statement that does not parse is known by its own line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationSet, ParseFailure, SqlStatement } from '../../model/migrations.js';
import { pgParser } from '../../util/pg-parser.js';
import { lineOfOffset, splitSql } from '../../util/sql.js';
import { decode } from '../../util/text.js';

export interface FileStatements {
  up: SqlStatement[];
  down: SqlStatement[];
}

export function readSql(root: string, path: string): string | null {
  try {
    return decode(readFileSync(join(root, path))).text;
  } catch {
    return null;
  }
}

function locate(path: string, text: string, from: number, to: number, down: boolean): SqlStatement[] {
  return splitSql(text, from, to).map((s) => ({ path, line: s.line, endLine: s.endLine, text: s.text, down, ast: null }));
}

/** Up and down statements of one file; `downFile` is a separate down file, if any. */
export function fileStatements(root: string, set: MigrationSet, path: string): FileStatements {
  const m = set.migrations.find((x) => x.path === path);
  const text = readSql(root, path) ?? '';
  let up: SqlStatement[];
  let down: SqlStatement[] = [];
  if (m?.downLine) {
    const cut = text.split('\n').slice(0, m.downLine - 1).join('\n').length;
    up = locate(path, text, 0, cut, false);
    down = locate(path, text, cut, text.length, true);
  } else {
    up = locate(path, text, 0, text.length, false);
  }
  if (m?.down && m.down !== path) {
    const dt = readSql(root, m.down) ?? '';
    down = locate(m.down, dt, 0, dt.length, true);
  }
  return { up, down };
}

/** Parses Postgres statements in place (the parser is loaded by the first audit with a Postgres set); returns the statements that did not parse. */
export async function parsePostgres(statements: SqlStatement[]): Promise<ParseFailure[]> {
  const { parseSync } = await pgParser();
  const failures: ParseFailure[] = [];
  for (const s of statements) {
    try {
      const res = parseSync(s.text) as { stmts?: Array<{ stmt: Record<string, unknown> }> };
      s.ast = res.stmts?.[0]?.stmt ?? null;
    } catch (err) {
      const e = err as { message?: string; sqlDetails?: { cursorPosition?: number } };
      const pos = e.sqlDetails?.cursorPosition;
      const line = s.line + (typeof pos === 'number' ? lineOfOffset(s.text, pos) - 1 : 0);
      failures.push({ path: s.path, line, message: e.message ?? String(err) });
    }
  }
  return failures;
}
