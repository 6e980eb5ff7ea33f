import { describe, expect, it } from 'vitest';
import { collectTexts } from '../collect/in-memory.js';
import { modules } from '../collect/collectors/modules.js';
import { symbols } from '../collect/collectors/symbols.js';
import { routes } from '../collect/collectors/routes.js';
import { routeFactsOf } from '../collect/facts/routes.js';
import { moduleFacts } from '../collect/facts/modules.js';
import { symbolFacts } from '../collect/facts/symbols.js';
import { packageOf } from '../discover/index.js';
import { fileRole } from '../util/roles.js';
import { AUTH_HANDLER_LIBRARIES } from '../knowledge/index.js';
import { buildLink, type Link } from './index.js';

interface Pkg { name: string; path: string; scripts?: Record<string, string>; frameworks?: string[] }

/** The link stage over files given as text, through the real collectors. */
function linkOf(files: Record<string, string>, pkgs: Pkg[] = [{ name: 'app', path: '.' }], wrangler: Array<{ path: string; main: string }> = []): Link {
  const texts = Object.entries(files).map(([path, text]) => ({
    meta: { path, role: fileRole(path), package: null, ext: path.slice(path.lastIndexOf('.')) }, text,
  }));
  const collected = collectTexts(texts, [modules, symbols, routes]);
  const packages = pkgs.map((p) => ({ scripts: {}, frameworks: [], manifestPath: p.path === '.' ? 'package.json' : `${p.path}/package.json`, ...p }));
  return buildLink({
    files: Object.keys(files), packages, documents: collected.documents,
    wrangler: wrangler.map((w) => ({ ...w, packagePath: '.' })),
    symbols: symbolFacts.of(collected.facts), modules: moduleFacts.of(collected.facts), role: fileRole,
    routes: routeFactsOf.of(collected.facts), authMiddleware: [],
    packageOf: (p) => packageOf(p, packages),
  });
}

