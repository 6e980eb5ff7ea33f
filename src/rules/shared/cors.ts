// CORS options as the syntax tree and the file's scopes give them: the options object a CORS
// middleware is handed (inline or through a variable), the value of each option where the file says
// it, and the CORS library an identifier is imported from (knowledge/cors.ts).
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { corsLibraryOf, type CorsLibrary } from '../../knowledge/index.js';
import { valueOf } from './ast.js';

export function unwrapCors(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** An expression's value where the file says it: itself, or the value of the variable it names. */
export function valueIn(e: ts.Expression, scope: Scope): ts.Expression {
  e = unwrapCors(e);
  if (!ts.isIdentifier(e)) return e;
  const v = valueOf(e, scope);
  return v ? unwrapCors(v) : e;
}

function keyOf(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) return p.name.text;
  return null;
}

/** The element of an options object with this key: a property, a shorthand or a method. */
export function property(obj: ts.ObjectLiteralExpression, key: string): ts.ObjectLiteralElementLike | null {
  return obj.properties.find((p) => keyOf(p) === key) ?? null;
}

/** The value an element gives its key, where it is an expression (`origin: x`, `{ origin }`, `origin(o, cb) {}`). */
export function valueOfElement(p: ts.ObjectLiteralElementLike, scope: Scope): ts.Expression | ts.MethodDeclaration | null {
  if (ts.isPropertyAssignment(p)) return valueIn(p.initializer, scope);
  if (ts.isShorthandPropertyAssignment(p)) return valueIn(p.name, scope);
  if (ts.isMethodDeclaration(p)) return p;
  return null;
}

/** The CORS library an identifier is bound to, through `import` or `require`. */
export function corsLibraryOfIdentifier(e: ts.Expression, scope: Scope): CorsLibrary | null {
  e = unwrapCors(e);
  if (!ts.isIdentifier(e)) return null;
  const b = scope.resolve(e);
  const imp = !b ? null : b.kind === 'import' ? b : requireOf(b);
  if (!imp) return null;
  // `const cors = require('cors')` binds the whole module, which is the CommonJS default export.
  return corsLibraryOf(imp.from, imp.imported) ?? (imp.imported === '*' ? corsLibraryOf(imp.from, 'default') : null);
}
