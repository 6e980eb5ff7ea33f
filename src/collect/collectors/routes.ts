// Routes per file (Hono, Express, Fastify, itty-router, Koa routers, Workers `fetch` routing, Next.js route
// handlers, NestJS controllers, `ws` servers) with the middleware written next to them, plus what a repository rule needs
// to join files: imports, exports, app-level `use`/hooks/mounts, limiters and security headers.
// Facts only: whether a route lacks auth is decided by the rules, across files.
import { posix } from 'node:path';
import ts from 'typescript';
import { optionObject, optionProperties } from './route-options.js';
import { lineTextOf } from '../../util/text.js';
import type { SourceContext, VisitorHost } from '../host.js';
import { BodyWalk, describeMiddleware, frameworkOf, handlerFacts, importedRead, importsOf, limiterSkipOf, storedRecord, topLevelConst, type DeferWalk, type Imports, type Mw } from './routes-ast.js';
import { routeFactsOf, type SwitchRef } from '../facts/routes.js';
import { nestGlobals, nestParamDecorators, nestRoutes, nestWsAdapters, usesNest } from './routes-nest.js';
import { nestMetadata } from './routes-nest-meta.js';
import { PARAM_FRAMEWORK, registrationParams, rootIdentifier, type Registration } from './routes-registration.js';
import { decoratorRoutes } from './routes-decorators.js';
import { nextRoutes } from './routes-next.js';
import { authPluginOf, DECORATOR_ROUTERS, HEADER_PACKAGES, KOA_APP_PACKAGE, KOA_ROUTER_METHODS, KOA_ROUTER_PREFIX, makesKoaRouter, LIMITER_PACKAGES, nextParamIndex, PARAM_DECORATOR_FACTORY, pluginLoader, routeLimitOptions, routerOverArgument, SECURITY_HEADER_NAMES, sharesParentContext, UNREAD_ROUTER_PACKAGES } from '../../knowledge/index.js';
import { functionOf } from './body-facts.js';
import { importedConditionOf, offByDefault } from '../conditions.js';
import type { Scope } from '../scope.js';
import { startsServer } from './listen.js';
import { HTTP_METHODS } from './routes-vocab.js';
import { workersRoutes, wsServers } from './routes-workers.js';
import { folderLoadOf, namedPrefixOf } from './routes-folders.js';

const METHODS = new Set<string>(HTTP_METHODS);
/** Receivers that are HTTP clients, stores or request objects, never apps. */
const NOT_APPS = /^(axios|http|https|client|request|req|res|response|reply|supertest|agent|api\w*Client|fetcher|ky|got|cache|map|params|headers|searchParams|url|formData|c|ctx|context|store|redis|kv|env|storage|localStorage|sessionStorage|this|window|document|router\.query|cookies|history)$/;
const FASTIFY_PARAM = /^(fastify|app|server|instance|f|api)$/;
/** The receiver name of `export default Router().use(...)`. */
const DEFAULT_APP = '<default>';
const SCAFFOLD = /(^|\/)(integration|playground|sandbox|test-?utils?)\//;
const HOOKS = new Set(['onRequest', 'preHandler', 'preValidation', 'preParsing']);
/** The method names `callRecords` reads a record from; any other call gives none. */
const ROUTE_CALLS = new Set([...METHODS, 'on', 'listen', 'use', 'route', 'register', 'addHook', 'decorate', 'openapi', KOA_ROUTER_PREFIX.method]);

/**
 * The receiver a call chains back to. `app.get(...).post(...)` chains back to `app`;
 * `router.route('/x').get(...)` carries its path; Hono's `app.basePath('/api').get(...)` registers on a
 * copy of `app` that shares its router, under the prefix (`prefix`, basePaths joined in order).
 * `new Hono().get(...)` chains back to the app made at its head (`head`): the variable the chain is
 * assigned to, or `export default`; whether the head makes an app is for the caller to decide.
 */
function baseOf(e: ts.Expression): { base: string | null; path: string | null; prefix: string | null; unreadPrefix: string | null; head: ts.NewExpression | null } {
  let path: string | null = null;
  let prefix: string | null = null;
  let unreadPrefix: string | null = null;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const name = e.expression.name.text;
    if (name === 'route' && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) path ??= e.arguments[0].text;
    // Walking inward, an earlier basePath is met later: it goes in front.
    else if (name === 'basePath' && e.arguments.length === 1) {
      const p = literalPath(e.arguments[0]);
      if (p === null) unreadPrefix = e.arguments[0].getText().replace(/\s+/g, ' ').slice(0, 80);
      else prefix = honoJoin(p, prefix ?? '');
    }
    e = e.expression.expression;
  }
  if (ts.isNewExpression(e)) return { base: assignedTo(e), path, prefix, unreadPrefix, head: e };
  return { base: ts.isIdentifier(e) ? e.text : ts.isCallExpression(e) ? assignedTo(e) : null, path, prefix, unreadPrefix, head: null };
}

/** Hono's mergePath: a base path and a path under it (`/api` + `/` is `/api`; `/api` + `*` is `/api/*`). */
function honoJoin(base: string, sub: string): string {
  const b = base.replace(/\/+$/, '');
  if (sub === '' || sub === '/') return b || '/';
  return `${b}${sub.startsWith('/') ? '' : '/'}${sub}`;
}

/** `const router = createRouter().get(...)`: the variable a chain starting at a call is assigned to. */
function assignedTo(start: ts.CallExpression | ts.NewExpression): string | null {
  let n: ts.Node = start;
  while (n.parent && (ts.isPropertyAccessExpression(n.parent) || (ts.isCallExpression(n.parent) && n.parent.expression === n))) n = n.parent;
  if (n.parent && ts.isExportAssignment(n.parent)) return DEFAULT_APP;
  return n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name) ? n.parent.name.text : null;
}

/** Inside `list.forEach((x) => app.use(x.path, x.route))` over a const array: the array's elements. */
function forEachElements(call: ts.CallExpression): { param: string; elements: ts.Expression[] } | null {
  for (let p: ts.Node | undefined = call.parent; p; p = p.parent) {
    if (!(ts.isArrowFunction(p) || ts.isFunctionExpression(p))) continue;
    const outer = p.parent;
    const param = p.parameters[0];
    if (!param || !ts.isIdentifier(param.name) || !ts.isCallExpression(outer) || !ts.isPropertyAccessExpression(outer.expression)) return null;
    if (outer.expression.name.text !== 'forEach' && outer.expression.name.text !== 'map') return null;
    const target = outer.expression.expression;
    if (!ts.isIdentifier(target)) return null;
    const init = topLevelConst(target);
    return init && ts.isArrayLiteralExpression(init) ? { param: param.name.text, elements: [...init.elements] } : null;
  }
  return null;
}

/** `x` -> the element; `x.route` -> the element's `route` property. */
function substitute(arg: ts.Expression, param: string, element: ts.Expression): ts.Expression {
  if (ts.isIdentifier(arg) && arg.text === param) return element;
  if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression) && arg.expression.text === param && ts.isObjectLiteralExpression(element)) {
    for (const p of element.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === arg.name.text) return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === arg.name.text) return p.name;
    }
  }
  return arg;
}

