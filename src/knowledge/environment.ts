// The default configuration: what a service runs with when nobody set anything. A security control
// mounted only under a condition on the environment (`if (config.env === 'production')`,
// `if (process.env.ENABLE_RATE_LIMIT)`) is judged by what the condition gives here: every environment
// variable unset, and the app's environment name, read from its config, the development default the
// frameworks and boilerplates use.

/** Property or variable names that hold the app's environment name (`config.env`, `env.NODE_ENV`, `appEnv`). */
export const ENV_NAME_FIELDS: ReadonlyArray<{ word: string; example: string; source: string }> = [
  { word: 'env', example: 'config.env', source: 'config modules of Express boilerplates (`env: envVars.NODE_ENV`)' },
  { word: 'nodeEnv', example: 'config.nodeEnv', source: 'camel-case config of NODE_ENV' },
  { word: 'NODE_ENV', example: 'env.NODE_ENV', source: 'validated env objects (envalid, zod) keep the variable name' },
  { word: 'environment', example: 'config.environment', source: 'config modules' },
  { word: 'appEnv', example: 'config.appEnv', source: 'APP_ENV in Laravel-style configs' },
  { word: 'APP_ENV', example: 'env.APP_ENV', source: 'APP_ENV kept as the variable name' },
];

/** The environment name an app's config holds when NODE_ENV is not set (Express: `app.get('env')` is 'development'). */
export const DEFAULT_ENV_NAME = 'development';

/**
 * The value an environment variable holds in production by a documented convention, when no deployment
 * file sets it: Node's ecosystem runs production with NODE_ENV=production (Express, and the platforms'
 * Node buildpacks set it). A switch on another spelling ('prod', 'PRODUCTION') is off there.
 */
export const ENV_CONVENTIONS: ReadonlyArray<{ name: string; production: string; example: string; source: string }> = [
  {
    name: 'NODE_ENV', production: 'production', example: "secure: process.env.NODE_ENV === 'production'",
    source: 'https://nodejs.org/en/learn/getting-started/nodejs-the-difference-between-development-and-production, https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production, https://devcenter.heroku.com/articles/nodejs-support#runtime-behavior (NODE_ENV defaults to production)',
  },
];

/**
 * Globals that are the process environment itself: `process.env` (Node, and Bun and Deno's Node
 * compatibility) and `Bun.env`, which Bun documents as the same variables. A read through either is
 * an environment read (validated at startup or not, documented in .env.example or not).
 */
export const PROCESS_ENV_GLOBALS: ReadonlyArray<{ global: string; example: string; source: string }> = [
  { global: 'process', example: 'process.env.DATABASE_URL', source: 'https://nodejs.org/api/process.html#processenv' },
  { global: 'Bun', example: 'Bun.env.DATABASE_URL', source: 'https://bun.sh/docs/runtime/env#reading-environment-variables ("process.env", "Bun.env" and "import.meta.env" read the same variables)' },
];

/**
 * Where code reads a configured value that is simply absent when nobody set it: `process.env.X`
 * (Node), the bindings a Worker's `fetch(request, env)` or Hono's `c.env` receives. An absent one is
 * `undefined`, and `undefined === undefined`. `startupValidation`: whether the platform lets a service
 * refuse to start without it (a Node process can validate at startup; a Worker sees its bindings only
 * per request, so nothing but the comparison's own code can notice a missing secret).
 */
export const UNSET_CONFIG_READS: ReadonlyArray<{ path: readonly string[]; platform: string; startupValidation: boolean; example: string; source: string }> = [
  { path: ['process', 'env'], platform: 'Node', startupValidation: true, example: 'process.env.API_KEY', source: 'https://nodejs.org/api/process.html#processenv (an unset variable reads as undefined)' },
  { path: ['c', 'env'], platform: 'Hono (Workers bindings)', startupValidation: false, example: 'c.env.API_SECRET', source: 'https://hono.dev/docs/getting-started/cloudflare-workers#bindings' },
  { path: ['env'], platform: 'Cloudflare Workers fetch(request, env)', startupValidation: false, example: 'env.API_SECRET', source: 'https://developers.cloudflare.com/workers/runtime-apis/handlers/fetch/ (bindings arrive with each request)' },
];

/** The entry a property chain (`['c', 'env', 'SECRET']`) reads through, or null. */
export function unsetConfigReadOf(chain: readonly string[]): (typeof UNSET_CONFIG_READS)[number] | null {
  return UNSET_CONFIG_READS.find((r) => chain.length === r.path.length + 1 && r.path.every((p, i) => chain[i] === p)) ?? null;
}

/**
 * Where a Worker's bindings (its configured variables and secrets) reach the code, by what the code
 * is to the platform or the framework, never by a parameter's name:
 * - `handler`: the default-exported handler object (`export default { fetch(request, env, ctx) }`,
 *   `satisfies ExportedHandler<Env>`): parameter `param` of each of its `members`.
 * - `class`: a class extending one of `exports` of `module` (Durable Objects, entrypoints): `this.env`,
 *   and parameter `param` of its constructor.
 * - `context`: the context a framework hands its handlers (`c` of Hono's `app.get('/', (c) => ...)`,
 *   a parameter typed with its `Context`): its `env` member. The context is parameter `param` of a
 *   function given to a call on a value that comes from one of `modules` (`new Hono()`,
 *   `createMiddleware`, `createFactory().createHandlers`), or a parameter typed with `typeExport`.
 * - `type`: a parameter typed with the bindings interface `wrangler types` generates as a global
 *   (`Env`, or `Cloudflare.Env` in later versions) in a file that declares and imports no type of that
 *   name: the bindings handed on to a helper in another module (`createAuth(c.env)` with
 *   `createAuth = (env: Env) => ...`).
 */