describe('resolveImport', () => {
  const repo = {
    'package.json': '{"name":"app","main":"src/app.ts"}',
    'tsconfig.json': '{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
    // A comment and a trailing comma: tsconfig is JSON with comments.
    'tsconfig.base.json': '{ "compilerOptions": { /* aliases */ "baseUrl": ".", "paths": { "@/*": ["src/*"], }, } }',
    'src/app.ts': "import { usersRouter, adminRouter } from '@/routes';\nimport { Hono } from 'hono';\nexport const app = new Hono();\napp.route('/users', usersRouter);\napp.route('/admin', adminRouter);\n",
    'src/routes/index.ts': "export { usersRouter } from './users';\nexport * from './admin';\n",
    'src/routes/users.ts': "import { Hono } from 'hono';\nexport const usersRouter = new Hono();\n",
    'src/routes/admin.ts': "import { Hono } from 'hono';\n\nexport const adminRouter = new Hono();\n",
  };

  it('follows a tsconfig path alias (through extends) to a barrel, and the barrel to the declaring file', () => {
    const link = linkOf(repo);
    expect(link.resolveImport('src/app.ts', '@/routes')).toBe('src/routes/index.ts');
    const users = link.resolveExport('src/routes/index.ts', 'usersRouter');
    expect(users && 'decl' in users ? `${users.decl.path}:${users.decl.line}` : null).toBe('src/routes/users.ts:2');
    // Through `export *`.
    const admin = link.resolveExport('src/routes/index.ts', 'adminRouter');
    expect(admin && 'decl' in admin ? `${admin.decl.path}:${admin.decl.line}` : null).toBe('src/routes/admin.ts:3');
    expect(link.resolution('src/app.ts', 'hono')).toEqual({ kind: 'external' });
    expect(link.stats).toMatchObject({ resolved: 3, external: 3, unresolved: 0 });
  });

  it('finds a name behind many `export *` lines and through a cycle of them', () => {
    const files: Record<string, string> = { 'package.json': '{"name":"app"}', 'src/a.ts': "import { target } from './barrel';\ntarget();\n" };
    const stars: string[] = [];
    for (let i = 0; i < 40; i++) {
      files[`src/m${i}.ts`] = `export * from './barrel';\nexport function f${i}() {}\n`;
      stars.push(`export * from './m${i}';`);
    }
    files['src/barrel.ts'] = `${stars.join('\n')}\nexport * from './last';\n`;
    files['src/last.ts'] = 'export function target() {}\n';
    const link = linkOf(files);
    const t = link.resolveExport('src/barrel.ts', 'target');
    expect(t && 'decl' in t ? t.decl.key : null).toBe('src/last.ts#target');
    expect(link.resolveExport('src/m3.ts', 'target')).toEqual(t);
    expect(link.resolveExport('src/barrel.ts', 'nowhere')).toBeNull();
  });

  it('gives up on a hostile web of `export *` cycles within a budget, instead of trying every path', () => {
    const files: Record<string, string> = { 'package.json': '{"name":"app"}' };
    // 30 files each re-exporting all the others: the paths through them are beyond counting.
    for (let i = 0; i < 30; i++) files[`src/w${i}.ts`] = Array.from({ length: 30 }, (_, j) => `export * from './w${j}';`).join('\n');
    const link = linkOf(files);
    const t = Date.now();
    expect(link.resolveExport('src/w0.ts', 'missing')).toBeNull();
    // Without the budget the look-up tries 30^k paths and never ends; with it, about a second on this
    // machine. The bound is loose on purpose: a shared, loaded machine must not fail it, an unbounded search will.
    expect(Date.now() - t).toBeLessThan(30_000);
  }, 60_000);

  it('reads a relative import with a .js extension as its .ts source, and says what it cannot find', () => {
    const link = linkOf({ ...repo, 'src/x.ts': "import { a } from './y.js';\nimport { b } from './missing';\nimport { c } from '@/nowhere';\nimport { d } from '.';\n", 'src/y.ts': 'export const a = 1;\n', 'src/index.tsx': 'export const d = 1;\n' });
    expect(link.resolveImport('src/x.ts', './y.js')).toBe('src/y.ts');
    // The folder's own index, asked for as `.`.
    expect(link.resolveImport('src/x.ts', '.')).toBe('src/index.tsx');
    expect(link.resolution('src/x.ts', './missing')).toEqual({ kind: 'unresolved' });
    expect(link.unresolved.map((u) => u.spec).sort()).toEqual(['./missing', '@/nowhere']);
  });

  it('resolves bare specifiers from the root a module-root package or a NODE_PATH script adds, after installed packages', () => {
    const link = linkOf({
      'package.json': '{"name":"api","dependencies":{"rootpath":"^0.1.2","config":"^3.0.0"}}',
      'server.js': "require('rootpath')();\nconst db = require('_helpers/db');\nconst config = require('config');\nconst x = require('nothing/here');\n",
      '_helpers/db.js': 'module.exports = {};\n',
      'config/index.js': 'module.exports = {};\n',
    });
    expect(link.resolveImport('server.js', '_helpers/db')).toBe('_helpers/db.js');
    // An installed package of that name wins over the folder, as in Node.
    expect(link.resolveImport('server.js', 'config')).toBeNull();
    expect(link.resolveImport('server.js', 'nothing/here')).toBeNull();
    // Without the package, the same specifier is a package from the registry.
    const plain = linkOf({ 'package.json': '{"name":"api"}', 'server.js': "const db = require('_helpers/db');\n", '_helpers/db.js': 'module.exports = {};\n' });
    expect(plain.resolveImport('server.js', '_helpers/db')).toBeNull();
    // NODE_PATH set by a package script, relative to the package.
    const script = linkOf({ 'package.json': '{"name":"api"}', 'src/index.js': "const db = require('lib/db');\n", 'src/lib/db.js': 'module.exports = {};\n' },
      [{ name: 'api', path: '.', scripts: { start: 'NODE_PATH=./src node src/index.js' } }]);
    expect(script.resolveImport('src/index.js', 'lib/db')).toBe('src/lib/db.js');
  });

  it('resolves workspace packages inside the repository, without node_modules, to their source', () => {
    const link = linkOf({
      'package.json': '{"name":"root","workspaces":["apps/*","packages/*"]}',
      'apps/api/package.json': '{"name":"api","main":"src/server.ts"}',
      'apps/api/tsconfig.json': '{"extends":"@acme/tsconfig/base.json"}',
      'apps/api/src/server.ts': "import { db } from '@acme/db';\nimport { users } from '@acme/db/schema';\nimport { sum } from '@acme/util';\nimport { log } from '~/log';\n",
      'apps/api/src/log.ts': 'export const log = 1;\n',
      'packages/tsconfig/package.json': '{"name":"@acme/tsconfig"}',
      // `${configDir}`: the folder of the tsconfig that extends this one (TypeScript 5.5).
      'packages/tsconfig/base.json': '{"compilerOptions":{"paths":{"~/*":["./src/*"],"#/*":["${configDir}/src/*"]}}}',
      // main points at build output that is not in the repository: the source stands for it.
      'packages/db/package.json': '{"name":"@acme/db","main":"dist/index.js","types":"dist/index.d.ts"}',
      'packages/db/src/index.ts': 'export const db = 1;\n',
      'packages/db/src/schema.ts': 'export const users = 1;\n',
      // exports with conditions, resolved by TypeScript itself.
      'packages/util/package.json': '{"name":"@acme/util","exports":{".":{"types":"./src/main.ts","default":"./dist/main.js"}}}',
      'packages/util/src/main.ts': 'export const sum = 1;\n',
    }, [{ name: 'root', path: '.' }, { name: 'api', path: 'apps/api' }, { name: '@acme/db', path: 'packages/db' }, { name: '@acme/util', path: 'packages/util' }, { name: '@acme/tsconfig', path: 'packages/tsconfig' }]);
    expect(link.resolveImport('apps/api/src/server.ts', '@acme/db')).toBe('packages/db/src/index.ts');
    expect(link.resolveImport('apps/api/src/server.ts', '@acme/db/schema')).toBe('packages/db/src/schema.ts');
    expect(link.resolveImport('apps/api/src/server.ts', '@acme/util')).toBe('packages/util/src/main.ts');
    // `paths` declared in a tsconfig that lives in a workspace package, relative to that file.
    expect(link.resolveImport('apps/api/src/server.ts', '~/log')).toBeNull();
    expect(link.resolveImport('apps/api/src/server.ts', '#/log')).toBe('apps/api/src/log.ts');
    expect(link.tsconfigProblems).toEqual([]);
  });

  it('ignores an extends it cannot find in the repository and stops at a cycle, saying so', () => {
    const link = linkOf({
      'package.json': '{"name":"app"}',
      'tsconfig.json': '{"extends":["@tsconfig/node20/tsconfig.json","./a.json"]}',
      'a.json': '{"extends":"./b.json"}',
      'b.json': '{"extends":"./a.json","compilerOptions":{"paths":{"#/*":["src/*"]}}}',
      'src/a.ts': "import { b } from './b';\n",
      'src/b.ts': 'export const b = 1;\n',
    });
    expect(link.resolveImport('src/a.ts', './b')).toBe('src/b.ts');
    expect(link.tsconfigProblems.map((p) => p.problem).join('\n')).toMatch(/extends "@tsconfig\/node20\/tsconfig.json": not a file of the repository/);
    expect(link.tsconfigProblems.map((p) => p.problem).join('\n')).toMatch(/extends cycle: tsconfig.json -> a.json -> b.json -> a.json/);
  });
});