/**
 * A path argument that is an expression rather than a literal (a template with substitutions, a
 * variable, a member, a concatenation): its text, shortened. Null for a literal, a function, an object.
 */
function computedPath(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  const computed = ts.isTemplateExpression(e) || ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)
    || (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) || (ts.isCallExpression(e) && !ts.isFunctionLike(e));
  return computed ? e.getText().replace(/\s+/g, ' ').slice(0, 80) : null;
}

/** `const HEALTH = '/health'` then `app.get(HEALTH, ...)`: the string a const of the file is bound to. */
function constantOf(e: ts.Expression | undefined, scope: Scope): ts.Expression | undefined {
  if (!e || !ts.isIdentifier(e)) return undefined;
  const b = scope.resolve(e);
  return b?.kind === 'variable' && b.isConst && b.initializer && ts.isStringLiteralLike(b.initializer) ? b.initializer : undefined;
}

function literalPath(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  if (ts.isStringLiteralLike(e) && /^[/*]/.test(e.text)) return e.text;
  return null;
}

export const routes: VisitorHost = {
  id: routeFactsOf.id,
  // Narrow on purpose: every trigger hit costs a parse (measured on a 374-file monorepo).
  triggers: [
    'hono', 'express', 'fastify', 'itty-router', '.url)', 'function GET', 'function POST', 'function PUT', 'function PATCH',
    'function DELETE', 'const GET', 'const POST', 'const PUT', 'const PATCH', 'const DELETE', 'NextApiRequest', 'export default async function handler', 'export default function handler', 'export default handler',
    // Route handlers destructured from an auth library's (`export const { GET, POST } = handlers`).
    '{ GET', '{ POST', 'handlers: {',
    'WebSocket', "from 'ws'", 'from "ws"', "require('ws')", 'require("ws")', 'rateLimit', 'RateLimit', 'rate-limit', 'ratelimit', 'imiter',
    // Koa apps and routers (`koa`, `@koa/router`, `koa-router`, their subclasses' packages).
    'koa', 'SwaggerRouter',
    'throttl', 'attempts', 'requestCount', 'ucket', '.limit(', 'helmet', 'Content-Security-Policy', 'Strict-Transport', 'X-Frame',
    'X-Content-Type', 'listen(', 'openapi(', '.use(', 'Router(', 'createRoute(', '.route(', 'under-pressure', 'NextAuth(', 'socket.io',
    '@Controller(', 'setGlobalPrefix', 'useGlobalGuards', 'APP_GUARD', 'forRoutes(',
    // Where pipes are installed for the app, and the file that makes it (routes-nest nestGlobals).
    'useGlobalPipes', 'APP_PIPE', 'NestFactory',
    // NestJS guard classes (one that overrides nothing too) and the decorators whose metadata they read (routes-nest-meta).
    'SetMetadata', 'canActivate', 'Guard', 'createDecorator',
    // Parameter decorators of the app's own: what request field each hands a handler (routes-nest).
    PARAM_DECORATOR_FACTORY.export,
    // A registration function of a file that imports no framework (`export function registerRoutes(app) { app.post('/x', ...) }`).
    /\.(?:get|post|put|patch|delete|all)\(\s*['"`]\//,
    // A plugin's instance, whatever its name: methods only Fastify has (`pluginInstance`).
    'addHook(', '.register(', '.decorate(',
    // Decorator routers, read and unread: their package names in the import.
    ...DECORATOR_ROUTERS.map((r) => r.package), ...UNREAD_ROUTER_PACKAGES.map((u) => u.package),
  ],
  // Integration-test servers and playgrounds are not the service, whatever their folder's role.
  appliesTo: (f) => (f.role === 'service' || f.role === 'config') && !SCAFFOLD.test(f.path),
  create(outer) {
    const sf = outer.sourceFile;
    // Records wait for the end of the file: the calls of an inline handler are gathered as the shared
    // traversal passes through its body (`open`), instead of a second walk over it per route.
    const buffered: Array<{ record: Record<string, unknown>; walk: BodyWalk | null }> = [];
    const ctx: SourceContext = {
      file: outer.file, text: outer.text, sourceFile: sf, scope: outer.scope, lineOf: outer.lineOf, lineOfOffset: outer.lineOfOffset, report: outer.report,
      emit: (record) => { buffered.push({ record, walk: null }); },
    };
    const open: BodyWalk[] = [];
    const last: { walk: BodyWalk | null } = { walk: null };
    const defer: DeferWalk = (w) => {
      open.push(w);
      last.walk = w;
    };
    const feed = (n: ts.Node): void => {
      for (let i = open.length - 1; i >= 0; i--) {
        const w = open[i];
        if (w.passed(n)) open.splice(i, 1);
        else if (w.contains(n)) w.add(n);
      }
    };
    const imports: Imports = importsOf(sf, ctx.scope);
    const frameworks = frameworkOf(imports, ctx.text);
    const apps = new Map<string, string>();
    // `const openapi = fromHono(app)`: a router over an app of this file (knowledge `over`); its routes are that app's.
    const over = new Map<string, string>();
    // Koa routers' own prefixes (`new Router({ prefix })`, `router.prefix('/v1')`): a path, or the text of one verdict cannot read.
    const prefixes = new Map<string, { path: string } | { computed: string }>();
    // A plugin file that imports nothing of Fastify (fastify-cli and @fastify/autoload load it): the
    // instance its exported function is given is a Fastify app; the link stage mounts it.
    const plugin = frameworks.length === 0 ? pluginInstance(sf) : null;
    if (plugin) apps.set(plugin, 'fastify');
    const emit = (r: Record<string, unknown>) => ctx.emit(r);
    // In a file that imports no framework, an exported function's first parameter may be the app its
    // caller hands it (routes-registration): exported under its own name, for the link stage to mount.
    const registrations = frameworks.length === 0 && !plugin ? registrationParams(sf) : new Map<ts.ParameterDeclaration, Registration>();
    for (const r of registrations.values()) emit({ kind: 'export', local: r.receiver, exported: r.exported });
    const registered = (e: ts.Expression | undefined): string | null => {
      const id = registrations.size > 0 && e ? rootIdentifier(e) : null;
      const b = id ? ctx.scope.resolve(id) : null;
      return b?.kind === 'parameter' ? registrations.get(b.decl)?.receiver ?? null : null;
    };
    for (const [local, i] of imports) emit({ kind: 'import', local, imported: i.imported, from: i.from });
    const routerOver = (name: string, init: ts.Expression): boolean => {
      if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression)) return false;
      const imp = imports.get(init.expression.text);
      const at = imp ? routerOverArgument(imp.from, imp.imported) : null;
      const app = at === null ? undefined : init.arguments[at];
      if (!app || !ts.isIdentifier(app) || !apps.has(app.text)) return false;
      const target = over.get(app.text) ?? app.text;
      over.set(name, target);
      apps.set(name, apps.get(target)!);
      return true;
    };
    const callRecords = (call: ts.CallExpression): void => {
      // `require('./routes')(app)`: the module's exported function, called at once.
      const required = ts.isCallExpression(call.expression) && ts.isIdentifier(call.expression.expression) && call.expression.expression.text === 'require'
        && call.expression.arguments.length === 1 && ts.isStringLiteralLike(call.expression.arguments[0]) ? call.expression.arguments[0].text : null;
      if (ts.isIdentifier(call.expression) || required !== null) {
        // `registerDeleteMonitor(monitorsApi)`: an imported function that adds routes to the app it
        // is given (its first parameter). Assembled into a mount when the function resolves to one.
        // The app may be this file's, or a registration parameter handed on (`registerAll(app)` calling `registerUsers(app)`).
        const arg = call.arguments[0];
        const receiver = arg && ts.isIdentifier(arg) ? (apps.has(arg.text) ? arg.text : registered(arg)) : null;
        const imp = !receiver ? undefined : required !== null ? { from: required, imported: 'default' } : imports.get((call.expression as ts.Identifier).text);
        const name = required !== null ? 'require' : (call.expression as ts.Identifier).text;
        if (imp && receiver) emit({ kind: 'pass', receiver, line: ctx.lineOf(call), callee: { name, from: imp.from, imported: imp.imported } });
        return;
      }
      // `app[r.method](r.path, handler)` on an app of this file: a route whose method and path are computed.
      if (ts.isElementAccessExpression(call.expression) && ts.isIdentifier(call.expression.expression) && call.arguments.length > 1) {
        const base = call.expression.expression.text;
        const fw = apps.get(base);
        const key = call.expression.argumentExpression;
        if (fw && !ts.isStringLiteralLike(key)) {
          routeRecord(ctx, call, base, '?', [...call.arguments], fw, imports, null, defer, `${base}[${key.getText().slice(0, 40)}]`);
        }
        return;
      }
      if (!ts.isPropertyAccessExpression(call.expression)) return;
      const method = call.expression.name.text;
      // Most calls are no route, use or listen call: known by the method's name before the chain is walked.
      if (!ROUTE_CALLS.has(method)) return;
      const { base: written, path: routePath, prefix: chainPrefix, unreadPrefix, head } = baseOf(call.expression.expression);
      // A chain on `new X()`: routes only where the head makes an app (`new Hono()`); otherwise as before, none.
      const headApp = head ? creates(head, imports) : null;
      if (head && !headApp) return;
      const param = registered(call.expression.expression);
      const base = param ?? (written ? over.get(written) ?? written : null);
      if (!base) return;
      if (headApp && !apps.has(base)) apps.set(base, headApp.framework);
      if (method === KOA_ROUTER_PREFIX.method) {
        // `router.prefix('/v1')` prefixes the router's routes, those declared before it too.
        if (apps.get(base) === 'koa' && call.arguments.length === 1) prefixes.set(base, prefixOf(call.arguments[0]));
        return;
      }
      if (method === 'listen' && !param && startsServer(call, ctx.scope)) {
        emit({ kind: 'listen', line: ctx.lineOf(call), snippet: snippetAt(ctx, call) });
        return;
      }
      const known = param ? PARAM_FRAMEWORK : apps.get(base) ?? (method === 'openapi' && isRouteRef(call.arguments[0]) ? 'hono' : undefined);
      const fw = known ?? pickFramework(frameworks, base);
      if (!fw) return;
      // A Koa route is declared on a router; a package's own export (`route.get(...)` of koa-route) is none verdict reads.
      if (fw === 'koa' && !known && imports.get(base) && !imports.get(base)!.from.startsWith('.')) return;
      let args = [...call.arguments];
      // Koa named routes: `router.get('user', '/users/:id', handler)`; the name is no path.
      if (fw === 'koa' && METHODS.has(method) && args.length > 2 && ts.isStringLiteralLike(args[0]) && !literalPath(args[0]) && (literalPath(args[1]) || computedPath(args[1]))) args = args.slice(1);
      const routeOptions = method === 'route' && args[0] !== undefined && ts.isObjectLiteralExpression(args[0]);
      // Under Hono's basePath: the prefix joined to the path (an unread basePath makes the paths computed).
      const under: ChainPrefix | null = chainPrefix !== null || unreadPrefix !== null ? { path: chainPrefix, unread: unreadPrefix } : null;
      if (!routeOptions && (method === 'use' || method === 'route' || method === 'register' || method === 'addHook')) {
        useRecord(ctx, call, base, method, args, fw, imports, false, under);
      } else if (method === 'decorate' && args[0] && ts.isStringLiteralLike(args[0]) && args[1]) {
        // What a hook naming the decorator runs: judged by its body, not by its name.
        const mw = describeMiddleware(args[1], imports, imports.scope);
        if (mw.length === 1) emit({ kind: 'decorate', name: args[0].text, line: ctx.lineOf(call), middleware: mw });
      } else if (method === 'openapi') {
        openapiRecord(ctx, call, base, args, imports, defer);
      } else if (METHODS.has(method) || method === 'on' || routeOptions) {
        routeRecord(ctx, call, base, method, args, fw, imports, routePath, defer, null, known !== undefined && !param, under);
      } else if (method === 'listen' && known) {
        emit({ kind: 'listen', line: ctx.lineOf(call), snippet: snippetAt(ctx, call) });
      }
    };
    const feedOpen = (node: ts.Node): void => {
      if (open.length > 0) feed(node);
    };
    return {
      // Every kind a deferred walk reads (its calls, its health answer, its body facts).
      NewExpression: feedOpen, PropertyAssignment: feedOpen, TaggedTemplateExpression: feedOpen, ThrowStatement: feedOpen,
      AwaitExpression: feedOpen, NumericLiteral: feedOpen, PropertyAccessExpression: feedOpen, StringLiteral: feedOpen,
      NoSubstitutionTemplateLiteral: feedOpen, Identifier: feedOpen, IfStatement: feedOpen, TemplateHead: feedOpen,
      // A role field set from the request body (`user.role = req.body.role`, `{ role }`): body facts' `grants`.
      BinaryExpression: feedOpen, ShorthandPropertyAssignment: feedOpen,
      VariableDeclaration(node) {
        const d = node as ts.VariableDeclaration;
        if (!ts.isIdentifier(d.name) || !d.initializer) return;
        const fw = creates(d.initializer, imports);
        if (fw) {
          apps.set(d.name.text, fw.framework);
          if (fw.ownPrefix) prefixes.set(d.name.text, fw.ownPrefix);
          emit({ kind: 'app', name: d.name.text, framework: fw.framework, root: fw.root, line: ctx.lineOf(d), snippet: lineText(ctx, ctx.lineOf(d)) });
          if (fw.parent) emit({ kind: 'use', receiver: fw.parent, prefix: fw.prefix ?? null, line: ctx.lineOf(d), framework: fw.framework, middleware: [{ name: d.name.text, from: null, imported: null }] });
        }
        else if (!routerOver(d.name.text, d.initializer)) factoryApp(ctx, d, imports, apps, frameworks);
        routeDefinition(ctx, d, imports);
        limiterDefinition(ctx, d, imports);
        memoryLimiter(ctx, d);
      },
      CallExpression(node) {
        if (open.length > 0) feed(node);
        const from = buffered.length;
        last.walk = null;
        callRecords(node as ts.CallExpression);
        // The route records of this call wait for the walk of their handler's body.
        if (last.walk) for (let i = from; i < buffered.length; i++) buffered[i].walk = last.walk;
      },
      'file:end'() {
        // One look at the imports decides whether the file is NestJS code at all.
        const nest = usesNest(imports);
        if (nest) for (const r of [...nestGlobals(ctx, imports), ...nestParamDecorators(ctx), ...(/SetMetadata|canActivate|extends|createDecorator/.test(ctx.text) ? nestMetadata(ctx, imports) : []), ...nestWsAdapters(ctx, imports)]) emit(r);
        for (const r of [...nextRoutes(ctx, imports), ...(nest ? nestRoutes(ctx, imports) : []), ...decoratorRoutes(ctx, imports), ...workersRoutes(ctx, imports), ...wsServers(ctx, imports)]) {
          emit(r.kind === 'route' ? { ...r, snippet: lineText(ctx, Number(r.line)) } : r);
        }
        exportsOf(ctx, sf);
        underPressure(ctx, imports);
        headerFacts(ctx, imports);
        const nodeServe = [...imports.values()].some((i) => i.from === '@hono/node-server') ? ctx.text.search(/\bserve\(\s*\{[^}]*fetch|\bserve\(\s*app\b/) : -1;
        const at = nodeServe >= 0 ? nodeServe : ctx.text.search(/\bBun\.serve\(/);
        if (at >= 0) emit({ kind: 'listen', line: ctx.lineOfOffset(at), snippet: lineText(ctx, ctx.lineOfOffset(at)) });
        // A plugin wrapped in fastify-plugin has no context of its own: what it registers is its parent's.
        const hoisted = ctx.text.includes('fastify-plugin') ? sharedContextParam(sf, imports) : null;
        for (const { record, walk } of buffered) {
          walk?.fill(record);
          if (hoisted && record.kind === 'use' && record.receiver === hoisted) record.hoisted = true;
          if (record.kind === 'route' && record.framework === 'koa') withRouterPrefix(record, prefixes.get(String(record.receiver)));
          // A prefixed router's `use` applies under its prefix, and routers it nests take it too.
          if (record.kind === 'use' && record.framework === 'koa') usePrefix(record, prefixes.get(String(record.receiver)));
          outer.emit(storedRecord(record));
        }
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

/** A Koa router's prefix as given: a literal path, or the expression as written. */
function prefixOf(e: ts.Expression): { path: string } | { computed: string } {
  return ts.isStringLiteralLike(e) ? { path: e.text } : { computed: e.getText().replace(/\s+/g, ' ').slice(0, 80) };
}

/** `new Router({ prefix: '/api' })`: the `prefix` option, when there is one. */
function routerOptionPrefix(e: ts.NewExpression | ts.CallExpression): { path: string } | { computed: string } | undefined {
  const opts = e.arguments?.[0];
  if (!opts) return undefined;
  if (!ts.isObjectLiteralExpression(opts)) return { computed: opts.getText().replace(/\s+/g, ' ').slice(0, 80) };
  for (const p of opts.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === KOA_ROUTER_PREFIX.option) return prefixOf(p.initializer);
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === KOA_ROUTER_PREFIX.option) return prefixOf(p.name);
    // `{ ...opts }`: a prefix verdict cannot see may be in there.
    if (ts.isSpreadAssignment(p)) return { computed: opts.getText().replace(/\s+/g, ' ').slice(0, 80) };
  }
  return undefined;
}

/**
 * A Koa route's path with its router's own prefix (koa-router joins them as text, `'/api' + '/users'`;
 * a route `/` under a prefix is the prefix itself). A prefix verdict cannot read makes the path computed.
 */
function withRouterPrefix(record: Record<string, unknown>, prefix: { path: string } | { computed: string } | undefined): void {
  if (!prefix) return;
  if ('computed' in prefix) {
    record.computed = `${prefix.computed} + ${String(record.computed ?? record.url)}`.slice(0, 120);
    record.url = '?';
    return;
  }
  if (record.url === '?' || !prefix.path) return;
  const base = prefix.path.replace(/\/+$/, '');
  record.url = record.url === '/' ? base || '/' : `${base}${String(record.url)}`;
}

/** `new Router({ prefix: '/v1' })` then `router.use('/orders', orders.routes())`: the nested router's routes are under `/v1/orders`. */
function usePrefix(record: Record<string, unknown>, prefix: { path: string } | { computed: string } | undefined): void {
  if (!prefix || !('path' in prefix) || !prefix.path) return;
  const base = prefix.path.replace(/\/+$/, '');
  const own = typeof record.prefix === 'string' ? record.prefix : '';
  record.prefix = `${base}${own === '/' ? '' : own}` || '/';
}

function creates(init: ts.Expression, imports: Imports): { framework: string; root: boolean; parent?: string; prefix?: string; ownPrefix?: { path: string } | { computed: string } } | null {
  while (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
  // `Router().use(a).use(b)`: the app is made by the innermost call of the chain.
  // A basePath on a name is a mount of that app (below); on `new Hono()` it is still the app made there.
  while (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && !(init.expression.name.text === 'basePath' && ts.isIdentifier(init.expression.expression))
    && (ts.isCallExpression(init.expression.expression) || ts.isNewExpression(init.expression.expression))) init = init.expression.expression;
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression) && /^(Hono|OpenAPIHono)$/.test(init.expression.text)) return { framework: 'hono', root: false };
  // `new Koa()`, `new Router({ prefix })` (koa-router also without `new`): knowledge KOA_ROUTER_PACKAGES.
  if ((ts.isNewExpression(init) || ts.isCallExpression(init)) && ts.isIdentifier(init.expression)) {
    const imp = imports.get(init.expression.text);
    if (imp && imp.from === KOA_APP_PACKAGE && ts.isNewExpression(init)) return { framework: 'koa', root: true };
    if (imp && makesKoaRouter(imp.from, imp.imported)) {
      const ownPrefix = routerOptionPrefix(init);
      return { framework: 'koa', root: false, ...(ownPrefix ? { ownPrefix } : {}) };
    }
  }
  if (!ts.isCallExpression(init)) return null;
  const callee = init.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'basePath' && ts.isIdentifier(callee.expression)) {
    const p = literalPath(init.arguments[0]);
    return { framework: 'hono', root: false, parent: callee.expression.text, prefix: p ?? undefined };
  }
  // Only a bare name can read `express` or `fastify` (or be an import): no text for anything else.
  const text = ts.isIdentifier(callee) ? callee.getText() : '';
  const from = ts.isIdentifier(callee) ? imports.get(callee.text)?.from : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? imports.get(callee.expression.text)?.from : undefined;
  if (from === 'express' || text === 'express') return { framework: 'express', root: text === 'express' || imports.get(text)?.imported === 'default' };
  if (from === 'fastify' || /^[Ff]astify$/.test(text)) return { framework: 'fastify', root: true };
  if (from === 'itty-router') return { framework: 'itty-router', root: false };
  return null;
}

