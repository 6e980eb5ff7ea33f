// The Postgres schema verdict knows for a package, for judging the SQL its code writes: the tables and
// columns its migration sets create when the migrations probe applied them, the tables and columns
// schema.prisma maps its models to (`@@map`/`@map`, implicit many-to-many join tables, views), and the
// relations unapplied migrations create (names only). No source, or a Postgres set that could not be
// applied with no Prisma schema beside it: the schema is unknown, and nothing is judged against it.
import type { MigrationSet } from '../../model/migrations.js';
import type { ApplyOutcome } from '../../probes/migrations/apply.js';
import type { RepoRuleContext } from '../api.js';
import { nodeOf, probeOfSet, type Node } from './migrations.js';
import { implicitJoinTables, parsePrismaSchema } from './prisma-schema.js';

export interface KnownSchema {
  /** Relation key (`name` in public, `schema.name` elsewhere) -> its columns, or null when they are not known. */
  tables: Map<string, Set<string> | null>;
  /** Where the relations were read, for the evidence: `prisma/schema.prisma`, `db/migrations (applied)`. */
  sources: string[];
  /** Prisma places models in named schemas: an unqualified name may be any of them. */
  multiSchema: boolean;
  /** Where a relation is declared, when a file says it line by line (a Prisma model). */
  declared: Map<string, { path: string; line: number }>;
}

export type SchemaAnswer = { schema: KnownSchema } | { unknown: string };

const PRISMA_POSTGRES = new Set(['postgresql', 'postgres']);

function addTable(s: KnownSchema, key: string, columns: Iterable<string> | null): void {
  const had = s.tables.get(key);
  if (had === null) return;
  if (columns === null) { s.tables.set(key, null); return; }
  const set = had ?? new Set<string>();
  for (const c of columns) set.add(c);
  s.tables.set(key, set);
}

/** Relations the statements of an unapplied set create (CREATE TABLE / VIEW / MATERIALIZED VIEW), by name. */
function createdRelations(ctx: RepoRuleContext, set: MigrationSet): string[] {
  const out: string[] = [];
  for (const p of set.files) {
    for (const st of ctx.migrations.statements[p] ?? []) {
      if (st.down) continue;
      const n = nodeOf(st.ast as Node | null);
      const rel = !n ? null : n[0] === 'CreateStmt' ? n[1].relation : n[0] === 'ViewStmt' ? n[1].view : n[0] === 'CreateTableAsStmt' ? (n[1].into as Node | undefined)?.rel : null;
      const r = rel as Node | null | undefined;
      if (r && typeof r.relname === 'string') out.push(typeof r.schemaname === 'string' && r.schemaname !== 'public' ? `${r.schemaname}.${r.relname}` : r.relname);
    }
  }
  return out;
}

/** Prisma schema files by folder (a multi-file schema is one folder of `.prisma` files), Postgres providers only. */
function prismaSchemas(ctx: RepoRuleContext): Map<string, { paths: string[]; text: string }> {
  const byDir = new Map<string, { paths: string[]; text: string }>();
  for (const path of ctx.documents.keys()) {
    if (!path.endsWith('.prisma') || ['test', 'example', 'generated'].includes(ctx.layout.roles.of(path))) continue;
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const g = byDir.get(dir) ?? { paths: [], text: '' };
    g.paths.push(path);
    g.text += `${ctx.documents.get(path) ?? ''}\n`;
    byDir.set(dir, g);
  }
  for (const [dir, g] of byDir) if (!PRISMA_POSTGRES.has(parsePrismaSchema(g.text).provider ?? '')) byDir.delete(dir);
  return byDir;
}

/** Every package's known Postgres schema, keyed by package (null: the root). Computed once per run. */
export function knownSchemas(ctx: RepoRuleContext): Map<string | null, SchemaAnswer> {
  return ctx.memo('known postgres schemas', () => {
    const out = new Map<string | null, SchemaAnswer>();
    const get = (pkg: string | null): KnownSchema => {
      const a = out.get(pkg);
      if (a && 'schema' in a) return a.schema;
      const s: KnownSchema = { tables: new Map(), sources: [], multiSchema: false, declared: new Map() };
      out.set(pkg, { schema: s });
      return s;
    };
    const unapplied = new Map<string | null, string[]>();
    for (const set of ctx.migrations.sets.filter((x) => x.dialect === 'postgresql')) {
      const p = probeOfSet(ctx, 'migrations-apply', set);
      const o = p?.figures as unknown as ApplyOutcome | undefined;
      const s = get(set.package);
      if (p?.status === 'ran' && o?.status === 'applied' && o.schema) {
        for (const [t, cols] of Object.entries(o.schema.tables)) addTable(s, t, cols.map((c) => c.name));
        s.sources.push(`${set.path} (applied)`);
      } else {
        for (const t of createdRelations(ctx, set)) addTable(s, t, null);
        const why = set.format === 'js' ? 'its migrations are code' : p?.reason ?? o?.failure?.message ?? 'it was not applied';
        unapplied.set(set.package, [...(unapplied.get(set.package) ?? []), `${set.path} (${why})`]);
      }
    }
    for (const [dir, g] of prismaSchemas(ctx)) {
      const schema = parsePrismaSchema(g.text);
      const s = get(ctx.packageOf(g.paths[0]) ?? ctx.packageOf(dir));
      for (const path of g.paths) {
        const own = parsePrismaSchema(ctx.documents.get(path) ?? '');
        for (const m of own.models) {
          addTable(s, m.table, [...m.fields.filter((f) => !f.relation).map((f) => f.column), ...m.hiddenColumns]);
          if (!s.declared.has(m.table)) s.declared.set(m.table, { path, line: m.line });
        }
        for (const v of own.views) addTable(s, v, null);
      }
      for (const j of implicitJoinTables(schema)) addTable(s, j.table, ['A', 'B']);
      s.multiSchema ||= schema.multiSchema;
      s.sources.push(g.paths.length === 1 ? g.paths[0] : `${dir}*.prisma`);
    }
    // A set that could not be applied leaves the package's schema incomplete unless schema.prisma describes it.
    for (const [pkg, sets] of unapplied) {
      const a = out.get(pkg);
      if (a && 'schema' in a && !a.schema.sources.some((x) => x.endsWith('.prisma'))) out.set(pkg, { unknown: `the Postgres migrations ${sets.join(', ')} were not applied` });
    }
    return out;
  });
}

/**
 * The schema the SQL of a package runs against: the package's own, else the repository's only one (a
 * monorepo's database package serving the others), else unknown with the reason.
 */
export function schemaFor(ctx: RepoRuleContext, pkg: string | null): SchemaAnswer {
  const all = knownSchemas(ctx);
  const own = all.get(pkg);
  if (own) return own;
  if (all.size === 1) return [...all.values()][0];
  return { unknown: all.size === 0 ? 'no Postgres migrations or Prisma schema found' : `${all.size} schemas in the repository and none in this package` };
}
