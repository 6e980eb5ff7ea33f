// Counts the code decides once the counted thing is resolved the way its subject is declared:
// "One Mongoose model: `User`" (models registered with the ODM's model() call in release code),
// "Prisma Enum: 16 values (EMAIL, SMS, ...)" (the members of the schema enum holding the values listed),
// "**src/utils/auth-crypto.ts** (4 locations)" under a snippet that defines a helper (the calls of that
// helper in the file). Each returns null when its subject does not resolve, so the general checks answer.
import { fileEvidence, figure, type Hit } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted } from './context.js';
import { symbolSites } from './code.js';

const WORDS: Record<string, number> = { zero: 0, no: 0, one: 1, a: 1, single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const numberOf = (w: string) => (/^\d+$/.test(w) ? Number(w) : WORDS[w.toLowerCase()] ?? NaN);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function verdictOf(n: number, counted: Hit[], what: string, extra: string): Check {
  const ev = [...counted.slice(0, 5).map(fileEvidence), figure(what, counted.length)];
  return counted.length === n ? confirmed(`${counted.length} ${what}${extra}`, ev) : contradicted(`${counted.length} ${what}, not ${n}${extra}`, ev);
}

/** "One Mongoose model": mongoose.model('Name', ...) / model<T>('Name', ...) registrations in release code. */
function mongooseModels(text: string, ctx: CheckContext): Check | null {
  const m = text.match(/\b(\d+|zero|no|one|a|single|two|three|four|five|six|seven|eight|nine|ten)\s+mongoose\s+models?\b/i);
  if (!m) return null;
  const n = numberOf(m[1]);
  if (!Number.isFinite(n)) return null;
  const files = ctx.repo.serviceFiles().filter((f) => ctx.repo.grep(/from\s+['"]mongoose['"]|require\(\s*['"]mongoose['"]\s*\)/, [f], 1).length > 0);
  if (files.length === 0) return null;
  const regs = ctx.repo.grep(/\b(?:mongoose\.)?model\s*(?:<[^>]*>)?\s*\(\s*['"`][\w-]+['"`]/, files, 1000);
  return verdictOf(n, regs, 'Mongoose models registered with model() in release code', '');
}

/** "Enum: 16 values (EMAIL, SMS, ...)": the Prisma enum whose members include every value listed. */
function enumValues(text: string, ctx: CheckContext): Check | null {
  const m = text.match(/\benum\b[^(\d]{0,30}?(\d+)\s+(?:values|members|entries)\s*\(([^)]+)\)/i);
  if (!m) return null;
  const listed = m[2].split(',').map((x) => x.replace(/[`*\s.]/g, '')).filter((x) => /^\w+$/.test(x));
  if (listed.length < 2) return null;
  for (const f of ctx.repo.files.filter((x) => x.endsWith('.prisma') && ctx.repo.isRelease(x))) {
    const lines = ctx.repo.lines(f) ?? [];
    for (let i = 0; i < lines.length; i++) {
      const head = lines[i].match(/^\s*enum\s+(\w+)\s*\{/);
      if (!head) continue;
      const members: Hit[] = [];
      for (let j = i + 1; j < lines.length && !/^\s*\}/.test(lines[j]); j++) {
        const id = lines[j].match(/^\s*([A-Za-z_]\w*)\b/);
        if (id && !/^\s*\/\//.test(lines[j])) members.push({ path: f, line: j + 1, text: lines[j] });
      }
      const names = new Set(members.map((h) => h.text.trim().split(/\s/)[0]));
      if (!listed.every((x) => names.has(x))) continue;
      return verdictOf(Number(m[1]), [{ path: f, line: i + 1, text: lines[i] }, ...members].slice(1), `members in enum ${head[1]}`, ` (${f}:${i + 1})`);
    }
  }
  return null;
}

/**
 * "**path/file.ts** (4 locations)" in a list under a snippet: the locations are the calls, in that file,
 * of the function the nearest snippet above defines (the fix the section shows).
 */
function locations(text: string, line: number, ctx: CheckContext): Check | null {
  const m = text.match(/^\W*`?([\w@./-]+\.[a-z]{1,4})`?\**\s*\((\d+)\s+locations?\)/i);
  if (!m || !ctx.reportText) return null;
  const [file] = ctx.repo.resolve(m[1]);
  if (!file || ctx.repo.isDir(file)) return null;
  const lines = ctx.reportText.split('\n');
  // The nearest fenced snippet above the line, within its section (not past a level-1/2 heading).
  let end = -1;
  for (let i = line - 2; i >= 0; i--) {
    if (/^#{1,2}\s/.test(lines[i])) break;
    if (/^\s*```\s*$/.test(lines[i])) { end = i; break; }
  }
  if (end < 0) return null;
  let start = end - 1;
  while (start >= 0 && !/^\s*```/.test(lines[start])) start--;
  const defined = lines.slice(start + 1, end).map((l) => l.match(/\bfunction\s+([A-Za-z_$][\w$]*)|\b(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\(/)).find(Boolean);
  const name = defined?.[1] ?? defined?.[2];
  if (!name) return null;
  const { defs, uses } = symbolSites(ctx, name, [file]);
  const calls = uses.filter((h) => new RegExp(`\\b${esc(name)}\\s*\\(`).test(h.text));
  if (defs.length === 0 && calls.length === 0) return null;
  return verdictOf(Number(m[2]), calls, `calls of ${name} (the helper the snippet above defines) in ${file}`, defs.length ? `; defined at ${defs[0].path}:${defs[0].line}` : '');
}

/**
 * "Latest Migration: `20251101_add_models` (465 lines)": the migration folder of that name, its one SQL
 * file's lines (an editor's count accepted, as for any line count), and whether it sorts last among its siblings.
 */
function latestMigration(text: string, ctx: CheckContext): Check | null {
  const m = text.match(/\blatest migration\b[^`]*`([\w.-]+)`[^(]*\((\d[\d,]*)\s+lines?\b/i);
  if (!m) return null;
  const sql = ctx.repo.files.filter((f) => f.endsWith('.sql') && f.split('/').slice(-2, -1)[0] === m[1]);
  if (sql.length !== 1) return null;
  const file = sql[0];
  const dir = file.slice(0, file.lastIndexOf('/'));
  const parent = dir.slice(0, dir.lastIndexOf('/'));
  const siblings = [...new Set(ctx.repo.files.filter((f) => f.startsWith(`${parent}/`) && f.endsWith('.sql')).map((f) => f.slice(parent.length + 1).split('/')[0]))].sort();
  const n = ctx.repo.lineCount(file) ?? 0;
  const editor = (ctx.repo.lines(file) ?? []).length;
  const claimed = Number(m[2].replace(/,/g, ''));
  const ev = [fileEvidence({ path: file, line: Math.max(1, n), text: ctx.repo.lines(file)?.[Math.max(1, n) - 1] ?? '' }), figure(`lines in ${file}`, n)];
  if (siblings[siblings.length - 1] !== m[1]) return contradicted(`${m[1]} is not the latest migration in ${parent}: ${siblings[siblings.length - 1]} sorts after it`, ev);
  if (claimed !== n && claimed !== editor) return contradicted(`${file} has ${n} lines, not ${claimed}`, ev);
  return confirmed(`${m[1]} is the latest of ${siblings.length} migrations in ${parent}; ${file} has ${claimed === n ? n : `${n} lines (${editor} as an editor numbers them)`}${claimed === n ? ' lines' : ''}`, ev);
}

export interface Declared { check: Check; what: string; n: number }

export function declaredCount(text: string, line: number, ctx: CheckContext): Declared | null {
  const check = mongooseModels(text, ctx) ?? enumValues(text, ctx) ?? latestMigration(text, ctx) ?? locations(text, line, ctx);
  if (!check) return null;
  const counted = check.evidence.find((e) => e.kind === 'figure');
  const what = counted && counted.kind === 'figure' ? counted.name : 'declared items';
  const claimed = text.match(/\b(\d+|zero|no|one|a|single|two|three|four|five|six|seven|eight|nine|ten)\s+(?:mongoose\s+models?|values|members|entries|locations?|lines?)\b/i);
  return { check, what, n: claimed ? numberOf(claimed[1]) : NaN };
}
