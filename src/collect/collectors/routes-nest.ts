// NestJS: `@Controller('users')` classes whose methods carry `@Get(':id')`, `@Post()`, ..., with the
// guards of `@UseGuards(...)` on the class and on the method, the decorators that may set metadata a
// guard reads (`@Public()`, resolved by the route table) and the
// throttler's decorators. What applies to the whole app, `app.setGlobalPrefix('api')`,
// `app.useGlobalGuards(new JwtAuthGuard())` and `{ provide: APP_GUARD, useClass: JwtAuthGuard }`,
// becomes a `nest-global` record that the route inventory applies to every route of the package;
// middleware a module applies with `consumer.apply(...).forRoutes(...)` a `nest-middleware` record.
import ts from 'typescript';
import { lineTextOf } from '../../util/text.js';
import type { SourceContext } from '../host.js';
import { NEST_BODY, NEST_GATEWAY, NEST_PIPES, nestParamField, PARAM_DECORATOR_FACTORY } from '../../knowledge/index.js';
import type { Scope } from '../scope.js';
import { addHeaderParameters, functionBodyFacts, guardRef, nodeFacts, type RequestParam } from './body-facts.js';
import { clientIdentity, type ClientIdentity } from './socket-identity.js';
import { bodyFacts, describeMiddleware, topLevelConst, type Imports, type Mw } from './routes-ast.js';
import { joinNestPath, type NestRouteTarget } from '../facts/routes.js';
import { metadataOf } from './routes-nest-meta.js';

export { joinNestPath, targetsRoute, type NestRouteTarget } from '../facts/routes.js';

const NEST = /^@nestjs\//;
const VERBS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', All: 'ALL', Options: 'OPTIONS', Head: 'HEAD' };

export interface Decorator { name: string; args: readonly ts.Expression[]; node?: ts.Decorator }

export function decoratorsOf(node: ts.Node): Decorator[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).flatMap((d): Decorator[] => {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) return [{ name: e.expression.text, args: e.arguments, node: d }];
    return ts.isIdentifier(e) ? [{ name: e.text, args: [], node: d }] : [];
  });
}

/** `'users'`, `['a', 'b']` (the first), `{ path: 'users' }`; '' for none, null when not a literal. */
export function pathOf(arg: ts.Expression | undefined): string | null {
  if (!arg) return '';
  if (ts.isStringLiteralLike(arg)) return arg.text;
  if (ts.isArrayLiteralExpression(arg)) return pathOf(arg.elements[0]);
  if (ts.isObjectLiteralExpression(arg)) {
    const p = propertyOf(arg, 'path');
    return p ? pathOf(p) : '';
  }
  return null;
}

/** The value of `{ key: value }` or `{ 'key': value }` in an object literal. */
function propertyOf(o: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === key) return p.initializer;
  }
  return undefined;
}

/** `AuthGuard('jwt')`, `JwtAuthGuard`, `new RolesGuard(reflector)` in `@UseGuards(...)`: the guard as written. */
export function guardOf(e: ts.Expression, imports: Imports): Mw {
  return { ...guardRef(e, imports.scope), nest: 'guard' };
}

/**
 * A decorator of the app's own (`@RequiresScope(...)`) imported from another file: it may compose
 * `UseGuards(AuthGuard('jwt'), ...)` with `applyDecorators`. The route inventory looks it up among the
 * exports that guard a request (collect/modules).
 */
function ownDecorator(d: Decorator, imports: Imports): Mw | null {
  const imp = imports.get(d.name);
  if (!imp || NEST.test(imp.from) || !/^[.@~]/.test(imp.from)) return null;
  return { name: d.name, from: imp.from, imported: imp.imported, nest: 'decorator' };
}

/**
 * Whether `@SkipThrottle(...)` among the decorators skips the throttler: with no argument, `true`, or an
 * object whose values are all true; `false` or `{ default: false }` undoes a class's skip (a method's
 * decorator wins). Null when there is none.
 */
function skipsThrottle(decorators: Decorator[]): boolean | null {
  const d = decorators.find((x) => x.name === 'SkipThrottle');
  if (!d) return null;
  const arg = d.args[0];
  if (!arg) return true;
  if (arg.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isObjectLiteralExpression(arg)) return !arg.properties.some((p) => ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.FalseKeyword);
  return true;
}

