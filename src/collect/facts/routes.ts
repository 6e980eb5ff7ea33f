// collect/routes: routes per file with the middleware written next to them, what each handler's body
// does (body facts), and what the route inventory needs to join files (imports, exports, apps, `use`
// calls, mounts, limiters, headers, NestJS globals). Facts only: rules/shared/routes.ts, guards.ts and
// handlers.ts judge them.
import type { z as Z } from 'zod';
import type { BodyFacts, GuardRef } from './body.js';
import { defineFacts, type FactOf, type Zod } from './define.js';

/**
 * A middleware or guard as written: its name, the module it was imported from (and the export), and,
 * for a function of this file, what its body does. `nest` says what NestJS construct it is (a guard
 * class in `@UseGuards`, a middleware class in `consumer.apply`, a decorator of the app's own), whose
 * code verdict cannot read from here.
 */
export interface Mw extends GuardRef {
  body?: BodyFacts;
  nest?: 'guard' | 'middleware' | 'decorator';
  /**
   * Set by the link stage: mounted under a condition that does not hold in the default configuration,
   * with where; `skips` when it is mounted but its own options let every request through (`skip`).
   */
  off?: { condition: string; path: string; line: number; skips?: true; byVersion?: true; via?: SwitchVia; unknown?: true };
  /** Set by the link stage: where it is applied (the `use` call, the route, the NestJS module), so two limiters of one name are two. */
  at?: { path: string; line: number };
  /**
   * A limiter whose skip option (knowledge ExportFact.skip) lets every request through in the default
   * configuration (`skip: () => !process.env.ENABLE_RATE_LIMIT`): the condition as written and its line.
   */
  skipped?: { condition: string; line: number; onlyBelow?: { package: string; major: number }; ref?: SwitchRef; via?: SwitchVia; unresolved?: true };
  /**
   * `.unless({ path })`: the request paths it is skipped for, exact strings and regular expressions as
   * written (`/^\/public/`); `unread`, the text of an exception verdict cannot read (a function, a variable).
   */
  unless?: { paths: string[]; patterns: string[]; unread?: string };
  /** Its options let a caller without credentials through (koa-jwt `passthrough: true`): no guard. */
  passThrough?: true;
  /**
   * An authentication plugin registered with the option that keeps it from hooking the routes of its
   * context (`@fastify/bearer-auth` with `addHook: false`, knowledge `plugin.hooksUnless`): it only decorates.
   */
  hooksNothing?: true;
  /**
   * A limiter plugin registered to limit only the routes that ask for it (`register(rateLimit, { global: false })`,
   * knowledge ExportFact.routeOption): it limits no route by being in its chain, but lets that route option work.
   */
  perRoute?: true;
  /** A limiter plugin's route option on a route (`config: { rateLimit: {...} }` on, `config: { rateLimit: false }` off). */
  routeOption?: 'on' | 'off';
}

/**
 * A skip option that answers with a value imported from another module (`skip: () => !config.rateLimit.enabled`):
 * the import, the member path read on it and whether the answer is negated. The link stage resolves the
 * export and decides it in the default configuration; until then the limiter is neither on nor off.
 */
export interface SwitchRef { from: string; imported: string; members: string[]; negate: boolean }

/**
 * Set by the link stage on a skip option it decided through another module (`via`: the config value's
 * file, line and expression), or could not decide (`unresolved`: the limiter is neither on nor off).
 */
export interface SwitchVia { path: string; line: number; text: string }

/** A route a NestJS module's middleware applies to: `'articles/*'`, `{ path: 'user', method: RequestMethod.GET }`. */
export interface NestRouteTarget { path: string; method: string | null }

