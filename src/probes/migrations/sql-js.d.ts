// The part of sql.js (SQLite compiled to wasm; the package ships no types) the migrations probe uses.
declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null;
  export interface Statement {
    bind(values?: SqlValue[]): boolean;
    step(): boolean;
    getAsObject(): Record<string, SqlValue>;
    getSQL(): string;
    getNormalizedSQL(): string;
    free(): boolean;
  }
  export interface QueryExecResult { columns: string[]; values: SqlValue[][] }
  export interface Database {
    exec(sql: string): QueryExecResult[];
    prepare(sql: string): Statement;
    iterateStatements(sql: string): Iterable<Statement>;
    close(): void;
  }
  export interface SqlJsStatic { Database: new () => Database }
  export default function initSqlJs(config?: Record<string, unknown>): Promise<SqlJsStatic>;
}
