// What bounds a value a request gives, in the code around where it is used: a comparison of a name it
// came through, a schema declared with the route. Shared by the rules about sizes a caller chooses.
import ts from 'typescript';
import { readsRequest } from './taint.js';

const RELATIONAL = new Set([ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken]);
const unwrap = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
};

/** The names a path from the request passes through (`limit` from `limit (line 4)`), to find a comparison that bounds them. */
export function pathNames(path: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of path) {
    const text = s.replace(/ \(line \d+\)$/, '').replace(/^\{ (.*) \}$/, '$1').replace(/^parameter (\S+) of .*/, '$1').replace(/^@\S+ parameter /, '');
    out.add(text);
    const last = text.split('.').pop();
    if (last) out.add(last);
  }
  return out;
}

/** The functions around a node, innermost first. */
export function enclosingFunctions(n: ts.Node): ts.SignatureDeclaration[] {
  const out: ts.SignatureDeclaration[] = [];
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) if (ts.isFunctionLike(p)) out.push(p);
  return out;
}

/**
 * A comparison in the function around the sink that bounds a name the value came through (`if (limit >
 * 100) return res.status(400)...`, `if (n > MAX) n = MAX`): the code checks the size, whatever it does then.
 */
export function comparedIn(fns: readonly ts.SignatureDeclaration[], names: ReadonlySet<string>): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(n) && RELATIONAL.has(n.operatorToken.kind)) {
      for (const side of [n.left, n.right]) {
        const t = unwrap(side).getText().replace(/\s+/g, '');
        if (names.has(t) || names.has(t.split('.').pop() ?? '')) found = true;
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const fn of fns) visit(fn);
  return found;
}

/**
 * A route handler whose registration declares a validation schema (Fastify `{ schema: { querystring } }`
 * beside the handler, or `route({ schema, handler })`): the schema's `maximum` is where the cap would be.
 */
export function hasRouteSchema(fns: readonly ts.SignatureDeclaration[]): boolean {
  const withSchema = (o: ts.Node | undefined) => o !== undefined && ts.isObjectLiteralExpression(o) && o.properties.some((p) => p.name?.getText() === 'schema');
  for (const fn of fns) {
    const parent = fn.parent;
    if (ts.isCallExpression(parent) && parent.arguments.some((a) => a !== (fn as ts.Node) && withSchema(a))) return true;
    if (ts.isPropertyAssignment(parent) && withSchema(parent.parent)) return true;
  }
  return false;
}


/**
 * Input a validator checked before the handler runs: the output of a validator middleware
 * (`c.req.valid('json')`), a decorated handler parameter typed with a class (a NestJS DTO, whose
 * decorators run in the validation pipe). For a Tracer's `stops`.
 */
export function validatedInput(n: ts.Node): boolean {
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'valid' && readsRequest(n.expression)) return true;
  if (!ts.isParameter(n)) return false;
  const decorated = (ts.canHaveDecorators(n) ? ts.getDecorators(n) ?? [] : []).length > 0;
  const t = n.type;
  return decorated && t !== undefined && ts.isTypeReferenceNode(t) && !['Record', 'Partial', 'any', 'Array'].includes(t.typeName.getText());
}
