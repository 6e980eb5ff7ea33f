// Small syntax-tree helpers shared by source rules.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { parsesNumber } from '../../knowledge/index.js';

/** The name a call is made through: `db.prepare(...)` -> "prepare", `query(...)` -> "query". */
export function calleeName(call: ts.CallExpression): string | null {
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return null;
}

/** The receiver of a method call as source text: `env.DB.prepare` -> "env.DB". */
export function receiverText(call: ts.CallExpression, sf: ts.SourceFile): string | null {
  const e = call.expression;
  if (ts.isPropertyAccessExpression(e)) return e.expression.getText(sf);
  return null;
}

/**
 * The initializer of the `const` an identifier refers to, through the file's scopes (a parameter or
 * an inner declaration of the same name shadows an outer const); null for anything else.
 */
export function constInitializer(id: ts.Identifier, scope: Scope): ts.Expression | null {
  const b = scope.resolve(id);
  return b?.kind === 'variable' && b.isConst ? b.initializer : null;
}

/**
 * The value a variable holds wherever it is read: its initializer, for a `const`, or for a `let`/`var`
 * that nothing assigns afterwards. Null when it is reassigned, has no initializer, or is not a variable.
 */
export function valueOf(id: ts.Identifier, scope: Scope): ts.Expression | null {
  const b = scope.resolve(id);
  if (b?.kind !== 'variable' || !b.initializer) return null;
  return b.isConst || !scope.isReassigned(b.decl) ? b.initializer : null;
}

/** The language's conversions to a number or a boolean, global names a file may redeclare. */
const NUMERIC = new Set(['Number', 'parseInt', 'parseFloat', 'BigInt', 'Boolean']);

/**
 * A call whose result is a number (or a boolean) whatever it is given: the language's conversions
 * (`Number(x)`, `parseInt`, `Number.parseInt`, any `Math.*`) where the file does not redeclare those
 * globals, or a schema that parses to a number (knowledge/flow.ts).
 */
export function convertsToNumber(call: ts.CallExpression, scope: Scope): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return !scope.resolve(callee) && NUMERIC.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  if (parsesNumberSchema(callee, scope)) return true;
  if (!ts.isIdentifier(callee.expression) || scope.resolve(callee.expression)) return false;
  return callee.expression.text === 'Math' || (callee.expression.text === 'Number' && ['parseInt', 'parseFloat'].includes(callee.name.text));
}

/** `z.coerce.number().int().parse`: a schema built on a validation library's export that parses to a number (knowledge/flow.ts). */
function parsesNumberSchema(callee: ts.PropertyAccessExpression, scope: Scope): boolean {
  const members: string[] = [];
  let e: ts.Expression = callee.expression;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) members.unshift(e.name.text);
    e = e.expression;
  }
  if (!ts.isIdentifier(e) || members.length === 0) return false;
  const b = scope.resolve(e);
  return b?.kind === 'import' && parsesNumber(b.from, b.imported, members, callee.name.text);
}

/**
 * Whether an expression can only produce values fixed in the code: literals, consts bound to such,
 * ternaries between constants, members of const object literals, numbers from Number()/parseInt(),
 * and `xs.map(() => '?').join(',')`-style placeholder lists.
 */
export function isConstantExpr(e: ts.Expression, scope: Scope, depth = 0): boolean {
  if (depth > 8) return false;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isConstantExpr(s.expression, scope, depth + 1));
  if (ts.isConditionalExpression(e)) return isConstantExpr(e.whenTrue, scope, depth + 1) && isConstantExpr(e.whenFalse, scope, depth + 1);
  if (ts.isBinaryExpression(e)) {
    if (e.operatorToken.kind === ts.SyntaxKind.PlusToken) return isConstantExpr(e.left, scope, depth + 1) && isConstantExpr(e.right, scope, depth + 1);
    if (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      return isConstantExpr(e.left, scope, depth + 1) && isConstantExpr(e.right, scope, depth + 1);
    }
    return [ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken].includes(e.operatorToken.kind);
  }
  if (ts.isPrefixUnaryExpression(e)) return true;
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined') return true;
    const init = constInitializer(e, scope);
    return init !== null && isConstantExpr(init, scope, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    const obj = e.expression;
    if (ts.isIdentifier(obj)) {
      const b = scope.resolve(obj);
      if (b?.kind === 'other' && ts.isEnumDeclaration(b.decl)) {
        const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isStringLiteralLike(e.argumentExpression) ? e.argumentExpression.text : null;
        return name !== null && constantEnumMember(b.decl, name);
      }
      const init = constInitializer(obj, scope);
      if (init && ts.isObjectLiteralExpression(stripAs(init))) {
        return (stripAs(init) as ts.ObjectLiteralExpression).properties.every((p) => ts.isPropertyAssignment(p) && isConstantExpr(p.initializer, scope, depth + 1));
      }
      if (init && ts.isArrayLiteralExpression(stripAs(init))) {
        return (stripAs(init) as ts.ArrayLiteralExpression).elements.every((x) => isConstantExpr(x, scope, depth + 1));
      }
    }
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return true;
    return false;
  }
  if (ts.isCallExpression(e)) {
    if (convertsToNumber(e, scope)) return true;
    if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join') {
      const target = e.expression.expression;
      if (ts.isCallExpression(target) && ts.isPropertyAccessExpression(target.expression) && ['map', 'fill'].includes(target.expression.name.text)) {
        const fn = target.arguments[0];
        if (target.expression.name.text === 'fill') return fn !== undefined && isConstantExpr(fn, scope, depth + 1);
        if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
          const body = ts.isArrowFunction(fn) && !ts.isBlock(fn.body) ? fn.body : null;
          return body !== null && isConstantExpr(body, scope, depth + 1);
        }
      }
      return false;
    }
    return false;
  }
  return false;
}

/**
 * Whether an enum's member `name` is fixed by the code: a literal initializer (`a = 'x'`, `b = 2`,
 * `c = -1`), none (auto-numbered), or only constants; a computed one (`d = getX()`) is not.
 * A `const enum` must have constant members too, but its initializers are judged the same way.
 */
export function constantEnumMember(decl: ts.EnumDeclaration, name: string, depth = 0): boolean {
  const m = decl.members.find((x) => (ts.isIdentifier(x.name) || ts.isStringLiteral(x.name)) && x.name.text === name);
  if (!m) return false;
  return m.initializer === undefined || enumConstant(m.initializer, decl, depth);
}

/** Literals, and arithmetic or concatenation of literals and the enum's own members (`B = A << 1`, `C = 'a' + 'b'`). */
function enumConstant(e: ts.Expression, decl: ts.EnumDeclaration, depth: number): boolean {
  if (depth > 8) return false;
  e = stripAs(e);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return true;
  if (ts.isPrefixUnaryExpression(e)) return enumConstant(e.operand, decl, depth + 1);
  if (ts.isBinaryExpression(e)) return enumConstant(e.left, decl, depth + 1) && enumConstant(e.right, decl, depth + 1);
  // A sibling by its bare name, or `Enum.sibling`: constant only if that member is.
  if (ts.isIdentifier(e)) return constantEnumMember(decl, e.text, depth + 1);
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === decl.name.text) return constantEnumMember(decl, e.name.text, depth + 1);
  return false;
}

function stripAs(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

