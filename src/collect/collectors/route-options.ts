// A route's options object as the code builds it, not only as written in the call: a const that holds
// the object (`app.post('/login', limited, handler)`), an object spread into it (`{ ...limited, schema }`),
// or a function of the file that returns one (`app.post('/login', withLimit(5), handler)`). Resolved
// through the file's scope, so a shadowing local or a reassigned `let` is not taken for the object.
import ts from 'typescript';
import type { Scope } from '../scope.js';

const MAX_DEPTH = 4;

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** The expression a function returns when its body is one expression or a single `return`; else null. */
function returned(fn: ts.SignatureDeclaration): ts.Expression | null {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return null;
  if (!ts.isBlock(body)) return body;
  const only = body.statements.length === 1 ? body.statements[0] : null;
  return only && ts.isReturnStatement(only) && only.expression ? only.expression : null;
}

/** The object literal an options expression stands for, or null when the code does not say. */
export function optionObject(e: ts.Expression, scope: Scope, depth = 0): ts.ObjectLiteralExpression | null {
  e = unwrap(e);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (depth >= MAX_DEPTH) return null;
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind !== 'variable' || !b.initializer || (!b.isConst && scope.isReassigned(b.decl))) return null;
    return optionObject(b.initializer, scope, depth + 1);
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const b = scope.resolve(e.expression);
    const fn = b?.kind === 'function' ? b.decl
      : b?.kind === 'variable' && b.isConst && b.initializer && (ts.isArrowFunction(unwrap(b.initializer)) || ts.isFunctionExpression(unwrap(b.initializer)))
        ? unwrap(b.initializer) as ts.ArrowFunction | ts.FunctionExpression : null;
    const out = fn ? returned(fn) : null;
    return out ? optionObject(out, scope, depth + 1) : null;
  }
  return null;
}

/** Every `key: value` of an options object, spreads of objects the code builds expanded in place (a later key wins, as at run time). */
export function optionProperties(obj: ts.ObjectLiteralExpression, scope: Scope, depth = 0): ts.PropertyAssignment[] {
  const out: ts.PropertyAssignment[] = [];
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p)) out.push(p);
    else if (ts.isSpreadAssignment(p) && depth < MAX_DEPTH) {
      const inner = optionObject(p.expression, scope, depth + 1);
      if (inner) out.push(...optionProperties(inner, scope, depth + 1));
    }
  }
  const last = new Map<string, ts.PropertyAssignment>();
  for (const p of out) last.set(p.name.getText(), p);
  return out.filter((p) => last.get(p.name.getText()) === p);
}