/** The module's own folder, as the language names it. */
const isHere = (e: ts.Expression): boolean => {
  const t = e.getText();
  return t === '__dirname' || t === 'import.meta.dirname' || t === 'import.meta.url';
};

/**
 * A folder given relative to this module's own: `path.join(__dirname, 'routes')`, `join(import.meta.url,
 * 'routes')`, `new URL('./routes', import.meta.url)` (also inside `fileURLToPath`). Null for anything else.
 */
function folderOf(e: ts.Expression): string | null {
  if (ts.isCallExpression(e) && e.arguments.length === 1 && ts.isNewExpression(e.arguments[0])) return folderOf(e.arguments[0]);
  const args = (ts.isCallExpression(e) || ts.isNewExpression(e)) ? [...(e.arguments ?? [])] : [];
  let parts: ts.Expression[] = [];
  if (ts.isNewExpression(e) && args.length === 2 && isHere(args[1])) parts = [args[0]];
  else if (ts.isCallExpression(e) && args.length >= 2 && isHere(args[0])) parts = args.slice(1);
  if (parts.length === 0 || !parts.every(ts.isStringLiteralLike)) return null;
  return posix.normalize(posix.join(...parts.map((p) => (p as ts.StringLiteralLike).text))).replace(/\/$/, '');
}

