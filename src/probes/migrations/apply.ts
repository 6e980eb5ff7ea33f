// Applies one migration set from scratch to an embedded engine, the way its runner does, and checks
// that each down migration restores the schema it started from.
import type { MigrationSet, SchemaSnapshot, SqlStatement } from '../../model/migrations.js';
import { BUILTIN_EXTENSIONS, PGLITE_EXTENSIONS, type MigrationEngines } from './engines.js';
import { EngineTimeout, type PgHandle } from './pg-worker.js';
import { FileAccessRefused, type SqliteDb } from './sqlite.js';
import type { FileStatements } from './statements.js';

export interface ApplyFailure { path: string; line: number; statement: string; message: string }
export interface DownCheck { path: string; down: string; restored: boolean; differences: string[]; failure: ApplyFailure | null }

export interface ApplyOutcome {
  status: 'applied' | 'failed' | 'unknown';
  engine: 'pglite' | 'sqlite';
  applied: number;
  total: number;
  failure: ApplyFailure | null;
  unknownReason: string | null;
  downChecks: DownCheck[];
  schema: SchemaSnapshot | null;
}

interface Engine {
  /** Runs statements as the runner does; returns the first failing one. */
  run(stmts: SqlStatement[], script: string | null): Promise<ApplyFailure | null>;
  snapshot(): Promise<SchemaSnapshot>;
}

const firstLine = (s: string) => s.split('\n')[0].slice(0, 200);
/** A statement's own failure; an engine that stopped answering is not one (the set is then UNKNOWN). */
const failure = (s: SqlStatement, err: unknown): ApplyFailure => {
  if (err instanceof EngineTimeout) throw err;
  if (err instanceof FileAccessRefused) throw new RefusedStatement(s, err.message);
  return located(s, err);
};
const located = (s: SqlStatement, err: unknown): ApplyFailure => ({ path: s.path, line: s.line, statement: firstLine(s.text), message: (err as Error).message ?? String(err) });

/** A statement not run because it would touch a file: the set is then UNKNOWN past it, and says where. */
class RefusedStatement extends Error {
  constructor(readonly at: SqlStatement, message: string) { super(message); }
}

/** Prisma, dbmate and custom runners send a file as one multi-statement script (one implicit transaction). */
export function sendsWholeFile(set: MigrationSet): boolean {
  return !['drizzle', 'goose', 'wrangler-d1'].includes(set.runner);
}

function postgresEngine(db: PgHandle, wholeFile: boolean): Engine {
  return {
    async run(stmts, script) {
      if (stmts.length === 0) return null;
      if (wholeFile && script !== null) {
        try {
          await db.exec(script);
          return null;
        } catch (err) {
          if (err instanceof EngineTimeout) throw err;
          // The script rolled back as a whole; replay it in a transaction to find the statement.
          let found: ApplyFailure | null = null;
          await db.exec('BEGIN');
          for (const s of stmts) {
            try { await db.exec(s.text); } catch (e) { found = failure(s, e); break; }
          }
          await db.exec('ROLLBACK').catch(() => undefined);
          return found ? { ...found, message: (err as Error).message } : { ...failure(stmts[0], err) };
        }
      }
      await db.exec('BEGIN');
      for (const s of stmts) {
        try { await db.exec(s.text); } catch (e) {
          await db.exec('ROLLBACK').catch(() => undefined);
          return failure(s, e);
        }
      }
      await db.exec('COMMIT');
      return null;
    },
    async snapshot() {
      const cols = await db.query<{ t: string; c: string; ty: string; n: string; d: string | null }>(
        `SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END AS t,
                column_name AS c, udt_name AS ty, is_nullable AS n, column_default AS d
           FROM information_schema.columns
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, ordinal_position`);
      const objs = await db.query<{ o: string }>(
        `SELECT indexdef AS o FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
         UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c
           JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND conrelid <> 0
         UNION ALL SELECT 'type ' || t.typname || ' ' || coalesce(string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder), '') FROM pg_type t
           JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_enum e ON e.enumtypid = t.oid
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd') GROUP BY t.typname
         UNION ALL SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
         ORDER BY 1`);
      const tables: SchemaSnapshot['tables'] = {};
      for (const r of cols.rows) (tables[r.t] ??= []).push({ name: r.c, type: r.ty, nullable: r.n === 'YES', hasDefault: r.d !== null });
      return { tables, objects: objs.rows.map((r) => r.o) };
    },
  };
}

function sqliteEngine(db: SqliteDb): Engine {
  return {
    async run(stmts) {
      for (const s of stmts) {
        try { await db.run(s.text); } catch (e) { return failure(s, e); }
      }
      return null;
    },
    async snapshot() {
      const master = await db.rows("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', '_cf_KV') ORDER BY type, name");
      const tables: SchemaSnapshot['tables'] = {};
      const objects: string[] = [];
      for (const row of master) {
        const [type, name, sql] = [String(row.type), String(row.name), String(row.sql ?? '')];
        if (type !== 'table') { objects.push(`${type} ${name} ${sql.replace(/\s+/g, ' ')}`); continue; }
        const info = await db.rows('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)', [name]);
        tables[name] = info.map((c) => ({ name: String(c.name), type: String(c.type).toLowerCase(), nullable: Number(c.notnull) === 0 && Number(c.pk) === 0, hasDefault: c.dflt_value !== null }));
      }
      return { tables, objects };
    },
  };
}

