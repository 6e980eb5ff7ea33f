// What each CORS middleware allows when its options do not name the origins. Every one of them
// defaults to every origin: `app.use(cors())` is an API any website may call from a visitor's browser
// (without cookies unless credentials are turned on, which is a separate and graver finding).

export interface CorsLibrary {
  package: string;
  /** The export that makes the middleware: 'default' or a named export. */
  export: string;
  /**
   * How the options reach it: `call`, argument `optionsArg` of a call of the export (`cors(opts)`);
   * `register`, argument `optionsArg` of `app.register(plugin, opts)`.
   */
  how: 'call' | 'register';
  optionsArg: number;
  /** What `Access-Control-Allow-Origin` is when the options say nothing about the origin. */
  defaultOrigin: 'any' | 'reflect';
  example: string;
  source: string;
}

export const CORS_LIBRARIES: readonly CorsLibrary[] = [
  {
    package: 'cors', export: 'default', how: 'call', optionsArg: 0, defaultOrigin: 'any',
    example: "import cors from 'cors'; app.use(cors());",
    source: 'https://github.com/expressjs/cors#configuration-options (default configuration: { "origin": "*" })',
  },
  {
    // Before 5.0 the default echoed the request's Origin header (GHSA-qxrj-hx23-xp82); `*` since.
    package: '@koa/cors', export: 'default', how: 'call', optionsArg: 0, defaultOrigin: 'any',
    example: "import cors from '@koa/cors'; app.use(cors());",
    source: 'https://github.com/koajs/cors#corsoptions (origin: default is "*")',
  },
  {
    package: 'hono/cors', export: 'cors', how: 'call', optionsArg: 0, defaultOrigin: 'any',
    example: "import { cors } from 'hono/cors'; app.use('*', cors());",
    source: 'https://hono.dev/docs/middleware/builtin/cors#options (origin: default "*")',
  },
  {
    package: '@fastify/cors', export: 'default', how: 'register', optionsArg: 1, defaultOrigin: 'any',
    example: "import cors from '@fastify/cors'; await app.register(cors);",
    source: 'https://github.com/fastify/fastify-cors#options (origin: default "*")',
  },
  {
    package: 'fastify-cors', export: 'default', how: 'register', optionsArg: 1, defaultOrigin: 'any',
    example: "const cors = require('fastify-cors'); app.register(cors);",
    source: 'https://github.com/fastify/fastify-cors (the package before it moved to @fastify/cors)',
  },
];

/**
 * NestJS turns on the `cors` package itself: `NestFactory.create(Module, { cors: true })` or
 * `app.enableCors()` apply its defaults (every origin); an object is the `cors` package's options.
 */
export const NEST_CORS = {
  factory: { package: '@nestjs/core', export: 'NestFactory', method: 'create', optionsArg: 1, option: 'cors' },
  enable: { method: 'enableCors', optionsArg: 0 },
  defaultOrigin: 'any' as const,
  example: "const app = await NestFactory.create(AppModule, { cors: true }); app.enableCors();",
  source: 'https://docs.nestjs.com/security/cors (enableCors() / { cors: true } use the cors package defaults)',
};

/** The option key that names the allowed origins, the same in every library above. */
export const CORS_ORIGIN_OPTION = 'origin';
/** The response header that grants an origin, and the one that lets cookies go with it. */
export const CORS_ORIGIN_HEADER = 'access-control-allow-origin';
export const CORS_CREDENTIALS_HEADER = 'access-control-allow-credentials';

/** The CORS library `module`'s `imported` export makes, or null. */
export function corsLibraryOf(module: string, imported: string): CorsLibrary | null {
  return CORS_LIBRARIES.find((l) => l.package === module && l.export === imported) ?? null;
}