function guardsOf(decorators: Decorator[], imports: Imports): Mw[] {
  return decorators.filter((d) => d.name === 'UseGuards').flatMap((d) => d.args.map((a) => guardOf(a, imports)));
}

/** Whether the file imports from `@nestjs/*`: only such a file is read for controllers and app settings. */
export function usesNest(imports: Imports): boolean {
  for (const i of imports.values()) if (NEST.test(i.from)) return true;
  return false;
}

/** The controllers' routes of a file that `usesNest`. */
export function nestRoutes(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const sf = ctx.sourceFile;
  const out: Array<Record<string, unknown>> = [];
  const fromNest = (name: string) => NEST.test(imports.get(name)?.from ?? '');
  for (const stmt of sf.statements) {
    if (!ts.isClassDeclaration(stmt)) continue;
    const classDecorators = decoratorsOf(stmt);
    const gateway = classDecorators.find((d) => d.name === NEST_GATEWAY.gateway && imports.get(d.name)?.from === NEST_GATEWAY.package);
    if (gateway) {
      out.push(gatewayRoute(ctx, stmt, gateway, classDecorators, imports));
      continue;
    }
    const controller = classDecorators.find((d) => d.name === 'Controller' && fromNest('Controller'));
    if (!controller) continue;
    // A path that is not a literal (`@Controller(ROUTES.USERS)`) is shown as its expression: the route
    // is still judged, its guards do not depend on its path.
    const prefix = pathOf(controller.args[0]) ?? `{${controller.args[0].getText(sf)}}`;
    const classGuards = guardsOf(classDecorators, imports);
    // `@Throttle(...)` (the throttler's) limits the route; `@SkipThrottle()` is the opposite.
    const classThrottle = classDecorators.some((d) => d.name === 'Throttle');
    for (const member of stmt.members) {
      if (!ts.isMethodDeclaration(member) || !member.body) continue;
      const decorators = decoratorsOf(member);
      const verb = decorators.find((d) => d.name in VERBS && fromNest(d.name));
      if (!verb) continue;
      const sub = pathOf(verb.args[0]) ?? `{${verb.args[0].getText(sf)}}`;
      const name = member.name.getText(sf);
      const facts = bodyFacts(`${stmt.name?.text ?? 'controller'}.${name}`, member.body, sf, ctx.scope, undefined, [], nestRequestParams(member.parameters, imports));
      if (facts.body) addHeaderParameters(facts.body, member.parameters);
      // The route is where a reviewer cites it, its verb decorator (`@Post()`); the method's own line is its handler's.
      const line = verb.node ? ctx.lineOf(verb.node) : ctx.lineOf(member.name);
      const handlerLine = ctx.lineOf(member.name);
      const own = [...classDecorators, ...decorators].flatMap((d) => ownDecorator(d, imports) ?? []);
      const guards = [...classGuards, ...guardsOf(decorators, imports), ...own];
      const throttled = classThrottle || decorators.some((d) => d.name === 'Throttle');
      const skipThrottle = skipsThrottle(decorators) ?? skipsThrottle(classDecorators) ?? false;
      const throttle: Mw[] = [
        ...(throttled ? [{ name: 'Throttle', from: '@nestjs/throttler', imported: 'Throttle', nest: 'decorator' as const }] : []),
        ...(skipThrottle && imports.get('SkipThrottle')?.from === '@nestjs/throttler' ? [{ name: 'SkipThrottle', from: '@nestjs/throttler', imported: 'SkipThrottle', nest: 'decorator' as const }] : []),
      ];
      const metadata = metadataOf(ctx, decorators, classDecorators, imports);
      const nestBody = wholeBodyParam(ctx, member, [...decorators, ...classDecorators], imports);
      out.push({
        kind: 'route', framework: 'nestjs', receiver: null, method: VERBS[verb.name], url: joinNestPath(prefix, sub), line, controller: stmt.name?.text ?? null,
        snippet: lineTextOf(sf, ctx.text, line).trim().slice(0, 160),
        middleware: throttle.length ? [...guards, ...throttle] : guards,
        ...facts,
        ...(handlerLine !== line ? { handlerLine } : {}),
        decorators: [...new Set([...classDecorators, ...decorators].map((d) => d.name))],
        ...(metadata.length > 0 ? { metadata } : {}),
        ...(nestBody ? { nestBody } : {}),
      });
    }
  }
  return out;
}