/** The schema of body facts (facts/body.ts), shared by the collectors that record them. */
export function bodySchema(z: Zod) {
  const guard = z.strictObject({ name: z.string(), from: z.string().nullable(), imported: z.string().nullable(), args: z.array(z.string()).optional() });
  const body: Z.ZodType<BodyFacts> = z.strictObject({
    calls: z.array(z.string()),
    constructed: z.array(z.string()).optional(),
    denies: z.literal(true).optional(),
    unauthenticated: z.literal(true).optional(),
    throws: z.literal(true).optional(),
    credentials: z.array(z.string()).optional(),
    webhookHeaders: z.array(z.string()).optional(),
    statuses: z.array(z.number().int()).optional(),
    awaits: z.literal(true).optional(),
    options: z.array(z.string()).optional(),
    requestCalls: z.array(z.string()).optional(),
    requestFields: z.array(z.string()).optional(),
    keyedCalls: z.array(z.strictObject({ callee: z.string(), fields: z.array(z.string()) })).optional(),
    get helpers() {
      return z.array(z.strictObject({ name: z.string(), body })).optional();
    },
    guards: z.array(guard).optional(),
    captcha: z.strictObject({ service: z.string(), line: z.number().int().positive() }).optional(),
    successGate: z.literal(true).optional(),
    gateCalls: z.array(z.string()).optional(),
    forwardsCredential: z.array(z.string()).optional(),
    callerRole: z.number().int().positive().optional(),
    grants: z.array(z.strictObject({ field: z.string(), line: z.number().int().positive() })).optional(),
    passesOn: z.array(z.strictObject({ when: z.enum(['absent', 'caught', 'callback']), line: z.number().int().positive(), calls: z.array(z.string()).optional() })).optional(),
  });
  return { body, guard };
}

