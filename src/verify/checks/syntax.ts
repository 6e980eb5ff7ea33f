// The release code's calls of imported packages, read from the syntax tree once per run: which module
// and export a call resolves to through the file's imports and requires (`import cors from 'cors'`,
// `const { createHash } = require('node:crypto')`, `lusca.xframe(...)`), and a small evaluator for the
// constant values of its arguments, under a chosen environment (`NODE_ENV`, vite's `mode`).
import ts from 'typescript';
import type { Hit } from '../repo.js';
import type { CheckContext } from './context.js';

export interface Binding { module: string; name: string }

export interface ImportedCall extends Hit {
  /** The module as imported, without a `node:` prefix. */
  module: string;
  /** The export the callee's root binding is: 'default', '*' (a namespace or a whole require) or a name. */
  name: string;
  /** Properties read after the binding: `lusca.xframe(...)` is ['xframe']. */
  members: string[];
  node: ts.CallExpression | ts.NewExpression;
  file: ParsedFile;
}

export interface ParsedFile {
  path: string;
  sf: ts.SourceFile;
  lines: string[];
  /** Top-level and function-level `const` bindings by name (the nearest is not tracked: names are rarely reused for settings). */
  consts: Map<string, ts.Expression>;
  bindings: Map<string, Binding>;
}

const norm = (m: string) => m.replace(/^node:/, '');

function requireOf(e: ts.Expression | undefined): string | null {
  if (!e || !ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require') return null;
  const a = e.arguments[0];
  return a && ts.isStringLiteralLike(a) ? norm(a.text) : null;
}

function parse(path: string, text: string): ParsedFile {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.[cm]?tsx?$/.test(path) ? ts.ScriptKind.TSX : ts.ScriptKind.JS);
  const consts = new Map<string, ts.Expression>();
  const bindings = new Map<string, Binding>();
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause) {
      const module = norm(n.moduleSpecifier.text);
      const c = n.importClause;
      if (c.name) bindings.set(c.name.text, { module, name: 'default' });
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) bindings.set(nb.name.text, { module, name: '*' });
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) bindings.set(e.name.text, { module, name: (e.propertyName ?? e.name).text });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) {
      bindings.set(n.name.text, { module: norm(n.moduleReference.expression.text), name: '*' });
    } else if (ts.isVariableDeclaration(n) && n.initializer) {
      const module = requireOf(n.initializer);
      if (module && ts.isIdentifier(n.name)) bindings.set(n.name.text, { module, name: '*' });
      else if (module && ts.isObjectBindingPattern(n.name)) {
        for (const el of n.name.elements) if (ts.isIdentifier(el.name)) bindings.set(el.name.text, { module, name: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text });
      } else if (ts.isIdentifier(n.name) && ts.isVariableDeclarationList(n.parent) && n.parent.flags & ts.NodeFlags.Const) consts.set(n.name.text, n.initializer);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { path, sf, lines: text.split('\n'), consts, bindings };
}

const parsed = new WeakMap<object, Map<string, ParsedFile | null>>();

/** A release file parsed (null when it is no JS/TS file or cannot be read). */
export function parsedFile(ctx: CheckContext, path: string): ParsedFile | null {
  let m = parsed.get(ctx.repo);
  if (!m) { m = new Map(); parsed.set(ctx.repo, m); }
  if (m.has(path)) return m.get(path)!;
  let out: ParsedFile | null = null;
  const text = /\.[cm]?[jt]sx?$/.test(path) ? ctx.repo.lines(path)?.join('\n') : undefined;
  if (text && text.length < 500_000) { try { out = parse(path, text); } catch { out = null; } }
  m.set(path, out);
  return out;
}

/** The binding and member chain a callee expression starts from: `lusca.xframe` -> lusca, ['xframe']; `require('m')()` -> m. */
function rootOf(e: ts.Expression, f: ParsedFile): { b: Binding; members: string[] } | null {
  const members: string[] = [];
  let x = e;
  while (ts.isPropertyAccessExpression(x)) { members.unshift(x.name.text); x = x.expression; }
  if (ts.isIdentifier(x)) { const b = f.bindings.get(x.text); return b ? { b, members } : null; }
  const module = requireOf(x);
  return module ? { b: { module, name: '*' }, members } : null;
}

const calls = new WeakMap<object, ImportedCall[]>();

