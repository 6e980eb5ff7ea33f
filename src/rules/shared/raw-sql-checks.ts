// Each raw SQL site of release code, judged once per run against the Postgres schema verdict knows
// for its package (shared/sql-schema.ts): its constant text parsed with the real Postgres parser, and
// the tables and columns it names looked up (shared/sql-references.ts). A site is `checked` only when
// all of that was possible; otherwise it says why not (text built at run time, a parse error, no
// schema known, another database's driver).
import { loadPostgresParser, parsePostgres, toPostgresPlaceholders, type PgNode } from '../../util/pg-parser.js';
import type { RepoRuleContext } from '../api.js';
import { resolveSites, type ResolvedSite } from './data-access.js';
import { nodeOf } from './migrations.js';
import { missingReferences, type Missing, type RelationLookup } from './sql-references.js';
import { schemaFor, type KnownSchema } from './sql-schema.js';

/** Drivers of other databases: their SQL is not Postgres's. */
const OTHER_DATABASES = new Set(['d1', 'better-sqlite3', 'sqlite', 'libsql', 'mysql2', 'planetscale']);
/** Schemas of Postgres's own catalogue. */
const CATALOG_SCHEMAS = new Set(['pg_catalog', 'information_schema']);

export type RawSqlCheck =
  | { site: ResolvedSite; checked: true; missing: Missing[]; schema: KnownSchema; text: string }
  | { site: ResolvedSite; checked: false; why: string };

/** The raw SQL sites a schema check concerns: release code and scripts, not tests or examples. */
export function rawSqlSites(ctx: RepoRuleContext): ResolvedSite[] {
  return resolveSites(ctx).filter((s) => s.kind === 'raw' && s.sql && ['service', 'script'].includes(ctx.layout.roles.of(s.path)));
}

/** The text as Postgres receives it: a driver's `?` placeholders numbered `$n` (a tagged template's already are). */
const asSent = (t: { text: string; tagged: boolean }): string => (t.tagged ? t.text : toPostgresPlaceholders(t.text));

const parsed = (text: string): PgNode[] | null => {
  const r = parsePostgres(text);
  return r.ok ? r.stmts : null;
};

/** Relations the code creates itself (`CREATE TABLE IF NOT EXISTS ...` run at start-up, temporary tables). */
function createdByCode(texts: Array<PgNode[] | null>): Set<string> {
  const out = new Set<string>();
  for (const stmts of texts) {
    for (const st of stmts ?? []) {
      const n = nodeOf(st);
      const rel = !n ? null : n[0] === 'CreateStmt' ? n[1].relation : n[0] === 'ViewStmt' ? n[1].view : n[0] === 'CreateTableAsStmt' ? (n[1].into as PgNode | undefined)?.rel : null;
      const r = rel as PgNode | null | undefined;
      if (r && typeof r.relname === 'string') out.add(typeof r.schemaname === 'string' && r.schemaname !== 'public' ? `${r.schemaname}.${r.relname}` : r.relname);
    }
  }
  return out;
}

function lookupIn(schema: KnownSchema, created: ReadonlySet<string>): RelationLookup {
  const elsewhere = new Set([...schema.tables.keys()].filter((k) => k.includes('.')).map((k) => k.slice(k.indexOf('.') + 1)));
  return (ns, name) => {
    if ((ns !== null && CATALOG_SCHEMAS.has(ns)) || (ns === null && name.startsWith('pg_'))) return 'skip';
    const key = ns !== null && ns !== 'public' ? `${ns}.${name}` : name;
    if (created.has(key)) return 'unknown';
    const cols = schema.tables.get(key);
    if (cols !== undefined) return cols ?? 'unknown';
    // Outside public, or an unqualified name the search path may find in another schema: not known to be absent.
    if ((ns !== null && ns !== 'public') || (ns === null && (schema.multiSchema || elsewhere.has(name)))) return 'skip';
    return null;
  };
}

export function rawSqlChecks(ctx: RepoRuleContext): Promise<RawSqlCheck[]> {
  return ctx.memo('raw sql checks', async () => {
    const sites = rawSqlSites(ctx);
    const out: RawSqlCheck[] = [];
    const todo: Array<{ site: ResolvedSite; schema: KnownSchema }> = [];
    for (const site of sites) {
      if (OTHER_DATABASES.has(site.library)) { out.push({ site, checked: false, why: `${site.library} is not Postgres` }); continue; }
      if (!site.sqlText) { out.push({ site, checked: false, why: 'the SQL text is built at run time' }); continue; }
      const answer = schemaFor(ctx, site.package);
      if ('unknown' in answer) { out.push({ site, checked: false, why: answer.unknown }); continue; }
      todo.push({ site, schema: answer.schema });
    }
    if (todo.length === 0) return out;
    await loadPostgresParser();
    const texts = todo.map(({ site }) => asSent(site.sqlText!));
    const trees = texts.map(parsed);
    const created = createdByCode(trees);
    const lookups = new Map<KnownSchema, RelationLookup>();
    for (const [i, { site, schema }] of todo.entries()) {
      const stmts = trees[i];
      if (!stmts) { out.push({ site, checked: false, why: 'the Postgres parser does not read its text' }); continue; }
      let lookup = lookups.get(schema);
      if (!lookup) lookups.set(schema, (lookup = lookupIn(schema, created)));
      const missing = stmts.flatMap((st) => missingReferences(st, lookup));
      out.push({ site, checked: true, missing, schema, text: texts[i] });
    }
    return out;
  });
}

/** The line of a reference in the file: the literal's first line plus the lines of the text before it. */
export function lineOfReference(check: Extract<RawSqlCheck, { checked: true }>, location: number): number {
  const before = Buffer.from(check.text).subarray(0, Math.max(0, location)).toString();
  let lines = 0;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) lines++;
  return check.site.sqlText!.line + lines;
}
