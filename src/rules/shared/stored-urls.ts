// A URL the server stored itself: `fetch(hook.url)` where `hook` is a record the handler read
// (`prisma.webhook.findUnique({ where: { id } })`). The request chose which record, not what it holds:
// whoever wrote the column chose where the server connects. security/ssrf records, per file, the record
// reads a URL comes from and the writes whose column value is request input; its review joins the two
// by column and model and asks the route table who may call the writing route.
import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { DATA_CALL_METHODS, TOKEN_ROW_WRITES } from '../../knowledge/index.js';
import type { Link } from '../../link/index.js';
import type { AssembledRoute } from '../../link/routes.js';
import { handlerDecl } from './routes.js';
import { Tracer } from './taint.js';

const READS = new Set<string>(DATA_CALL_METHODS.reads);

const strip = (e: ts.Expression): ts.Expression => {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
};

/** The model a data call names by its receiver (`prisma.webhook` -> `webhook`, `this.feeds` -> `feeds`, `Feed` -> `Feed`), or ''. */
function modelOf(callee: ts.PropertyAccessExpression): string {
  const r = strip(callee.expression);
  return ts.isPropertyAccessExpression(r) ? r.name.text : ts.isIdentifier(r) ? r.text : '';
}

/**
 * A call that reads stored records by the values handed to it (knowledge DATA_CALL_METHODS.reads:
 * `findUnique`, `findOne`, `findById`, a builder's `where`), not an array's `find(fn)`.
 */
export function readsRecords(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && READS.has(callee.name.text) && call.arguments.length > 0
    && !call.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
}

/** The record read whose value an expression holds (`await prisma.webhook.findUnique(...)`, through a chain ending in `.first()`), or null. */
function recordRead(e: ts.Expression): ts.CallExpression | null {
  for (let x: ts.Expression = strip(e); ts.isCallExpression(x) || ts.isPropertyAccessExpression(x); x = strip(x.expression)) {
    if (ts.isCallExpression(x) && readsRecords(x)) return x;
  }
  return null;
}

export interface StoredRead { column: string; model: string; line: number }

/**
 * The stored column the start of a URL comes from, which decides its host: `hook.url`, `` `${feed.url}/items` ``,
 * `const { url } = hook`, a const holding one, where the record was read by a record read of this file.
 */
export function storedUrl(e: ts.Expression, scope: Scope, depth = 0): StoredRead | null {
  e = strip(e);
  if (depth > 3) return null;
  if (ts.isTemplateExpression(e)) return e.head.text === '' && e.templateSpans[0] ? storedUrl(e.templateSpans[0].expression, scope, depth + 1) : null;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return storedUrl(e.left, scope, depth + 1);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length === 1) return storedUrl(e.arguments[0], scope, depth + 1);
  if (ts.isIdentifier(e)) {
    const b = scope.resolve(e);
    if (b?.kind === 'variable' && b.initializer && scope.writes(b.decl).length === 0) return storedUrl(b.initializer, scope, depth + 1);
    if (b?.kind === 'destructured' && ts.isBindingElement(b.decl) && ts.isObjectBindingPattern(b.decl.parent)) {
      const holder = b.decl.parent.parent;
      const column = b.decl.propertyName && ts.isIdentifier(b.decl.propertyName) ? b.decl.propertyName.text : e.text;
      return ts.isVariableDeclaration(holder) && holder.initializer ? rowOf(holder.initializer, column, scope) : null;
    }
    return null;
  }
  if (!ts.isPropertyAccessExpression(e)) return null;
  // `hook.url`, `hook.config.url`: the first member after the row is its column.
  let x: ts.Expression = e;
  let column = e.name.text;
  while (ts.isPropertyAccessExpression(x)) { column = x.name.text; x = strip(x.expression); }
  return rowOf(x, column, scope);
}

/** `column` of the row an expression holds, when it is a record this file reads. */
function rowOf(e: ts.Expression, column: string, scope: Scope): StoredRead | null {
  let init: ts.Expression | null = strip(e);
  if (ts.isIdentifier(init)) {
    const b = scope.resolve(init);
    init = b?.kind === 'variable' && b.initializer && scope.writes(b.decl).length === 0 ? b.initializer : null;
  }
  const read = init ? recordRead(init) : null;
  if (!read) return null;
  const line = read.getSourceFile().getLineAndCharacterOfPosition(read.getStart()).line + 1;
  return { column, model: modelOf(read.expression as ts.PropertyAccessExpression), line };
}

/** What the rule records of a row write whose column is request input: read by the review. */
export interface StoredWrite { kind: 'stored-write'; column: string; model: string; line: number; fnLine: number; flow: string }

/**
 * The columns a row write (knowledge TOKEN_ROW_WRITES) fills from request input: `{ url: req.body.url }`,
 * `{ url }` destructured from the body, or the whole body (`data: req.body`, `{ ...req.body }`: column `*`).
 */
export function storedWrites(call: ts.CallExpression, scope: Scope): Array<Omit<StoredWrite, 'kind' | 'fnLine'>> {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return [];
  const w = TOKEN_ROW_WRITES.find((x) => x.method === callee.name.text);
  const arg = w ? call.arguments[w.arg] : undefined;
  if (!arg) return [];
  const tracer = new Tracer(scope, () => false);
  const line = (n: ts.Node) => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const model = modelOf(callee);
  const out: Array<Omit<StoredWrite, 'kind' | 'fnLine'>> = [];
  const rowsOf = (e: ts.Expression): ts.Expression[] => {
    const o = strip(e);
    if (!ts.isObjectLiteralExpression(o)) return [o];
    const nested = o.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ['data', 'create', 'update', '$set'].includes(p.name.text));
    return nested.length > 0 ? nested.map((p) => strip(p.initializer)) : [o];
  };
  for (const row of rowsOf(arg)) {
    if (!ts.isObjectLiteralExpression(row)) {
      const o = tracer.originOf(row);
      if (o.kind === 'request') out.push({ column: '*', model, line: line(row), flow: o.path.join(' → ') });
      continue;
    }
    for (const p of row.properties) {
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : ts.isSpreadAssignment(p) ? p.expression : null;
      if (!value) continue;
      const o = tracer.originOf(value);
      if (o.kind !== 'request') continue;
      const column = ts.isSpreadAssignment(p) ? '*' : p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
      if (column) out.push({ column, model, line: line(p), flow: o.path.join(' → ') });
    }
  }
  return out;
}

/** Who may call the route whose handler makes a write: `open` (no guard), `signed-in` (a guard, no role check), `privileged` (a role check), or null when no route of the table runs it in place. */
export function writerAccess(link: Link, path: string, fnLine: number): { route: AssembledRoute; access: 'open' | 'signed-in' | 'privileged' } | null {
  for (const r of link.routes.routes) {
    if (r.file !== path) continue;
    const start = r.handlerLine ?? r.line;
    const decl = handlerDecl(link, r);
    const here = decl ? decl.path === path && decl.line === fnLine : fnLine >= start && fnLine <= start + 2;
    if (!here) continue;
    const privileged = r.roleCheck !== null || (r.restrictions ?? []).length > 0;
    return { route: r, access: privileged ? 'privileged' : r.auth ? 'signed-in' : 'open' };
  }
  return null;
}
