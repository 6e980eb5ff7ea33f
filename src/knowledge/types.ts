// What an export of a library is, said once as data: the collectors, the link stage and the rules
// read these descriptors instead of guessing from names. A descriptor is a fact about a library, with
// an example of its use (checked by knowledge.test.ts: the example must use the export through an
// import of the package) and where the fact comes from.

/** What an export does, in the terms the rules judge by. */
export type Role =
  /** Middleware or a wrapper that rejects a request whose caller is not authenticated (401/403 or a throw). */
  | 'guard'
  /** Takes a route out of a limiter's count (`exempts`: the limiter's export), as NestJS's `@SkipThrottle()` does for `ThrottlerGuard`. */
  | 'limiter-exemption'
  /** Verifies a token, a signature or a session and fails (throws or returns null/false) when it is not valid. */
  | 'verifier'
  /** Reads the caller's session or user, which may be absent: a guard only with a check on its result. */
  | 'session-reader'
  /** Compares a secret with the caller's in constant time: a check only with a denial on its result. */
  | 'secret-compare'
  /** Computes a keyed hash (HMAC): a signature check when compared with the one the request carries. */
  | 'mac'
  /** Reads or writes stored data (a database, a key-value store, a bucket): every call on it, or on what it makes. */
  | 'data-client'
  /** Counts requests and refuses past a limit. */
  | 'limiter'
  /** Sets security headers. */
  | 'header-setter'
  /** Validates input against a schema. */
  | 'validator'
  /** Executes SQL text: see `sql` for which argument is the text and which are bound values. */
  | 'sql-executor'
  /** A tagged template that binds every interpolated value as a parameter. */
  | 'sql-tag'
  /** Quotes an identifier or a literal for SQL text, so interpolating its result is safe. */
  | 'sql-escaper'
  /**
   * Makes (or hands over) a queue by name: the name is the first argument, or its `name` option. The
   * methods called on what it makes are the export's `Class#method` entries (see `queue`).
   */
  | 'queue'
  /** Puts a job on a queue: a method of a queue (`Queue#add`). */
  | 'queue-producer'
  /** Takes jobs off a queue: a method of a queue (`default#process`), or a constructor or decorator naming the queue it consumes (`Worker`, `@Processor`). */
  | 'queue-consumer'
  | 'logger'
  /** Runs registered work before the process exits. */
  | 'shutdown-hook'
  /** Builds an HTTP app or router that routes are registered on. */
  | 'http-router'
  /** Registers every file under a folder as a plugin of the app it is registered on (see `loader`). */
  | 'plugin-loader'
  /**
   * A Fastify plugin that, registered, adds an authentication method to the app or to each request
   * (`plugin.decorates`) and checks no route by itself: only a route or hook calling what it added is
   * guarded; `plugin.hooksUnless`, when set, says it also adds a hook checking every route of its
   * context unless that registration option is `false`.
   */
  | 'auth-plugin'
  /**
   * Makes a middleware of the function it is given (`wraps`: which argument): the middleware does what
   * that function's body does, so a guard called there guards the routes it is mounted on.
   */
  | 'middleware-wrapper';

export interface ExportFact {
  /**
   * The export's name (`default` for a default export), `Class#method` for a method of an exported
   * class's instances, `request#method` for a method the package adds to every request object, or
   * `instance#method` for one a Fastify plugin adds to the app it is registered on (`fastify.basicAuth`).
   */
  name: string;
  role: Role;
  /** For a `sql-executor`: the argument that is SQL text, and the one holding bound values (if any). */
  sql?: {
    text: number;
    values?: number;
    /** It exists to run raw SQL text (`$queryRawUnsafe`, `sql.raw`): any non-constant text given to it is SQL. */
    raw?: boolean;
  };
  /**
   * For a `queue`: `methodsOf`, the class (`package#export`) whose methods apply when it hands over another
   * library's queue (NestJS `@InjectQueue`); `nameProperty`, the property of what it makes that holds the queue's name.
   */
  queue?: { methodsOf?: string; nameProperty?: string };
  /**
   * For a `plugin-loader`: the option naming the folder (`dir`), the boolean option (default true) that
   * prefixes each file's routes with its folder's path below that folder, and the export of a loaded
   * file that adds a prefix of its own.
   */
  loader?: { dir: string; folderPrefix: string; filePrefixExport: string };
  /**
   * For an `http-router` made over an app it is given (chanfana's `fromHono(app)`): the argument that is
   * that app. Routes registered on what it returns are that app's, under its middleware.
   */
  over?: number;
  /** For a `middleware-wrapper`: the argument that is the middleware's function. */
  wraps?: number;
  /**
   * For a `limiter`: the option of its factory's options object holding a function that, returning
   * true, lets the request through uncounted (express-rate-limit's `skip`). One that returns true in the
   * default configuration (`() => !process.env.ENABLE_RATE_LIMIT`) leaves the limiter off.
   */
  skip?: string;
  /**
   * For a `limiter` that only sets the limits another export enforces (NestJS `@Throttle()` without
   * `ThrottlerGuard` applied does nothing): that export. It limits only where that export applies too.
   */
  needs?: string;
  /** For a `limiter-exemption`: the limiter export it takes the route out of. */
  exempts?: string;
  /**
   * For a limiter plugin registered on an app (`@fastify/rate-limit`): the route option that sets its
   * limits per route (`path`, read under the route's options: `config.rateLimit`; an object limits the
   * route, `false` takes it out), and the registration option that, `false`, makes it limit only the
   * routes carrying that route option (`global`; true by default).
   */
  routeOption?: { path: string[]; global: string };
  /**
   * For a `limiter`: options whose value `0` turned it off in the package's versions below `below`
   * (a major version), and made it block every request from that version on (express-rate-limit's `max: 0`).
   */
  zeroDisables?: { options: string[]; below: number };
  /**
   * For an `auth-plugin`: what registering it adds (`request#jwtVerify`, `instance#basicAuth`), and the
   * registration option that, `false`, keeps it from hooking every route (absent: it never hooks one).
   */
  plugin?: { decorates: string[]; hooksUnless?: string };
  /** Anonymous callers pass (an optional-auth middleware): never a guard, whatever else it does. */
  lenient?: boolean;
  /** A short use of the export, importing it from the package (checked by the knowledge tests). */
  example: string;
}

export interface LibraryDescriptor {
  /** The npm package, or a subpath import such as `hono/jwt`. */
  package: string;
  /** Where the facts come from: the package's documentation or source. */
  source: string;
  exports: readonly ExportFact[];
}