/** A pipe as written (`ValidationPipe`, `new ValidationPipe({ whitelist: true })`): its name and import. */
function pipeOf(ctx: SourceContext, e: ts.Expression, imports: Imports): { name: string; from: string | null; imported: string | null; line: number } {
  const g = guardRef(e, imports.scope);
  return { name: g.name, from: g.from, imported: g.imported, line: ctx.lineOf(e) };
}

/**
 * The handler's body parameter declared with a class (`@Body() dto: CreateUserDto`, `@Body('user') dto:
 * CreateUserDto`, `@Body(new ValidationPipe()) dto: X`) with its declared type, and the pipes that run on it there: the parameter's, then `@UsePipes(...)` of
 * the method and of the class (`decorators`, method's first). Null without one, or when its type is not a
 * plain name (`@Body() body: any`, `Record<string, unknown>`: no DTO).
 */
function wholeBodyParam(ctx: SourceContext, method: ts.MethodDeclaration, decorators: Decorator[], imports: Imports) {
  for (const p of method.parameters) {
    const body = decoratorsOf(p).find((d) => d.name === NEST_BODY.decorator && NEST.test(imports.get(d.name)?.from ?? ''));
    if (!body) continue;
    // `@Body('user') dto: CreateUserDto`: a field of the body declared as a DTO is validated against it as the whole body is.
    const field = body.args[0] && ts.isStringLiteralLike(body.args[0]);
    const type = p.type && ts.isTypeReferenceNode(p.type) && ts.isIdentifier(p.type.typeName) ? p.type.typeName.text : null;
    if (!type) {
      if (field) continue;
      return null;
    }
    const pipes = [...(field ? body.args.slice(1) : body.args), ...decorators.filter((d) => d.name === NEST_PIPES.decorator).flatMap((d) => d.args)].map((a) => pipeOf(ctx, a, imports));
    return { dto: type, line: ctx.lineOf(p), pipes };
  }
  return null;
}

/**
 * A NestJS `@WebSocketGateway()` class: one WebSocket route at its namespace (or path), whose guards are
 * the class's `@UseGuards(...)` (and the message handlers' own when each has some), whose connection check
 * is its `handleConnection(client)` hook or a `server.use(...)` in `afterInit`, and where its hooks and
 * `@SubscribeMessage` handlers take the user's identity from what the client sent.
 */
function gatewayRoute(ctx: SourceContext, cls: ts.ClassDeclaration, gateway: Decorator, classDecorators: Decorator[], imports: Imports): Record<string, unknown> {
  const sf = ctx.sourceFile;
  const options = gateway.args.find((a) => ts.isObjectLiteralExpression(a)) as ts.ObjectLiteralExpression | undefined;
  const namespace = options ? propertyOf(options, 'namespace') : undefined;
  const path = options ? propertyOf(options, 'path') : undefined;
  const url = namespace && ts.isStringLiteralLike(namespace) ? `/${namespace.text.replace(/^\//, '')}` : path && ts.isStringLiteralLike(path) ? path.text : '/socket.io';
  const methods = cls.members.filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && Boolean(m.body));
  const handlers = methods.filter((m) => decoratorsOf(m).some((d) => d.name === NEST_GATEWAY.message && imports.get(d.name)?.from === NEST_GATEWAY.package));
  const hook = methods.find((m) => m.name.getText(sf) === NEST_GATEWAY.connectionHook);
  const methodGuards = handlers.map((m) => guardsOf(decoratorsOf(m), imports));
  const guards = [...guardsOf(classDecorators, imports), ...(handlers.length > 0 && methodGuards.every((g) => g.length > 0) ? methodGuards[0] : [])];
  const identity: ClientIdentity[] = [];
  const lineOf = (n: ts.Node) => ctx.lineOf(n);
  if (hook?.body) identity.push(...clientIdentity(hook.body, ctx.scope, lineOf));
  for (const m of handlers) {
    const payloads = m.parameters.filter((p) => decoratorsOf(p).some((d) => d.name === NEST_GATEWAY.payload));
    identity.push(...clientIdentity(m.body!, ctx.scope, lineOf, payloads));
  }
  const upgrade = serverUse(methods.find((m) => m.name.getText(sf) === 'afterInit'), ctx);
  const line = gateway.node ? ctx.lineOf(gateway.node) : ctx.lineOf(cls);
  return {
    kind: 'route', framework: 'nestjs', receiver: null, method: 'WS', url, line, controller: cls.name?.text ?? null,
    snippet: lineTextOf(sf, ctx.text, line).trim().slice(0, 160), middleware: guards,
    handler: `${cls.name?.text ?? 'gateway'} gateway`, websocket: true, calls: [], health: null,
    decorators: [...new Set(classDecorators.map((d) => d.name))],
    socket: {
      options: options ? options.properties.flatMap((p) => (p.name && !ts.isComputedPropertyName(p.name) ? [p.name.getText(sf)] : [])) : [],
      ...(hook ? { connection: functionBodyFacts(hook, ctx.scope) } : {}),
      ...(upgrade ? { upgrade } : {}),
      ...(identity.length > 0 ? { identity } : {}),
    },
  };
}