/** The basePath a Hono chain registers under (collect's baseOf): its path, or the text of one verdict cannot read. */
interface ChainPrefix { path: string | null; unread: string | null }

function useRecord(ctx: SourceContext, call: ts.CallExpression, base: string, method: string, args: ts.Expression[], fw: string, imports: Imports, expanded = false, under: ChainPrefix | null = null): void {
  if (method === 'addHook') {
    const hook = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : '';
    if (!HOOKS.has(hook)) return;
    ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: null, line: ctx.lineOf(call), middleware: args.slice(1).flatMap((a) => describeMiddleware(a, imports, imports.scope)) });
    return;
  }
  let path: string | null = null;
  if (method === 'register') {
    const opts = args[1];
    if (opts && ts.isObjectLiteralExpression(opts)) {
      for (const p of opts.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === 'prefix') path = literalPath(p.initializer);
    }
    const mw = args[0] ? describeMiddleware(args[0], imports, imports.scope) : [];
    const loader = mw.length === 1 && mw[0].from && mw[0].imported ? pluginLoader(mw[0].from, mw[0].imported) : null;
    if (loader) {
      const option = (o: ts.Expression | undefined, name: string) => o && ts.isObjectLiteralExpression(o)
        ? o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer : undefined;
      const dir = option(opts, loader.dir);
      const folderPrefix = option(opts, loader.folderPrefix);
      // The loader hands `options` to every plugin it loads: its `prefix` is theirs.
      const prefix = option(option(opts, 'options'), 'prefix');
      ctx.emit({
        kind: 'use', receiver: base, framework: fw, prefix: prefix ? literalPath(prefix) : null, line: ctx.lineOf(call), register: true, middleware: [],
        loader: { dir: dir ? folderOf(dir) : null, folderPrefix: folderPrefix?.kind !== ts.SyntaxKind.FalseKeyword, filePrefixExport: loader.filePrefixExport },
      });
      return;
    }
    // The options as the code builds them (a const, a spread, a helper: route-options), not only as written here.
    const global = !(opts && optionAt(opts, ['global'], ctx.scope)?.kind === ts.SyntaxKind.FalseKeyword);
    // A limiter plugin registered with `global: false` limits only the routes carrying its route option
    // (knowledge ExportFact.routeOption): kept in the chain as what lets that option work.
    const option = mw.length === 1 ? routeLimitOptions().find((o) => o.package === mw[0].from && o.imported === mw[0].imported) : undefined;
    const perRoute = option && opts && optionAt(opts, [option.global], ctx.scope)?.kind === ts.SyntaxKind.FalseKeyword ? [{ ...mw[0], perRoute: true as const }] : [];
    // An authentication plugin registered with its hook turned off (`addHook: false`) only decorates the app.
    const auth = mw.length === 1 && mw[0].from && mw[0].imported ? authPluginOf(mw[0].from, mw[0].imported) : null;
    if (auth?.plugin?.hooksUnless && opts && optionAt(opts, [auth.plugin.hooksUnless], ctx.scope)?.kind === ts.SyntaxKind.FalseKeyword) mw[0] = { ...mw[0], hooksNothing: true };
    const off = offByDefault(call, ctx.sourceFile, ctx.scope);
    ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: path, line: ctx.lineOf(call), register: true, middleware: global ? mw : perRoute, ...(off ? { off } : offRefOf(call, ctx)) });
    return;
  }
  const loop = expanded ? null : forEachElements(call);
  if (loop && args.some((a) => a.getText().startsWith(loop.param))) {
    for (const el of loop.elements) {
      const expanded = args.map((a) => substitute(a, loop.param, el));
      if (expanded.some((a, i) => a === args[i] && a.getText().startsWith(loop.param))) continue;
      useRecord(ctx, call, base, method, expanded, fw, imports, true, under);
    }
    return;
  }
  if (args.length > 0 && (ts.isStringLiteralLike(args[0]) || ts.isArrayLiteralExpression(args[0]))) {
    path = ts.isStringLiteralLike(args[0]) ? args[0].text : null;
    args = args.slice(1);
  }
  if (method === 'route' && args.length === 0) return;
  // Under `basePath('/api')`: `use(mw)` covers `/api/*`, `use('/x/*', mw)` `/api/x/*`, `route('/x', sub)` mounts at `/api/x`.
  if (under?.path) path = path === null ? honoJoin(under.path, method === 'use' ? '*' : '/') : honoJoin(under.path, path);
  const off = offByDefault(call, ctx.sourceFile, ctx.scope);
  // A module loaded by a computed path in a loop over a folder listing (`app.use(require(join(dir, f)).routes())`),
  // under a prefix made of the file's name (`'/' + name`) or none: the link stage mounts the folder's modules.
  const named = path === null && args.length > 1 ? namedPrefixOf(args[0], imports.scope) : null;
  const rest = named !== null ? args.slice(1) : args;
  const loadAt = rest.findIndex((a) => folderLoadOf(a, imports.scope) !== null);
  if (loadAt >= 0) {
    const loads = folderLoadOf(rest[loadAt], imports.scope)!;
    const before = rest.slice(0, loadAt).flatMap((a) => (fw === 'koa' ? koaMiddleware(a, imports) : describeMiddleware(a, imports, imports.scope)));
    ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: path, line: ctx.lineOf(call), middleware: before, loads: { ...loads, ...(named !== null ? { named } : {}) }, ...(off ? { off } : offRefOf(call, ctx)) });
    return;
  }
  const middleware: Mw[] = args.flatMap((a) => (fw === 'koa' ? koaMiddleware(a, imports) : describeMiddleware(a, imports, imports.scope)));
  ctx.emit({ kind: 'use', receiver: base, framework: fw, prefix: path, line: ctx.lineOf(call), middleware, ...(off ? { off } : offRefOf(call, ctx)) });
}

