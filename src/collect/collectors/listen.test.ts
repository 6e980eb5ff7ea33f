import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SERVER_FACTORIES, SERVING_CALLS } from '../../knowledge/index.js';
import { lazyScope } from '../scope.js';
import { startsServer, startsServing } from './listen.js';

/** The lines of the listen calls in `code` that start a server. */
function listens(code: string, name = 'server.ts'): number[] {
  const sf = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, name.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const scope = lazyScope(() => sf);
  const out: number[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && startsServer(n, scope)) out.push(sf.getLineAndCharacterOfPosition(n.getStart()).line + 1);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('a listen call starts a server by what its receiver is', () => {
  it('knows every server factory of the knowledge by its example', () => {
    for (const f of SERVER_FACTORIES) expect(listens(f.example), f.example).not.toEqual([]);
  });

  it('follows the variable that holds the server, fluent chains, require and awaited factories', () => {
    expect(listens("import express from 'express';\nconst app = express();\napp.use(json());\napp.listen();\n")).toEqual([4]);
    expect(listens("const http = require('http');\nconst server = http.createServer(handler);\nserver.listen(8080);\n", 'a.js')).toEqual([3]);
    expect(listens("const { createServer } = require('node:http');\nlet srv;\nsrv = createServer(h);\nsrv.listen(1);\n", 'a.js')).toEqual([4]);
    expect(listens("import { NestFactory } from '@nestjs/core';\nasync function main() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen();\n}\n")).toEqual([4]);
    expect(listens("import polka from 'polka';\npolka().get('/', h).listen(3000);\n")).toEqual([2]);
    expect(listens("require('koa')\nconst app = new (require('koa'))();\napp.listen(3000);\n", 'a.js')).toEqual([3]);
  });

  it('counts an app built in another file when it is given something to listen on', () => {
    expect(listens("import app from './app';\napp.listen(config.port);\n")).toEqual([2]);
    expect(listens("import { buildServer } from './server';\nconst s = await buildServer();\ns.listen({ port: 3000 }, () => log('up'));\n")).toEqual([3]);
    expect(listens("export class Main { start() { this.server.listen(this.port); } }\n")).toEqual([1]);
    // With nothing to listen on, a `listen()` of an object verdict cannot see is no evidence of a server.
    expect(listens("import { bus } from './bus';\nbus.listen();\n")).toEqual([]);
  });

  it('takes no listen of a parameter (library code) or of an object the file writes itself for a server', () => {
    expect(listens("export function start(server, opts) {\n  server.listen(opts);\n}\n")).toEqual([]);
    expect(listens("export function start({ app }, port) {\n  app.listen(port);\n}\n")).toEqual([]);
    expect(listens("const bus = { listen(fn) { fn(); } };\nbus.listen(() => 1);\n")).toEqual([]);
    // Whatever the receiver is called: a name is no evidence.
    expect(listens("function attach(app) { app.listen(3000); }\n")).toEqual([]);
    expect(listens("import express from 'express';\nconst thing = express();\nthing.listen(3000);\n")).toEqual([3]);
  });
});

describe('a call that starts serving without listen() is known by what its callee resolves to', () => {
  const serving = (code: string, name = 'server.ts'): number[] => {
    const sf = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true, name.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
    const scope = lazyScope(() => sf);
    const out: number[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && startsServing(n, scope)) out.push(sf.getLineAndCharacterOfPosition(n.getStart()).line + 1);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return out;
  };

  it('knows every serving call of the knowledge by its example', () => {
    for (const c of SERVING_CALLS) expect(serving(c.example), c.example).not.toEqual([]);
  });

  it('@hono/node-server\'s serve under any local name, through a namespace import or require', () => {
    expect(serving("import { serve as start } from '@hono/node-server';\nstart({ fetch: app.fetch });\n")).toEqual([2]);
    expect(serving("import * as node from '@hono/node-server';\nnode.serve(app);\n")).toEqual([2]);
    expect(serving("const { serve } = require('@hono/node-server');\nserve(app);\n", 'a.js')).toEqual([2]);
    expect(serving("require('@hono/node-server').serve(app);\n", 'a.js')).toEqual([1]);
  });

  it('a serve that is not that export is no server, even in a file that imports the package', () => {
    // The file imports @hono/node-server for something else; its own `serve` is a static-file helper.
    expect(serving("import { createAdaptorServer } from '@hono/node-server';\nimport { serve } from './static';\nserve('public');\nconst s = createAdaptorServer(app);\n")).toEqual([]);
    expect(serving("function serve(dir) { return dir; }\nserve('public');\n")).toEqual([]);
    // A local `Bun` is not the runtime's global.
    expect(serving("const Bun = { serve() {} };\nBun.serve({ fetch });\n")).toEqual([]);
  });
});