/**
 * The app's WebSocket adapters (`class AuthenticatedAdapter extends IoAdapter`) and the middleware their
 * `createIOServer` installs on every server it makes: every gateway of the app runs behind it.
 */
export function nestWsAdapters(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const stmt of ctx.sourceFile.statements) {
    if (!ts.isClassDeclaration(stmt)) continue;
    const base = stmt.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const imp = base && ts.isIdentifier(base) ? imports.get(base.text) : undefined;
    if (!imp || !NEST_GATEWAY.adapters.some((a) => a.package === imp.from && a.name === imp.imported)) continue;
    const create = stmt.members.find((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && m.name.getText(ctx.sourceFile) === 'createIOServer');
    const middleware: Mw[] = [];
    let upgrade: ReturnType<typeof nodeFacts> | undefined;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && n.arguments[0]) {
        const fn = n.arguments[0];
        if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !upgrade) upgrade = nodeFacts(fn.body, ctx.scope, fn.parameters, 1);
        else middleware.push(guardOf(fn, imports));
      }
      ts.forEachChild(n, visit);
    };
    if (create?.body) visit(create.body);
    out.push({ kind: 'nest-ws-adapter', ...(upgrade ? { upgrade } : {}), middleware, line: ctx.lineOf(stmt) });
  }
  return out;
}

/** `afterInit(server) { server.use((socket, next) => ...) }`: what that middleware does. */
function serverUse(afterInit: ts.MethodDeclaration | undefined, ctx: SourceContext) {
  let found: ts.ArrowFunction | ts.FunctionExpression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && n.arguments[0] && (ts.isArrowFunction(n.arguments[0]) || ts.isFunctionExpression(n.arguments[0]))) {
      found = n.arguments[0];
      return;
    }
    ts.forEachChild(n, visit);
  };
  if (afterInit?.body) visit(afterInit.body);
  return found?.body ? nodeFacts(found.body, ctx.scope, found.parameters, 1) : undefined;
}

/**
 * What each decorated parameter of a handler is of the request (knowledge/requests.ts): `@Req() req`
 * the request, `@Body() dto` its body, a decorator of this file made with `createParamDecorator` the
 * field its callback returns, and one imported from another file of the app `@<name>`, which the
 * link stage names from its definition (a `nest-param-decorator` record).
 */
export function nestRequestParams(params: readonly ts.ParameterDeclaration[], imports: Imports): RequestParam[] {
  const out: RequestParam[] = [];
  for (const p of params) {
    if (!ts.isIdentifier(p.name)) continue;
    for (const d of decoratorsOf(p)) {
      const imp = imports.get(d.name);
      const known = imp ? nestParamField(imp.from, imp.imported) : undefined;
      const field = known !== undefined ? known
        : imp && !NEST.test(imp.from) && /^[.@~]/.test(imp.from) ? `@${d.name}`
          : imp ? undefined : localParamDecorator(d.name, p, imports.scope);
      if (field !== undefined) out.push({ name: p.name, decl: p, field });
    }
  }
  return out;
}

/** A decorator of this file (`const User = createParamDecorator(...)`): the request field it returns, `@<name>` when unreadable. */
function localParamDecorator(name: string, at: ts.Node, scope: Scope): string | undefined {
  const sf = at.getSourceFile();
  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const v of stmt.declarationList.declarations) {
      if (ts.isIdentifier(v.name) && v.name.text === name && v.initializer && ts.isCallExpression(v.initializer) && isParamDecoratorFactory(v.initializer, scope)) {
        return paramDecoratorField(v.initializer) ?? `@${name}`;
      }
    }
  }
  return undefined;
}

