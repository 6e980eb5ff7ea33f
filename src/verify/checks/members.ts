// "Created `StructuredLogger` class ... - Methods for info, warn, error, audit, metric logging": the
// members a line lists for a class that the lines just above it name. The class is resolved in the
// release code (one declaration of that name), and each listed name is looked up among its methods and
// properties, inherited ones included when the parent class is declared in the release code too.
import ts from 'typescript';
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { lineOf, type ParsedFile, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

/** "Methods for a, b, c and d logging" / "Methods: a, b, c": the listed names, with the class named above. */
export function membersClaim(raw: RawClaim, reportText: string | undefined): Subject | null {
  const t = raw.text.replace(/\*\*|__/g, '').replace(/^\s*[-*]\s*/, '');
  const m = t.match(/^(?:methods?|functions?)\s*(?:for|:)\s*([a-z][\w]*(?:\s*(?:,|and|&)\s*[a-z][\w]*){2,})(?:\s+\w+)?\.?$/i);
  if (!m || !reportText) return null;
  const names = m[1].split(/\s*(?:,|\band\b|&)\s*/).map((x) => x.trim()).filter(Boolean);
  // The class is named on the lines above, in the same section (a heading ends the search).
  const lines = reportText.split('\n');
  for (let i = raw.line - 2; i >= 0 && i >= raw.line - 12; i--) {
    if (/^#{1,6}\s/.test(lines[i])) break;
    const cls = lines[i].match(/`([A-Z][A-Za-z0-9_]+)`\s+class\b|\bclass\s+`([A-Z][A-Za-z0-9_]+)`/);
    if (cls) return { topic: 'members', class: cls[1] ?? cls[2], names: names.join(',') };
  }
  return null;
}

function classesNamed(ctx: CheckContext, name: string): Array<{ f: ParsedFile; c: ts.ClassDeclaration }> {
  const out: Array<{ f: ParsedFile; c: ts.ClassDeclaration }> = [];
  for (const path of ctx.repo.serviceFiles()) {
    if (!ctx.repo.lines(path)?.some((l) => l.includes(`class ${name}`))) continue;
    const f = parsedFile(ctx, path);
    if (!f) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isClassDeclaration(n) && n.name?.text === name) out.push({ f, c: n });
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  return out;
}

export function classMembers(s: Subject, ctx: CheckContext): Check {
  const name = String(s.class);
  const want = String(s.names).split(',');
  const decls = classesNamed(ctx, name);
  if (decls.length !== 1) return unverifiable(decls.length ? `${decls.length} release classes are named ${name}` : `no release class is named ${name}`);
  const { f, c } = decls[0];
  if (c.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword)) return unverifiable(`${name} (${f.path}:${lineOf(c, f).line}) extends another class, whose members verdict does not follow here`);
  const have = new Map<string, ts.Node>();
  for (const m of c.members) {
    const n = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text : null;
    const priv = ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Private;
    if (n && !priv) have.set(n, m);
  }
  const missing = want.filter((w) => !have.has(w));
  const at = lineOf(c, f);
  const shown = [...have.keys()].filter((k) => k !== 'constructor').join(', ');
  if (missing.length) return contradicted(`${name} (${f.path}:${at.line}) has no ${missing.map((x) => `\`${x}\``).join(', ')}: its members are ${shown || 'none'}`, [fileEvidence(at), figure(`listed members missing from ${name}`, missing.length)]);
  return confirmed(`${name} (${f.path}:${at.line}) declares ${want.join(', ')}`, [fileEvidence(at), ...want.slice(0, 3).map((w) => fileEvidence(lineOf(have.get(w)!, f)))]);
}