describe('reachability', () => {
  const worker = (alarm: string) => ({
    'package.json': '{"name":"worker"}',
    'src/index.ts': `import { DurableObject } from 'cloudflare:workers';
import { Helper } from './helper';

export class Room extends DurableObject {
  helper = new Helper();
  async fetch(req: Request) { return this.helper.handle(req); }
  async ping() { return 'pong'; }
  async alarm() { ${alarm} }
}

export default {
  async fetch(req: Request, env: { ROOM: DurableObjectNamespace }) { return env.ROOM.get(env.ROOM.idFromName('a')).fetch(req); },
};
`,
    'src/helper.ts': `export class Helper {
  handle(req: Request) { return new Response('ok'); }
  async gracefulShutdown() { await flush(); }
}
async function flush() {}
`,
    'test/helper.test.ts': "import { Helper } from '../src/helper';\nnew Helper().gracefulShutdown();\n",
  });
  const wrangler = [{ path: 'wrangler.toml', main: 'src/index.ts' }];

  it('a helper method nothing in production calls is reached from tests only; the Durable Object\'s RPC method is an entry', () => {
    const link = linkOf(worker(''), undefined, wrangler);
    expect(link.reach('src/helper.ts#Helper.gracefulShutdown')).toBe('tests');
    expect(link.reach('src/helper.ts#flush')).toBe('tests');
    expect(link.reach('src/helper.ts#Helper.handle')).toBe('production');
    expect(link.reach('src/index.ts#Room.ping')).toBe('production');
    expect(link.reach('src/index.ts#default.fetch')).toBe('production');
    expect(link.callers('src/helper.ts#Helper.gracefulShutdown').map((c) => c.from)).toEqual(['test/helper.test.ts#<module>']);
  });

  it('the same method called through a field holding `new Helper()` is reached from production', () => {
    const link = linkOf(worker('await this.helper.gracefulShutdown();'), undefined, wrangler);
    expect(link.reach('src/helper.ts#Helper.gracefulShutdown')).toBe('production');
    expect(link.reach('src/helper.ts#flush')).toBe('production');
    expect(link.callers('src/helper.ts#Helper.gracefulShutdown').map((c) => `${c.from}:${c.line}`)).toContain('src/index.ts#Room.alarm:8');
  });

  it('a Durable Object class the worker\'s main re-exports from another file has its public methods as entries', () => {
    const link = linkOf({
      'package.json': '{"name":"worker"}',
      'src/index.ts': "export { Counter } from './counter';\nexport default { fetch() { return new Response('ok'); } };\n",
      'src/counter.ts': "import { DurableObject } from 'cloudflare:workers';\nexport class Counter extends DurableObject {\n  async increment() { return 1; }\n  private secret() { return 2; }\n}\n",
    }, undefined, wrangler);
    expect(link.reach('src/counter.ts#Counter.increment')).toBe('production');
    expect(link.entries[0].entries.map((e) => `${e.kind} ${e.file}`)).toEqual(['wrangler src/index.ts', 'rpc src/counter.ts']);
  });

  it('a package without a known entry is unknown, never unreachable', () => {
    const link = linkOf({ 'package.json': '{"name":"lib"}', 'src/a.ts': 'function gracefulShutdown() {}\n' });
    expect(link.reach('src/a.ts#gracefulShutdown')).toBe('unknown');
    expect(link.entries[0]).toMatchObject({ known: false });
  });

  it('start scripts, package main and callbacks passed by reference are followed', () => {
    const link = linkOf({
      'package.json': '{"name":"svc"}',
      'src/server.ts': "import { onStop } from './stop';\nprocess.on('SIGTERM', onStop);\n",
      'src/stop.ts': 'export function onStop() { closeAll(); }\nfunction closeAll() {}\nexport function unused() {}\n',
    }, [{ name: 'svc', path: '.', scripts: { start: 'node -r dotenv/config dist/server.js' } }]);
    expect(link.entries[0]).toMatchObject({ known: true });
    expect(link.reach('src/stop.ts#onStop')).toBe('production');
    expect(link.reach('src/stop.ts#closeAll')).toBe('production');
    expect(link.reach('src/stop.ts#unused')).toBe('none');
  });
});