function isParamDecoratorFactory(call: ts.CallExpression, scope: Scope): boolean {
  const e = call.expression;
  const b = ts.isIdentifier(e) ? scope.resolve(e) : null;
  return b?.kind === 'import' && b.from === PARAM_DECORATOR_FACTORY.package && b.imported === PARAM_DECORATOR_FACTORY.export;
}

/**
 * The request field a `createParamDecorator` callback returns: what it reads of the value
 * `getRequest()` gives (`ctx.switchToHttp().getRequest().user`, `const req = ...getRequest(); return
 * req.user`). Null when it reads none, or more than one (`data ? req.user[data] : req.user` is one).
 */
export function paramDecoratorField(call: ts.CallExpression): string | null {
  const fn = call.arguments[0];
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return null;
  const isRequest = (e: ts.Expression): boolean => {
    while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    return ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === PARAM_DECORATOR_FACTORY.reader;
  };
  const names = new Set<string>();
  const fields = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && isRequest(n.initializer)) names.add(n.name.text);
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isRequest(n.initializer)) {
      for (const e of n.name.elements) fields.add((e.propertyName ?? e.name).getText());
    }
    if (ts.isPropertyAccessExpression(n) && (isRequest(n.expression) || (ts.isIdentifier(n.expression) && names.has(n.expression.text)))) fields.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return fields.size === 1 ? [...fields][0] : null;
}

/** `export const CurrentUser = createParamDecorator(...)`: one record per such decorator of the file, with the request field it returns (null: unread). */
export function nestParamDecorators(ctx: SourceContext): Array<Record<string, unknown>> {
  if (!ctx.text.includes(PARAM_DECORATOR_FACTORY.export)) return [];
  const out: Array<Record<string, unknown>> = [];
  for (const stmt of ctx.sourceFile.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const v of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(v.name) || !v.initializer || !ts.isCallExpression(v.initializer) || !isParamDecoratorFactory(v.initializer, ctx.scope)) continue;
      out.push({ kind: 'nest-param-decorator', name: v.name.text, field: paramDecoratorField(v.initializer), line: ctx.lineOf(v) });
    }
  }
  return out;
}

function targetsOf(args: readonly ts.Expression[]): { controllers: string[]; routes: NestRouteTarget[] } {
  const controllers: string[] = [];
  const routes: NestRouteTarget[] = [];
  const add = (e: ts.Expression, depth: number): void => {
    if (ts.isSpreadElement(e)) return add(e.expression, depth);
    if (ts.isStringLiteralLike(e)) {
      routes.push({ path: e.text, method: null });
    } else if (ts.isObjectLiteralExpression(e)) {
      const path = propertyOf(e, 'path');
      const method = propertyOf(e, 'method');
      const verb = method && ts.isPropertyAccessExpression(method) ? method.name.text.toUpperCase() : null;
      if (path && ts.isStringLiteralLike(path)) routes.push({ path: path.text, method: verb === 'ALL' ? null : verb });
    } else if (ts.isArrayLiteralExpression(e)) {
      for (const x of e.elements) add(x, depth);
    } else if (ts.isIdentifier(e)) {
      // `forRoutes(...authenticatedController)`: a const array of this file (postiz), else a controller.
      const init = depth < 2 ? topLevelConst(e) : null;
      if (init && ts.isArrayLiteralExpression(init)) add(init, depth + 1);
      else controllers.push(e.text);
    }
  };
  for (const a of args) add(a, 0);
  return { controllers, routes };
}

/**
 * Middleware a module applies in `configure(consumer)`: `consumer.apply(AuthMiddleware)
 * .exclude(...).forRoutes(UsersController, { path: 'articles', method: RequestMethod.POST })`.
 */
