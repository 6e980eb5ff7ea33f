// Next.js: `app/**/route.ts` exports named after HTTP methods, `pages/api/**` default handlers, and
// `middleware.ts` (or `proxy.ts`) with its matchers.
import ts from 'typescript';
import type { Scope } from '../scope.js';
import type { SourceContext } from '../host.js';
import { nodeFacts } from './body-facts.js';
import { bodyFacts, type Imports } from './routes-ast.js';

const APP_ROUTE = /(?:^|\/)app\/((?:[^/]+\/)*)route\.[cm]?[jt]sx?$/;
const PAGES_API = /(?:^|\/)pages\/api\/(.+)\.[cm]?[jt]sx?$/;
const MIDDLEWARE = /(?:^|\/)(?:src\/)?(middleware|proxy)\.[cm]?[jt]s$/;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function toPath(segments: string): string {
  const parts = segments.split('/').filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith('@'));
  return '/' + parts.map((s) => s.replace(/^\[\[?\.\.\.(\w+)\]?\]$/, '*').replace(/^\[(\w+)\]$/, ':$1')).join('/');
}

/**
 * The imports a handler expression is built from: `auth.handler` -> auth, `toNextJsHandler(auth)` ->
 * toNextJsHandler and auth, through a local `const` (`const { handlers } = NextAuth(config)`) up to
 * two steps. The link stage follows them to an auth library (knowledge AUTH_HANDLER_LIBRARIES).
 */
function handlerImports(e: ts.Expression, sf: ts.SourceFile, imports: Imports, depth = 0): Array<{ from: string; imported: string }> {
  const out: Array<{ from: string; imported: string }> = [];
  const visit = (n: ts.Node): void => {
    if (out.length >= 6) return;
    if (ts.isIdentifier(n)) {
      const imp = imports.get(n.text);
      if (imp) out.push({ from: imp.from, imported: imp.imported });
      else if (depth < 2) {
        const init = localDefinition(sf, n.text);
        if (init && ts.isExpression(init) && !ts.isArrowFunction(init) && !ts.isFunctionExpression(init)) out.push(...handlerImports(init, sf, imports, depth + 1));
      }
      return;
    }
    if (ts.isPropertyAccessExpression(n)) return visit(n.expression);
    if (ts.isCallExpression(n)) {
      visit(n.expression);
      for (const a of n.arguments) visit(a);
      return;
    }
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isAwaitExpression(n)) visit(n.expression);
  };
  visit(e);
  return out;
}

/**
 * The import a handler is the result of calling: `createRouteHandler(opts)`, `sdk.handler(opts)`,
 * `handler(opts)` when the callee is imported (through a local alias `const h = sdk.route` too).
 * Null when the value is no call, or the callee is the file's own.
 */
function factoryOf(e: ts.Expression, imports: Imports): { from: string; imported: string } | null {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e)) return null;
  let callee: ts.Expression = e.expression;
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  if (!ts.isIdentifier(callee)) return null;
  const imp = imports.get(callee.text);
  return imp ? { from: imp.from, imported: imp.imported } : null;
}

/** `{ GET, POST }`, `{ handlers: { GET, POST } }`, `{ GET: get }`: each HTTP method a binding pattern exports, with its line. */
function boundMethods(p: ts.ObjectBindingPattern, out: ts.BindingElement[] = []): ts.BindingElement[] {
  for (const el of p.elements) {
    if (ts.isObjectBindingPattern(el.name)) boundMethods(el.name, out);
    else if (ts.isIdentifier(el.name) && METHODS.has(el.name.text)) out.push(el);
  }
  return out;
}

