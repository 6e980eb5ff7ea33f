import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './unwired-critical-function.js';

const workerLayout = { packages: [{ name: 'worker', path: '.' }], wrangler: [{ path: 'wrangler.toml', name: 'worker', main: 'src/index.ts', packagePath: '.', d1: [], kv: [], r2: [], durableObjects: [], services: [], queueProducers: [], queueConsumers: [], vars: {}, hasRateLimitBinding: false }] };

/** A Durable Object whose helper class has a graceful shutdown; `alarm` is what the test varies. */
const durableObject = (alarm: string, extra: Record<string, string> = {}) => ({
  // A Durable Object without a base class: only its being exported from the worker's main makes its
  // public methods entries (RPC), so nothing in the repository needs to call `persistSnapshot`.
  'src/index.ts': [
    "import { SessionStore } from './store';",
    '',
    'export class Room {',
    '  store = new SessionStore();',
    '  async fetch(req: Request) { return this.store.handle(req); }',
    '  async persistSnapshot() { return 1; }',
    `  async alarm() { ${alarm} }`,
    '}',
    '',
    'export default { async fetch(req: Request, env: Env) { return env.ROOM.get(env.ROOM.idFromName("a")).fetch(req); } };',
  ].join('\n'),
  'src/store.ts': [
    'export class SessionStore {',
    "  handle(req: Request) { return new Response('ok'); }",
    '  async gracefulShutdown() {',
    '    await this.persistSessions();',
    '  }',
    '  private async persistSessions() {}',
    '}',
  ].join('\n'),
  ...extra,
});

const nodeService = (server: string) => ({
  'src/server.ts': server,
  'src/shutdown.ts': [
    "import type { Server } from 'node:http';",
    'export function gracefulShutdown(server: Server) {',
    '  server.close(() => process.exit(0));',
    '}',
  ].join('\n'),
});
const nodeLayout = { packages: [{ name: 'svc', path: '.', scripts: { start: 'node dist/server.js' } }] };

/** An Nx workspace: one package, the API started by a script, the web app's entry named only by its project.json. */
const nxWorkspace = (webTarget: object) => ({
  'apps/api/src/main.ts': "import http from 'node:http';\nhttp.createServer().listen(3000);\n",
  'apps/web/project.json': JSON.stringify({ name: 'web', targets: webTarget }),
  'apps/web/src/main.ts': "import { AccountForm } from './account-form';\nnew AccountForm().render();\n",
  'apps/web/src/account-form.ts': [
    'export class AccountForm {',
    '  render() { return [this.currencyValidator()]; }',
    '  private currencyValidator() { return (v: string) => v.length === 3; }',
    '}',
  ].join('\n'),
  'apps/web/src/test-setup.ts': "import { AccountForm } from './account-form';\nexport const form = new AccountForm();\n",
});
const nxLayout = { packages: [{ name: 'workspace', path: '.', scripts: { start: 'tsx apps/api/src/main.ts' } }] };

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'the Durable Object calls its helper\'s graceful shutdown; its public RPC method is an entry, not "never called"',
      files: durableObject('await this.store.gracefulShutdown();'),
      layout: workerLayout,
      outcomes: [{ status: 'pass' }],
    },
    {
      name: 'a shutdown hook handed to process.on by reference',
      files: nodeService("import http from 'node:http';\nimport { gracefulShutdown } from './shutdown';\nconst server = http.createServer();\nprocess.on('SIGTERM', () => gracefulShutdown(server));\n"),
      layout: nodeLayout,
    },
    {
      name: 'a package whose entries cannot be determined is unknown, never unreachable',
      files: nodeService("import http from 'node:http';\nexport const server = http.createServer();\n"),
      layout: { packages: [{ name: 'svc', path: '.' }] },
      outcomes: [{ status: 'unknown' }],
    },
    {
      name: 'a web app whose entry only an Nx project.json names (a build target\'s `main`): its validator is reached',
      files: nxWorkspace({ build: { executor: '@nx/angular:browser-esbuild', options: { main: 'apps/web/src/main.ts' } } }),
      layout: nxLayout,
      outcomes: [{ status: 'pass' }],
    },
  ],
  invalid: [
    {
      name: 'a test target\'s `main` is a test bootstrap, not an application entry: the web app stays unreached',
      files: nxWorkspace({ test: { executor: '@nx/jest:jest', options: { main: 'apps/web/src/main.ts' } } }),
      layout: nxLayout,
      findings: [{ messageId: 'unreachable', path: 'apps/web/src/account-form.ts', line: 3, data: { name: 'AccountForm.currencyValidator', role: 'validator' } }],
    },
    {
      name: 'gracefulShutdown of a Durable Object\'s helper class, never called: it and the persistence helper it calls are reported',
      files: durableObject(''),
      layout: workerLayout,
      findings: [
        { messageId: 'unreachable', path: 'src/store.ts', line: 3, severity: 'high', data: { name: 'SessionStore.gracefulShutdown', role: 'shutdown hook' } },
        { messageId: 'unreachable', path: 'src/store.ts', line: 6, severity: 'medium', data: { name: 'SessionStore.persistSessions', role: 'persistence helper' } },
      ],
    },
    {
      name: 'a shutdown hook called only from a test',
      files: {
        ...nodeService("import http from 'node:http';\nconst server = http.createServer();\nserver.listen(3000);\n"),
        'test/shutdown.test.ts': "import { gracefulShutdown } from '../src/shutdown';\ngracefulShutdown({ close() {} } as never);\n",
      },
      layout: nodeLayout,
      findings: [{ messageId: 'testsOnly', path: 'src/shutdown.ts', line: 2, severity: 'high' }],
    },
    {
      name: 'a function that wraps a library shutdown hook is one by the library\'s descriptor, whatever its name',
      files: {
        'src/server.ts': "import http from 'node:http';\nexport const server = http.createServer();\n",
        'src/lifecycle.ts': "import { createTerminus } from '@godaddy/terminus';\nimport { server } from './server';\nexport function wireUp() {\n  createTerminus(server, { signals: ['SIGTERM'] });\n}\n",
      },
      layout: nodeLayout,
      findings: [{ messageId: 'unreachable', path: 'src/lifecycle.ts', line: 3, data: { role: 'shutdown hook' } }],
    },
  ],
});