describe('CommonJS modules', () => {
  it('follows a destructured require, a require of one member, and module.exports / exports.x to the declarations', () => {
    const link = linkOf({
      'package.json': '{"name":"svc"}',
      'src/server.js': [
        "const { Router } = require('express');",
        "const { findUser } = require('./users');",
        "const stop = require('./stop').onStop;",
        "const ping = require('./ping');",
        'const r = Router();',
        "r.get('/u', (req, res) => res.json(findUser(req.query.id)));",
        "process.on('SIGTERM', stop);",
        "r.get('/ping', ping);",
      ].join('\n'),
      'src/users.js': 'function findUser(id) { return lookup(id); }\nfunction lookup(id) { return id; }\nfunction unused() {}\nmodule.exports = { findUser, unused };\n',
      'src/stop.js': 'exports.onStop = () => closeAll();\nfunction closeAll() {}\n',
      'src/ping.js': 'function ping(req, res) { res.end(); }\nmodule.exports = ping;\n',
    }, [{ name: 'svc', path: '.', scripts: { start: 'node src/server.js' } }]);
    const at = (path: string, name: string) => { const t = link.resolveExport(path, name); return t && 'decl' in t ? `${t.decl.path}:${t.decl.line}` : null; };
    expect(at('src/users.js', 'findUser')).toBe('src/users.js:1');
    expect(at('src/stop.js', 'onStop')).toBe('src/stop.js:1');
    expect(at('src/ping.js', 'default')).toBe('src/ping.js:1');
    // A name the module does not export stays unresolved, declared or not.
    expect(at('src/users.js', 'lookup')).toBeNull();
    expect(link.reach('src/users.js#lookup')).toBe('production');
    expect(link.reach('src/stop.js#closeAll')).toBe('production');
    expect(link.reach('src/users.js#unused')).toBe('none');
  });
});

