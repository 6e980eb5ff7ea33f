import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './process-error-handlers.js';

const pkg = { 'package.json': '{"name":"svc","dependencies":{"fastify":"^5.0.0"}}' };
const server = ["import Fastify from 'fastify';", 'const fastify = Fastify();', 'await fastify.listen({ port: 3000 });'];

describe('reliability/process-error-handlers', () => {
  it('stays silent with process handlers or an error reporter, and without a server', async () => {
    expect(await runRule(rule, { ...pkg, 'src/main.ts': [...server, "process.on('unhandledRejection', (e) => { logger.fatal(e); process.exit(1); });"].join('\n') })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'src/main.ts': server.join('\n'), 'src/sentry.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n" })).toEqual([]);
    expect(await runRule(rule, { ...pkg, 'src/lib.ts': 'export const x = 1;\n' })).toEqual([]);
  });

  it('reports a server without process error handling at its listen call', async () => {
    expect(at(await runRule(rule, { ...pkg, 'src/main.ts': server.join('\n') }))).toEqual(['src/main.ts:3']);
  });
});
