// Routes per file (Hono, Express, Fastify, itty-router, Workers `fetch` routing, Next.js route
// handlers, `ws` servers) with the middleware written next to them, plus what a repository rule needs
// to join files: imports, exports, app-level `use`/hooks/mounts, limiters and security headers.
// Facts only: whether a route lacks auth is decided by the rules, across files.
import ts from 'typescript';
import type { SourceContext, VisitorHost } from '../host.js';
import { describeMiddleware, frameworkOf, handlerFacts, importsOf, type Imports, type Mw } from './routes-ast.js';
import { nextRoutes } from './routes-next.js';
import { HEADER_LIBS, HTTP_METHODS, LIMITER_LIBS, SECURITY_HEADERS } from './routes-vocab.js';
import { workersRoutes, wsServers } from './routes-workers.js';

const METHODS = new Set<string>(HTTP_METHODS);
/** Receivers that are HTTP clients, stores or request objects, never apps. */
const NOT_APPS = /^(axios|http|https|client|request|req|res|response|reply|supertest|agent|api\w*Client|fetcher|ky|got|cache|map|params|headers|searchParams|url|formData|c|ctx|context|store|redis|kv|env|storage|localStorage|sessionStorage|this|window|document|router\.query|cookies|history)$/;
const FASTIFY_PARAM = /^(fastify|app|server|instance|f|api)$/;
const HOOKS = new Set(['onRequest', 'preHandler', 'preValidation', 'preParsing']);

function baseOf(e: ts.Expression): { base: string | null; path: string | null } {
  // `app.get(...).post(...)` chains back to `app`; `router.route('/x').get(...)` carries its path.
  let path: string | null = null;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const name = e.expression.name.text;
    if (name === 'route' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) path ??= e.arguments[0].text;
    e = e.expression.expression;
  }
  return { base: ts.isIdentifier(e) ? e.text : null, path };
}