/** A mount under a condition on a value imported from another module (`if (config.rateLimit.enabled)`): left to the link stage to decide. */
function offRefOf(call: ts.CallExpression, ctx: SourceContext): { offRef?: { ref: SwitchRef; condition: string } } {
  const cond = importedConditionOf(call, ctx.sourceFile, ctx.scope);
  const ref = cond && ctx.scope ? importedRead(cond, ctx.scope) : null;
  return cond && ref ? { offRef: { ref, condition: cond.text } } : {};
}

/**
 * A Koa `use` argument: `router.routes()` (or `.middleware()`) mounts the router itself, so it is
 * described as the router; `router.allowedMethods()` only answers OPTIONS and 405 (knowledge KOA_ROUTER_METHODS).
 * Only without arguments, on a name: `RateLimit.middleware({ ... })` is a limiter's factory, no router.
 */
function koaMiddleware(a: ts.Expression, imports: Imports): Mw[] {
  if (ts.isCallExpression(a) && a.arguments.length === 0 && ts.isPropertyAccessExpression(a.expression) && ts.isIdentifier(a.expression.expression)) {
    const role = KOA_ROUTER_METHODS[a.expression.name.text];
    if (role === 'methods-only') return [];
    if (role === 'mount') return describeMiddleware(a.expression.expression, imports, imports.scope);
  }
  return describeMiddleware(a, imports, imports.scope);
}

