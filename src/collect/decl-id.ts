// The id collect/symbols gives a function's declaration (`f`, `C.m`, `obj.m`): collectors that record
// facts about a function and rules that look it up in the link stage's call graph name it the same way.
import ts from 'typescript';

const memberName = (n: ts.PropertyName | undefined): string | null =>
  n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) ? n.text : null;

/** The top-level `const` a node initialises (`const f = () => {}`, `const obj = { m() {} }`), or null. */
function topConst(n: ts.Node): string | null {
  const v = n.parent;
  if (!v || !ts.isVariableDeclaration(v) || v.initializer !== n || !ts.isIdentifier(v.name)) return null;
  return ts.isVariableStatement(v.parent.parent) && ts.isSourceFile(v.parent.parent.parent) ? v.name.text : null;
}

/**
 * What a CommonJS assignment exports: `exports.f = ...` / `module.exports.f = ...` -> `f`;
 * `module.exports = ...` -> '' (the whole module); null for any other target.
 */
export function commonJsExportName(left: ts.Expression): string | null {
  if (!ts.isPropertyAccessExpression(left)) return null;
  const o = left.expression;
  if (ts.isIdentifier(o) && o.text === 'module' && left.name.text === 'exports') return '';
  if (ts.isIdentifier(o) && o.text === 'exports') return left.name.text;
  if (ts.isPropertyAccessExpression(o) && ts.isIdentifier(o.expression) && o.expression.text === 'module' && o.name.text === 'exports') return left.name.text;
  return null;
}

/** A function assigned at the top level to `exports.f` (or `module.exports.f`): its export name, which collect/symbols declares it by. */
function commonJsExported(fn: ts.Node): string | null {
  const a = fn.parent;
  if (!a || !ts.isBinaryExpression(a) || a.right !== fn || a.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return null;
  if (!ts.isExpressionStatement(a.parent) || !ts.isSourceFile(a.parent.parent)) return null;
  return commonJsExportName(a.left) || null;
}

/** The id collect/symbols gives a function's declaration (`f`, `C.m`, `obj.m`), or null for one it does not name. */
export function declIdOf(fn: ts.SignatureDeclaration): string | null {
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent) ? fn.name?.text ?? 'default' : null;
  const holder = ts.isPropertyDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent) ? fn.parent : fn;
  const owner = holder.parent;
  const name = ts.isMethodDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isGetAccessor(holder) || ts.isSetAccessor(holder)
    ? memberName(holder.name) : null;
  if (name && owner && ts.isClassLike(owner)) {
    const cls = ts.isClassDeclaration(owner) && ts.isSourceFile(owner.parent) ? owner.name?.text ?? 'default' : topConst(owner);
    return cls ? `${cls}.${name}` : null;
  }
  if (name && owner && ts.isObjectLiteralExpression(owner)) {
    const obj = topConst(owner);
    return obj ? `${obj}.${name}` : null;
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return topConst(fn) ?? commonJsExported(fn);
  return null;
}

