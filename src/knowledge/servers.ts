// Calls that build something that serves network requests once its `listen()` is called: a process
// whose code reaches `<that>.listen(...)` is a long-running server (it needs a health route, a shutdown
// path and a validated environment). Known by the library's export, through the file's imports, so a
// `listen` on an object of some other kind (a repository's own `listen` method, a parameter of library
// code) is not taken for one by its receiver's name.

export interface ServerFactory {
  /** Module specifiers the export comes from (`node:` prefix included where Node accepts both). */
  modules: readonly string[];
  /** The export: 'default' for the module itself (a default import, a namespace import, a bare `require`), else its name. */
  export: string;
  /** The member called on it (`NestFactory.create`, `http.createServer`), or null when the export itself is called or constructed. */
  member: string | null;
  /** Code that starts a server this way, imports included (tested: collect/collectors/listen.test.ts). */
  example: string;
  source: string;
}

const NODE_HTTP = ['http', 'node:http', 'https', 'node:https', 'http2', 'node:http2', 'net', 'node:net', 'tls', 'node:tls'];

export const SERVER_FACTORIES: readonly ServerFactory[] = [
  { modules: NODE_HTTP, export: 'default', member: 'createServer', example: "import http from 'node:http'; http.createServer(app).listen(8080);", source: 'https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener' },
  { modules: NODE_HTTP, export: 'createServer', member: null, example: "import { createServer } from 'node:http'; createServer(app).listen(8080);", source: 'https://nodejs.org/api/http.html#httpcreateserveroptions-requestlistener' },
  { modules: ['http2', 'node:http2'], export: 'createSecureServer', member: null, example: "import { createSecureServer } from 'node:http2'; createSecureServer(opts, app).listen(8443);", source: 'https://nodejs.org/api/http2.html#http2createsecureserveroptions-onrequesthandler' },
  { modules: ['express'], export: 'default', member: null, example: "import express from 'express'; const app = express(); app.listen(3000);", source: 'https://expressjs.com/en/4x/api.html#app.listen' },
  { modules: ['fastify'], export: 'default', member: null, example: "import fastify from 'fastify'; const app = fastify(); await app.listen({ port: 3000 });", source: 'https://fastify.dev/docs/latest/Reference/Server/#listen' },
  { modules: ['fastify'], export: 'fastify', member: null, example: "import { fastify } from 'fastify'; const app = fastify(); await app.listen({ port: 3000 });", source: 'https://fastify.dev/docs/latest/Reference/Server/#listen' },
  { modules: ['fastify'], export: 'Fastify', member: null, example: "import { Fastify } from 'fastify'; const app = Fastify(); await app.listen({ port: 3000 });", source: 'https://fastify.dev/docs/latest/Reference/Server/#listen' },
  { modules: ['koa'], export: 'default', member: null, example: "import Koa from 'koa'; const app = new Koa(); app.listen(3000);", source: 'https://koajs.com/#app-listen-' },
  { modules: ['@nestjs/core'], export: 'NestFactory', member: 'create', example: "import { NestFactory } from '@nestjs/core'; const app = await NestFactory.create(AppModule); await app.listen(3000);", source: 'https://docs.nestjs.com/first-steps#running-the-application' },
  { modules: ['@nestjs/core'], export: 'NestFactory', member: 'createMicroservice', example: "import { NestFactory } from '@nestjs/core'; const app = await NestFactory.createMicroservice(AppModule, opts); await app.listen();", source: 'https://docs.nestjs.com/microservices/basics#getting-started' },
  { modules: ['restify'], export: 'default', member: 'createServer', example: "import * as restify from 'restify'; const server = restify.createServer(); server.listen(8080);", source: 'http://restify.com/docs/server-api/#createserver' },
  { modules: ['polka'], export: 'default', member: null, example: "import polka from 'polka'; polka().get('/', h).listen(3000);", source: 'https://github.com/lukeed/polka#listen' },
  { modules: ['apollo-server', 'apollo-server-express'], export: 'ApolloServer', member: null, example: "import { ApolloServer } from 'apollo-server'; const server = new ApolloServer({ typeDefs, resolvers }); server.listen();", source: 'https://www.apollographql.com/docs/apollo-server/v3/api/apollo-server#listen' },
  { modules: ['socket.io'], export: 'Server', member: null, example: "import { Server } from 'socket.io'; const io = new Server(); io.listen(3000);", source: 'https://socket.io/docs/v4/server-api/#serverlistenport-options' },
  { modules: ['elysia'], export: 'Elysia', member: null, example: "import { Elysia } from 'elysia'; new Elysia().get('/', () => 'ok').listen(3000);", source: 'https://elysiajs.com/essential/life-cycle (listen)' },
];

/**
 * Whether calling (or constructing) an import's export, or its `member`, builds a server: `module`
 * and `imported` are how the file imports it ('default' and '*' alike: a CommonJS module is its own
 * default export, and `import * as http` and `import http` reach the same functions).
 */
export function isServerFactory(module: string, imported: string, member: string | null): boolean {
  const name = imported === '*' ? 'default' : imported;
  return SERVER_FACTORIES.some((f) => f.modules.includes(module) && f.export === name && f.member === member);
}

/**
 * Calls that start serving on their own, with no `listen()`: a library's export called with the app
 * (`serve(app)` of @hono/node-server), or a runtime global's method (`Bun.serve`, `Deno.serve`).
 * `module` null: the runtime's global object, `global` (used only where no scope of the file declares it).
 */
export interface ServingCall {
  module: string | null;
  /** The export called ('default' for the module itself); for a global, the global's name. */
  export: string;
  /** The member called on the export or the global, or null when the export itself is called. */
  member: string | null;
  example: string;
  source: string;
}

export const SERVING_CALLS: readonly ServingCall[] = [
  { module: '@hono/node-server', export: 'serve', member: null, example: "import { serve } from '@hono/node-server'; serve({ fetch: app.fetch, port: 3000 });", source: 'https://hono.dev/docs/getting-started/nodejs' },
  { module: null, export: 'Bun', member: 'serve', example: 'Bun.serve({ fetch: app.fetch, port: 3000 });', source: 'https://bun.sh/docs/api/http#bun-serve' },
  { module: null, export: 'Deno', member: 'serve', example: 'Deno.serve({ port: 3000 }, app.fetch);', source: 'https://docs.deno.com/api/deno/~/Deno.serve' },
];

/** Whether calling an import's export (or its member) starts serving: `imported` '*' and 'default' alike stand for the module. */
export function isServingCall(module: string, imported: string, member: string | null): boolean {
  return SERVING_CALLS.some((c) => c.module === module && (member === null ? c.export === imported && c.member === null : (imported === '*' || imported === 'default' ? c.export === member && c.member === null : c.export === imported && c.member === member)));
}

/** Whether `global.member(...)` of a runtime global (not declared by the file) starts serving. */
export function isServingGlobal(global: string, member: string): boolean {
  return SERVING_CALLS.some((c) => c.module === null && c.export === global && c.member === member);
}
