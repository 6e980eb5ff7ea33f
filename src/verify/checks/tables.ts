// "AgentRunMetric table ✅ PRESENT", "the api_keys table": a table named in prose, resolved to where the
// release schema declares it (a Prisma model, a Drizzle table, a CREATE TABLE in a release SQL file).
// A word in a document or a test is not a table; only these declarations are.
import type { Hit } from '../repo.js';
import { fileEvidence } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';
import { parsePrismaSchema } from '../../rules/shared/prisma-schema.js';

export interface TableField {
  /** The name code uses (a Prisma field, a Drizzle property, the SQL column). */
  prop: string;
  /** The column in the database (`@map`, the Drizzle column name), else the prop. */
  column: string;
  line: number;
}

export interface TableDecl {
  /** The table's name in the database. */
  name: string;
  /** The names code refers to it by: the model, the Drizzle variable, the Prisma delegate. */
  aliases: string[];
  path: string;
  line: number;
  text: string;
  fields: TableField[];
  how: 'prisma' | 'drizzle' | 'sql';
}

const memo = new WeakMap<CheckContext['repo'], TableDecl[]>();

/** The body lines of a declaration opened at `start`: up to the line that closes it at depth 0. */
function body(lines: string[], start: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let depth = 0;
  for (let i = start; i < lines.length && i < start + 400; i++) {
    const t = lines[i].replace(/\/\/.*$|--.*$/, '');
    for (const ch of t) {
      if (ch === '{' || ch === '(') depth++;
      else if (ch === '}' || ch === ')') depth--;
    }
    if (i > start) out.push({ text: lines[i], line: i + 1 });
    if (depth <= 0 && i > start) break;
    if (depth <= 0 && i === start && /[})]/.test(t)) break;
  }
  return out;
}

/** Prisma models, read with the schema reader the migration rules use (`@@map`, `@map`, block attributes). */
function prisma(ctx: CheckContext, files: string[]): TableDecl[] {
  const out: TableDecl[] = [];
  for (const path of files) {
    const lines = ctx.repo.lines(path);
    if (!lines) continue;
    for (const m of parsePrismaSchema(lines.join('\n')).models) {
      const fields = m.fields.map((f) => ({ prop: f.name, column: f.column, line: f.line }));
      const delegate = m.name[0].toLowerCase() + m.name.slice(1);
      out.push({ name: m.table, aliases: [m.name, delegate], path, line: m.line, text: lines[m.line - 1] ?? '', fields, how: 'prisma' });
    }
  }
  return out;
}

