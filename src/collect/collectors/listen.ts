// Whether a `.listen(...)` call starts a server, decided by what its receiver is, through the file's
// scopes: a value some server library builds (knowledge/servers: `express()`, `http.createServer(app)`,
// `NestFactory.create(...)`), followed through the variables that hold it and fluent chains
// (`polka().get(...).listen(3000)`). A receiver that is a parameter is library code listening on what
// its caller hands it, no server of its own. A receiver built in another file (an imported app, a
// factory of the repository) is not readable here: its `listen` counts when it is given something to
// listen on (a port, options or a callback), which no other kind of object's `listen` is in a service.
import ts from 'typescript';
import { isServerFactory, isServingCall, isServingGlobal } from '../../knowledge/index.js';
import { requireOf, type Scope } from '../scope.js';

type Origin = 'server' | 'parameter' | 'elsewhere' | 'local';

const MAX_DEPTH = 6;

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** The import a name refers to (`import x from 'm'`, `const x = require('m')`, `const { x } = require('m')`), or null. */
function importOf(id: ts.Identifier, scope: Scope): { from: string; imported: string } | null {
  const b = scope.resolve(id);
  if (!b) return null;
  if (b.kind === 'import') return { from: b.from, imported: b.imported };
  return requireOf(b);
}

/** Whether a callee (`express`, `http.createServer`, `NestFactory.create`, `require('koa')`) is a server library's factory. */
function isFactory(callee: ts.Expression, scope: Scope): boolean {
  const e = strip(callee);
  if (ts.isIdentifier(e)) {
    const i = importOf(e, scope);
    return i !== null && isServerFactory(i.from, i.imported, null);
  }
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
    const i = importOf(e.expression, scope);
    return i !== null && isServerFactory(i.from, i.imported, e.name.text);
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
    return isServerFactory(e.arguments[0].text, 'default', null);
  }
  return false;
}

/** Where the value a listen is called on comes from. */
function originOf(expr: ts.Expression, scope: Scope, depth: number): Origin {
  const e = strip(expr);
  if (depth > MAX_DEPTH) return 'elsewhere';
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    if (isFactory(e.expression, scope)) return 'server';
    // A fluent chain returns what it was called on (`app.use(x)`, `polka().get(...)`).
    const callee = strip(e.expression);
    if (ts.isPropertyAccessExpression(callee)) return originOf(callee.expression, scope, depth + 1);
    return 'elsewhere';
  }
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (!b) return 'elsewhere';
    if (b.kind === 'parameter') return 'parameter';
    if (b.kind === 'variable') {
      const values = [b.initializer, ...scope.writes(b.decl)].filter((v): v is ts.Expression => v !== null);
      if (values.some((v) => originOf(v, scope, depth + 1) === 'server')) return 'server';
      // A variable of the file holding an object it writes itself (`const bus = { listen() {} }`): no server.
      if (values.length > 0 && values.every((v) => ts.isObjectLiteralExpression(strip(v)) || ts.isArrayLiteralExpression(strip(v)))) return 'local';
      return 'elsewhere';
    }
    if (b.kind === 'destructured') return b.decl.parent.parent && ts.isParameter(b.decl.parent.parent) ? 'parameter' : 'elsewhere';
    if (b.kind === 'import') return 'elsewhere';
    return 'local';
  }
  // `this.server.listen(...)`, `deps.app.listen(...)`: the object's field, set elsewhere.
  if (ts.isPropertyAccessExpression(e)) {
    const root = originOf(e.expression, scope, depth + 1);
    return root === 'parameter' || root === 'local' ? root : 'elsewhere';
  }
  return 'elsewhere';
}

/** Whether `call` is `<receiver>.listen(...)` that starts a server (see the file's comment). */
export function startsServer(call: ts.CallExpression, scope: Scope): boolean {
  const e = call.expression;
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'listen') return false;
  const origin = originOf(e.expression, scope, 0);
  if (origin === 'server') return true;
  if (origin !== 'elsewhere') return false;
  return call.arguments.length > 0;
}

/**
 * Whether `call` starts serving without a `listen()` (knowledge/servers SERVING_CALLS): the callee
 * resolved through the file's imports (`serve` of @hono/node-server under any local name, `hono.serve`
 * of a namespace import, `require('@hono/node-server').serve`), or a runtime global's method
 * (`Bun.serve`) where no scope of the file declares that name.
 */
export function startsServing(call: ts.CallExpression, scope: Scope): boolean {
  const e = strip(call.expression);
  if (ts.isIdentifier(e)) {
    const i = importOf(e, scope);
    return i !== null && isServingCall(i.from, i.imported, null);
  }
  if (!ts.isPropertyAccessExpression(e)) return false;
  const member = e.name.text;
  const recv = strip(e.expression);
  if (ts.isIdentifier(recv)) {
    const i = importOf(recv, scope);
    if (i) return isServingCall(i.from, i.imported, member);
    return scope.resolve(recv) === null && isServingGlobal(recv.text, member);
  }
  if (ts.isCallExpression(recv) && ts.isIdentifier(recv.expression) && recv.expression.text === 'require' && recv.arguments.length === 1 && ts.isStringLiteralLike(recv.arguments[0])) {
    return isServingCall(recv.arguments[0].text, '*', member);
  }
  return false;
}
