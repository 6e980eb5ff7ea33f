import { drizzleTableFacts, type DrizzleTable } from '../../collect/facts/drizzle-tables.js';
import type { MigrationSet, SchemaSnapshot } from '../../model/migrations.js';
import type { ApplyOutcome } from '../../probes/migrations/apply.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { plural, probeOfSet, setsOf } from '../shared/migrations.js';
import { implicitJoinTables, parsePrismaSchema, type PrismaField } from '../shared/prisma-schema.js';
import { pushTo } from '../../util/group.js';

/** Postgres column types (udt names) each Prisma scalar maps to without a native type attribute. */
const PG_TYPES: Record<string, string> = {
  String: 'text', Int: 'int4', BigInt: 'int8', Float: 'float8', Decimal: 'numeric', Boolean: 'bool',
  DateTime: 'timestamp', Json: 'jsonb', Bytes: 'bytea',
};
const PG_NATIVE: Record<string, string> = {
  Text: 'text', VarChar: 'varchar', Char: 'bpchar', Uuid: 'uuid', SmallInt: 'int2', Integer: 'int4', BigInt: 'int8',
  DoublePrecision: 'float8', Real: 'float4', Decimal: 'numeric', Money: 'money', Date: 'date', Time: 'time', Timetz: 'timetz',
  Timestamp: 'timestamp', Timestamptz: 'timestamptz', Boolean: 'bool', Json: 'json', JsonB: 'jsonb', ByteA: 'bytea', Xml: 'xml',
  Inet: 'inet', Citext: 'citext', Bit: 'bit', VarBit: 'varbit', Oid: 'oid',
};

function expectedPgType(f: PrismaField, enums: Map<string, string>): string | null {
  const base = enums.get(f.type) ?? (f.nativeType ? PG_NATIVE[f.nativeType] : PG_TYPES[f.type]);
  if (!base) return null;
  return f.list ? `_${base}` : base;
}

export default defineRepoRule({
  id: 'migrations/schema-drift',
  meta: {
    category: 'migrations',
    severity: 'high',
    title: 'The ORM schema and the schema the migrations produce agree',
    rationale: 'When schema.prisma declares a column the migrations never create (or the other way round), the generated client queries columns production does not have: the code passes type checks and fails at runtime.',
    remediation: { text: 'Generate the missing migration from the schema (`prisma migrate dev --name ...`), or remove the field from the schema if the column was dropped on purpose.', effort: 'low' },
    messages: {
      modelTableMissing: 'model {{model}} maps to table "{{table}}", which the migrations never create',
      fieldColumnMissing: '{{model}}.{{field}} maps to column "{{table}}"."{{column}}", which the migrations never create',
      fieldNullability: '{{model}}.{{field}} is {{schemaSays}} in the schema but the migrated column is {{columnIs}}',
      fieldType: '{{model}}.{{field}} expects column type {{want}} but the migrations create {{type}}',
      columnNotInModel: 'column "{{table}}"."{{column}}" exists in the migrated schema but not in model {{model}}',
      tableNotInModels: 'table "{{table}}" exists in the migrated schema but no model maps to it',
      joinTableMissing: 'the many-to-many relation of {{a}} and {{b}} needs the join table "{{table}}", which the migrations never create',
      drizzleTableMissing: 'Drizzle table "{{table}}" is never created by the migrations of {{sets}}',
      drizzleColumnMissing: '{{table}}.{{key}} maps to column "{{column}}", which the migrations never create',
      drizzleNullability: '{{table}}.{{key}} is {{schemaSays}} in the Drizzle schema but the migrated column is {{columnIs}}',
      columnNotInDrizzle: 'column "{{table}}"."{{column}}" exists in the migrated schema but not in the Drizzle table',
    },
  },
  check(ctx) {
    const sets = setsOf(ctx, (s) => s.runner === 'prisma' && s.schemaFile !== null);
    const drizzle = ctx.facts(drizzleTableFacts);
    const drizzleSets = setsOf(ctx, (s) => s.runner !== 'prisma' && s.format === 'sql' && drizzle.some((t) => ctx.packageOf(t.path) === s.package));
    if (sets.length === 0 && drizzleSets.length === 0) return ctx.notApplicable('no Prisma schema or Drizzle tables beside a migration set');
    checkDrizzle(ctx, drizzleSets, drizzle);
    for (const set of sets) {
      const text = ctx.documents.get(set.schemaFile!);
      const p = probeOfSet(ctx, 'migrations-apply', set);
      const o = p?.figures as unknown as ApplyOutcome | undefined;
      if (text === undefined) { ctx.unknown(`${set.schemaFile} could not be read`, set.package); continue; }
      if (!p || p.status !== 'ran' || !o?.schema || o.status !== 'applied') {
        ctx.unknown(`${set.path} was not fully applied (${p?.reason ?? o?.failure?.message ?? 'no apply result'}), so the migrated schema is unknown`, set.package);
        continue;
      }
      const schema = parsePrismaSchema(text);
      const db: SchemaSnapshot['tables'] = o.schema.tables;
      const pg = set.dialect === 'postgresql';
      const where = (line: number) => ({ path: set.schemaFile!, line });
      let fields = 0;
      for (const model of schema.models.filter((m) => !m.ignored)) {
        const cols = db[model.table];
        if (!cols) { ctx.report({ messageId: 'modelTableMissing', data: { model: model.name, table: model.table }, location: where(model.line) }); continue; }
        for (const f of model.fields.filter((x) => !x.relation)) {
          fields++;
          const c = cols.find((x) => x.name === f.column);
          if (!c) { ctx.report({ messageId: 'fieldColumnMissing', data: { model: model.name, field: f.name, table: model.table, column: f.column }, location: where(f.line) }); continue; }
          if (!f.list && c.nullable !== f.optional) {
            ctx.report({ messageId: 'fieldNullability', data: { model: model.name, field: f.name, schemaSays: f.optional ? 'optional' : 'required', columnIs: c.nullable ? 'nullable' : 'NOT NULL' }, location: where(f.line) });
          }
          const want = pg ? expectedPgType(f, schema.enums) : null;
          if (want && c.type !== want) ctx.report({ messageId: 'fieldType', data: { model: model.name, field: f.name, want, type: c.type }, location: where(f.line) });
        }
        const known = new Set(model.fields.map((f) => f.column));
        for (const c of cols) {
          if (!known.has(c.name) && !model.fields.some((f) => f.relation && f.column === c.name)) {
            ctx.report({ severity: 'medium', messageId: 'columnNotInModel', data: { table: model.table, column: c.name, model: model.name }, location: where(model.line) });
          }
        }
      }
      const mapped = new Set(schema.models.map((m) => m.table));
      // Prisma's implicit many-to-many relations live in join tables no model maps: read from the schema.
      const joins = implicitJoinTables(schema);
      for (const j of joins) {
        mapped.add(j.table);
        if (!db[j.table]) ctx.report({ severity: 'medium', messageId: 'joinTableMissing', data: { table: j.table, a: j.models[0], b: j.models[1] }, location: where(j.line) });
      }
      for (const t of Object.keys(db)) {
        if (mapped.has(t) || t === '_prisma_migrations') continue;
        ctx.report({ severity: 'medium', messageId: 'tableNotInModels', data: { table: t }, location: where(schema.providerLine) });
      }
      ctx.pass(`${set.schemaFile}: ${plural(schema.models.length, 'model')}, ${plural(fields, 'field')} compared with ${set.path} applied (${plural(Object.keys(db).length, 'table')})`, set.package);
    }
  },
});

