// Whether a file writes a field of the object a binding holds, decided through the scope: a parameter
// or another object of the same name is not the binding.
import ts from 'typescript';
import type { Scope } from '../scope.js';

/**
 * Whether the file writes field `name` (any field when `name` is null) of the object the declaration
 * `decl` holds: `config.x = ...`, `config['x'] += ...`, `config.x++`, `delete config.x`, or
 * `Object.assign(config, ...)` (which may write any field).
 */
export function fieldWritten(sf: ts.SourceFile, scope: Scope, decl: ts.Declaration, name: string | null): boolean {
  const isTarget = (x: ts.Expression): boolean => {
    while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x)) x = x.expression;
    return ts.isIdentifier(x) && scope.resolve(x)?.decl === decl;
  };
  const isField = (x: ts.Expression): boolean => (ts.isPropertyAccessExpression(x) && (name === null || x.name.text === name) && isTarget(x.expression))
    || (ts.isElementAccessExpression(x) && (name === null || (ts.isStringLiteralLike(x.argumentExpression) && x.argumentExpression.text === name)) && isTarget(x.expression));
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && isField(n.left)) found = true;
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) && isField(n.operand)) found = true;
    else if (ts.isDeleteExpression(n) && isField(n.expression)) found = true;
    else if (ts.isCallExpression(n) && isObjectAssign(n.expression) && n.arguments.length > 0 && isTarget(n.arguments[0])) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const isObjectAssign = (e: ts.Expression): boolean => ts.isPropertyAccessExpression(e) && e.name.text === 'assign' && ts.isIdentifier(e.expression) && e.expression.text === 'Object';
