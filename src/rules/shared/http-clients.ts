import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { httpClientCall, type HttpClientCall } from '../../knowledge/index.js';

/**
 * The outbound HTTP call a callee is (knowledge/http-clients.ts), through the file's scopes: an
 * imported or required client (`axios.get`, `got`, `https.request`), or the runtime's own `fetch`
 * when nothing in the file declares that name.
 */
export function httpClientOf(callee: ts.Expression, scope: Scope): HttpClientCall | null {
  let member: string | null = null;
  let root = callee;
  if (ts.isPropertyAccessExpression(root)) {
    member = root.name.text;
    root = root.expression;
  }
  if (!ts.isIdentifier(root)) return null;
  const b = scope.resolve(root);
  if (!b) return member === null ? httpClientCall('', root.text) : null;
  const imp = b.kind === 'import' ? { from: b.from, imported: b.imported } : requireOf(b);
  if (!imp) return null;
  const head = imp.imported === '*' ? 'default' : imp.imported;
  if (member === null) return httpClientCall(imp.from, head);
  return httpClientCall(imp.from, `${head}#${member}`) ?? (imp.imported === '*' ? httpClientCall(imp.from, member) : null);
}
