// "Added RollbackFile interface", "Converted migrations array to async function": what a file is said
// to declare now. The file is the one the line names, else the list item it sits under, else the
// paragraph that introduces its list. The declaration is looked up in that file's syntax tree by kind
// and name; "added" needs it used too (a type referenced, a function called), not only declared.
import ts from 'typescript';
import type { RawClaim } from '../extract.js';
import type { Subject } from '../model.js';
import { fileEvidence, figure } from '../repo.js';
import { lineOf, type ParsedFile, parsedFile } from './syntax.js';
import { type Check, type CheckContext, confirmed, contradicted, unverifiable } from './context.js';

const KINDS = 'interface|type|class|enum|function';
const ADDED = new RegExp(`^(?:added|adds|created?|introduced?|defined?|new)\\s+(?:an?\\s+|the\\s+)?\`?([A-Za-z_$][\\w$]*)\`?\\s+(${KINDS})\\b|^(?:added|adds|created?|introduced?|defined?)\\s+(?:an?\\s+|the\\s+)?(${KINDS})\\s+\`?([A-Za-z_$][\\w$]*)\`?`, 'i');
const CONVERTED = /^(?:converted|changed|turned|made)\s+(?:the\s+)?`?(\w+)`?\s+(?:array|list|constant)\s+(?:in)?to\s+(?:an?\s+)?(async\s+)?function\b/i;

const FILE = /`?((?:[\w@.-]+\/)*[\w.-]+\.(?:[cm]?[jt]sx?))`?/;

function fileOf(raw: RawClaim): string | null {
  for (const t of [raw.text, raw.parent ?? '', raw.lead ?? '']) {
    const m = t.replace(/\*\*/g, '').match(FILE);
    if (m) return m[1];
  }
  return null;
}

export function declarationClaim(raw: RawClaim): Subject | null {
  const t = raw.text.replace(/\*\*|__/g, '').trim();
  const file = fileOf(raw);
  if (!file) return null;
  const a = t.match(ADDED);
  if (a) {
    const name = a[1] ?? a[4];
    const kind = (a[2] ?? a[3]).toLowerCase();
    // "Added constructor validation": a declaration is named with a capital or in code, not by a common word.
    if (!/[A-Z_$]/.test(name) && !t.includes(`\`${name}\``)) return null;
    return { topic: 'declaration', kind, name, path: file };
  }
  const c = t.match(CONVERTED);
  if (c) return { topic: 'converted', noun: c[1], async: Boolean(c[2]), path: file };
  return null;
}

const DECLARES: Record<string, (n: ts.Node) => n is ts.DeclarationStatement> = {
  interface: ts.isInterfaceDeclaration, type: ts.isTypeAliasDeclaration, class: ts.isClassDeclaration,
  enum: ts.isEnumDeclaration, function: ts.isFunctionDeclaration,
};

function walk(f: ParsedFile, each: (n: ts.Node) => void): void {
  const visit = (n: ts.Node): void => { each(n); ts.forEachChild(n, visit); };
  visit(f.sf);
}

function resolveFile(ctx: CheckContext, path: string): string | null {
  return ctx.repo.resolve(path).find((p) => parsedFile(ctx, p)) ?? null;
}

function declared(s: Subject, ctx: CheckContext, file: string): Check {
  const f = parsedFile(ctx, file)!;
  const name = String(s.name);
  const kind = String(s.kind);
  let decl: ts.Node | null = null;
  const uses: ts.Node[] = [];
  walk(f, (n) => {
    if (!decl && DECLARES[kind]?.(n) && (n as ts.DeclarationStatement).name?.getText(f.sf) === name) decl = n;
    else if (ts.isIdentifier(n) && n.text === name && !(n.parent && DECLARES[kind]?.(n.parent) && (n.parent as ts.DeclarationStatement).name === n)) uses.push(n);
  });
  if (!decl) return contradicted(`${file} declares no ${kind} ${name}`, [fileEvidence({ path: file, line: 1, text: f.lines[0] ?? '' }), figure(`${kind} ${name} in ${file}`, 0)]);
  const at = lineOf(decl, f);
  // A use in this file, or an import of it elsewhere: an exported type may be used only by other modules.
  const imported = uses.length ? [] : ctx.repo.grep(new RegExp(`\\bimport\\b[^;]*\\b${name}\\b`), ctx.repo.serviceFiles().filter((p) => p !== file), 3);
  if (uses.length === 0 && imported.length === 0) return unverifiable(`${file}:${at.line} declares ${kind} ${name}, but nothing uses it`);
  const use = uses.length ? lineOf(uses[0], f) : imported[0];
  return confirmed(`${file}:${at.line} declares ${kind} ${name}, used at ${use.path}:${use.line}`, [fileEvidence(at), fileEvidence(use)]);
}

/** Whether a function returns an array: an array literal, or a const of the file bound to one. */
function returnsArray(fn: ts.FunctionLikeDeclaration, f: ParsedFile): boolean {
  const values: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) values.push(fn.body);
  else if (fn.body) {
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) values.push(n.expression);
      if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn.body, visit);
  }
  const isArray = (e: ts.Expression): boolean => ts.isArrayLiteralExpression(e)
    || (ts.isIdentifier(e) && f.consts.has(e.text) && isArray(f.consts.get(e.text)!))
    || ((ts.isAsExpression(e) || ts.isParenthesizedExpression(e)) && isArray(e.expression));
  return values.length > 0 && values.every(isArray);
}

function converted(s: Subject, ctx: CheckContext, file: string): Check {
  const f = parsedFile(ctx, file)!;
  const noun = String(s.noun).toLowerCase();
  const fns: Array<{ name: string; node: ts.FunctionLikeDeclaration }> = [];
  walk(f, (n) => {
    if (ts.isFunctionDeclaration(n) && n.name) fns.push({ name: n.name.text, node: n });
    else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) fns.push({ name: n.name.text, node: n.initializer });
  });
  // The function named for the list: `loadMigrations` for "migrations" (its name's words, not a substring).
  const words = (x: string) => x.replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_]+/);
  const named = fns.filter((x) => words(x.name).includes(noun));
  const found = named.find((x) => returnsArray(x.node, f) && (!s.async || ts.getCombinedModifierFlags(x.node as ts.Declaration) & ts.ModifierFlags.Async || x.node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)));
  if (!found) {
    return named.length ? contradicted(`${file}: ${named.map((x) => x.name).join(', ')} ${s.async ? 'is not an async function returning' : 'does not return'} the ${noun} array`, [fileEvidence(lineOf(named[0].node, f))])
      : unverifiable(`${file} has no function named for ${noun}`);
  }
  return confirmed(`${file}: ${s.async ? 'async ' : ''}function ${found.name} returns the ${noun} array`, [fileEvidence(lineOf(found.node, f))]);
}

export function declaration(s: Subject, ctx: CheckContext): Check {
  const file = resolveFile(ctx, String(s.path));
  if (!file) return unverifiable(`${s.path}: no such JavaScript or TypeScript file in the release code`);
  return s.topic === 'converted' ? converted(s, ctx, file) : declared(s, ctx, file);
}
