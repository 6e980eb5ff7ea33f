import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeRepo, writeRepo, type FileMap } from '../../test/helpers/repo.js';
import { discover } from '../discover/index.js';
import type { ProbesConfig } from '../config/schema.js';
import { planProbes, singleCall } from './plan.js';
import { TOOLS } from './tools.js';

let root = '';
afterEach(() => removeRepo(root));

const notAudit = (line: string) => !line.startsWith('audit');
const INSTALLED = { typescript: '5.9.3', vitest: '4.1.12', eslint: '9.39.5' };

/** Plans for `files`, with `installed` packages (name -> version) and their bins in the root node_modules. */
function plan(files: FileMap, config: ProbesConfig = {}, installed: Record<string, string> = INSTALLED) {
  root = writeRepo(files);
  for (const [name, version] of Object.entries(installed)) {
    const bin = TOOLS.find((t) => t.package === name)?.bin ?? name;
    writeRepo({ [`node_modules/.bin/${bin}`]: '#!/bin/sh\n', [`node_modules/${name}/package.json`]: JSON.stringify({ name, version }) }, root);
  }
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  const layout = discover(root);
  return planProbes({ layout, config, tmp: '/tmp/x', pmBin: layout.packageManager ?? 'npm' })
    .map((p) => `${p.kind} ${p.pkgPath}: ${[p.file.split('/').pop(), ...p.args].join(' ').replace(/\/tmp\/x\/\d+-/g, '<tmp>/')}${p.skip ? ` [skip: ${p.skip}]` : ''}`);
}

describe('probe planning', () => {
  it('a single package: tsc -p, vitest with its JSON reporter, eslint from its config, npm audit', () => {
    expect(plan({
      'package.json': '{"name":"svc","scripts":{"test":"vitest run --coverage"},"devDependencies":{"vitest":"4"}}',
      'package-lock.json': '{}', 'tsconfig.json': '{"include":["src"]}', 'eslint.config.js': 'export default []',
    })).toEqual([
      'typecheck .: tsc --noEmit -p tsconfig.json --pretty false',
      'tests .: vitest run --coverage --reporter=default --reporter=json --outputFile.json=<tmp>/vitest.json --includeTaskLocation',
      'lint .: eslint . -f json -o <tmp>/eslint.json',
      'audit .: npm audit --json',
    ]);
  });

  it('a solution-style tsconfig (only references) runs tsc -b, which covers the workspace', () => {
    expect(plan({
      'package.json': '{"name":"mono","private":true,"workspaces":["packages/*"]}',
      'pnpm-lock.yaml': 'lockfileVersion: 9.0\n',
      'tsconfig.json': '{"files":[],"references":[{"path":"packages/a"}]}',
      'packages/a/package.json': '{"name":"a","scripts":{"test":"turbo test && playwright test","build":"tsup"}}',
      'packages/a/tsconfig.json': '{"include":["src"]}',
    }, {}, { typescript: '5.9.3' })).toEqual([
      'typecheck .: tsc -b tsconfig.json --pretty false',
      'tests packages/a: pnpm run test',
      'build packages/a: pnpm run build',
      'audit .: pnpm audit --json',
    ]);
  });

  it('root scripts cover the workspace; a tool whose version cannot be read runs the repository\'s own script', () => {
    expect(plan({
      'package.json': '{"name":"mono","private":true,"workspaces":["apps/*"],"scripts":{"typecheck":"turbo typecheck","test":"jest --coverage"}}',
      'yarn.lock': '', 'apps/api/package.json': '{"name":"api","scripts":{"test":"vitest"}}', 'apps/api/tsconfig.json': '{}',
    }, {}, {})).toEqual([
      'typecheck .: yarn run typecheck',
      'tests .: yarn run test',
      'audit .: yarn audit --json',
    ]);
  });

  it('config overrides: a command (run through sh), a cwd, a registry for the audit', () => {
    expect(plan({
      'package.json': '{"name":"mono","private":true,"workspaces":["apps/*"],"scripts":{"test":"vitest run"}}',
      'package-lock.json': '{}', 'apps/api/package.json': '{"name":"api","scripts":{"lint":"eslint src"}}',
    }, { tests: { command: 'make test', timeout: 30 }, lint: { cwd: 'apps/api' }, registry: 'http://127.0.0.1:4873/' })).toEqual([
      'tests .: sh -c make test',
      'lint apps/api: eslint src -f json -o <tmp>/eslint.json',
      'audit .: npm audit --json --registry http://127.0.0.1:4873/',
    ]);
  });

  it('a tool that is not installed at all is planned as skipped with the reason', () => {
    expect(plan({ 'package.json': '{"name":"svc"}', 'eslint.config.js': 'export default []' }, {}, {}).filter(notAudit)).toEqual([
      'lint .: eslint . [skip: `eslint` is not installed (no node_modules/.bin/eslint in . or above)]',
    ]);
  });

  it('picks the flags by installed version: vitest 2 gets no --includeTaskLocation, an unknown major gets the repo\'s own script', () => {
    const pkg = '{"name":"svc","scripts":{"test":"vitest --reporter=dot --watch","lint":"biome check --write src"},"devDependencies":{"vitest":"*"}}';
    expect(plan({ 'package.json': pkg }, {}, { vitest: '2.1.9', '@biomejs/biome': '1.9.4' }).filter(notAudit)).toEqual([
      'tests .: vitest run --reporter=default --reporter=json --outputFile.json=<tmp>/vitest.json',
      'lint .: biome check src --reporter=json',
    ]);
    expect(plan({ 'package.json': pkg }, {}, { vitest: '5.0.0', '@biomejs/biome': '3.0.0-beta.1' }).filter(notAudit)).toEqual(['tests .: npm run test', 'lint .: npm run lint']);
    expect(plan({ 'package.json': pkg }, {}, { vitest: 'latest' }).filter(notAudit)).toEqual(['tests .: npm run test', 'lint .: npm run lint']);
  });

  it('reads the version each workspace package resolves: its own node_modules first, then the hoisted copy', () => {
    const files: FileMap = {
      'package.json': '{"name":"mono","private":true,"workspaces":["apps/*"]}',
      'package-lock.json': '{}',
      'apps/api/package.json': '{"name":"api","scripts":{"test":"vitest run"}}',
      'apps/api/node_modules/vitest/package.json': '{"name":"vitest","version":"4.1.12"}',
      'apps/web/package.json': '{"name":"web","scripts":{"test":"jest --watch src"}}',
    };
    expect(plan(files, {}, { vitest: '1.6.1', jest: '29.7.0' }).filter(notAudit)).toEqual([
      'tests apps/api: vitest run --reporter=default --reporter=json --outputFile.json=<tmp>/vitest.json --includeTaskLocation',
      'tests apps/web: jest src --ci --json --outputFile=<tmp>/jest.json --testLocationInResults',
    ]);
  });

  it('recognises a script that is one call of a tool', () => {
    expect(singleCall('vitest run --coverage', 'vitest')).toEqual(['run', '--coverage']);
    expect(singleCall('vitest && playwright test', 'vitest')).toBeNull();
    expect(singleCall('NODE_ENV=test jest', 'jest')).toBeNull();
    expect(singleCall('eslint .', 'vitest')).toBeNull();
  });
});