function literalPath(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  if (ts.isStringLiteralLike(e) && /^[/*]/.test(e.text)) return e.text;
  return null;
}

export const routes: VisitorHost = {
  id: 'collect/routes',
  triggers: [
    'hono', 'express', 'fastify', 'itty-router', 'pathname', 'function GET', 'function POST', 'function PUT', 'function PATCH',
    'function DELETE', 'const GET', 'const POST', 'export default', 'WebSocket', 'ws\'', 'ws"', 'imit', 'helmet', 'Security', 'X-Frame',
    'X-Content-Type', 'new Map(',
  ],
  appliesTo: (f) => f.role === 'service' || f.role === 'config',
  create(ctx) {
    const sf = ctx.sourceFile;
    const imports: Imports = importsOf(sf);
    const frameworks = frameworkOf(imports, ctx.text);
    const apps = new Map<string, string>();
    const emit = (r: Record<string, unknown>) => ctx.emit(r);
    for (const [local, i] of imports) emit({ kind: 'import', local, imported: i.imported, from: i.from });
    return {
      VariableDeclaration(node) {
        const d = node as ts.VariableDeclaration;
        if (!ts.isIdentifier(d.name) || !d.initializer) return;
        const fw = creates(d.initializer, imports);
        if (fw) {
          apps.set(d.name.text, fw.framework);
          emit({ kind: 'app', name: d.name.text, framework: fw.framework, root: fw.root, line: ctx.lineOf(d) });
          if (fw.parent) emit({ kind: 'use', receiver: fw.parent, prefix: fw.prefix ?? null, line: ctx.lineOf(d), framework: fw.framework, middleware: [{ name: d.name.text, from: null, imported: null, auth: false }] });
        }
        limiterDefinition(ctx, d, imports);
        memoryLimiter(ctx, d);
      },
      CallExpression(node) {
        const call = node as ts.CallExpression;
        if (!ts.isPropertyAccessExpression(call.expression)) return;
        const method = call.expression.name.text;
        const { base, path: routePath } = baseOf(call.expression.expression);
        if (!base) return;
        const known = apps.get(base);
        const fw = known ?? pickFramework(frameworks, base);
        if (!fw) return;
        const args = [...call.arguments];
        const routeOptions = method === 'route' && args[0] !== undefined && ts.isObjectLiteralExpression(args[0]);
        if (!routeOptions && (method === 'use' || method === 'route' || method === 'register' || method === 'addHook')) {
          useRecord(ctx, call, base, method, args, fw, imports);
        } else if (METHODS.has(method) || method === 'on' || routeOptions) {
          routeRecord(ctx, call, base, method, args, fw, imports, routePath);
        } else if (method === 'listen' && (known || /^(app|server|fastify)$/.test(base))) {
          emit({ kind: 'listen', line: ctx.lineOf(call) });
        }
      },
      'file:end'() {
        for (const r of [...nextRoutes(ctx, imports), ...workersRoutes(ctx, imports), ...wsServers(ctx, imports)]) {
          emit(r.kind === 'route' ? { ...r, snippet: lineText(ctx.text, Number(r.line)) } : r);
        }
        exportsOf(ctx, sf);
        headerFacts(ctx, imports);
        if (/\bserve\(\s*\{[^}]*fetch/.test(ctx.text) || /\bBun\.serve\(|createServer\(/.test(ctx.text)) emit({ kind: 'listen', line: ctx.lineOfOffset(ctx.text.search(/\bserve\(|Bun\.serve\(|createServer\(/)) });
      },
    };
  },
};

function pickFramework(frameworks: string[], base: string): string | null {
  if (NOT_APPS.test(base)) return null;
  if (frameworks.includes('fastify') && FASTIFY_PARAM.test(base)) return 'fastify';
  const servers = frameworks.filter((f) => f !== 'fastify' || FASTIFY_PARAM.test(base));
  return servers.length === 1 ? servers[0] : servers.length > 1 ? servers[0] : null;
}

function creates(init: ts.Expression, imports: Imports): { framework: string; root: boolean; parent?: string; prefix?: string } | null {
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && /^(Hono|OpenAPIHono)$/.test(init.expression.text)) return { framework: 'hono', root: false };
  if (!ts.isCallExpression(init)) return null;
  const callee = init.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'basePath' && ts.isIdentifier(callee.expression)) {
    const p = literalPath(init.arguments[0]);
    return { framework: 'hono', root: false, parent: callee.expression.text, prefix: p ?? undefined };
  }
  const text = callee.getText();
  const from = ts.isIdentifier(callee) ? imports.get(callee.text)?.from : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? imports.get(callee.expression.text)?.from : undefined;
  if (from === 'express' || text === 'express') return { framework: 'express', root: text === 'express' || imports.get(text)?.imported === 'default' };
  if (from === 'fastify' || /^[Ff]astify$/.test(text)) return { framework: 'fastify', root: true };
  if (from === 'itty-router') return { framework: 'itty-router', root: false };
  return null;
}

function useRecord(ctx: SourceContext, call: ts.CallExpression, base: string, method: string, args: ts.Expression[], fw: string, imports: Imports): void {
  if (method === 'addHook') {
    const hook = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : '';
    if (!HOOKS.has(hook)) return;
    ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: null, line: ctx.lineOf(call), middleware: args.slice(1).flatMap((a) => describeMiddleware(a, imports)) });
    return;
  }
  let path: string | null = null;
  if (method === 'register') {
    const opts = args[1];
    if (opts && ts.isObjectLiteralExpression(opts)) {
      for (const p of opts.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'prefix') path = literalPath(p.initializer);
    }
    const mw = args[0] ? describeMiddleware(args[0], imports) : [];
    const global = !(opts && /global\s*:\s*false/.test(opts.getText()));
    ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: path, line: ctx.lineOf(call), register: true, middleware: global ? mw : [] });
    return;
  }
  if (args.length > 0 && (ts.isStringLiteralLike(args[0]) || ts.isArrayLiteralExpression(args[0]))) {
    path = ts.isStringLiteralLike(args[0]) ? args[0].text : null;
    args = args.slice(1);
  }
  if (method === 'route' && args.length === 0) return;
  const middleware: Mw[] = args.flatMap((a) => describeMiddleware(a, imports));
  ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: path, line: ctx.lineOf(call), middleware });
}

function routeRecord(ctx: SourceContext, call: ts.CallExpression, base: string, method: string, args: ts.Expression[], fw: string, imports: Imports, chainedPath: string | null): void {
  let methods: string[] = [method === 'del' ? 'DELETE' : method.toUpperCase()];
  let path: string | null = chainedPath;
  let rest = args;
  const hooks: Mw[] = [];
  if (method === 'route') {
    const opts = args[0];
    if (!opts || !ts.isObjectLiteralExpression(opts)) return;
    let handler: ts.Expression | undefined;
    for (const p of opts.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = p.name.getText();
      if (key === 'url' || key === 'path') path = literalPath(p.initializer);
      else if (key === 'method') methods = ts.isArrayLiteralExpression(p.initializer) ? p.initializer.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text.toUpperCase() : '?')) : [ts.isStringLiteralLike(p.initializer) ? p.initializer.text.toUpperCase() : '?'];
      else if (key === 'handler') handler = p.initializer;
      else if (HOOKS.has(key)) hooks.push(...describeMiddleware(p.initializer, imports));
    }
    if (!path || !handler) return;
    rest = [handler];
  } else if (method === 'on') {
    const m = args[0];
    if (!m) return;
    methods = ts.isArrayLiteralExpression(m) ? m.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text.toUpperCase() : '?')) : ts.isStringLiteralLike(m) ? [m.text.toUpperCase()] : [];
    path = literalPath(args[1]);
    rest = args.slice(2);
    if (!path || methods.length === 0) return;
  } else if (!path) {
    path = literalPath(args[0]);
    if (!path) return;
    rest = args.slice(1);
  }
  if (rest.length === 0) return;
  const handler = rest[rest.length - 1];
  const middlewareArgs = rest.slice(0, -1);
  let websocket = false;
  for (const a of middlewareArgs) {
    if (ts.isObjectLiteralExpression(a)) {
      for (const p of a.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = p.name.getText();
        if (HOOKS.has(key)) hooks.push(...describeMiddleware(p.initializer, imports));
        if (key === 'websocket' && p.initializer.kind === ts.SyntaxKind.TrueKeyword) websocket = true;
      }
    } else hooks.push(...describeMiddleware(a, imports));
  }
  const facts = handlerFacts(handler, ctx.sourceFile);
  for (const m of methods) {
    ctx.emit({
      kind: 'route', framework: fw, receiver: base, method: m, url: path, line: ctx.lineOf(call), snippet: snippetAt(ctx, call), middleware: hooks,
      ...facts, websocket: websocket || facts.websocket,
    });
  }
}

function limiterDefinition(ctx: SourceContext, d: ts.VariableDeclaration, imports: Imports): void {
  const init = d.initializer!;
  if ((!ts.isNewExpression(init) && !ts.isCallExpression(init)) || !ts.isIdentifier(d.name)) return;
  const callee = init.expression;
  const root = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : null;
  const from = root ? imports.get(root)?.from : undefined;
  if (!from || !LIMITER_LIBS.includes(from)) return;
  const name = d.name.text;
  const refs = countRefs(ctx.text, name);
  ctx.emit({ kind: 'limiter', name, lib: from, line: ctx.lineOf(d), refs, exported: exportedName(d) });
}

function exportedName(d: ts.VariableDeclaration): boolean {
  const stmt = d.parent?.parent;
  return !!stmt && ts.isVariableStatement(stmt) && !!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function memoryLimiter(ctx: SourceContext, d: ts.VariableDeclaration): void {
  const init = d.initializer!;
  if (!ts.isNewExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'Map' || !ts.isIdentifier(d.name)) return;
  if (!ts.isSourceFile(d.parent?.parent?.parent ?? d)) return;
  if (!/rate|limit|attempt|throttl|bucket|hits|requestCount|requests/i.test(d.name.text)) return;
  if (!/Date\.now\(\)|\b429\b|Too Many/.test(ctx.text)) return;
  ctx.emit({ kind: 'memory-limiter', name: d.name.text, line: ctx.lineOf(d) });
}

function exportsOf(ctx: SourceContext, sf: ts.SourceFile): void {
  for (const stmt of sf.statements) {
    if (ts.isExportAssignment(stmt)) {
      const local = exportedLocal(stmt.expression);
      if (local) ctx.emit({ kind: 'export', local, exported: 'default' });
    } else if (ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) ctx.emit({ kind: 'export', local: d.name.text, exported: d.name.text });
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause) && !stmt.moduleSpecifier) {
      for (const el of stmt.exportClause.elements) ctx.emit({ kind: 'export', local: (el.propertyName ?? el.name).text, exported: el.name.text });
    } else if (ts.isFunctionDeclaration(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const param = stmt.parameters[0];
      const isDefault = stmt.modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (param && ts.isIdentifier(param.name)) ctx.emit({ kind: 'export', local: param.name.text, exported: isDefault ? 'default' : stmt.name?.text ?? 'default' });
    } else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && /^module\.exports$|^exports\.\w+$/.test(stmt.expression.left.getText(sf))) {
      const local = exportedLocal(stmt.expression.right);
      const left = stmt.expression.left.getText(sf);
      if (local) ctx.emit({ kind: 'export', local, exported: left === 'module.exports' ? 'default' : left.slice(8) });
    }
  }
}

/** `app`, `fp(async (fastify) => ...)`, `async function (fastify) {...}` -> the receiver exported. */
function exportedLocal(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isCallExpression(e) && e.arguments[0]) return exportedLocal(e.arguments[0]);
  if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.parameters[0] && ts.isIdentifier(e.parameters[0].name)) return e.parameters[0].name.text;
  return null;
}

function headerFacts(ctx: SourceContext, imports: Imports): void {
  for (const [local, i] of imports) {
    if (!HEADER_LIBS.includes(i.from)) continue;
    const refs = countRefs(ctx.text, local);
    if (refs > 0) ctx.emit({ kind: 'headers', how: i.from, line: ctx.lineOfOffset(Math.max(0, ctx.text.search(new RegExp(`\\b${local}\\(`)))) });
  }
  const m = SECURITY_HEADERS.exec(ctx.text);
  if (m) ctx.emit({ kind: 'headers', how: m[1], line: ctx.lineOfOffset(m.index) });
  for (const [local, i] of imports) {
    if (!LIMITER_LIBS.includes(i.from)) continue;
    const refs = countRefs(ctx.text, local);
    ctx.emit({ kind: 'limiter-import', local, from: i.from, refs, line: i.line });
  }
}

/** The first line of a node, trimmed, as evidence. */
export function snippetAt(ctx: SourceContext, node: ts.Node): string {
  const start = node.getStart(ctx.sourceFile);
  const end = ctx.text.indexOf('\n', start);
  return ctx.text.slice(start, end < 0 ? undefined : end).trim().slice(0, 160);
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 1; i < line && start >= 0; i++) start = text.indexOf('\n', start) + 1;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).trim().slice(0, 160);
}

/** Uses of a name besides its declaration, in code (string literals and comments are ignored). */
function countRefs(text: string, name: string): number {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, '""');
  const escaped = name.replace(/[$]/g, '\\$');
  return Math.max(0, (code.match(new RegExp(`(?<![\\w$.-])${escaped}(?![\\w$])`, 'g'))?.length ?? 0) - 1);
}