function consumerMiddleware(sf: ts.SourceFile, imports: Imports): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'forRoutes') {
      let applied: ts.CallExpression | null = null;
      const excluded: ts.Expression[] = [];
      for (let e: ts.Expression = n.expression.expression; ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); e = e.expression.expression) {
        if (e.expression.name.text === 'exclude') excluded.push(...e.arguments);
        if (e.expression.name.text === 'apply') {
          applied = e;
          break;
        }
      }
      if (applied) {
        const middleware = applied.arguments.map((a): Mw => ({ ...guardOf(a, imports), nest: 'middleware' }));
        const { controllers, routes } = targetsOf(n.arguments);
        out.push({ kind: 'nest-middleware', middleware, controllers, routes, excluded: targetsOf(excluded).routes, line: 1 });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * App-wide settings: `app.setGlobalPrefix('api')`, `app.useGlobalGuards(new JwtAuthGuard())`, and
 * guards a module provides as `APP_GUARD`. One record per file that sets any.
 */
export function nestGlobals(ctx: SourceContext, imports: Imports): Array<Record<string, unknown>> {
  const text = ctx.text;
  const out = /\.forRoutes\(/.test(text) ? consumerMiddleware(ctx.sourceFile, imports) : [];
  if (!/setGlobalPrefix|useGlobalGuards|APP_GUARD|NestFactory|useGlobalPipes|APP_PIPE/.test(text)) return out;
  let prefix: string | null = null;
  const guards: Mw[] = [];
  const pipes: Array<ReturnType<typeof pipeOf>> = [];
  let bootstrap: number | null = null;
  const appMiddleware: Mw[] = [];
  // Where the first guard is set: the line a finding naming the guards that apply cites.
  let line = 1;
  const add = (g: Mw, at: ts.Node): void => {
    if (guards.length === 0) line = ctx.lineOf(at);
    guards.push(g);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      if (method === 'setGlobalPrefix' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) prefix = n.arguments[0].text;
      if (method === 'useGlobalGuards') for (const a of n.arguments) add(guardOf(a, imports), n);
      if (method === NEST_PIPES.global) for (const a of n.arguments) pipes.push(pipeOf(ctx, a, imports));
      if (bootstrap === null && isNestFactoryCall(n, imports)) bootstrap = ctx.lineOf(n);
      // Read, and later judged, as Express's `app.use` arguments are (a member of an import, a limiter built in a const, its skip option).
      if (method === 'use' && madeByNestFactory(n.expression.expression, imports)) {
        for (const a of n.arguments) appMiddleware.push(...describeMiddleware(a, imports, imports.scope));
      }
    }
    // { provide: APP_GUARD, useClass: JwtAuthGuard }
    if (ts.isObjectLiteralExpression(n)) {
      const provide = propertyOf(n, 'provide');
      const use = propertyOf(n, 'useClass') ?? propertyOf(n, 'useExisting');
      if (provide && ts.isIdentifier(provide) && provide.text === 'APP_GUARD' && use) add(guardOf(use, imports), n);
      if (provide && ts.isIdentifier(provide) && provide.text === NEST_PIPES.provider && imports.get(provide.text)?.from === NEST_PIPES.providerModule && use) pipes.push(pipeOf(ctx, use, imports));
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  if (prefix !== null || guards.length > 0 || appMiddleware.length > 0 || pipes.length > 0 || bootstrap !== null) {
    out.push({
      kind: 'nest-global', prefix, guards, ...(appMiddleware.length > 0 ? { appMiddleware } : {}), line,
      ...(pipes.length > 0 ? { pipes } : {}), ...(bootstrap !== null ? { bootstrap } : {}),
    });
  }
  return out;
}

/** `NestFactory.create(AppModule)` (or `createMicroservice`) of @nestjs/core: the call that makes the app. */
function isNestFactoryCall(n: ts.CallExpression, imports: Imports): boolean {
  const e = n.expression;
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression) || !e.name.text.startsWith('create')) return false;
  const root = imports.get(e.expression.text);
  return root?.from === '@nestjs/core' && root.imported === 'NestFactory';
}

/** Whether an expression is the app `NestFactory.create(...)` of @nestjs/core made: `const app = await NestFactory.create(AppModule)`. */
function madeByNestFactory(e: ts.Expression, imports: Imports): boolean {
  if (!ts.isIdentifier(e)) return false;
  const b = imports.scope.resolve(e);
  let init = b?.kind === 'variable' ? b.initializer : null;
  while (init && (ts.isAwaitExpression(init) || ts.isParenthesizedExpression(init) || ts.isAsExpression(init))) init = init.expression;
  if (!init || !ts.isCallExpression(init) || !ts.isPropertyAccessExpression(init.expression) || !ts.isIdentifier(init.expression.expression)) return false;
  const root = imports.get(init.expression.expression.text);
  return root?.from === '@nestjs/core' && root.imported === 'NestFactory' && init.expression.name.text.startsWith('create');
}