function routeRecord(ctx: SourceContext, call: ts.CallExpression, base: string, method: string, args: ts.Expression[], fw: string, imports: Imports, chainedPath: string | null, defer: DeferWalk, methodText: string | null = null, knownApp = true, under: ChainPrefix | null = null): void {
  let methods: string[] = [method === 'del' ? 'DELETE' : method.toUpperCase()];
  let path: string | null = chainedPath;
  let computed: string | null = methodText;
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
      else if (HOOKS.has(key)) hooks.push(...describeMiddleware(p.initializer, imports, imports.scope));
      else hooks.push(...routeLimitHooks(key, p.initializer));
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
    path = literalPath(args[0]) ?? literalPath(constantOf(args[0], ctx.scope));
    // Only on an app or router this file makes: `cache.get(key, fallback)` has no literal path to tell it apart.
    const text = !path && knownApp && args.length > 1 ? computedPath(args[0]) : null;
    // `app.get(`/${name}`, handler)`, `router.post(r.path, handler)`: a route whose path verdict cannot read.
    if (text) {
      computed = methodText ? `${methodText}(${text})` : text;
      path = '?';
    }
    if (!path) return;
    rest = args.slice(1);
  }
  if (rest.length === 0) return;
  if (under?.unread != null && path !== null) {
    computed = `basePath(${under.unread}) + ${computed ?? path}`.slice(0, 120);
    path = '?';
  } else if (under?.path && path !== '?') path = honoJoin(under.path, path!);
  let handler = rest[rest.length - 1];
  let middlewareArgs = rest.slice(0, -1);
  // Fastify's `app.put(path, { preHandler, handler })`: the options hold the handler and the hooks.
  const inOptions = ts.isObjectLiteralExpression(handler) ? handler.properties.find((p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
    (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === 'handler') : undefined;
  if (inOptions) {
    middlewareArgs = rest;
    handler = ts.isPropertyAssignment(inOptions) ? inOptions.initializer : inOptions.name;
  }
  let websocket = false;
  for (const a of middlewareArgs) {
    // The options object as the code builds it: a const, a spread, a helper of the file returning one (route-options).
    const options = optionObject(a, ctx.scope);
    if (options) {
      for (const p of optionProperties(options, ctx.scope)) {
        const key = p.name.getText();
        if (HOOKS.has(key)) hooks.push(...describeMiddleware(p.initializer, imports, imports.scope));
        if (key === 'websocket' && p.initializer.kind === ts.SyntaxKind.TrueKeyword) websocket = true;
        hooks.push(...routeLimitHooks(key, p.initializer, ctx.scope));
      }
    } else hooks.push(...describeMiddleware(a, imports, imports.scope));
  }
  const facts = handlerFacts(handler, ctx.sourceFile, ctx.scope, defer);
  const passesOn = takesNext(handler, fw, ctx.scope);
  for (const m of methods) {
    ctx.emit({
      kind: 'route', framework: fw, receiver: base, method: m, url: path, line: callLine(ctx, call), snippet: snippetAt(ctx, call), middleware: hooks,
      ...facts, websocket: websocket || facts.websocket, ...(passesOn ? { next: true as const } : {}), ...(computed ? { computed } : {}),
    });
  }
}

/** Whether a handler (inline, or a function of this file) declares the framework's `next` parameter. */
function takesNext(handler: ts.Expression, fw: string, scope: Scope): boolean {
  const at = nextParamIndex(fw);
  if (at === null) return false;
  const fn = ts.isArrowFunction(handler) || ts.isFunctionExpression(handler) ? handler : ts.isIdentifier(handler) ? functionOf(handler, scope) : null;
  return (fn?.parameters.length ?? 0) > at;
}

function limiterDefinition(ctx: SourceContext, d: ts.VariableDeclaration, imports: Imports): void {
  const init = d.initializer!;
  if ((!ts.isNewExpression(init) && !ts.isCallExpression(init)) || !ts.isIdentifier(d.name)) return;
  const callee = init.expression;
  const root = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : null;
  const imp = root ? imports.get(root) : undefined;
  const from = imp?.from;
  if (!from || !LIMITER_PACKAGES.includes(from)) return;
  const name = d.name.text;
  const refs = countRefs(ctx.text, name);
  // Read where it is built: a file that imports it sees only its name.
  const skipped = ts.isCallExpression(init) && ts.isIdentifier(callee) && imp ? limiterSkipOf(init, from, imp.imported, ctx.scope) : null;
  ctx.emit({ kind: 'limiter', name, lib: from, line: ctx.lineOf(d), refs, exported: exportedName(d), ...(skipped ? { skipped } : {}) });
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
      if (local) ctx.emit({ kind: 'export', local, exported: 'default', line: ctx.lineOf(stmt), snippet: lineText(ctx, ctx.lineOf(stmt)) });
    } else if (ts.isVariableStatement(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) ctx.emit({ kind: 'export', local: d.name.text, exported: d.name.text });
    } else if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause) && !stmt.moduleSpecifier) {
      for (const el of stmt.exportClause.elements) ctx.emit({ kind: 'export', local: (el.propertyName ?? el.name).text, exported: el.name.text });
    } else if (ts.isFunctionDeclaration(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      // A factory exports the app it returns; a Fastify plugin exports the instance it is given.
      const param = stmt.parameters[0];
      const isDefault = stmt.modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      const returned = stmt.body?.statements.find((x): x is ts.ReturnStatement => ts.isReturnStatement(x) && !!x.expression && ts.isIdentifier(x.expression));
      const local = returned ? (returned.expression as ts.Identifier).text : param && ts.isIdentifier(param.name) ? param.name.text : null;
      const exported = isDefault ? 'default' : stmt.name?.text ?? 'default';
      if (local) ctx.emit({ kind: 'export', local, exported });
      else if (stmt.name) ctx.emit({ kind: 'export', local: `fn:${stmt.name.text}`, exported });
      // A function that returns something else (a teardown) may still register on the app it is given: that app too.
      if (returned && param && ts.isIdentifier(param.name) && param.name.text !== local) ctx.emit({ kind: 'export', local: param.name.text, exported });
    } else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && /^module\.exports$|^exports\.\w+$/.test(stmt.expression.left.getText(sf))) {
      const local = exportedLocal(stmt.expression.right);
      const left = stmt.expression.left.getText(sf);
      if (local) ctx.emit({ kind: 'export', local, exported: left === 'module.exports' ? 'default' : left.slice(8) });
    }
  }
}