export function diffSnapshots(before: SchemaSnapshot, after: SchemaSnapshot): string[] {
  const out: string[] = [];
  for (const t of Object.keys(after.tables)) if (!before.tables[t]) out.push(`table ${t} remains`);
  for (const t of Object.keys(before.tables)) {
    if (!after.tables[t]) { out.push(`table ${t} is missing`); continue; }
    const key = (c: SchemaSnapshot['tables'][string][number]) => `${c.name} ${c.type}${c.nullable ? '' : ' not null'}${c.hasDefault ? ' default' : ''}`;
    const a = new Set(after.tables[t].map(key));
    const b = new Set(before.tables[t].map(key));
    for (const c of b) if (!a.has(c)) out.push(`column ${t}.${c} is missing or changed`);
    for (const c of a) if (!b.has(c)) out.push(`column ${t}.${c} remains`);
  }
  const objA = new Set(after.objects);
  for (const o of before.objects) if (!objA.has(o)) out.push(`${o} is missing`);
  for (const o of after.objects) if (!before.objects.includes(o)) out.push(`${o} remains`);
  return out;
}

/** Extensions the set creates that PGlite cannot load, with where. */
export function missingExtensions(stmts: SqlStatement[]): Array<{ name: string; at: SqlStatement }> {
  const out: Array<{ name: string; at: SqlStatement }> = [];
  for (const s of stmts) {
    const m = /^create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/i.exec(s.text);
    if (m && !PGLITE_EXTENSIONS[m[1].toLowerCase()] && !BUILTIN_EXTENSIONS.has(m[1].toLowerCase())) out.push({ name: m[1], at: s });
  }
  return out;
}

export function extensionsOf(stmts: SqlStatement[]): string[] {
  return stmts.map((s) => /^create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/i.exec(s.text)?.[1]?.toLowerCase()).filter((x): x is string => !!x);
}

export async function applySet(engines: MigrationEngines, set: MigrationSet, files: Map<string, FileStatements>, scripts: Map<string, string>): Promise<ApplyOutcome> {
  const isPg = set.dialect === 'postgresql';
  const outcome: ApplyOutcome = { status: 'applied', engine: isPg ? 'pglite' : 'sqlite', applied: 0, total: set.files.length, failure: null, unknownReason: null, downChecks: [], schema: null };
  const all = [...files.values()].flatMap((f) => f.up);
  if (isPg) {
    const lacking = missingExtensions(all);
    if (lacking.length > 0) {
      const l = lacking[0];
      return { ...outcome, status: 'unknown', unknownReason: `PGlite has no "${l.name}" extension (CREATE EXTENSION at ${l.at.path}:${l.at.line}); the set was not applied` };
    }
  }
  let sqlite: SqliteDb | null = null;
  const fresh = async (): Promise<Engine> => {
    if (isPg) return postgresEngine(await engines.postgres(extensionsOf(all)), sendsWholeFile(set));
    await sqlite?.close();
    sqlite = await engines.sqlite();
    return sqliteEngine(sqlite);
  };
  try {
    let engine = await fresh();
    for (const [i, path] of set.files.entries()) {
      const f = files.get(path) ?? { up: [], down: [] };
      const before = f.down.length > 0 ? await engine.snapshot() : null;
      const fail = await engine.run(f.up, scripts.get(path) ?? null);
      if (fail) return { ...outcome, status: 'failed', failure: fail, schema: await engine.snapshot() };
      outcome.applied++;
      if (!before) continue;
      const m = set.migrations.find((x) => x.path === path)!;
      const downFail = await engine.run(f.down, null);
      const differences = downFail ? [] : diffSnapshots(before, await engine.snapshot());
      const restored = !downFail && differences.length === 0;
      outcome.downChecks.push({ path, down: m.down!, restored, differences, failure: downFail });
      if (restored) {
        const again = await engine.run(f.up, scripts.get(path) ?? null);
        if (!again) continue;
      }
      // The down left the database elsewhere: rebuild up to here without downs and go on.
      engine = await fresh();
      for (const p of set.files.slice(0, i + 1)) {
        const redo = await engine.run(files.get(p)?.up ?? [], scripts.get(p) ?? null);
        if (redo) return { ...outcome, status: 'failed', failure: redo, schema: await engine.snapshot() };
      }
    }
    outcome.schema = await engine.snapshot();
    return outcome;
  } catch (err) {
    if (!(err instanceof RefusedStatement)) throw err;
    return { ...outcome, status: 'unknown', unknownReason: `${err.at.path}:${err.at.line}: ${err.message}; the set was applied up to that statement, not past it` };
  } finally {
    await (sqlite as SqliteDb | null)?.close();
    if (isPg) engines.sample();
  }
}
