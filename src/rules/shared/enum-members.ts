// Members of an enum declared in another file (`ConfigKey.showRecent` of `import { ConfigKey } from
// './types'` or from a workspace package): each file records which members of its top-level enums are
// constants (a literal initializer, none, or only constants: ast.ts constantEnumMember), and a finding
// whose only non-constant parts are such members is settled in the review, once the link stage has
// resolved the import. A member computed at run time (`a = getX()`) is no constant; an import the link
// cannot resolve keeps the finding and says so.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import type { ReviewContext, RuleFinding } from '../api.js';
import { constantEnumMember } from './ast.js';

/** The key of a finding's data that carries the imported enum members still to resolve. */
export const ENUM_MEMBERS = 'enumMembers';

export interface EnumRef { spec: string; imported: string; member: string; text: string }

/** What a file records of a top-level enum: its name and its constant members. */
export function enumRecord(decl: ts.EnumDeclaration): Record<string, unknown> | null {
  if (!ts.isSourceFile(decl.parent)) return null;
  const names = decl.members.map((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : null)).filter((n): n is string => n !== null);
  return { type: 'enum', name: decl.name.text, constants: names.filter((n) => constantEnumMember(decl, n)) };
}

/** `X.member` (or `X['member']`) where `X` is a named import: the enum member it may be, or null. */
export function importedEnumRef(e: ts.Expression, scope: Scope): EnumRef | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return null;
  const member = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
  if (member === null || !ts.isIdentifier(e.expression)) return null;
  const b = scope.resolve(e.expression);
  if (b?.kind !== 'import' || b.imported === '*' || b.imported === 'default' || b.from === '') return null;
  return { spec: b.from, imported: b.imported, member, text: e.getText() };
}

/**
 * Settles a finding whose non-constant parts are all imported enum members: dropped when each is a
 * constant member of the enum its import resolves to (in the imported file, or a file it loads: a
 * barrel's `export *`), kept at its severity otherwise, saying which member is computed or unresolved.
 */
export function reviewImportedEnums(finding: RuleFinding, ctx: ReviewContext): RuleFinding | null {
  const raw = finding.data?.[ENUM_MEMBERS];
  if (typeof raw !== 'string' || finding.path === null) return finding;
  const { [ENUM_MEMBERS]: _, ...data } = finding.data!;
  const refs = JSON.parse(raw) as EnumRef[];
  const enums = ctx.memo('enum-records', () => {
    const byFile = new Map<string, Map<string, Set<string>>>();
    for (const r of ctx.records()) {
      if (r.type !== 'enum') continue;
      let m = byFile.get(r.path);
      if (!m) byFile.set(r.path, (m = new Map()));
      m.set(String(r.name), new Set(r.constants as string[]));
    }
    return byFile;
  });
  const why: string[] = [];
  for (const ref of refs) {
    const file = ctx.link.resolveImport(finding.path, ref.spec);
    if (file === null) {
      why.push(`${ref.text} is imported from '${ref.spec}', which verdict cannot resolve`);
      continue;
    }
    // The file itself, then the files it loads (one barrel level): the first that declares the enum.
    const declared = [file, ...ctx.link.loadsOf(file)].map((p) => enums.get(p)?.get(ref.imported)).find((s) => s !== undefined);
    // No enum of that name (an imported object or class): the finding stands as the file judged it.
    if (!declared) return { ...finding, data };
    if (!declared.has(ref.member)) why.push(`${ref.text} is not a constant member of enum ${ref.imported}`);
  }
  if (why.length === 0) return null;
  return { ...finding, data: { ...data, origin: `${String(data.origin ?? '')}; ${why.join('; ')}` } };
}
