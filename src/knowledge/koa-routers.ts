// Koa routing: which packages make routers, how a router becomes middleware of an app (`routes()`), how it
// gets a prefix, and the options of Koa auth middleware that change who it lets through. Read by the
// route collector (collect/collectors/routes.ts) and the guard judgment (link/guards.ts).

/** A package whose export makes a Koa router (`new Router({ prefix })`, or called without `new`). */
export interface KoaRouterPackage { package: string; export: string; example: string; source: string }

export const KOA_ROUTER_PACKAGES: readonly KoaRouterPackage[] = [
  { package: '@koa/router', export: 'default', example: "import Router from '@koa/router'; const router = new Router({ prefix: '/api' });", source: 'https://github.com/koajs/router/blob/master/API.md#new-routeropts' },
  { package: 'koa-router', export: 'default', example: "const Router = require('koa-router'); const router = new Router();", source: 'https://github.com/ZijianHe/koa-router#new-routeropts' },
  // A subclass of koa-router: its `get`/`post` and `routes()` are the router's.
  { package: 'koa-swagger-decorator', export: 'SwaggerRouter', example: "import { SwaggerRouter } from 'koa-swagger-decorator'; const router = new SwaggerRouter();", source: 'https://github.com/Cody2333/koa-swagger-decorator#readme' },
];

/** The package that makes a Koa app (`new Koa()`), the root every router is mounted on. */
export const KOA_APP_PACKAGE = 'koa';

/** Whether a module is a Koa router package (any of its exports, for the framework of a file). */
export function isKoaRouterPackage(from: string): boolean {
  return KOA_ROUTER_PACKAGES.some((p) => p.package === from);
}

/** Whether an import (`require` binds the whole module, `*`) makes a Koa router. */
export function makesKoaRouter(from: string, imported: string): boolean {
  return KOA_ROUTER_PACKAGES.some((p) => p.package === from && (p.export === imported || (p.export === 'default' && imported === '*')));
}

/**
 * Methods of a Koa router and what they return: `routes()`/`middleware()` the router's own dispatch
 * (mounting it mounts its routes); `allowedMethods()` only answers OPTIONS and 405/501, no route of its own.
 */
export const KOA_ROUTER_METHODS: Readonly<Record<string, 'mount' | 'methods-only'>> = {
  routes: 'mount', middleware: 'mount', allowedMethods: 'methods-only',
};

/** The option of `new Router(opts)` that prefixes every route, and the method that sets it later (applied to routes before and after). */
export const KOA_ROUTER_PREFIX = { option: 'prefix', method: 'prefix', source: 'https://github.com/koajs/router/blob/master/API.md#routerprefixprefix--router' } as const;

/**
 * `.unless({ path: [...] })` (koa-unless, express-unless): the middleware is skipped for the listed
 * paths: a string is compared with the request path exactly, a regular expression is matched against it.
 */
export const UNLESS_HELPER = { method: 'unless', option: 'path', source: 'https://github.com/Foxandxss/koa-unless#usage' } as const;

/**
 * Options of an auth middleware that make it let a caller without credentials through (the handler
 * must look at the result itself): koa-jwt's `passthrough: true`.
 */
export interface PassThroughOption { module: string; key: string; /** The value that lets callers through. */ value: boolean; example: string; source: string }

export const PASS_THROUGH_OPTIONS: readonly PassThroughOption[] = [
  { module: 'koa-jwt', key: 'passthrough', value: true, example: "import jwt from 'koa-jwt'; app.use(jwt({ secret, passthrough: true }));", source: 'https://github.com/koajs/jwt#passthrough' },
  // "credentialsRequired: If false, continue to the next middleware if the request does not contain a token instead of failing".
  { module: 'express-jwt', key: 'credentialsRequired', value: false, example: "import { expressjwt } from 'express-jwt'; app.use(expressjwt({ secret, algorithms: ['HS256'], credentialsRequired: false }));", source: 'https://github.com/auth0/express-jwt#optional-authentication' },
];

/** The option of a module's middleware factory that lets callers without credentials through, and the value that does; null for none. */
export function passThroughOption(module: string): { key: string; value: boolean } | null {
  const o = PASS_THROUGH_OPTIONS.find((x) => x.module === module);
  return o ? { key: o.key, value: o.value } : null;
}