/** Every call (or `new`) in the release code whose callee is an imported package's export. */
export function importedCalls(ctx: CheckContext): ImportedCall[] {
  const known = calls.get(ctx.repo);
  if (known) return known;
  const out: ImportedCall[] = [];
  for (const path of ctx.repo.serviceFiles()) {
    const f = parsedFile(ctx, path);
    if (!f || f.bindings.size === 0 && !f.lines.some((l) => l.includes('require('))) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const r = rootOf(n.expression, f);
        if (r && r.b.module !== '.' && !r.b.module.startsWith('.')) {
          const line = f.sf.getLineAndCharacterOfPosition(n.getStart(f.sf)).line + 1;
          out.push({ path, line, text: f.lines[line - 1] ?? '', module: r.b.module, name: r.b.name, members: r.members, node: n, file: f });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  calls.set(ctx.repo, out);
  return out;
}

/** Whether a call is `module`'s `exported` (a default or namespace import's member counts as that export). */
export function callIs(c: ImportedCall, module: string, exported: string): boolean {
  if (c.module !== module) return false;
  const [head, ...rest] = exported.split('.');
  if (c.name === head) return rest.join('.') === c.members.join('.');
  if (c.name === 'default' || c.name === '*') {
    // A whole module called directly is its default export (`cors()`, `require('compression')()`).
    if (head === 'default') return c.members.join('.') === rest.join('.');
    return c.members.join('.') === exported;
  }
  return false;
}

// ---- constant values ----

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value } | symbol | RegExp;

/** Values the code reads from its environment: `process.env.NODE_ENV`, a vite config's `mode`. */
export interface Environment { NODE_ENV?: string; mode?: string }

function envRead(e: ts.Expression, env: Environment): Value {
  const t = e.getText();
  if (/^process\.env(\.NODE_ENV|\[['"]NODE_ENV['"]\])$/.test(t)) return env.NODE_ENV ?? UNKNOWN;
  return UNKNOWN;
}

/** The constant an expression evaluates to, or UNKNOWN. Follows the file's const bindings. */
export function evaluate(e: ts.Expression | undefined, f: ParsedFile, env: Environment = {}, depth = 0): Value {
  if (!e || depth > 12) return UNKNOWN;
  const ev = (x: ts.Expression | undefined) => evaluate(x, f, env, depth + 1);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) return ev(e.expression);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (e.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isRegularExpressionLiteral(e)) return /(?:)/;
  if (ts.isArrayLiteralExpression(e)) return e.elements.map((x) => ev(x));
  if (ts.isObjectLiteralExpression(e)) {
    const o: Record<string, Value> = {};
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) o[p.name.text] = ev(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) o[p.name.text] = ev(p.name);
      else return UNKNOWN;
    }
    return o;
  }
  if (ts.isConditionalExpression(e)) {
    const c = ev(e.condition);
    return c === UNKNOWN ? UNKNOWN : c ? ev(e.whenTrue) : ev(e.whenFalse);
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) { const v = ev(e.operand); return v === UNKNOWN ? UNKNOWN : !v; }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    const [l, r] = [ev(e.left), ev(e.right)];
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : l === r;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return l === UNKNOWN || r === UNKNOWN ? UNKNOWN : l !== r;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return l === UNKNOWN ? UNKNOWN : l ? r : l;
    if (op === ts.SyntaxKind.BarBarToken) return l === UNKNOWN ? UNKNOWN : l ? l : r;
    if (op === ts.SyntaxKind.AsteriskToken && typeof l === 'number' && typeof r === 'number') return l * r;
    return UNKNOWN;
  }
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return undefined;
    if (e.text === 'mode' && env.mode !== undefined) return env.mode;
    const c = f.consts.get(e.text);
    return c ? ev(c) : UNKNOWN;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const fromEnv = envRead(e, env);
    if (fromEnv !== UNKNOWN) return fromEnv;
    if (ts.isPropertyAccessExpression(e)) {
      const o = ev(e.expression);
      if (o && typeof o === 'object' && !Array.isArray(o) && !(o instanceof RegExp)) return (o as Record<string, Value>)[e.name.text] ?? UNKNOWN;
    }
  }
  return UNKNOWN;
}

/** The object property `key` (dotted) of an object literal, as written. */
export function propertyAt(e: ts.Expression | undefined, key: string, f: ParsedFile): ts.Expression | undefined {
  let cur = e;
  for (const k of key.split('.')) {
    while (cur && ts.isIdentifier(cur) && f.consts.has(cur.text)) cur = f.consts.get(cur.text);
    while (cur && (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur))) cur = cur.expression;
    if (!cur || !ts.isObjectLiteralExpression(cur)) return undefined;
    const p = cur.properties.find((x) => (ts.isPropertyAssignment(x) || ts.isShorthandPropertyAssignment(x)) && (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === k);
    cur = p ? (ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name) : undefined;
  }
  return cur;
}

export function lineOf(n: ts.Node, f: ParsedFile): Hit {
  const line = f.sf.getLineAndCharacterOfPosition(n.getStart(f.sf)).line + 1;
  return { path: f.path, line, text: f.lines[line - 1] ?? '' };
}

/**
 * The environment conditions a call runs under: the tests of the `if` statements and conditional
 * expressions around it, each with the branch it sits in. Functions end the walk (their callers decide).
 */
export function conditionsOf(n: ts.Node): Array<{ test: ts.Expression; holds: boolean }> {
  const out: Array<{ test: ts.Expression; holds: boolean }> = [];
  for (let child: ts.Node = n, p = n.parent; p && !ts.isSourceFile(p); child = p, p = p.parent) {
    if (ts.isFunctionLike(p)) break;
    if (ts.isIfStatement(p) && child !== p.expression) out.push({ test: p.expression, holds: child === p.thenStatement });
    if (ts.isConditionalExpression(p) && child !== p.condition) out.push({ test: p.condition, holds: child === p.whenTrue });
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right) out.push({ test: p.left, holds: true });
  }
  return out;
}
