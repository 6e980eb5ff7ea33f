// A small reader of schema.prisma: models, their fields, and the tables/columns they map to.
export interface PrismaField { name: string; column: string; type: string; optional: boolean; list: boolean; nativeType: string | null; line: number; relation: boolean;
  /** `@relation("Name")` or `@relation(name: "Name")`: pairs the two sides of a relation. */
  relationName: string | null;
  /** The relation names its own foreign key (`@relation(fields: [...])`): it is not a many-to-many side. */
  ownsKey: boolean;
  /** `@id`, `@unique` on the field, and what its `@default(...)` holds (`cuid()`), as written. */
  id: boolean; unique: boolean; default: string | null }
export interface PrismaModel { name: string; table: string; line: number; fields: PrismaField[]; ignored: boolean;
  /** Columns of fields Prisma's client leaves out (`@ignore`, `Unsupported(...)`): they exist in the table all the same. */
  hiddenColumns: string[] }
export interface PrismaSchema { provider: string | null; providerLine: number; models: PrismaModel[]; enums: Map<string, string>;
  /** The relations `view` blocks name (their `@@map` when given). */
  views: string[];
  /** Models placed in named database schemas (`@@schema("auth")`): unqualified names then depend on the search path. */
  multiSchema: boolean }

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

export function parsePrismaSchema(text: string): PrismaSchema {
  const lines = text.split('\n');
  const models: PrismaModel[] = [];
  const enums = new Map<string, string>();
  let provider: string | null = null;
  let providerLine = 1;
  interface Block { kind: string; name: string; line: number; body: Array<[string, number]> }
  let block: Block | null = null as Block | null;
  const blocks: Block[] = [];
  for (const [i, raw] of lines.entries()) {
    const l = raw.replace(/\/\/.*$/, '').trim();
    const open = /^(model|enum|datasource|generator|view|type)\s+(\w+)\s*\{/.exec(l);
    if (!block && open) { block = { kind: open[1], name: open[2], line: i + 1, body: [] }; continue; }
    if (block && l === '}') { blocks.push(block); block = null; continue; }
    if (block && l) block.body.push([l, i + 1]);
  }
  for (const b of blocks) {
    if (b.kind === 'datasource') {
      const p = b.body.find(([l]) => /^provider\s*=/.test(l));
      if (p) { provider = /"(\w+)"/.exec(p[0])?.[1] ?? null; providerLine = p[1]; }
    }
    if (b.kind === 'enum') enums.set(b.name, /@@map\("([^"]+)"\)/.exec(b.body.map(([l]) => l).join('\n'))?.[1] ?? b.name);
  }
  const modelNames = new Set(blocks.filter((b) => b.kind === 'model' || b.kind === 'view' || b.kind === 'type').map((b) => b.name));
  for (const b of blocks.filter((x) => x.kind === 'model')) {
    const all = b.body.map(([l]) => l).join('\n');
    const fields: PrismaField[] = [];
    const hiddenColumns: string[] = [];
    for (const [l, line] of b.body) {
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(l);
      if (!m || l.startsWith('@@')) continue;
      const attrs = m[5];
      if (/@ignore\b/.test(attrs) || /^Unsupported/.test(m[2])) {
        hiddenColumns.push(/@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? m[1]);
        continue;
      }
      fields.push({
        name: m[1], column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? m[1], type: m[2], list: !!m[3], optional: !!m[4],
        nativeType: /@db\.(\w+)/.exec(attrs)?.[1] ?? null, line,
        relation: !SCALARS.has(m[2]) && !enums.has(m[2]) && (modelNames.has(m[2]) || /@relation/.test(attrs)),
        relationName: /@relation\(\s*(?:name\s*:\s*)?"([^"]+)"/.exec(attrs)?.[1] ?? null,
        ownsKey: /@relation\([^)]*\bfields\s*:/.test(attrs),
        id: /@id\b/.test(attrs), unique: /@unique\b/.test(attrs), default: defaultOf(attrs),
      });
    }
    models.push({ name: b.name, table: /@@map\("([^"]+)"\)/.exec(all)?.[1] ?? b.name, line: b.line, fields, ignored: /@@ignore\b/.test(all), hiddenColumns });
  }
  const views = blocks.filter((b) => b.kind === 'view').map((b) => /@@map\("([^"]+)"\)/.exec(b.body.map(([l]) => l).join('\n'))?.[1] ?? b.name);
  return { provider, providerLine, models, enums, views, multiSchema: /@@schema\(/.test(text) };
}

/** The argument of a field's `@default(...)`, parentheses balanced (`dbgenerated("gen_random_uuid()")`), or null. */
function defaultOf(attrs: string): string | null {
  const at = attrs.indexOf('@default(');
  if (at < 0) return null;
  let depth = 0;
  let quote: string | null = null;
  const start = at + '@default('.length;
  for (let i = start; i < attrs.length; i++) {
    const c = attrs[i];
    if (quote) { if (c === quote && attrs[i - 1] !== '\\') quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) return attrs.slice(start, i).trim(); depth--; }
  }
  return null;
}

/**
 * The join tables Prisma creates for implicit many-to-many relations: two models that each hold a
 * list of the other (same relation name, neither side owning a foreign key). Prisma names the table
 * `_<relation name>`, and an unnamed relation `_<A>To<B>` with the two model names in alphabetical
 * order; its columns are `A` and `B`.
 */
export function implicitJoinTables(schema: PrismaSchema): Array<{ table: string; models: [string, string]; line: number }> {
  const out = new Map<string, { table: string; models: [string, string]; line: number }>();
  const byName = new Map(schema.models.map((m) => [m.name, m]));
  for (const a of schema.models) {
    for (const f of a.fields) {
      if (!f.relation || !f.list || f.ownsKey) continue;
      const b = byName.get(f.type);
      if (!b) continue;
      const other = b.fields.find((g) => g !== f && g.relation && g.list && !g.ownsKey && g.type === a.name && g.relationName === f.relationName);
      if (!other) continue;
      const [first, second] = [a.name, b.name].sort() as [string, string];
      const table = `_${f.relationName ?? `${first}To${second}`}`;
      if (!out.has(table)) out.set(table, { table, models: [first, second], line: f.line });
    }
  }
  return [...out.values()];
}