export type WorkerEnvSource =
  | { kind: 'handler'; members: readonly string[]; param: number; example: string; source: string }
  | { kind: 'class'; module: string; exports: readonly string[]; param: number; example: string; source: string }
  | { kind: 'context'; modules: readonly string[]; param: number; typeExport: string; member: string; example: string; source: string }
  | { kind: 'type'; names: readonly string[]; example: string; source: string };

export const WORKER_ENV_SOURCES: readonly WorkerEnvSource[] = [
  {
    kind: 'handler', members: ['fetch', 'scheduled', 'queue', 'email', 'tail', 'trace', 'test'], param: 1,
    example: 'export default { async fetch(request, env, ctx) { return new Response(env.GREETING); } };',
    source: 'https://developers.cloudflare.com/workers/runtime-apis/handlers/',
  },
  {
    kind: 'class', module: 'cloudflare:workers', exports: ['DurableObject', 'WorkerEntrypoint', 'WorkflowEntrypoint'], param: 1,
    example: "import { DurableObject } from 'cloudflare:workers';\nexport class Room extends DurableObject { hello() { return this.env.GREETING; } }",
    source: 'https://developers.cloudflare.com/durable-objects/api/base/',
  },
  {
    kind: 'context', modules: ['hono', 'hono/*'], param: 0, typeExport: 'Context', member: 'env',
    example: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text(c.env.GREETING));",
    source: 'https://hono.dev/docs/api/context#env',
  },
  {
    kind: 'type', names: ['Env', 'Cloudflare.Env'],
    example: 'export const createAuth = (env: Env) => env.AUTH_SECRET;',
    source: 'https://developers.cloudflare.com/workers/languages/typescript/#generate-types (`wrangler types` writes worker-configuration.d.ts declaring the global Env)',
  },
];

/** Whether a module specifier is one of a source's modules (`hono/*` stands for every subpath). */
export function isWorkerEnvModule(modules: readonly string[], spec: string): boolean {
  return modules.some((m) => (m.endsWith('/*') ? spec.startsWith(m.slice(0, -1)) || spec === m.slice(0, -2) : spec === m));
}

/**
 * Env files written to be committed: a template of what a deployment must set (`.env.example`), named
 * by the suffix after `.env` and a separator (`.env.example`, `.env-sample`, `.env_template`,
 * `.env.local.example`) or before `.env` (`example.env`, `sample.env`). `loaded` marks the ones a
 * loader reads at run time (dotenv-defaults' `.env.defaults`): their values are the running defaults,
 * not a template's.
 */
export const ENV_TEMPLATE_NAMES: ReadonlyArray<{ word: string; loaded: boolean; example: string; source: string }> = [
  { word: 'example', loaded: false, example: '.env.example', source: 'https://github.com/motdotla/dotenv#should-i-commit-my-env-file (commit a .env.example, never .env)' },
  { word: 'sample', loaded: false, example: '.env.sample, .env-sample', source: 'a common spelling of the same template (dotenv-safe reads .env.example; projects name it .env.sample)' },
  { word: 'template', loaded: false, example: '.env.template', source: 'the same template, named for what it is' },
  { word: 'dist', loaded: false, example: '.env.dist', source: 'Symfony\'s convention for the committed template (.env.dist before Symfony 4.1)' },
  { word: 'tpl', loaded: false, example: '.env.tpl', source: 'template file suffix' },
  { word: 'tmpl', loaded: false, example: '.env.tmpl', source: 'template file suffix' },
  { word: 'schema', loaded: false, example: '.env.schema', source: 'dotenv-extended: the list of required keys' },
  { word: 'defaults', loaded: true, example: '.env.defaults', source: 'https://github.com/mrsteele/dotenv-defaults (loaded under .env)' },
  { word: 'default', loaded: true, example: '.env.default', source: 'dotenv-defaults spelling' },
];

const TEMPLATE_WORDS = new Map(ENV_TEMPLATE_NAMES.map((t) => [t.word, t]));

/**
 * Whether a path is an env template (ENV_TEMPLATE_NAMES): one of its words follows `.env` after a
 * separator, or precedes `.env`. With `loadedToo: false` the files a loader reads at run time are not
 * templates.
 */
export function isEnvTemplate(path: string, { loadedToo = true }: { loadedToo?: boolean } = {}): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.(?:[cm]?[jt]sx?|json|ya?ml|md)$/.test(base)) return false;
  const words = /^\.?env[._-](.+)$/.exec(base)?.[1].split(/[._-]/) ?? /^(.+)\.env$/.exec(base)?.[1].split(/[._-]/) ?? [];
  return words.some((w) => {
    const t = TEMPLATE_WORDS.get(w);
    return t !== undefined && (loadedToo || !t.loaded);
  });
}

/** A dotenv file by its name: `.env`, `.env.local`, `.env.production` (templates included; see isEnvTemplate). */
export function isEnvFile(path: string): boolean {
  return /(^|\/)\.env(\.[\w.-]+)?$/.test(path);
}