export const routeFactsOf = defineFacts('collect/routes', (z) => {
  const line = z.number().int().positive();
  const switchRef = z.strictObject({ from: z.string(), imported: z.string(), members: z.array(z.string()), negate: z.boolean() });
  const { body, guard } = bodySchema(z);
  const mw = guard.extend({
    body: body.optional(), nest: z.enum(['guard', 'middleware', 'decorator']).optional(),
    unless: z.strictObject({ paths: z.array(z.string()), patterns: z.array(z.string()), unread: z.string().optional() }).optional(),
    passThrough: z.literal(true).optional(),
    hooksNothing: z.literal(true).optional(),
    skipped: z.strictObject({ condition: z.string(), line, onlyBelow: z.strictObject({ package: z.string(), major: z.number().int() }).optional(), ref: switchRef.optional() }).optional(),
    perRoute: z.literal(true).optional(),
    routeOption: z.enum(['on', 'off']).optional(),
  });
  const target = z.strictObject({ path: z.string(), method: z.string().nullable() });
  /** A NestJS metadata key as its file can tell it: its string, else the name it is bound to (and the import, for the link to follow). */
  const nestKey = z.strictObject({ value: z.string().optional(), name: z.string().optional(), from: z.string().optional(), imported: z.string().optional() });
  const health = z.union([z.number().int(), z.strictObject({ claims: z.array(z.string()), calls: z.number().int() })]);
  /** A NestJS pipe as written (`ValidationPipe`, `new ValidationPipe({...})`, `new ZodValidationPipe()`): its name and the import it is bound to (null: declared in this file). */
  const pipe = z.strictObject({ name: z.string(), from: z.string().nullable(), imported: z.string().nullable(), line });
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('import'), local: z.string(), imported: z.string(), from: z.string() }),
    /** `line`/`snippet`: of an `export default x` statement (Bun serves that export: its line is the server's). */
    z.strictObject({ kind: z.literal('export'), local: z.string(), exported: z.string(), line: line.optional(), snippet: z.string().optional() }),
    z.strictObject({
      kind: z.literal('app'), name: z.string(), framework: z.string(), root: z.boolean(), line, snippet: z.string().optional(),
      /** `const app = createApp()`: the factory, imported or of this file (`from` null). */
      factory: z.strictObject({ from: z.string().nullable(), imported: z.string() }).optional(),
    }),
    z.strictObject({
      kind: z.literal('use'), receiver: z.string(), framework: z.string(), prefix: z.string().nullable(), line, middleware: z.array(mw),
      /** `fastify.register(plugin, { prefix })`. */
      register: z.literal(true).optional(),
      /**
       * Called on the instance a plugin wrapped in fastify-plugin is given (`export default fp(async (fastify) => ...)`):
       * no context of its own, so what it registers applies to the context that registers the plugin.
       */
      hoisted: z.literal(true).optional(),
      /**
       * A plugin loader registered (`@fastify/autoload`): its folder relative to this file's (null when
       * verdict cannot read it), whether folders prefix their files' routes, and the export a loaded file
       * adds a prefix with.
       */
      loader: z.strictObject({ dir: z.string().nullable(), folderPrefix: z.boolean(), filePrefixExport: z.string() }).optional(),
      /**
       * The modules a loop loads from a folder listing (knowledge FOLDER_LISTINGS) and mounts here
       * (`fs.readdirSync(path.join(__dirname, 'routes')).forEach((f) => app.use(require(...).routes()))`):
       * the folder relative to this file's, or null with the expression as written (`text`) where verdict
       * cannot read it; `pattern`, a glob over the folder (null: every file directly in it, and a
       * sub-folder's index); `named`, the mount prefix built from each file's name (`/{name}`).
       */
      loads: z.strictObject({ dir: z.string().nullable(), pattern: z.string().nullable(), text: z.string(), named: z.string().optional() }).optional(),
      /** The condition on the environment the call sits under that does not hold in the default configuration (`config.env === 'production'`). */
      off: z.string().optional(),
      /** Mounted under a condition on a value imported from another module, negated when it runs only when that is false: the link decides it. */
      offRef: z.strictObject({ ref: switchRef, condition: z.string() }).optional(),
    }),
    z.strictObject({ kind: z.literal('listen'), line, snippet: z.string() }),
    /** `fastify.decorate('authenticate', fn)`: the function a hook naming `fastify.authenticate` runs. */
    z.strictObject({ kind: z.literal('decorate'), name: z.string(), line, middleware: z.array(mw) }),
    z.strictObject({ kind: z.literal('pass'), receiver: z.string(), line, callee: z.strictObject({ name: z.string(), from: z.string(), imported: z.string() }) }),
    z.strictObject({
      kind: z.literal('route'), framework: z.string(), receiver: z.string().nullable(), method: z.string(), url: z.string(), line,
      snippet: z.string().optional(), middleware: z.array(mw), handler: z.string(),
      /** The callee texts of the handler's first 40 calls as written, space-separated. */
      calls: z.string(),
      /** What the handler's body does; none when verdict cannot see it. */
      body: body.optional(),
      /** Workers routing: what the fetch function does before it routes to this path (a check written once for all paths). */
      preamble: body.optional(),
      /** For a would-be health handler: dependencies reported fine by constant and calls besides building the answer (a count alone when it claims none). */
      health: health.optional(),
      websocket: z.literal(true).optional(),
      /** The handler declares the parameter that passes the request on (knowledge NEXT_PARAMS): a middleware for later routes of its path. */
      next: z.literal(true).optional(),
      /** A GraphQL operation (a resolver's query or mutation), not an HTTP route of its own. */
      graphql: z.literal(true).optional(),
      /** A `ws` or socket.io server, or a NestJS gateway: the options it is given, and what its upgrade/`io.use` check and its connection listener do. */
      socket: z.strictObject({
        options: z.array(z.string()), upgrade: body.optional(), connection: body.optional(),
        /** Where its handlers take the user's identity from what the client sent (`socket.handshake.query.userId`, a message's `userId`). */
        identity: z.array(z.strictObject({ field: z.string(), via: z.string(), line })).optional(),
      }).optional(),
      /**
       * NestJS: the handler's body parameter (`@Body() dto: CreateUserDto`, or a field `@Body('user')`): the type it is declared
       * with, as written, and the pipes that run on it there (`@Body(new ValidationPipe())`, the method's and
       * the class's `@UsePipes(...)`), parameter's first.
       */
      nestBody: z.strictObject({ dto: z.string(), line, pipes: z.array(pipe) }).optional(),
      /** NestJS: the controller, and the names of the decorators on the class and the method (`Public`). */
      controller: z.string().nullable().optional(),
      decorators: z.array(z.string()).optional(),
      /**
       * NestJS: the decorators of the app's own (or `SetMetadata(KEY, true)` written in place) on the method
       * and on its controller class, method's first, that may set metadata a guard reads: the route table
       * follows each to its definition (a `nest-metadata` record) and decides which guards it opens.
       */
      metadata: z.array(z.strictObject({
        name: z.string(), on: z.enum(['class', 'method']), line, from: z.string().nullable(), imported: z.string().nullable(), key: nestKey.optional(),
        /** `@SetMetadata(KEY, ['admin'])` in place: a value for a guard to check, not an opt-out. */
        restricts: z.literal(true).optional(),
      })).optional(),
      /** `openapi(routes.list, ...)`: the `createRoute` definition the method, path and middleware come from. */
      ref: z.strictObject({ from: z.string().nullable(), name: z.string() }).optional(),
      /** Next.js: the imports a handler that is no function of the file is built from (`auth.handler`, `toNextJsHandler(auth)`). */
      /** A named function of the file the route hands the request to, or a NestJS route's method (the route's line is its verb decorator): the line it is declared on. */
      handlerLine: line.optional(),
      handlerImports: z.array(z.strictObject({ from: z.string(), imported: z.string() })).optional(),
      /** Next.js: the handler is what a call of an import returns (`createRouteHandler(...)`, `sdk.handler(...)`): that import. */
      handlerFactory: z.strictObject({ from: z.string(), imported: z.string() }).optional(),
      /** The path (or the method) is computed (`` `/${name}` ``, `r.path`, `app[r.method]`): the expression as written; `url` is then `?`. */
      computed: z.string().optional(),
    }),
    z.strictObject({ kind: z.literal('route-def'), name: z.string(), method: z.string(), url: z.string(), middleware: z.array(mw), line }),
    z.strictObject({
      kind: z.literal('limiter'), name: z.string(), lib: z.string(), line, refs: z.number().int(), exported: z.boolean(),
      /** Its skip option lets every request through in the default configuration (Mw.skipped). */
      skipped: z.strictObject({ condition: z.string(), line, onlyBelow: z.strictObject({ package: z.string(), major: z.number().int() }).optional(), ref: switchRef.optional() }).optional(),
    }),
    /** A class declaring routes with the decorators of a package verdict does not read (knowledge UNREAD_ROUTER_PACKAGES). */
    z.strictObject({ kind: z.literal('unread-routes'), from: z.string(), line }),
    z.strictObject({ kind: z.literal('memory-limiter'), name: z.string(), line }),
    z.strictObject({ kind: z.literal('limiter-import'), local: z.string(), from: z.string(), refs: z.number().int(), line }),
    z.strictObject({ kind: z.literal('headers'), how: z.string(), line }),
    /** Next.js `middleware.ts`: what the file's code does, and its matchers. */
    z.strictObject({ kind: z.literal('next-middleware'), body, matchers: z.array(z.string()), line }),
    /** `appMiddleware`: what `app.use(...)` installs on the app `NestFactory.create` made (a session library: the caller's session is kept); it runs first in every route's chain of that app. */
    z.strictObject({
      kind: z.literal('nest-global'), prefix: z.string().nullable(), guards: z.array(mw), appMiddleware: z.array(mw).optional(), line,
      /** Pipes for the whole app: `app.useGlobalPipes(...)` and `{ provide: APP_PIPE, useClass: X }`. */
      pipes: z.array(pipe).optional(),
      /** The file makes the app (`NestFactory.create(AppModule)` of @nestjs/core), at this line. */
      bootstrap: line.optional(),
    }),
    /**
     * A NestJS WebSocket adapter of the app (`class AuthAdapter extends IoAdapter`): what the middleware its
     * `createIOServer` installs with `server.use(...)` does (`upgrade`, one written in the file) or is (`middleware`, one imported).
     */
    z.strictObject({ kind: z.literal('nest-ws-adapter'), upgrade: body.optional(), middleware: z.array(mw), line }),
    /** `export const CurrentUser = createParamDecorator(...)`: the request field its callback returns (`user`), null when unread. */
    z.strictObject({ kind: z.literal('nest-param-decorator'), name: z.string(), field: z.string().nullable(), line }),
    /** A decorator of the file that sets a metadata key to true (`const Public = () => SetMetadata(IS_PUBLIC_KEY, true)`). */
    /**
     * Or one that sets a value for a guard to check (`restricts`: `Roles = (...r) => SetMetadata(ROLES_KEY, r)`,
     * `Reflector.createDecorator()`, whose key is the decorator itself), with the guards it applies itself
     * when it composes them (`applyDecorators(SetMetadata(...), UseGuards(RolesGuard))`).
     */
    z.strictObject({
      kind: z.literal('nest-metadata'), name: z.string(), key: nestKey, line, restricts: z.literal(true).optional(),
      guards: z.array(z.strictObject({ name: z.string(), from: z.string().nullable(), imported: z.string().nullable() })).optional(),
    }),
    /**
     * A class with `canActivate` (or one extending another class): the metadata keys its `canActivate` reads
     * through the Reflector and lets the request through for when set (`if (isPublic) return true`), and
     * whose metadata it reads (the method's, the controller's); the class it extends, to follow.
     */
    z.strictObject({
      kind: z.literal('nest-guard'), name: z.string(), line, canActivate: z.boolean(),
      skips: z.array(z.strictObject({ key: nestKey, on: z.array(z.enum(['class', 'method'])) })),
      /** Every key its methods read through the Reflector, whatever they do with it (a roles guard compares the value). */
      reads: z.array(z.strictObject({ key: nestKey, on: z.array(z.enum(['class', 'method'])) })).optional(),
      /**
       * The keys whose absence its `canActivate` answers with `true` before anything can refuse (`if (!roles)
       * return true`): it checks only the routes that carry that metadata, and lets every other request through.
       */
      opensWithout: z.array(z.strictObject({ key: nestKey, on: z.array(z.enum(['class', 'method'])) })).optional(),
      /** The keys whose absence it answers by refusing (`if (!roles) throw new ForbiddenException()`): it checks every route by that metadata. */
      closedWithout: z.array(z.strictObject({ key: nestKey, on: z.array(z.enum(['class', 'method'])) })).optional(),
      /** It hands its Reflector to another function (`readRoles(this.reflector, context)`): the keys that reads are not among `reads`. */
      handsReflector: z.literal(true).optional(),
      base: z.strictObject({ name: z.string(), from: z.string().nullable(), imported: z.string().nullable() }).nullable(),
    }),
    z.strictObject({ kind: z.literal('nest-middleware'), middleware: z.array(mw), controllers: z.array(z.string()), routes: z.array(target), excluded: z.array(target), line }),
  ]);
});