describe('member calls resolved by the receiver\'s type', () => {
  // A controller given its service by a dependency-injection container, and two providers with a
  // method of the same name: the call reaches the method of the receiver's class, not every `remove`.
  const nest = {
    'package.json': '{"name":"api","scripts":{"start":"nest start"}}',
    'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule);\n",
    'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { NotesController } from './notes.controller';\n@Module({ controllers: [NotesController] })\nexport class AppModule {}\n",
    'src/notes.controller.ts': `import { Controller, Delete, Param, Put } from '@nestjs/common';
import { NotesService } from './notes.service';
import { TagsService } from './tags.service';
import type { Mapper } from './mapper';

@Controller('notes')
export class NotesController {
  private mapper: Mapper;
  constructor(private readonly notes: NotesService, private readonly tags: TagsService) {}

  @Put(':id')
  update(@Param('id') id: string) { return this.mapper.toDomain(this.notes.update(id)); }

  @Delete(':id')
  remove(@Param('id') id: string) { return this.tags.remove(id); }
}
`,
    'src/notes.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class NotesService {
  update(id: string) { return id; }
  remove(id: string) { return id; }
  onModuleInit() {}
}
`,
    'src/tags.service.ts': "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class TagsService {\n  remove(id: string) { return id; }\n}\n",
    'src/mapper.ts': 'export interface Mapper { toDomain(x: unknown): unknown; toResponse(x: unknown): unknown }\n',
    'src/note.mapper.ts': `import { Injectable } from '@nestjs/common';
import { Mapper } from './mapper';
@Injectable()
export class NoteMapper implements Mapper {
  toDomain(x: unknown) { return x; }
  toResponse(): unknown { throw new Error('Not implemented'); }
}
`,
  };

  it('a constructor parameter property\'s type names the class: the call reaches that class\'s method only', () => {
    const link = linkOf(nest, [{ name: 'api', path: '.', scripts: { start: 'nest start' } }]);
    expect(link.callers('src/notes.service.ts#NotesService.update').map((c) => `${c.from}:${c.line}`)).toEqual(['src/notes.controller.ts#NotesController.update:12']);
    expect(link.reach('src/tags.service.ts#TagsService.remove')).toBe('production');
    // Another provider's method of the same name is no callee: nothing calls it.
    expect(link.reach('src/notes.service.ts#NotesService.remove')).toBe('none');
    // The container calls a provider's lifecycle hooks itself.
    expect(link.reach('src/notes.service.ts#NotesService.onModuleInit')).toBe('production');
  });

  it('a receiver typed by the repository\'s own interface may reach the implementing class\'s method of that name (unknown, by name), and no other', () => {
    const link = linkOf(nest, [{ name: 'api', path: '.', scripts: { start: 'nest start' } }]);
    // Any class implementing the interface may be behind it: the member name leads there, which proves nothing.
    expect(link.reach('src/note.mapper.ts#NoteMapper.toDomain')).toBe('unknown');
    expect(link.reach('src/note.mapper.ts#NoteMapper.toResponse')).toBe('none');
  });

  it('a local const or a parameter typed by an imported class, and a field holding `new C()`, are followed too', () => {
    const link = linkOf({
      'package.json': '{"name":"svc","main":"src/index.ts"}',
      'src/index.ts': `import { Store } from './store';
import { Queue } from './queue';
class Jobs { q = new Queue(); run() { this.q.drain(); } }
function save(s: Store) { s.put(); }
const store: Store = makeStore();
store.close();
save(store);
new Jobs().run();
declare function makeStore(): Store;
`,
      'src/store.ts': 'export class Store { put() {} close() {} get() {} }\n',
      'src/queue.ts': 'export class Queue { drain() {} get() {} }\n',
    });
    expect(link.reach('src/store.ts#Store.put')).toBe('production');
    expect(link.reach('src/store.ts#Store.close')).toBe('production');
    expect(link.reach('src/queue.ts#Queue.drain')).toBe('production');
    expect(link.reach('src/store.ts#Store.get')).toBe('none');
    expect(link.reach('src/queue.ts#Queue.get')).toBe('none');
  });
});

describe('member names on receivers verdict cannot resolve', () => {
  it('a method reached only by a member name used on an untyped receiver is unknown, never proved reached', () => {
    const link = linkOf({
      'package.json': '{"name":"svc","main":"src/index.ts"}',
      'src/index.ts': "import { Store } from './store';\nexport function run(s: any) { s.flush(); }\nexport const store = new Store();\n",
      'src/store.ts': 'export class Store { flush() {} gracefulShutdown() {} }\n',
    });
    expect(link.reach('src/store.ts#Store.flush')).toBe('unknown');
    expect(link.reach('src/store.ts#Store.gracefulShutdown')).toBe('none');
    expect(link.reach('src/store.ts#Store')).toBe('production');
  });
});

describe('plugin loaders', () => {
  it('every file under an @fastify/autoload folder is an entry: its default export runs, a helper it calls is reached', () => {
    const link = linkOf({
      'package.json': '{"name":"svc","main":"src/server.ts"}',
      'src/server.ts': "import Fastify from 'fastify';\nimport autoload from '@fastify/autoload';\nimport path from 'node:path';\nconst app = Fastify();\napp.register(autoload, { dir: path.join(__dirname, 'routes') });\n",
      'src/routes/users/index.ts': "import type { FastifyPluginAsync } from 'fastify';\nimport { listUsers } from '../../users';\nconst users: FastifyPluginAsync = async (fastify) => { fastify.get('/', async () => listUsers()); };\nexport default users;\n",
      'src/users.ts': 'export function listUsers() { return []; }\nexport function purgeUsers() {}\n',
    });
    expect(link.entries[0].entries.filter((e) => e.kind === 'plugin').map((e) => e.file)).toEqual(['src/routes/users/index.ts']);
    expect(link.reach('src/users.ts#listUsers')).toBe('production');
    expect(link.reach('src/users.ts#purgeUsers')).toBe('none');
  });
});

describe('plain-JS Fastify plugins', () => {
  it('a plugin file importing nothing of Fastify gives routes, mounted under its autoload folder with its autoPrefix', () => {
    const link = linkOf({
      'package.json': '{"name":"svc","scripts":{"start":"fastify start -l info app.js"}}',
      'app.js': "import AutoLoad from '@fastify/autoload';\nimport { join } from 'desm';\nexport default async function (fastify, opts) {\n  await fastify.register(AutoLoad, { dir: join(import.meta.url, 'routes') });\n  await fastify.register(require('./plugins/gone'));\n}\n",
      'routes/status.js': "export const autoPrefix = '/_app';\nexport default async function status (fastify, opts) {\n  fastify.route({ method: 'GET', path: '/status', handler: onStatus });\n  async function onStatus () { return { status: 'ok' }; }\n}\n",
      // CommonJS, the instance not named `fastify`: known by the Fastify-only `addHook` called on it.
      'routes/users.js': "module.exports = async function (app, opts) {\n  app.addHook('onRequest', async () => {});\n  app.delete('/users/:id', async (req) => ({ ok: true }));\n};\n",
      // A default-exported function given something else: no routes.
      'routes/helper.js': "export default function (client) {\n  client.get('/x', () => 1);\n}\n",
    }, [{ name: 'svc', path: '.', scripts: { start: 'fastify start -l info app.js' } }]);
    // `fastify start app.js` starts app.js: an entry, and the instance it is given is the root app, so a
    // plugin it registers that verdict cannot follow (`./plugins/gone`) leaves no prefix unknown above it.
    expect(link.entries[0].entries.filter((e) => e.kind === 'script').map((e) => e.file)).toEqual(['app.js']);
    expect(link.routes.routes.map((r) => `${r.method} ${r.path} ${r.file}`).sort()).toEqual([
      'DELETE /users/:id routes/users.js',
      'GET /_app/status routes/status.js',
    ]);
  });
});

describe('auth library handlers', () => {
  it('each library\'s example route file: its methods are routes, the library\'s own endpoint, limited only where the library limits by default', () => {
    for (const lib of AUTH_HANDLER_LIBRARIES) {
      const link = linkOf({ 'package.json': '{"name":"web"}', [lib.example.file]: lib.example.text }, [{ name: 'web', path: '.', frameworks: ['next'] }]);
      const routes = link.routes.routes;
      expect(routes.map((r) => r.method).sort(), lib.library).toEqual(['GET', 'POST']);
      for (const r of routes) {
        expect(r.authLibrary, lib.library).toBe(lib.library);
        expect(r.public, lib.library).toBe(`${lib.library}'s own endpoint`);
        expect(r.rateLimited, lib.library).toBe(lib.limitsByDefault);
      }
    }
  });

  it('follows `auth.handler` through the repository to the better-auth instance it is (t3-turbo\'s shape), and not a handler of the app\'s own', () => {
    const link = linkOf({
      'package.json': '{"name":"web"}',
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } } }),
      'src/app/api/auth/[...all]/route.ts': "import { auth } from '~/auth/server';\n\nexport const GET = auth.handler;\nexport const POST = auth.handler;\n",
      'src/auth/server.ts': "import { initAuth } from '../lib/auth';\nexport const auth = initAuth({ secret: process.env.AUTH_SECRET });\n",
      'src/lib/auth.ts': "import { betterAuth } from 'better-auth';\nexport function initAuth(options) {\n  return betterAuth({ secret: options.secret });\n}\n",
      // The same shape over a module of the app's own: no auth library behind it.
      'src/app/api/items/route.ts': "import { items } from '~/items';\nexport const POST = items.create;\n",
      'src/items.ts': "export const items = { create: async (req) => new Response('ok') };\n",
    }, [{ name: 'web', path: '.', frameworks: ['next'] }]);
    const byPath = Object.fromEntries(link.routes.routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect(byPath['POST /api/auth/*']).toMatchObject({ authLibrary: 'better-auth', public: "better-auth's own endpoint", rateLimited: true, limiters: [{ name: 'better-auth (built in)', path: null, line: null }] });
    expect(byPath['POST /api/items'].authLibrary).toBeUndefined();
    expect(byPath['POST /api/items'].rateLimited).toBe(false);
  });
});

