// Which database, cache or queue client a call or `new` opens (knowledge/connections.ts), resolved
// through the file's scopes: shared by the rules that judge what such a client is given.
import ts from 'typescript';
import { requireOf, type Scope } from '../../collect/scope.js';
import { connectionOpenerOf, type ConnectionOpener } from '../../knowledge/index.js';

function importOf(id: ts.Identifier, scope: Scope) {
  const b = scope.resolve(id);
  return b && (b.kind === 'import' ? b : requireOf(b));
}

/** The opener a callee is when called (`how: 'call'`) or constructed (`'new'`): `new Pool()`, `mongoose.connect()`, `TypeOrmModule.forRoot()`. */
export function connectionOpenerAt(callee: ts.Expression, how: 'call' | 'new', scope: Scope): ConnectionOpener | null {
  if (ts.isIdentifier(callee)) {
    const imp = importOf(callee, scope);
    return imp ? connectionOpenerOf(imp.from, imp.imported, how) : null;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const imp = importOf(callee.expression, scope);
    if (!imp) return null;
    return connectionOpenerOf(imp.from, imp.imported, 'member', callee.name.text)
      // `new redis.Redis(...)`, `new pg.Pool(...)` on a whole-module import.
      ?? ((imp.imported === '*' || imp.imported === 'default') && how !== 'call' ? connectionOpenerOf(imp.from, callee.name.text, how) : null);
  }
  return null;
}
