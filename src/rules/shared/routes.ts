// What the route rules read: the link stage's route table (link/routes.ts), stored in
// `inventory.routes` by the first route rule to run; the others reuse it.
import type { AssembledRoute, RouteTable } from '../../link/routes.js';
import type { DeclNode, Link } from '../../link/index.js';
import { callsOf as callTexts } from '../../link/routes.js';
import type { RepoRuleContext } from '../api.js';
import { isDeployable } from './packages.js';
import { routeRecords } from '../../collect/facts/routes.js';
import { pushTo } from '../../util/group.js';

export { callsOf, isAuth, isLimiter, needsAuth, type AssembledRoute } from '../../link/routes.js';
export type RouteFacts = RouteTable;

export function routeFacts(ctx: RepoRuleContext): RouteFacts {
  return ctx.memo('routes', () => {
    // Reading the link keys a cached rule on the route facts and config the table is built from (engine).
    const table = ctx.link.routes;
    ctx.inventory.routes = table.inventory;
    return table;
  });
}

/** Where a route is, for a finding. */
export function routeLocation(r: AssembledRoute) {
  return { path: r.file, line: r.line, snippet: r.snippet };
}

/**
 * Server frameworks whose routes verdict does not inventory (Koa routers, Hapi route tables), and
 * NestJS, read only through controllers: a Nest package with no controller read is unknown too.
 */
const UNSEEN_FRAMEWORKS = ['koa', 'nestjs', 'hapi', 'h3', 'elysia'];

/**
 * Deployable packages built on a framework whose routes verdict does not read, and with no route it
 * did read: each route rule declares them unknown (its check did not run there) rather than letting
 * "no HTTP route found" read as nothing to check. Returns whether there was any.
 */
export function declareUnseenRoutes(ctx: RepoRuleContext, routes: AssembledRoute[]): boolean {
  // A WebSocket server (socket.io) is no HTTP route: its package's routes are still unread.
  const seen = new Set(routes.filter((r) => isHttp(r) && !r.websocket).map((r) => r.package));
  let any = false;
  for (const pkg of ctx.layout.packages) {
    const unseen = pkg.frameworks.filter((f) => UNSEEN_FRAMEWORKS.includes(f));
    if (unseen.length === 0 || seen.has(pkg.name) || !isDeployable(pkg, ctx.layout)) continue;
    ctx.unknown(`the package uses ${unseen.join(', ')}, whose routes verdict does not inventory: not checked`, pkg.name);
    any = true;
  }
  // Classes declaring routes with decorators verdict does not read (overnightjs, tsoa): unknown, naming the files.
  const unread = routeRecords(ctx.link.routes.facts, 'unread-routes');
  const byPackage = new Map<string | null, string[]>();
  for (const u of unread) pushTo(byPackage, ctx.packageOf(u.path), `${u.path}:${u.line} (${u.from})`);
  for (const [pkg, files] of byPackage) {
    ctx.unknown(`routes declared with decorators verdict does not read: ${files.slice(0, 5).join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}: not checked`, pkg);
    any = true;
  }
  return any;
}

/**
 * Routes registered with a computed path or method (`for (const r of table) app[r.method](r.path, h)`,
 * `` app.get(`/${name}`, h) ``): a rule that judges every route cannot say what they are, so it is
 * unknown for their package, naming each file:line, never a pass. Returns whether there was any.
 */