/** Methods only a Fastify instance has: a parameter they are called on is one. */
const FASTIFY_ONLY = new Set(['register', 'addHook', 'decorate', 'decorateRequest', 'decorateReply', 'setErrorHandler', 'setNotFoundHandler', 'addSchema', 'addContentTypeParser', 'after']);

/**
 * The first parameter of the module's exported function when it is used as a Fastify instance:
 * `export default async function (fastify, opts) {...}`, `module.exports = async (app) => {...}`, or a
 * local function exported by name. Used as one: a method only Fastify has is called on it, a
 * `route({ method, url|path, handler })` is declared on it, or it is named `fastify`. Null otherwise.
 */
function pluginInstance(sf: ts.SourceFile): string | null {
  let fn: ts.SignatureDeclaration | null = null;
  const local = (name: string): ts.SignatureDeclaration | null => {
    for (const stmt of sf.statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === name) return stmt;
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
        }
      }
    }
    return null;
  };
  const functionIn = (e: ts.Expression): ts.SignatureDeclaration | null => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return e;
    return ts.isIdentifier(e) ? local(e.text) : null;
  };
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) fn = stmt;
    else if (ts.isExportAssignment(stmt)) fn = functionIn(stmt.expression);
    else if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && stmt.expression.left.getText(sf) === 'module.exports') fn = functionIn(stmt.expression.right);
  }
  const param = fn?.parameters[0];
  const body = fn && 'body' in fn ? (fn as ts.FunctionLikeDeclaration).body : undefined;
  if (!param || !ts.isIdentifier(param.name) || !body) return null;
  const name = param.name.text;
  if (name === 'fastify') return name;
  let used = false;
  const visit = (n: ts.Node): void => {
    if (used) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === name) {
      const method = n.expression.name.text;
      const arg = n.arguments[0];
      if (FASTIFY_ONLY.has(method)) used = true;
      else if (method === 'route' && arg && ts.isObjectLiteralExpression(arg)) {
        const keys = new Set(arg.properties.map((p) => p.name?.getText(sf)));
        used = keys.has('method') && keys.has('handler') && (keys.has('url') || keys.has('path'));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return used ? name : null;
}

/** `app`, `fp(async (fastify) => ...)`, `async function (fastify) {...}` -> the receiver exported. */
function exportedLocal(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  // `module.exports = router.routes()`: a Koa router's own middleware is the router.
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression) && ts.isIdentifier(e.expression.expression)
    && KOA_ROUTER_METHODS[e.expression.name.text] === 'mount') return e.expression.expression.text;
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && (ts.isCallExpression(e.expression.expression) || ts.isNewExpression(e.expression.expression))) return DEFAULT_APP;
  if (ts.isCallExpression(e) && e.arguments[0]) return exportedLocal(e.arguments[0]);
  if ((ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && e.parameters[0] && ts.isIdentifier(e.parameters[0].name)) return e.parameters[0].name.text;
  return null;
}

/** A security header's name in quotes, anywhere in the file: the service sets it itself. */
const SECURITY_HEADER_TEXT = new RegExp(`['"\`](${SECURITY_HEADER_NAMES.join('|')})['"\`]`, 'i');

/**
 * A limiter plugin's route option (knowledge ExportFact.routeOption) among a route's options: `config: {
 * rateLimit: { max: 5 } }` limits the route where the plugin is registered, `config: { rateLimit: false }` takes it out.
 */
function routeLimitHooks(key: string, value: ts.Expression, scope: Scope | null = null): Mw[] {
  const out: Mw[] = [];
  for (const o of routeLimitOptions()) {
    if (key !== o.path[0]) continue;
    const at = optionAt(value, o.path.slice(1), scope);
    const on = !at ? null : ts.isObjectLiteralExpression(at) ? 'on' : at.kind === ts.SyntaxKind.FalseKeyword ? 'off' : null;
    if (on) out.push({ name: `${o.path.join('.')}${on === 'off' ? ': false' : ''}`, from: o.package, imported: o.imported, routeOption: on });
  }
  return out;
}

/** The value written at a path of nested object literals (`{ rateLimit: false }` at `['rateLimit']`), or null. */
function optionAt(e: ts.Expression, path: readonly string[], scope: Scope | null = null): ts.Expression | null {
  // With the file's scope, a level held by a const or built by a helper is read as the literal would be.
  const resolved = (x: ts.Expression): ts.Expression => (scope ? optionObject(x, scope) ?? x : x);
  let at: ts.Expression = resolved(e);
  for (const key of path) {
    if (!ts.isObjectLiteralExpression(at)) return null;
    const props = scope ? optionProperties(at, scope) : at.properties.filter(ts.isPropertyAssignment);
    const p = props.find((x) => x.name.getText() === key);
    if (!p) return null;
    at = resolved(p.initializer);
  }
  return at;
}

/**
 * The instance parameter of the plugin function the module exports wrapped in fastify-plugin
 * (knowledge CONTEXT_SHARING_WRAPPERS): `export default fp(async (fastify) => ...)`, `module.exports =
 * fp(plugin)` with `async function plugin (app) {...}` of this file. Null otherwise.
 */
function sharedContextParam(sf: ts.SourceFile, imports: Imports): string | null {
  const paramOf = (e: ts.Expression | undefined): string | null => {
    if (!e) return null;
    let fn: ts.Node | undefined = e;
    if (ts.isIdentifier(e)) {
      fn = undefined;
      for (const stmt of sf.statements) {
        if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === e.text) fn = stmt;
        else if (ts.isVariableStatement(stmt)) {
          for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === e.text && d.initializer) fn = d.initializer;
        }
      }
    }
    if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
    const p = fn.parameters[0];
    return p && ts.isIdentifier(p.name) ? p.name.text : null;
  };
  const wrapped = (e: ts.Expression): string | null => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression)) return null;
    const imp = imports.get(e.expression.text);
    return imp && sharesParentContext(imp.from, imp.imported) ? paramOf(e.arguments[0]) : null;
  };
  for (const stmt of sf.statements) {
    if (ts.isExportAssignment(stmt)) return wrapped(stmt.expression);
    if (ts.isExpressionStatement(stmt) && ts.isBinaryExpression(stmt.expression) && stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && stmt.expression.left.getText(sf) === 'module.exports') return wrapped(stmt.expression.right);
  }
  return null;
}

