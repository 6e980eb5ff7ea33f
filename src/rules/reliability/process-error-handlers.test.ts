import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './process-error-handlers.js';

const layout = { packages: [{ name: 'svc', private: true, dependencies: { fastify: '^5.0.0' } }] };
const listen = { path: 'src/main.ts', kind: 'listen', line: 3, role: 'service' };
const server = ["import Fastify from 'fastify';", 'const fastify = Fastify();', 'await fastify.listen({ port: 3000 });'];

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'a process error handler',
      layout,
      facts: { 'collect/runtime': [listen, { path: 'src/main.ts', kind: 'process-error', event: 'unhandledRejection', line: 4, role: 'service' }] },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      // Through the real collectors: Sentry's init installs the handlers.
      name: 'an error reporter',
      layout,
      files: { 'src/main.ts': server.join('\n'), 'src/sentry.ts': "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: process.env.SENTRY_DSN });\n" },
      outcomes: [{ status: 'pass', package: 'svc' }],
    },
    {
      name: 'a server started only in tests is not the service',
      layout,
      facts: { 'collect/runtime': [{ ...listen, path: 'test/server.test.ts', role: 'test' }] },
      outcomes: [{ status: 'not-applicable' }],
    },
    { name: 'no server', layout, facts: { 'collect/runtime': [] }, outcomes: [{ status: 'not-applicable' }] },
  ],
  invalid: [
    {
      name: 'a server without process error handling, at its listen call',
      layout,
      facts: { 'collect/runtime': [listen, { path: 'test/setup.ts', kind: 'process-error', event: 'unhandledRejection', line: 1, role: 'test' }] },
      findings: [{ messageId: 'noHandler', path: 'src/main.ts', line: 3, severity: 'low' }],
      outcomes: [{ status: 'fail', package: 'svc' }],
    },
    {
      name: 'the same, from code',
      layout,
      files: { 'src/main.ts': server.join('\n') },
      findings: [{ messageId: 'noHandler', path: 'src/main.ts', line: 3 }],
    },
  ],
});