export function declareComputedRoutes(ctx: RepoRuleContext, routes: AssembledRoute[], what: string): boolean {
  const byPackage = new Map<string | null, string[]>();
  const builtBy = new Map<string | null, string[]>();
  for (const r of routes) {
    if (r.websocket) continue;
    if (r.computed !== undefined) pushTo(byPackage, r.package, `${r.file}:${r.line} (${r.computed})`);
    else if (r.builtBy !== undefined) pushTo(builtBy, r.package, `${r.file}:${r.line} ${r.method} (${r.builtBy})`);
  }
  const list = (at: string[]) => `${at.slice(0, 5).join(', ')}${at.length > 5 ? ` and ${at.length - 5} more` : ''}`;
  for (const [pkg, at] of byPackage) ctx.unknown(`${at.length} route(s) registered with a computed path or method, so ${what} could not be checked for them: ${list(at)}`, pkg);
  // Handlers a package's factory builds that no knowledge entry describes: what they check is not readable.
  for (const [pkg, at] of builtBy) ctx.unknown(`${at.length} route handler(s) built by a package verdict has no knowledge of, so ${what} could not be checked for them: ${list(at)}`, pkg);
  return byPackage.size > 0 || builtBy.size > 0;
}

/** An HTTP route, as opposed to a standalone WebSocket server (`ws`, socket.io, a NestJS gateway). */
export function isHttp(r: AssembledRoute): boolean {
  return r.framework !== 'ws' && r.framework !== 'socket.io' && !(r.framework === 'nestjs' && r.websocket);
}

/**
 * The declaration a route hands the request to: a function or class method of the route's file
 * (`ArticleController.update`), one imported (`user.updateUser`: a class's static method or a
 * namespace's export), a method named on an instance (`controller.update`, `controller.update.bind(
 * controller)` with `controller = new UserController(...)` here or imported), or, for a handler written
 * in place that only hands the whole request on (`(req, reply) => controller.update(req, reply)`), the
 * one method of the repository it calls. Undefined when none resolves.
 */
export function handlerDecl(link: Link, r: AssembledRoute): DeclNode | undefined {
  const own = link.decl(`${r.file}#${r.handler}`);
  if (own) return own;
  const named = namedDecl(link, r.file, r.handler);
  if (named || !r.inspected) return named;
  const fields = r.requestFields ?? [];
  if (fields.length !== 1 || fields[0] !== '*') return undefined;
  const found = new Set<DeclNode>();
  for (const c of callTexts(r)) {
    const d = c.includes('#') ? importedDecl(link, r.file, c) : namedDecl(link, r.file, c);
    if (d && (d.kind === 'method' || d.kind === 'function' || d.kind === 'member')) found.add(d);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The declarations of the repository a handler read in place calls (its body's call texts, resolved). */
export function handlerCallees(link: Link, r: AssembledRoute): DeclNode[] {
  if (!r.inspected) return [];
  const out: DeclNode[] = [];
  for (const c of callTexts(r)) {
    const d = c.includes('#') ? importedDecl(link, r.file, c) : namedDecl(link, r.file, c);
    if (d && (d.kind === 'method' || d.kind === 'function' || d.kind === 'member')) out.push(d);
  }
  return out;
}

/** `f`, `controller.update`, `users.update`: a name of the file (or its import) and a member of what it holds. */
function namedDecl(link: Link, file: string, text: string): DeclNode | undefined {
  const [root, member, ...rest] = text.split('.');
  if (!root || rest.length > 0) return undefined;
  if (member) return link.memberOf(file, root, member);
  const t = link.resolveName(file, root);
  return t && 'decl' in t ? t.decl : undefined;
}

/** `./users#users#update` (a call as body facts name it): the import's export, and the member of what it holds. */
function importedDecl(link: Link, file: string, callee: string): DeclNode | undefined {
  const [module, name, member, ...rest] = callee.split('#');
  if (rest.length > 0 || !name) return undefined;
  const target = link.resolveImport(file, module);
  const t = target ? link.resolveExport(target, name === '*' ? 'default' : name) : null;
  if (!t || !('decl' in t)) return undefined;
  if (!member) return t.decl;
  const cls = t.decl.kind === 'variable' ? link.heldClass(t.decl) : t.decl.kind === 'class' ? t.decl : undefined;
  return cls ? link.decl(`${cls.path}#${cls.id}.${member}`) : undefined;
}
