import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './graceful-shutdown.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"express":"^5.0.0"}}' };
const server = ["import express from 'express';", 'const app = express();', 'const server = app.listen(3000);'];

describe('reliability/graceful-shutdown', () => {
  it('stays silent when SIGTERM closes the server, directly or through a named function, or a library does it', async () => {
    expect(await runRule(rule, { ...pkg, 'src/main.ts': [...server, "process.on('SIGTERM', () => { server.close(() => pool.end()); });"].join('\n') })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg,
      'src/main.ts': [...server, "import { shutdown } from './shutdown';", "process.once('SIGTERM', shutdown);"].join('\n'),
      'src/shutdown.ts': 'export async function shutdown() {\n  await prisma.$disconnect();\n  process.exit(0);\n}\n',
    })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'src/main.ts': ["import closeWithGrace from 'close-with-grace';", ...server].join('\n') })).toEqual([]);
  });

  it('reads a handler named by a function of the file in its body: a signal handler that hands over to the closing function', async () => {
    const main = (inner: string) => ['async function main() {', ...server.map((l) => `  ${l}`), '  const initiateShutdown = (code: number) => {', `    ${inner}`, '  };',
      '  const onSignal = (sig: string) => {', '    initiateShutdown(0);', '  };', "  process.on('SIGTERM', onSignal);", '}', 'main();'].join('\n');
    expect(await runRule(rule, { ...pkg, 'src/main.ts': main('server.close(() => process.exit(code));') })).toEqual([]);
    // The same shape whose closing function closes nothing is still reported.
    const open = await runRule(rule, { ...pkg, 'src/main.ts': main('process.exit(code);') });
    expect(open.map((f) => f.messageId)).toEqual(['handlerClosesNothing']);
    expect(open[0].message).toContain('onSignal, initiateShutdown');
  });

  it('is not applicable without a server (Workers, libraries forwarding their caller\'s options, test servers)', async () => {
    expect(await runRule(rule, { ...pkg, 'src/worker.ts': 'export default { fetch() { return new Response("ok"); } };', 'test/app.test.ts': server.join('\n'), 'src/dev.ts': server.join('\n') })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'lib/server.js': 'function listenPromise(server, listenOptions) {\n  return (err) => { server.listen(listenOptions); };\n}\nexport function start(app, port) { return app.listen(port); }\n' })).toEqual([]);
  });

  it('reports a server without a signal handler, and a handler that closes nothing', async () => {
    const bare = await runRule(rule, { ...pkg, 'src/main.ts': server.join('\n') });
    expect(at(bare)).toEqual(['src/main.ts:3']);
    expect(bare[0].location?.snippet).toBe('const server = app.listen(3000);');
    const findings = await runRule(rule, { ...pkg, 'src/main.ts': [...server, "process.on('SIGTERM', () => {", "  console.log('bye');", '  process.exit(0);', '});'].join('\n') });
    expect(at(findings)).toEqual(['src/main.ts:4']);
    expect(findings[0].messageId).toBe('handlerClosesNothing');
  });

  it('stays silent when the handler also closes the database client, by its binding or through a closing function', async () => {
    const mongo = ["import mongoose from 'mongoose';", "await mongoose.connect(process.env.MONGO_URL!);"];
    expect(await runRule(rule, { ...pkg, 'src/main.ts': [...mongo, ...server, "process.on('SIGTERM', () => { server.close(() => mongoose.connection.close()); });"].join('\n') })).toEqual([]);
    expect(await runRule(rule, {
      ...pkg,
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
      'src/main.ts': [...server, "import { prisma } from './db';", 'const stop = async () => {', '  server.close();', '  await prisma.$disconnect();', '};', "process.on('SIGTERM', stop);"].join('\n'),
    })).toEqual([]);
    // A client bound to nothing (`createConnection(...).then`): which close is its cannot be told apart.
    expect(await runRule(rule, { ...pkg, 'src/main.ts': ["import { createConnection } from 'typeorm';", 'createConnection(opts).then(() => {});', ...server, "process.on('SIGTERM', () => server.close());"].join('\n') })).toEqual([]);
  });

  it('reports a handler that closes the server but not the database client', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/index.js': [
        "const mongoose = require('mongoose');",
        "const app = require('./app');",
        'let server;',
        'mongoose.connect(url).then(() => { server = app.listen(3000); });',
        "process.on('SIGTERM', () => {",
        '  if (server) server.close();',
        '});',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/index.js:5']);
    expect(findings[0].messageId).toBe('dbNotClosed');
    expect(findings[0].message).toContain('`server.close()`');
    expect(findings[0].evidence[0]).toMatchObject({ path: 'src/index.js', line: 4 });
    const pg = await runRule(rule, {
      ...pkg,
      'src/pool.ts': "import { Pool } from 'pg';\nexport const pool = new Pool();\n",
      'src/main.ts': [...server, "process.on('SIGTERM', () => { server.close(); });"].join('\n'),
    });
    expect(pg.map((f) => f.messageId)).toEqual(['dbNotClosed']);
  });
});