describe('route table', () => {
  it('marks the middleware step that refuses unless a CAPTCHA service accepts the token, and where a webhook is verified across files', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.ts"}',
      'src/app.ts': [
        "import express from 'express';",
        "import { humansOnly } from './gate';",
        "import { onStripe } from './stripe-events';",
        'const app = express();',
        "app.post('/api/pastes', express.json(), humansOnly, (req, res) => res.json(req.body));",
        "app.post('/webhooks/stripe', onStripe);",
        'app.listen(3000);',
      ].join('\n'),
      'src/gate.ts': [
        "const ENDPOINT = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';",
        'export async function humansOnly(req, res, next) {',
        '  const answer = await (await fetch(ENDPOINT, { method: \'POST\', body: JSON.stringify({ response: req.body.token }) })).json();',
        '  if (!answer.success) return res.status(403).end();',
        '  next();',
        '}',
      ].join('\n'),
      'src/stripe-events.ts': [
        "import { eventOf } from './stripe-client';",
        'export function onStripe(req, res) {',
        "  const event = eventOf(req.body, req.headers['stripe-signature']);",
        '  res.json({ type: event.type });',
        '}',
      ].join('\n'),
      'src/stripe-client.ts': [
        "import Stripe from 'stripe';",
        'const stripe = new Stripe(process.env.STRIPE_KEY);',
        'export const eventOf = (body, sig) => stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET);',
      ].join('\n'),
    });
    const byPath = Object.fromEntries(link.routes.routes.map((r) => [`${r.method} ${r.path}`, r]));
    expect(byPath['POST /api/pastes'].steps.map((st) => [st.name, st.captcha])).toEqual([['express.json', undefined], ['humansOnly', 'Cloudflare Turnstile']]);
    expect(byPath['POST /api/pastes'].captcha).toEqual({ service: 'Cloudflare Turnstile', path: 'src/gate.ts', line: 3 });
    expect(byPath['POST /webhooks/stripe']).toMatchObject({ webhook: 'Stripe', signature: true, public: 'webhook with signature check', verifiedBy: { callee: 'stripe#default#webhooks#constructEvent', at: 'src/stripe-client.ts#eventOf', line: 3 } });
  });

  it('mounts a router imported through a tsconfig alias and a barrel, with the app chain and a sub-app guard', () => {
    const link = linkOf({
      'package.json': '{"name":"app","main":"src/app.ts"}',
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
      'src/app.ts': [
        "import { Hono } from 'hono';",
        "import { logger } from 'hono/logger';",
        "import { users } from '@/routes';",
        'const app = new Hono();',
        "app.use('*', logger());",
        "app.route('/users', users);",
        'export default app;',
      ].join('\n'),
      'src/routes/index.ts': "export { users } from './users';\n",
      'src/routes/users.ts': [
        "import { Hono } from 'hono';",
        'export const users = new Hono();',
        "users.use('*', async (c, next) => { if (c.req.header('x-api-key') !== c.env.KEY) return c.text('no', 401); await next(); });",
        "users.post('/', async (c) => c.json(await c.env.DB.prepare('INSERT INTO u VALUES (1)').run()));",
      ].join('\n'),
    }, [{ name: 'app', path: '.', frameworks: ['hono'] }]);
    // Assembled on its first read, and timed as part of the link stage (--timing), not of the rule that read it.
    expect(link.stats.routesMs).toBe(0);
    expect(link.routes.routes.map((r) => `${r.method} ${r.path} ${r.file} [${r.middleware.join(',')}] ${r.auth ?? '-'}`)).toEqual([
      'POST /users src/routes/users.ts [logger,inline] inline',
    ]);
    expect(link.routes.inventory.summary).toMatchObject({ total: 1, withoutAuth: 0 });
    // Built once: the same table on every read.
    expect(link.routes).toBe(link.routes);
    expect(link.stats.routesMs).toBeGreaterThan(0);
  });
});

