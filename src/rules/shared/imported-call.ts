// Which import a call invokes, resolved through the file's scope: `decode(t)` of `import { decode }`,
// `jwt.decode(t)` of a default, namespace or required binding.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';

export interface ImportedRef { module: string; name: string; member?: string }

function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/** The module and export a call invokes, or null when its callee is no import of this file. */
export function importedCallee(call: ts.CallExpression, scope: Scope): ImportedRef | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) {
    const i = importOf(e, scope);
    return i ? { module: i.from, name: i.imported } : null;
  }
  if (ts.isPropertyAccessExpression(e)) {
    let obj: ts.Expression = e.expression;
    if (ts.isPropertyAccessExpression(obj) && obj.name.text === 'default') obj = obj.expression;
    if (!ts.isIdentifier(obj)) return null;
    const i = importOf(obj, scope);
    return i && (i.imported === '*' || i.imported === 'default') ? { module: i.from, name: i.imported, member: e.name.text } : null;
  }
  return null;
}
