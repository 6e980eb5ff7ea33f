// A small reader of schema.prisma: models, their fields, and the tables/columns they map to.
export interface PrismaField { name: string; column: string; type: string; optional: boolean; list: boolean; nativeType: string | null; line: number; relation: boolean }
export interface PrismaModel { name: string; table: string; line: number; fields: PrismaField[]; ignored: boolean }
export interface PrismaSchema { provider: string | null; providerLine: number; models: PrismaModel[]; enums: Map<string, string> }

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
    for (const [l, line] of b.body) {
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(l);
      if (!m || l.startsWith('@@')) continue;
      const attrs = m[5];
      if (/@ignore\b/.test(attrs) || /^Unsupported/.test(m[2])) continue;
      fields.push({
        name: m[1], column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? m[1], type: m[2], list: !!m[3], optional: !!m[4],
        nativeType: /@db\.(\w+)/.exec(attrs)?.[1] ?? null, line,
        relation: !SCALARS.has(m[2]) && !enums.has(m[2]) && (modelNames.has(m[2]) || /@relation/.test(attrs)),
      });
    }
    models.push({ name: b.name, table: /@@map\("([^"]+)"\)/.exec(all)?.[1] ?? b.name, line: b.line, fields, ignored: /@@ignore\b/.test(all) });
  }
  return { provider, providerLine, models, enums };
}
