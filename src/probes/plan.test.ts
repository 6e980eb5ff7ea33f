import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeRepo, writeRepo, type FileMap } from '../../test/helpers/repo.js';
import { discover } from '../discover/index.js';
import type { ProbesConfig } from '../config/schema.js';
import { planProbes, singleCall } from './plan.js';

let root = '';
afterEach(() => removeRepo(root));

function plan(files: FileMap, config: ProbesConfig = {}, bins: string[] = ['tsc', 'vitest', 'eslint']) {
  root = writeRepo(files);
  for (const b of bins) writeRepo({ [`node_modules/.bin/${b}`]: '#!/bin/sh\n' }, root);
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
    }, {}, ['tsc'])).toEqual([
      'typecheck .: tsc -b tsconfig.json --pretty false',
      'tests packages/a: pnpm run test',
      'build packages/a: pnpm run build',
      'audit .: pnpm audit --json',
    ]);
  });

  it('root scripts cover the workspace; a missing tool is planned as skipped with the reason', () => {
    expect(plan({
      'package.json': '{"name":"mono","private":true,"workspaces":["apps/*"],"scripts":{"typecheck":"turbo typecheck","test":"jest --coverage"}}',
      'yarn.lock': '', 'apps/api/package.json': '{"name":"api","scripts":{"test":"vitest"}}', 'apps/api/tsconfig.json': '{}',
    }, {}, [])).toEqual([
      'typecheck .: yarn run typecheck',
      'tests .: jest --coverage --ci --json --outputFile=<tmp>/jest.json --testLocationInResults [skip: `jest` is not installed (no node_modules/.bin/jest in . or above)]',
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

  it('recognises a script that is one call of a tool', () => {
    expect(singleCall('vitest run --coverage', 'vitest')).toEqual(['run', '--coverage']);
    expect(singleCall('vitest && playwright test', 'vitest')).toBeNull();
    expect(singleCall('NODE_ENV=test jest', 'jest')).toBeNull();
    expect(singleCall('eslint .', 'vitest')).toBeNull();
  });
});