/** Tables the migrations of a set built, or an UNKNOWN reason. */
function appliedTables(ctx: RepoRuleContext, set: MigrationSet): SchemaSnapshot['tables'] | string {
  const p = probeOfSet(ctx, 'migrations-apply', set);
  const o = p?.figures as unknown as ApplyOutcome | undefined;
  if (!p || p.status !== 'ran' || !o?.schema || o.status !== 'applied') return `${set.path} was not fully applied (${p?.reason ?? o?.failure?.message ?? 'no apply result'})`;
  return o.schema.tables;
}

function checkDrizzle(ctx: RepoRuleContext, sets: MigrationSet[], tables: DrizzleTable[]): void {
  const byPkg = new Map<string | null, MigrationSet[]>();
  for (const s of sets) pushTo(byPkg, s.package, s);
  for (const [pkg, list] of byPkg) {
    const db: SchemaSnapshot['tables'] = {};
    const unknown: string[] = [];
    for (const s of list) {
      const t = appliedTables(ctx, s);
      if (typeof t === 'string') unknown.push(t);
      else Object.assign(db, t);
    }
    if (unknown.length > 0) { ctx.unknown(`the migrated schema is unknown: ${unknown.join('; ')}`, pkg); continue; }
    const defs = tables.filter((t) => ctx.packageOf(t.path) === pkg);
    for (const t of defs) {
      const cols = db[t.table];
      if (!cols) { ctx.report({ messageId: 'drizzleTableMissing', data: { table: t.table, sets: list.map((s) => s.path).join(', ') }, location: { path: t.path, line: t.line } }); continue; }
      const names = (c: DrizzleTable['columns'][number]) => (c.implied ? [c.name, snakeCase(c.name)] : [c.name]);
      for (const c of t.columns) {
        const col = cols.find((x) => names(c).includes(x.name));
        if (!col) ctx.report({ messageId: 'drizzleColumnMissing', data: { table: t.table, key: c.key, column: c.name }, location: { path: t.path, line: c.line } });
        else if (col.nullable === c.notNull) ctx.report({ messageId: 'drizzleNullability', data: { table: t.table, key: c.key, schemaSays: c.notNull ? 'notNull()' : 'nullable', columnIs: col.nullable ? 'nullable' : 'NOT NULL' }, location: { path: t.path, line: c.line } });
      }
      for (const col of cols) {
        if (!t.columns.some((c) => names(c).includes(col.name))) ctx.report({ severity: 'medium', messageId: 'columnNotInDrizzle', data: { table: t.table, column: col.name }, location: { path: t.path, line: t.line } });
      }
    }
    ctx.pass(`${plural(defs.length, 'Drizzle table')} compared with ${list.map((s) => s.path).join(', ')} applied`, pkg);
  }
}

/** Drizzle's `casing: 'snake_case'` turns an implied `createdAt` into `created_at`. */
function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