function headerFacts(ctx: SourceContext, imports: Imports): void {
  for (const [local, i] of imports) {
    if (!HEADER_PACKAGES.includes(i.from)) continue;
    const refs = countRefs(ctx.text, local);
    if (refs > 0) ctx.emit({ kind: 'headers', how: i.from, line: ctx.lineOfOffset(Math.max(0, ctx.text.search(new RegExp(`\\b${local}\\(`)))) });
  }
  const m = SECURITY_HEADER_TEXT.exec(ctx.text);
  if (m) ctx.emit({ kind: 'headers', how: m[1], line: ctx.lineOfOffset(m.index) });
  for (const [local, i] of imports) {
    if (!LIMITER_PACKAGES.includes(i.from)) continue;
    const refs = countRefs(ctx.text, local);
    ctx.emit({ kind: 'limiter-import', local, from: i.from, refs, line: i.line });
  }
}

/** The line of `.get(` in `app.get(...)`: in a chain the call itself starts lines earlier. */
function callLine(ctx: SourceContext, call: ts.CallExpression): number {
  return ts.isPropertyAccessExpression(call.expression) ? ctx.lineOf(call.expression.name) : ctx.lineOf(call);
}

/** The first line of a call (from its method name), trimmed, as evidence. */
export function snippetAt(ctx: SourceContext, call: ts.CallExpression): string {
  const node = ts.isPropertyAccessExpression(call.expression) && ts.isCallExpression(call.expression.expression) ? call.expression.name : call;
  const start = node.getStart(ctx.sourceFile);
  const end = ctx.text.indexOf('\n', start);
  return ctx.text.slice(start, end < 0 ? undefined : end).trim().slice(0, 160);
}

function lineText(ctx: SourceContext, line: number): string {
  return lineTextOf(ctx.sourceFile, ctx.text, line).trim().slice(0, 160);
}

/** Uses of a name besides its declaration, in code (string literals and comments are ignored). */
function countRefs(text: string, name: string): number {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '').replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, '""');
  const escaped = name.replace(/[$]/g, '\\$');
  return Math.max(0, (code.match(new RegExp(`(?<![\\w$.-])${escaped}(?![\\w$])`, 'g'))?.length ?? 0) - 1);
}

const FACTORY = /^(create|make|build|new|get|init)\w*(App|Router|Api|Server|Hono|Application)$/i;

/** `const app = createApp()`: an app made by a factory; the rule follows the factory to its `use` calls. */
function factoryApp(ctx: SourceContext, d: ts.VariableDeclaration, imports: Imports, apps: Map<string, string>, frameworks: string[]): void {
  let init = d.initializer!;
  while (ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && ts.isCallExpression(init.expression.expression)) init = init.expression.expression;
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || !FACTORY.test(init.expression.text) || !ts.isIdentifier(d.name)) return;
  const fn = init.expression.text;
  const imp = imports.get(fn);
  const framework = frameworks[0] ?? 'hono';
  apps.set(d.name.text, framework);
  ctx.emit({ kind: 'app', name: d.name.text, framework, root: false, line: ctx.lineOf(d), factory: imp ? { from: imp.from, imported: imp.imported } : { from: null, imported: fn } });
}

function isRouteRef(e: ts.Expression | undefined): boolean {
  return !!e && (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || (ts.isCallExpression(e) && e.expression.getText() === 'createRoute'));
}

function routeOptions(obj: ts.ObjectLiteralExpression, imports: Imports): { method: string; url: string; middleware: Mw[] } | null {
  let method: string | null = null;
  let url: string | null = null;
  const middleware: Mw[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = p.name.getText();
    if (key === 'method' && ts.isStringLiteralLike(p.initializer)) method = p.initializer.text.toUpperCase();
    if (key === 'path' && ts.isStringLiteralLike(p.initializer)) url = p.initializer.text.replace(/\{(\w+)\}/g, ':$1');
    if (key === 'middleware') middleware.push(...describeMiddleware(p.initializer, imports, imports.scope));
  }
  return method && url ? { method, url, middleware } : null;
}

/** `export const list = createRoute({ method: 'get', path: '/tasks' })` (@hono/zod-openapi). */
function routeDefinition(ctx: SourceContext, d: ts.VariableDeclaration, imports: Imports): void {
  const init = d.initializer!;
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.getText() !== 'createRoute' || !ts.isIdentifier(d.name)) return;
  const arg = init.arguments[0];
  const opts = arg && ts.isObjectLiteralExpression(arg) ? routeOptions(arg, imports) : null;
  if (opts) ctx.emit({ kind: 'route-def', name: d.name.text, ...opts, line: ctx.lineOf(d) });
}

/** `router.openapi(routeDef, handler)`: the definition is inline, in this file, or imported. */
function openapiRecord(ctx: SourceContext, call: ts.CallExpression, base: string, args: ts.Expression[], imports: Imports, defer: DeferWalk): void {
  const [def, handler] = args;
  if (!def || !handler) return;
  const facts = handlerFacts(handler, ctx.sourceFile, ctx.scope, defer);
  const common = { kind: 'route', framework: 'hono', receiver: base, line: callLine(ctx, call), snippet: snippetAt(ctx, call), ...facts };
  if (ts.isCallExpression(def) && def.arguments[0] && ts.isObjectLiteralExpression(def.arguments[0])) {
    const opts = routeOptions(def.arguments[0], imports);
    if (opts) ctx.emit({ ...common, method: opts.method, url: opts.url, middleware: opts.middleware });
    return;
  }
  let ref: { from: string | null; name: string } | null = null;
  if (ts.isIdentifier(def)) {
    const imp = imports.get(def.text);
    ref = imp ? { from: imp.from, name: imp.imported } : { from: null, name: def.text };
  } else if (ts.isPropertyAccessExpression(def) && ts.isIdentifier(def.expression)) {
    const imp = imports.get(def.expression.text);
    if (imp?.imported === '*') ref = { from: imp.from, name: def.name.text };
  }
  if (ref) ctx.emit({ ...common, method: '?', url: '?', middleware: [], ref });
}

/** `@fastify/under-pressure` with `exposeStatusRoute` serves a status route (`/status` unless named). */
function underPressure(ctx: SourceContext, imports: Imports): void {
  if (![...imports.values()].some((i) => i.from === '@fastify/under-pressure')) return;
  const m = /exposeStatusRoute\s*:\s*(true|['"`]([^'"`]+)['"`]|\{[^}]*url\s*:\s*['"`]([^'"`]+)['"`])/.exec(ctx.text);
  if (!m) return;
  const line = ctx.lineOfOffset(m.index);
  ctx.emit({
    kind: 'route', framework: 'fastify', receiver: null, method: 'GET', url: m[2] ?? m[3] ?? '/status', line, snippet: lineText(ctx, line),
    middleware: [], handler: '@fastify/under-pressure status route', websocket: false, calls: [], health: null,
  });
}
