// The walk's .gitignore answers, checked against git's own on the same tree: name-only patterns are
// asked by the last path segment (see Scope.byName), anchored and slashed ones by the whole path.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { removeRepo, writeRepo } from '../../test/helpers/repo.js';
import { trackedButIgnored } from '../probes/git.js';
import { walk } from './walk.js';

let root = '';
afterEach(() => removeRepo(root));

function gitListing(dir: string): string[] {
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const out = execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'ls-files', '-z', '-co', '--exclude-standard'], { cwd: dir });
  return out.toString().split('\0').filter(Boolean).sort();
}

describe('walk', () => {
  it('lists what git lists: names, negations, folder-only names, anchored and slashed patterns, nested files', () => {
    root = writeRepo({
      '.gitignore': '# build\n*.log\n!keep.log\ncache/\n/top.ts\ndocs/*.md\n',
      'top.ts': '', 'a/top.ts': '', 'x.log': '', 'a/b/y.log': '', 'a/keep.log': '', 'cache': '', 'a/cache/z.ts': '',
      'docs/a.md': '', 'docs/sub/b.md': '', 'a/docs/c.md': '', 'src/index.ts': '',
      'pkg/.gitignore': 'local.ts\ngen/\n', 'pkg/local.ts': '', 'pkg/deep/local.ts': '', 'pkg/gen/x.ts': '', 'pkg/ok.ts': '', 'local.ts': '',
      'esc/.gitignore': '\\#hash.ts\nsub/name.ts\n', 'esc/#hash.ts': '', 'esc/sub/name.ts': '', 'esc/name.ts': '',
    });
    const listed = walk(root).files.map((f) => f.path).sort();
    expect(listed).toEqual(gitListing(root));
    expect(listed).toEqual(expect.arrayContaining(['a/keep.log', 'a/top.ts', 'cache', 'docs/sub/b.md', 'a/docs/c.md', 'local.ts', 'pkg/ok.ts', 'esc/name.ts']));
    expect(listed).not.toEqual(expect.arrayContaining(['top.ts']));
  });

  it('lists files git tracks although a .gitignore names them (committed before they were ignored), not untracked ignored ones', async () => {
    root = writeRepo({
      '.gitignore': '.env\nsecrets/\n*.log\n', '.env': 'API_KEY=x\n', 'secrets/key.json': '{}', 'secrets/local.json': '{}', 'debug.log': '', 'src/index.ts': '',
    });
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['-c', 'core.hooksPath=/dev/null', 'add', '-f', '.env', 'secrets/key.json', 'src/index.ts', '.gitignore'], { cwd: root });
    const tracked = await trackedButIgnored(root);
    expect([...tracked].sort()).toEqual(['.env', 'secrets/key.json']);
    const listed = walk(root, [], () => false, tracked).files.map((f) => f.path).sort();
    expect(listed).toEqual(['.env', '.gitignore', 'secrets/key.json', 'src/index.ts']);
    // Without git's answer the walk honours .gitignore as written; the configuration's ignore still applies.
    expect(walk(root).files.map((f) => f.path).sort()).toEqual(['.gitignore', 'src/index.ts']);
    expect(walk(root, ['secrets/'], () => false, tracked).files.map((f) => f.path).sort()).toEqual(['.env', '.gitignore', 'src/index.ts']);
  });

  it('finds no tracked files outside a git work tree', async () => {
    root = writeRepo({ '.gitignore': '.env\n', '.env': 'A=1\n' });
    expect((await trackedButIgnored(root)).size).toBe(0);
  });
});

