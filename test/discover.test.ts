import { describe, expect, it } from 'vitest';
import { discover } from '../src/discover/index.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

describe('discover', () => {
  it('finds npm workspaces, nested packages, frameworks, ORMs, runners and loggers', () => {
    const root = writeRepo({
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['apps/*'], packageManager: 'npm@10.0.0' }),
      'package-lock.json': '{}',
      'apps/api/package.json': JSON.stringify({ name: '@m/api', dependencies: { hono: '4', '@prisma/client': '5', pino: '9' }, devDependencies: { vitest: '4' } }),
      'apps/api/src/index.ts': 'export {}',
      'tools/gen/package.json': JSON.stringify({ name: 'gen', scripts: { test: 'node --test' } }),
      'tools/gen/jest.config.js': 'module.exports = {};',
    });
    const l = discover(root);
    expect(l.packageManager).toBe('npm');
    expect(l.packages.map((p) => [p.name, p.path, p.kind])).toEqual([
      ['mono', '.', 'root'], ['@m/api', 'apps/api', 'workspace'], ['gen', 'tools/gen', 'nested'],
    ]);
    const api = l.packages[1];
    expect([api.frameworks, api.orms, api.loggers, api.testRunners, api.sourceFiles]).toEqual([['hono'], ['prisma'], ['pino'], ['vitest'], 1]);
    expect(l.packages[2].testRunners).toEqual(['jest', 'node:test']);
    removeRepo(root);
  });

  it('reads pnpm workspaces and wrangler toml/json/jsonc bindings with their lines', () => {
    const root = writeRepo({
      'package.json': '{"name":"root"}',
      'pnpm-lock.yaml': 'lockfileVersion: 9',
      'pnpm-workspace.yaml': 'packages:\n  - "workers/*"\n',
      'workers/orchestrator/package.json': '{"name":"orchestrator"}',
      'workers/orchestrator/wrangler.toml': [
        'name = "orchestrator"', 'main = "src/index.ts"', '', '[[d1_databases]]', 'binding = "DB"', 'database_name = "app"', 'migrations_dir = "migrations"',
        '', '[[kv_namespaces]]', 'binding = "CACHE"', '', '[[services]]', 'binding = "AGENT"', 'service = "agent"', 'entrypoint = "AgentEntrypoint"',
        '', '[[queues.producers]]', 'binding = "JOBS"', 'queue = "jobs"', '', '[[queues.consumers]]', 'queue = "jobs"',
      ].join('\n'),
      'workers/agent/wrangler.jsonc': '{\n  // the agent\n  "name": "agent",\n  "durable_objects": { "bindings": [{ "name": "ROOMS", "class_name": "Room" }] },\n  "r2_buckets": [{ "binding": "FILES", "bucket_name": "f" }],\n}\n',
    });
    const l = discover(root);
    expect(l.packageManager).toBe('pnpm');
    expect(l.packages.map((p) => [p.name, p.kind])).toEqual([['root', 'root'], ['agent', 'worker'], ['orchestrator', 'workspace']]);
    const orch = l.wrangler.find((w) => w.name === 'orchestrator')!;
    expect(orch.d1.map((b) => [b.binding, b.line, b.migrations_dir])).toEqual([['DB', 5, 'migrations']]);
    expect(orch.kv.map((b) => b.binding)).toEqual(['CACHE']);
    expect(orch.services.map((b) => [b.binding, b.entrypoint])).toEqual([['AGENT', 'AgentEntrypoint']]);
    expect(orch.queueProducers.map((b) => b.binding)).toEqual(['JOBS']);
    expect(orch.queueConsumers).toEqual([{ queue: 'jobs', line: 19 }]);
    const agent = l.wrangler.find((w) => w.name === 'agent')!;
    expect(agent.durableObjects.map((b) => [b.binding, b.class_name])).toEqual([['ROOMS', 'Room']]);
    expect(agent.r2.map((b) => b.binding)).toEqual(['FILES']);
    removeRepo(root);
  });

  it('resolves tsconfig strict through relative extends and lists CI workflows and docs', () => {
    const root = writeRepo({
      'tsconfig.base.json': '{ "compilerOptions": { "strict": false } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json", "include": ["src"] }',
      'packages/a/tsconfig.json': '{ "extends": "../../tsconfig.base", "compilerOptions": { "strict": true } }',
      '.github/workflows/ci.yml': 'on: push',
      'README.md': '# x',
      'docs/runbook.md': '# r',
    });
    const l = discover(root);
    expect(Object.fromEntries(l.tsconfigs.map((t) => [t.path, t.strict]))).toEqual({
      'tsconfig.base.json': false, 'tsconfig.json': false, 'packages/a/tsconfig.json': true,
    });
    expect(l.workflows).toEqual(['.github/workflows/ci.yml']);
    expect(l.docs).toEqual(['README.md', 'docs/runbook.md']);
    removeRepo(root);
  });
});
