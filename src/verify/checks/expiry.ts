// "API key expiration ✅", "token expiry enforced": the key's table has an expiry field AND release code
// compares it (a where clause, a check after the read). An expiry that is stored and never compared
// expires nothing.
import type { Hit } from '../repo.js';
import { fileEvidence, figure } from '../repo.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';
import { reachAt, unreached } from './reach.js';
import { declaredTables, type TableDecl, tableEvidence } from './tables.js';

const KINDS: Array<{ claim: RegExp; table: RegExp; label: string }> = [
  { claim: /\bapi[\s_-]?keys?\b/i, table: /^api_?keys?$|^apikeys?$/i, label: 'API key' },
  { claim: /\b(?:refresh|access|auth)?[\s_-]?tokens?\b/i, table: /tokens?$/i, label: 'token' },
  { claim: /\bsessions?\b/i, table: /^(user_?)?sessions?$/i, label: 'session' },
];

const EXPIRY_WORD = /\b(expir\w*|expiry|ttl)\b/i;
const EXPIRY_FIELD = /expir|valid_?until|^ttl$/i;

/** The kind of credential a claim says expires ("API key expiration"), or null for any other claim. */
export function expiryClaim(phrase: string): { table: RegExp; label: string } | null {
  if (!EXPIRY_WORD.test(phrase)) return null;
  const k = KINDS.find((x) => x.claim.test(phrase));
  return k ? { table: k.table, label: k.label } : null;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A line that compares the field: `x.expiresAt < now`, `now > expires_at`, `lt(keys.expiresAt, …)`, `expires_at > ?`. */
function comparing(field: string): RegExp {
  const f = esc(field);
  return new RegExp(`\\b${f}\\b\\s*[<>]=?(?!>)|(?<![=])[<>]=?\\s*[\\w.()$]*\\b${f}\\b|\\b(?:lt|gt|lte|gte|isBefore|isAfter|isPast|isFuture)\\s*\\([^)]*\\b${f}\\b`);
}

const COMMENT = /^\s*(\/\/|\*|\/\*|--)/;

export function expiryCheck(ctx: CheckContext, kind: { table: RegExp; label: string }, polarity: string): Check {
  if (polarity !== 'present') return unverifiable(`the report says ${kind.label} expiry is missing or partial; only a claim that it is in place is decided`);
  const tables = declaredTables(ctx).filter((d) => kind.table.test(d.name) || d.aliases.some((a) => kind.table.test(a)));
  if (tables.length === 0) return unverifiable(`no ${kind.label} table or model in the release schema to read an expiry from`);
  const withField = tables.flatMap((d) => d.fields.filter((f) => EXPIRY_FIELD.test(f.prop) || EXPIRY_FIELD.test(f.column)).map((f) => ({ d, f })));
  if (withField.length === 0) {
    return contradicted(`the ${kind.label} table ${tables[0].name} (${tables[0].path}:${tables[0].line}) has no expiry field`,
      [tableEvidence(tables[0]), figure(`expiry fields on ${tables[0].name}`, 0)]);
  }
  const names = [...new Set(withField.flatMap(({ f }) => [f.prop, f.column]))];
  const declFiles = new Set(tables.map((d) => d.path));
  const files = ctx.repo.serviceFiles().filter((f) => !declFiles.has(f));
  const compares = names.flatMap((n) => ctx.repo.grep(comparing(n), files, 50)).filter((h) => !COMMENT.test(h.text));
  const refs = (d: TableDecl) => [d.name, ...d.aliases].map(esc).join('|');
  const touchesTable = (h: Hit) => {
    const re = new RegExp(`\\b(${tables.map(refs).join('|')})\\b`);
    return (ctx.repo.lines(h.path) ?? []).some((l) => re.test(l));
  };
  const mine = compares.filter(touchesTable);
  const field = withField[0];
  const fieldEv = fileEvidence({ path: field.d.path, line: field.f.line, text: ctx.repo.lines(field.d.path)?.[field.f.line - 1] ?? field.f.prop });
  const live = mine.filter((h) => !unreached(reachAt(ctx, h)));
  if (live.length) {
    return confirmed(`${field.d.name}.${field.f.prop} (${field.d.path}:${field.f.line}) is compared at ${live[0].path}:${live[0].line}`, [fieldEv, fileEvidence(live[0])]);
  }
  if (mine.length) return contradicted(`the only comparison of ${field.d.name}.${field.f.prop}, at ${mine[0].path}:${mine[0].line}, is not reachable from a production entry (${reachAt(ctx, mine[0])})`, [fieldEv, fileEvidence(mine[0])]);
  // A comparison of a field of that name in code that never names the table may be the key's check through a helper.
  if (compares.length) return unverifiable(`${names.join('/')} is compared at ${compares[0].path}:${compares[0].line}, in code that does not name the ${kind.label} table`);
  return contradicted(`${field.d.name}.${field.f.prop} is declared (${field.d.path}:${field.f.line}) but no release code compares it: a stored expiry nothing checks`,
    [fieldEv, figure(`release source files searched for a comparison of ${names.join('/')}`, files.length), figure('comparisons found', 0)]);
}