export type RouteFact = FactOf<typeof routeFactsOf>;
export type RouteRecord = Extract<RouteFact, { kind: 'route' }>;
export type KindOf<K extends RouteFact['kind']> = Extract<RouteFact, { kind: K }>;

/** The records of one kind. */
export function routeRecords<K extends RouteFact['kind']>(records: readonly RouteFact[], kind: K): Array<KindOf<K>> {
  return records.filter((r): r is KindOf<K> => r.kind === kind);
}

/** The callee texts of a route record. */
export function callsOfRecord(r: { calls: string }): string[] {
  return r.calls ? r.calls.split(' ') : [];
}

const NO_CLAIMS: readonly string[] = Object.freeze([]);

/** The health summary of a route record, null for none. */
export function healthOf(r: RouteRecord): { claims: readonly string[]; calls: number } | null {
  const h = r.health;
  if (typeof h === 'number') return { claims: NO_CLAIMS, calls: h };
  return h ?? null;
}

/** Without leading and trailing slashes, trimmed by index (`/\/+$/` backtracks on a long run of slashes). */
function trimSlashes(p: string): string {
  let a = 0;
  let b = p.length;
  while (a < b && p[a] === '/') a++;
  while (b > a && p[b - 1] === '/') b--;
  return p.slice(a, b);
}

/** A NestJS path from its parts (global prefix, controller, method): `/api/users/:id`. */
export function joinNestPath(...parts: string[]): string {
  return `/${parts.map(trimSlashes).filter(Boolean).join('/')}`;
}

/** Whether a route (its path without the global prefix, and method) is one of a NestJS module's middleware targets. */
export function targetsRoute(targets: readonly NestRouteTarget[], path: string, method: string): boolean {
  const norm = (p: string) => trimSlashes(p).replace(/:[^/]+/g, ':');
  const route = norm(path);
  return targets.some((t) => {
    if (t.method !== null && t.method !== method) return false;
    // `*`, `/*`, `(.*)`, and Nest 11's named wildcards `*path` and `{*splat}`.
    const wild = /(?:\*|\(\.\*\)|\*\w+|\{\*\w*\})$/.exec(t.path);
    const base = norm(wild ? t.path.slice(0, wild.index) : t.path);
    if (wild) return base === '' || route === base || route.startsWith(`${base}/`);
    return route === base;
  });
}
