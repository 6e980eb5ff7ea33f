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
});