const DRIZZLE = /\b(?:const|let|var)\s+(\w+)\s*=\s*(?:sqliteTable|pgTable|mysqlTable)\s*\(\s*['"`](\w+)['"`]/;

function drizzle(ctx: CheckContext, files: string[]): TableDecl[] {
  const out: TableDecl[] = [];
  for (const h of ctx.repo.grep(DRIZZLE, files, 100_000)) {
    const [, variable, name] = h.text.match(DRIZZLE)!;
    const lines = ctx.repo.lines(h.path) ?? [];
    const fields = body(lines, h.line - 1).flatMap((r) => {
      const m = r.text.match(/^\s*(\w+)\s*:\s*\w+\s*\(\s*(?:['"`](\w+)['"`])?/);
      return m ? [{ prop: m[1], column: m[2] ?? m[1], line: r.line }] : [];
    });
    out.push({ name, aliases: [variable], path: h.path, line: h.line, text: h.text, fields, how: 'drizzle' });
  }
  return out;
}

const CREATE = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:["`]?\w+["`]?\.)?["`]?(\w+)["`]?/i;

function sql(ctx: CheckContext, files: string[]): TableDecl[] {
  const out: TableDecl[] = [];
  for (const h of ctx.repo.grep(CREATE, files, 100_000)) {
    const name = h.text.match(CREATE)![1];
    const lines = ctx.repo.lines(h.path) ?? [];
    const fields = body(lines, h.line - 1).flatMap((r) => {
      const m = r.text.match(/^\s*["`]?(\w+)["`]?\s+[A-Za-z]/);
      if (!m || /^(CONSTRAINT|PRIMARY|FOREIGN|UNIQUE|CHECK|INDEX|KEY)$/i.test(m[1])) return [];
      return [{ prop: m[1], column: m[1], line: r.line }];
    });
    out.push({ name, aliases: [], path: h.path, line: h.line, text: h.text, fields, how: 'sql' });
  }
  return out;
}

/** Every table the release schema declares (Prisma models, Drizzle tables, CREATE TABLE in release SQL), in file order. */
export function declaredTables(ctx: CheckContext): TableDecl[] {
  const known = memo.get(ctx.repo);
  if (known) return known;
  const release = ctx.repo.files.filter((f) => ctx.repo.isRelease(f));
  const decls = [
    ...prisma(ctx, release.filter((f) => f.endsWith('.prisma'))),
    ...drizzle(ctx, ctx.repo.serviceFiles()),
    ...sql(ctx, release.filter((f) => f.endsWith('.sql'))),
  ];
  memo.set(ctx.repo, decls);
  return decls;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The declarations of the table a name means (its database name or a model/variable name, spelling aside). */
export function tablesNamed(ctx: CheckContext, name: string): TableDecl[] {
  const n = norm(name);
  return declaredTables(ctx).filter((d) => [d.name, ...d.aliases].some((a) => norm(a) === n));
}

export const tableEvidence = (d: TableDecl) => fileEvidence({ path: d.path, line: d.line, text: d.text } satisfies Hit);

/** "X table" / "X model" as the whole subject of a claim: the name, else null. */
export function namedTable(phrase: string): string | null {
  return phrase.trim().match(/^(?:the\s+)?[`'"]?([A-Za-z_][\w]*)[`'"]?\s+(?:table|model)$/i)?.[1] ?? null;
}

const PRESENT = /✅|\b(present|defined|declared|exists?|created)\b/i;
const ABSENT = /❌|\b(missing|absent|not (?:defined|declared|present|created)|does(?:n't| not) exist|no such table)\b/i;
/** What a line adds about the rows (populated, empty, written): a fact of the database's contents, not of the code. */
const ROWS = /\b(populated|empty|rows?|records?|written|data)\b/i;

/**
 * "AgentRunMetric Table | ✅ PRESENT | Schema defined": the table is declared in the release schema, or
 * (for a claim that it is missing) nowhere in it. A line that says both, or neither, is not decided.
 */
export function tableClaim(ctx: CheckContext, name: string, text: string): Check {
  const present = PRESENT.test(text);
  const absent = ABSENT.test(text.replace(/\bnot populated\b/gi, ''));
  if (present === absent) return unverifiable(`the line does not say whether the ${name} table is present or missing`);
  const all = declaredTables(ctx);
  if (all.length === 0) return unverifiable('needs a schema: no Prisma model, Drizzle table or CREATE TABLE in release files');
  const found = tablesNamed(ctx, name);
  const aside = ROWS.test(text) ? `; what the line says of its rows is the database's contents, not checked` : '';
  if (present) {
    return found.length
      ? confirmed(`table ${found[0].name} declared at ${found[0].path}:${found[0].line} (${found[0].how})${aside}`, found.slice(0, 2).map(tableEvidence))
      : contradicted(`no table or model named ${name} among the ${all.length} the release schema declares`, [tableEvidence(all[0]), { kind: 'figure', name: 'tables declared in release schema', value: all.length }]);
  }
  return found.length
    ? contradicted(`table ${found[0].name} is declared at ${found[0].path}:${found[0].line}`, found.slice(0, 2).map(tableEvidence))
    : confirmed(`no table or model named ${name} among the ${all.length} the release schema declares`, [tableEvidence(all[0]), { kind: 'figure', name: 'tables declared in release schema', value: all.length }]);
}
