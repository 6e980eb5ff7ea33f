// Reading intent from names: what a value is called (the variable, property or function it ends up
// in) and whether an expression carries request input.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { isTestSide } from '../../util/roles.js';

/** The last word of an expression's name: `req.headers['x-signature']` -> "x-signature", `a.b.token` -> "token". */
export function terminalName(e: ts.Expression): string | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e)) return terminalName(e.expression);
  return null;
}

/**
 * The name a value is stored under: walks up through wrapping expressions (calls, arithmetic,
 * templates, `.toString()`) to the variable, property, assignment target or returning function.
 */
export function destinationName(node: ts.Node): string | null {
  let cur: ts.Node = node;
  for (let i = 0; i < 12 && cur.parent; i++) {
    const p: ts.Node = cur.parent;
    if (ts.isVariableDeclaration(p)) return ts.isIdentifier(p.name) ? p.name.text : null;
    if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p.name.getText();
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return terminalName(p.left);
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === cur)) {
      let fn: ts.Node | undefined = p;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      if (!fn) return null;
      if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return fn.name.getText();
      if (fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
      if (fn.parent && ts.isPropertyAssignment(fn.parent)) return fn.parent.name.getText();
      return null;
    }
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return null;
    cur = p;
  }
  return null;
}

const REQUEST_INPUT = /\b(?:req|request|ctx\.request|ctx\.req|c\.req|event|evt)\s*\.\s*(?:body|query|params|param|headers|header|cookies|json|url|path|formData|valid)\b|\bsearchParams\b/;
/** The process's own command line: whoever starts the process chooses it, not a remote caller. */
const COMMAND_LINE = /\bprocess\.argv\b/;

/** Whether an expression reads request input, directly or through the local variables it reads (resolved by scope). */
export function readsRequestInput(e: ts.Expression, sf: ts.SourceFile, scope: Scope): boolean {
  return reads(REQUEST_INPUT, e, sf, scope, 0);
}

/** Whether an expression reads `process.argv`, directly or through a local variable's initializer. */
export function readsCommandLine(e: ts.Expression, sf: ts.SourceFile, scope: Scope): boolean {
  return reads(COMMAND_LINE, e, sf, scope, 0);
}

function reads(source: RegExp, e: ts.Expression, sf: ts.SourceFile, scope: Scope, depth: number): boolean {
  if (source.test(e.getText(sf))) return true;
  if (depth > 2) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      // Every value the variable can hold: its initializer and each later assignment.
      const b = scope.resolve(n);
      const values = b?.kind === 'variable' ? [b.initializer, ...scope.writes(b.decl)] : [];
      if (values.some((v) => v && v !== e && reads(source, v, sf, scope, depth + 1))) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** Code that ships and runs: not tests, examples, benchmarks or generated files. */
export function isShippedCode(f: { role: string }): boolean {
  return !isTestSide(f.role) && f.role !== 'example' && f.role !== 'generated';
}

let lastText: string | null = null;
let lastMinified = false;

/**
 * Minified bundles (a line of thousands of characters of code early on): not code anyone reviews. A
 * long comment line is not minified code: padding a file with one must not silence the rules.
 */
export function looksMinified(text: string): boolean {
  // Every rule asks about the same file in turn: remember the last answer.
  if (text === lastText) return lastMinified;
  let minified = false;
  const end = Math.min(text.length, 30_000);
  for (let start = 0; start < end;) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl;
    if (stop - start >= 2000 && !/^\s*(?:\/\/|\/\*|\*)/.test(text.slice(start, start + 200))) {
      minified = true;
      break;
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  lastText = text;
  lastMinified = minified;
  return minified;
}