describe('config defaults (collect/symbols `defaults`)', () => {
  it('records what a config constant holds in the default configuration by member path, through a re-export, and keeps no secret-looking text', () => {
    const link = linkOf({
      'package.json': '{"name":"app"}',
      'src/config/values.ts': [
        'export const config = {',
        "  rateLimit: { enabled: process.env.RATE_LIMIT_ENABLED === 'true', strict: true, max: Number(process.env.MAX) },",
        "  admin: { open: process.env.ADMIN_TOKEN === 'ghp_0123456789abcdefghijABCDEFGHIJ012345' },",
        '};',
        "export const LIMIT_ON = (process.env.LIMIT ?? 'on') !== 'off';",
      ].join('\n'),
      'src/config/index.ts': "export * from './values';\n",
    });
    const decl = (name: string) => { const t = link.resolveExport('src/config/index.ts', name); return t && 'decl' in t ? t.decl : null; };
    expect(decl('config')?.defaults).toEqual([
      {
        member: 'rateLimit.enabled', value: false, line: 2, text: "process.env.RATE_LIMIT_ENABLED === 'true'", vars: ['RATE_LIMIT_ENABLED'],
        when: [{ name: 'RATE_LIMIT_ENABLED', set: 'true', value: true }, { name: 'RATE_LIMIT_ENABLED', set: null, value: false }],
      },
      { member: 'rateLimit.strict', value: true, line: 2, text: 'true' },
    ]);
    expect(decl('LIMIT_ON')?.defaults).toEqual([{
      member: '', value: true, line: 5, text: "(process.env.LIMIT ?? 'on') !== 'off'", vars: ['LIMIT'],
      when: [{ name: 'LIMIT', set: 'off', value: false }, { name: 'LIMIT', set: 'on', value: true }, { name: 'LIMIT', set: null, value: true }],
    }]);
  });
});
