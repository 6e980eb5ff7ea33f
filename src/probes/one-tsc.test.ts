import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeRepo, writeRepo, type FileMap } from '../../test/helpers/repo.js';
import { discover } from '../discover/index.js';
import { sharedTscRuns, tscProject } from './one-tsc.js';
import { planProbes } from './plan.js';

let root = '';
afterEach(() => removeRepo(root));

/** "typecheck <- build" for each typecheck the build's run would serve, from the plan of `files`. */
function served(files: FileMap): string[] {
  root = writeRepo({ ...files, 'node_modules/.bin/tsc': '#!/bin/sh\n', 'node_modules/typescript/package.json': '{"name":"typescript","version":"5.9.3"}' });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  const layout = discover(root);
  const plan = planProbes({ layout, config: {}, tmp: '/tmp/x', pmBin: 'npm' });
  const show = (p: { kind: string; pkgPath: string; args: string[] }) => `${p.kind} ${p.pkgPath} ${p.args.join(' ')}`;
  return [...sharedTscRuns(plan, layout)].map(([tc, build]) => `${show(tc)} <- ${show(build)}`);
}
const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'svc', scripts });

describe('tscProject', () => {
  it('names the one project a plain tsc call checks; null for anything else', () => {
    expect(tscProject([])).toBe('tsconfig.json');
    expect(tscProject(['-p', '.'])).toBe('tsconfig.json');
    expect(tscProject(['--project', './'])).toBe('tsconfig.json');
    expect(tscProject(['--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'])).toBe('tsconfig.json');
    expect(tscProject(['-p', 'tsconfig.build.json'])).toBe('tsconfig.build.json');
    expect(tscProject(['-p', 'src'])).toBe('src/tsconfig.json');
    for (const args of [['-b'], ['--watch'], ['-p'], ['--declaration'], ['-p', 'a', '--outDir', 'x']]) expect(tscProject(args)).toBeNull();
  });
});

describe('one tsc run for typecheck and build', () => {
  it('serves the typecheck from a build that is `tsc` or `tsc -p` over the same tsconfig', () => {
    expect(served({ 'package.json': pkg({ build: 'tsc' }), 'tsconfig.json': '{}' }))
      .toEqual(['typecheck . --noEmit -p tsconfig.json --pretty false <- build . run build']);
    expect(served({ 'package.json': pkg({ build: 'tsc -p .', typecheck: 'tsc --noEmit' }), 'tsconfig.json': '{}' }))
      .toEqual(['typecheck . run typecheck <- build . run build']);
  });

  it('keeps two runs when they may differ: another tsconfig, a composite script, --noEmit in the build, tsc -b, extra flags', () => {
    expect(served({ 'package.json': pkg({ build: 'tsc -p tsconfig.build.json' }), 'tsconfig.json': '{}', 'tsconfig.build.json': '{}' })).toEqual([]);
    expect(served({ 'package.json': pkg({ build: 'tsc && cp -r assets dist' }), 'tsconfig.json': '{}' })).toEqual([]);
    expect(served({ 'package.json': pkg({ build: 'tsc --noEmit' }), 'tsconfig.json': '{}' })).toEqual([]);
    expect(served({ 'package.json': pkg({ build: 'tsc', typecheck: 'tsc --noEmit --strict' }), 'tsconfig.json': '{}' })).toEqual([]);
    expect(served({ 'package.json': pkg({ build: 'tsc -b' }), 'tsconfig.json': '{}' })).toEqual([]);
    expect(served({ 'package.json': pkg({ build: 'vite build' }), 'tsconfig.json': '{}' })).toEqual([]);
  });
});
