import { describe, expect, it } from 'vitest';
import { collectTexts } from '../in-memory.js';
import { runtimeFacts, type RuntimeFact } from '../facts/runtime.js';
import { fileRole } from '../../util/roles.js';
import { runtime } from './runtime.js';

/** The runtime records of one file, without their quoted lines. */
function facts(code: string, path = 'src/index.ts'): Array<Record<string, unknown>> {
  const collected = collectTexts([{ meta: { path, role: fileRole(path), package: null, ext: path.slice(path.lastIndexOf('.')) }, text: code }], [runtime]);
  return runtimeFacts.of(collected.facts).map((r) => {
    const { snippet: _s, path: _p, role: _r, ...rest } = r as RuntimeFact & { snippet?: string; path: string; role?: string };
    return rest;
  });
}
const kinds = (code: string, kind: string) => facts(code).filter((f) => f.kind === kind);

describe('collect/runtime: servers, Worker bindings, queue consumers and env checks by resolution', () => {
  it('serve() is a listen only when it is @hono/node-server\'s export, under any local name', () => {
    expect(kinds("import { serve as run } from '@hono/node-server';\nimport { app } from './app';\nrun({ fetch: app.fetch, port: 3000 });\n", 'listen')).toEqual([{ kind: 'listen', line: 3 }]);
    expect(kinds("import * as node from '@hono/node-server';\nnode.serve(app);\n", 'listen')).toEqual([{ kind: 'listen', line: 2 }]);
    // The file mentions the package, but its serve() is the repository's own static-file helper.
    expect(kinds("import { createAdaptorServer } from '@hono/node-server';\nimport { serve } from './static';\nserve('public');\nexport const s = createAdaptorServer(app);\n", 'listen')).toEqual([]);
  });

  it('Worker bindings from the default-exported handler\'s fetch parameter, whatever it is called', () => {
    const worker = 'export default {\n  async fetch(request: Request, bindings: Env) {\n    return new Response(bindings.API_TOKEN);\n  },\n};\n';
    expect(kinds(worker, 'env')).toEqual([{ kind: 'env', name: 'API_TOKEN', line: 3, source: 'worker', fallback: false }]);
    // A function's parameter named `env` that is no handler's bindings is not the Worker's environment.
    expect(kinds('export function render(env: { TITLE: string }) {\n  return env.TITLE;\n}\n', 'env')).toEqual([]);
    // Handed on to a helper of the file: its parameter is the bindings too.
    const handed = 'function db(e: Env) { return e.DATABASE_URL; }\nexport default { fetch(req: Request, env: Env) { return db(env); } };\n';
    expect(kinds(handed, 'env')).toEqual([{ kind: 'env', name: 'DATABASE_URL', line: 1, source: 'worker', fallback: false }]);
  });

  it('Hono\'s c.env where c is the context of a handler given to a Hono app, or typed with its Context', () => {
    const app = "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (ctx2) => ctx2.text(ctx2.env.GREETING));\nexport default app;\n";
    expect(kinds(app, 'env')).toEqual([{ kind: 'env', name: 'GREETING', line: 3, source: 'worker', fallback: false }]);
    const typed = "import type { Context } from 'hono';\nexport const h = (x: Context) => x.json({ k: x.env.SECRET_KEY });\n";
    expect(kinds(typed, 'env')).toEqual([{ kind: 'env', name: 'SECRET_KEY', line: 2, source: 'worker', fallback: false }]);
    // A class extending a cloudflare:workers base reads its bindings as this.env; another class's this.env is its own field.
    const room = "import { DurableObject } from 'cloudflare:workers';\nexport class Room extends DurableObject {\n  hello() { return this.env.GREETING; }\n}\n";
    expect(kinds(room, 'env')).toEqual([{ kind: 'env', name: 'GREETING', line: 3, source: 'worker', fallback: false }]);
    expect(kinds('export class Settings {\n  env = { GREETING: 1 };\n  hello() { return this.env.GREETING; }\n}\n', 'env')).toEqual([]);
    // A `c` of something else (a Koa-style context object of the file) is not Hono's.
    expect(kinds('export function handle(c: { env: Record<string, string> }) {\n  return c.env.SECRET_KEY;\n}\n', 'env')).toEqual([]);
  });

  it('a parameter typed with the global bindings interface wrangler types generates, in a helper module the bindings are handed to', () => {
    // `createAuth(c.env)` from another file: the helper's parameter is typed with the global Env.
    expect(kinds('export const createAuth = (env: Env) => {\n  return env.AUTH_SECRET;\n};\n', 'env')).toEqual([{ kind: 'env', name: 'AUTH_SECRET', line: 2, source: 'worker', fallback: false }]);
    expect(kinds('export function db(e: Cloudflare.Env) { return e.DB_URL; }\n', 'env')).toEqual([{ kind: 'env', name: 'DB_URL', line: 1, source: 'worker', fallback: false }]);
    // A type of the file's own, or one it imports, with that name is not the generated global.
    expect(kinds('interface Env { TITLE: string }\nexport function render(env: Env) { return env.TITLE; }\n', 'env')).toEqual([]);
    expect(kinds("import type { Env } from './config';\nexport function render(env: Env) { return env.TITLE; }\n", 'env')).toEqual([]);
  });

  it('a queue consumer is the queue member of the default-exported handler; a queue() elsewhere is not', () => {
    expect(kinds('export default {\n  async fetch() { return new Response(); },\n  async queue(batch: MessageBatch) { for (const m of batch.messages) m.ack(); },\n};\n', 'queue-handler')).toEqual([{ kind: 'queue-handler', line: 3 }]);
    expect(kinds('async function consume(b: MessageBatch) {}\nexport default { fetch, queue: consume };\n', 'queue-handler')).toEqual([{ kind: 'queue-handler', line: 2 }]);
    expect(kinds('export const jobs = { queue(batch: MessageBatch) { return batch; } };\nexport async function queue(batch: MessageBatch) {}\n', 'queue-handler')).toEqual([]);
  });

  it('an env check is an if that stops on the absence of a resolved env read, through the variable bound to it', () => {
    const direct = "if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL missing');\n";
    expect(kinds(direct, 'env-validation')).toEqual([{ kind: 'env-validation', line: 1, via: 'a check that throws', names: ['DATABASE_URL'] }]);
    const helper = "function required(name: string) {\n  const v = process.env[name];\n  if (!v) { process.exit(1); }\n  return v;\n}\nexport const url = required('DATABASE_URL');\n";
    expect(kinds(helper, 'env-validation')).toEqual([{ kind: 'env-validation', line: 3, via: 'a check that throws', names: [] }]);
    const bound = "const { JWT_SECRET } = process.env;\nif (JWT_SECRET === undefined) throw new Error('no secret');\n";
    expect(kinds(bound, 'env-validation')).toEqual([{ kind: 'env-validation', line: 2, via: 'a check that throws', names: ['JWT_SECRET'] }]);
    // The same shapes on values that are no environment read are no env check.
    expect(kinds("function f(opts: { url?: string }) {\n  const v = opts.url;\n  if (!v) throw new Error('url');\n}\nconst env = { A: '' };\nif (!env.A) throw new Error('A');\n", 'env-validation')).toEqual([]);
    // A local `process` is not the process: its exit does not stop it.
    expect(kinds("const process = { env: {} as Record<string, string>, exit(_c: number) {} };\nif (!process.env.X) process.exit(1);\n", 'env-validation')).toEqual([]);
  });
});