export function nextRoutes(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const sf = ctx.sourceFile;
  const path = ctx.file.path;
  const out: Array<Record<string, unknown>> = [];
  const app = APP_ROUTE.exec(path);
  const pages = PAGES_API.exec(path);
  if (app) {
    const routePath = toPath(app[1]);
    // Each method's handler; `export const PUT = PATCH` reuses another method's.
    const handlers = new Map<string, ts.Node>();
    const aliases: Array<{ method: string; target: string; line: number; node: ts.Expression }> = [];
    for (const stmt of sf.statements) {
      const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!exported) continue;
      if (ts.isFunctionDeclaration(stmt) && stmt.name && METHODS.has(stmt.name.text)) {
        handlers.set(stmt.name.text, stmt.body ?? stmt);
        out.push(route(stmt.name.text, routePath, ctx.lineOf(stmt), stmt.body ?? stmt, sf, ctx.scope));
      } else if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          // `export const { GET, POST } = handlers` (NextAuth), `= toNextJsHandler(auth)` (better-auth): the
          // methods come out of a value verdict cannot read here; what it is built from goes to the link.
          if (ts.isObjectBindingPattern(d.name) && d.initializer) {
            const refs = handlerImports(d.initializer, sf, imports);
            const factory = factoryOf(d.initializer, imports);
            for (const el of boundMethods(d.name)) {
              const method = (el.name as ts.Identifier).text;
              handlers.set(method, d.initializer);
              out.push({
                ...route(method, routePath, ctx.lineOf(el), d.initializer, sf, ctx.scope), handler: d.initializer.getText(sf).slice(0, 80),
                ...(refs.length ? { handlerImports: refs } : {}), ...(factory ? { handlerFactory: factory } : {}),
              });
            }
            continue;
          }
          if (!ts.isIdentifier(d.name) || !METHODS.has(d.name.text) || !d.initializer) continue;
          if (ts.isIdentifier(d.initializer) && METHODS.has(d.initializer.text)) {
            aliases.push({ method: d.name.text, target: d.initializer.text, line: ctx.lineOf(d), node: d.initializer });
            continue;
          }
          // `const handler = async (req) => ...; export const POST = handler;`: the local function's body.
          const body = ts.isIdentifier(d.initializer) ? localDefinition(sf, d.initializer.text) ?? d.initializer : d.initializer;
          handlers.set(d.name.text, body);
          // `export const GET = auth.handler`: what an expression that is no function is built from.
          const refs = ts.isArrowFunction(body) || ts.isFunctionExpression(body) || !ts.isExpression(body) ? [] : handlerImports(body, sf, imports);
          const r = ts.isIdentifier(d.initializer) && body !== d.initializer
            ? { ...route(d.name.text, routePath, ctx.lineOf(d), body, sf, ctx.scope), handler: d.initializer.text }
            : route(d.name.text, routePath, ctx.lineOf(d), body, sf, ctx.scope);
          const factory = ts.isExpression(body) ? factoryOf(body, imports) : null;
          out.push({ ...r, ...(refs.length ? { handlerImports: refs } : {}), ...(factory ? { handlerFactory: factory } : {}) });
        }
      }
    }
    for (const a of aliases) {
      const body = handlers.get(a.target);
      out.push(body ? { ...route(a.method, routePath, a.line, body, sf, ctx.scope), handler: a.target } : route(a.method, routePath, a.line, a.node, sf, ctx.scope));
    }
  } else if (pages) {
    const def = sf.statements.find((s) => ts.isExportAssignment(s) || (ts.isFunctionDeclaration(s) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)));
    if (def) {
      const routePath = toPath(`api/${pages[1].replace(/(^|\/)index$/, '')}`);
      const methods = [...ctx.text.matchAll(/method\s*===?\s*['"](GET|POST|PUT|PATCH|DELETE)['"]/g)].map((m) => m[1]);
      // `export default handler;` (a pages/api route): the local function's body.
      const body = ts.isExportAssignment(def) && ts.isIdentifier(def.expression) ? localDefinition(sf, def.expression.text) ?? def : def;
      for (const m of methods.length ? [...new Set(methods)] : ['ALL']) out.push(route(m, routePath, ctx.lineOf(def), body, sf, ctx.scope));
    }
  }
  const mw = MIDDLEWARE.exec(path);
  if (mw && /\bexport\b/.test(ctx.text)) {
    const matchers = [...ctx.text.matchAll(/matcher\s*:\s*(\[[^\]]*\]|['"][^'"]*['"])/g)].flatMap((m) => [...m[1].matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]));
    // What the whole file does: `export default clerkMiddleware()`, or a `middleware` function's checks.
    out.push({ kind: 'next-middleware', body: nodeFacts(sf, ctx.scope), matchers, line: 1 });
  }
  return out;
}

/** What a top-level name is defined as: a function's body, or a `const`'s whole initializer (a wrapper call included). */
function localDefinition(sf: ts.SourceFile, name: string): ts.Node | null {
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === name && stmt.body) return stmt.body;
    if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return d.initializer;
    }
  }
  return null;
}

function route(method: string, path: string, line: number, body: ts.Node, sf: ts.SourceFile, scope: Scope): Record<string, unknown> {
  const fn = ts.isFunctionLike(body.parent) ? body.parent as ts.SignatureDeclaration : ts.isFunctionLike(body) ? body as ts.SignatureDeclaration : null;
  const facts = bodyFacts(method, body, sf, scope, undefined, fn?.parameters ?? []);
  return { kind: 'route', framework: 'next', receiver: null, method, url: path, line, middleware: [], ...facts };
}
