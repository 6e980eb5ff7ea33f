// SQLite for applying SQLite/D1 migration sets: sql.js, SQLite compiled to wasm, whose files live in
// memory (Emscripten's MEMFS) and which is built without extension loading. A migration can then not
// reach the disk whatever it holds, `--no-exec` or not: `ATTACH DATABASE '/some/path'` or
// `VACUUM INTO '/some/path'` would only make a file in that memory. (libsql, used before, is a native
// SQLite on the real file system; its authorizer is asked per table and refused the CREATE TABLE a
// migration needs along with the file access.)
// Beyond containment, a statement that would touch a file is refused before it runs, so the report
// says the set does so instead of passing it as if it had applied cleanly: SQLite itself says what a
// statement does (its compiled program, `EXPLAIN`), not a pattern over the text.
// This engine runs inside a worker thread (sqlite-thread.ts), never on the audit's own thread: a
// statement that never ends (a recursive CTE without a bound) can only be stopped by ending its thread.
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue, type Statement } from 'sql.js';

/** A statement verdict does not run because it would read or write a file outside the database. */
export class FileAccessRefused extends Error {}

export interface SqliteEngineDb {
  /** Runs each statement of `sql` in order; throws the first failure (a FileAccessRefused for file access). */
  run(sql: string): void;
  rows(sql: string, params?: SqlValue[]): Array<Record<string, SqlValue>>;
  close(): void;
}

let engine: Promise<SqlJsStatic> | null = null;

/** A new empty in-memory database on this thread (the wasm module is loaded once per thread, ~50 ms). */
export async function openSqliteEngine(): Promise<SqliteEngineDb> {
  engine ??= initSqlJs();
  const db = new (await engine).Database();
  return {
    run: (sql) => runAll(db, sql),
    rows(sql, params = []) {
      const st = db.prepare(sql);
      try {
        st.bind(params);
        const out: Array<Record<string, SqlValue>> = [];
        while (st.step()) out.push(st.getAsObject());
        return out;
      } finally {
        st.free();
      }
    },
    close: () => db.close(),
  };
}

const NOT_RUN = 'verdict does not run file access from an audited repository';

/** The SQL from its first token on. */
function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/, '');
}

/** Pragmas that name a folder for SQLite's files. */
const FILE_PRAGMA = /^PRAGMA\s+(?:\w+\s*\.\s*)?(temp_store_directory|data_store_directory)\b/i;

function runAll(db: Database, sql: string): void {
  let current: Statement | null = null;
  const statements = db.iterateStatements(sql) as Iterable<Statement> & { getRemainingSQL(): string };
  try {
    for (const st of statements) {
      current = st;
      const refused = fileAccess(db, st);
      if (refused) throw new FileAccessRefused(`${refused} reaches a file outside the database; ${NOT_RUN}`);
      while (st.step()) { /* rows are not needed */ }
    }
  } catch (err) {
    if (err instanceof FileAccessRefused) throw err;
    // Some fail as SQLite prepares them, before they can be examined: load_extension (not in this
    // build; SQLite refuses it unless enabled, and D1 does), a directory pragma (checked as it compiles).
    if (/no such function: load_extension/i.test((err as Error).message ?? '')) {
      throw new FileAccessRefused(`load_extension() loads a library from a file; ${NOT_RUN}`);
    }
    const pragma = FILE_PRAGMA.exec(withoutLeadingComments(statements.getRemainingSQL()));
    if (pragma) throw new FileAccessRefused(`PRAGMA ${pragma[1].toLowerCase()} names a folder for SQLite's files; ${NOT_RUN}`);
    throw err;
  } finally {
    current?.free();
  }
}

/** What in the statement would touch a file (null: nothing), read from its compiled program. */
function fileAccess(db: Database, st: Statement): string | null {
  const normalized = st.getNormalizedSQL();
  const pragma = FILE_PRAGMA.exec(normalized);
  if (pragma) return `PRAGMA ${pragma[1].toLowerCase()}`;
  if (/^EXPLAIN\b/i.test(normalized)) return null; // explaining a statement does not run it
  const [program] = db.exec(`EXPLAIN ${st.getSQL()}`);
  for (const [, opcode, , p2, , p4] of program?.values ?? []) {
    if ((opcode === 'Function' || opcode === 'PureFunc') && typeof p4 === 'string') {
      if (p4.startsWith('sqlite_attach(')) return 'ATTACH DATABASE';
      if (p4.startsWith('sqlite_detach(')) return 'DETACH DATABASE';
    }
    if (opcode === 'Vacuum' && p2 !== 0) return 'VACUUM INTO';
  }
  return null;
}
