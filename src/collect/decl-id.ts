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
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) return topConst(fn);
  return null;
}

