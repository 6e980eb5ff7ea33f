// Git provenance: the commit that added the report, claims gone stale since, and --at through a
// temporary worktree that is removed afterwards. History is created here, at test time.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeRepo } from '../helpers/repo.js';
import { git, serviceRepo } from './fixture.js';
import { verifyReport } from '../../src/verify/index.js';

const REPORT = '# Cache\n\n- `warmCache()` is wired into startup\n- `src/cache.ts` lines 1-3: `warmCache`\n';
let root = '';
let first = '';

beforeAll(() => {
  root = serviceRepo({
    'src/cache.ts': 'export function warmCache() {\n  return true;\n}\n',
    'src/boot.ts': "import { warmCache } from './cache';\nwarmCache();\n",
  });
  writeFileSync(join(root, 'READINESS.md'), REPORT);
  git(root, 'add', 'READINESS.md');
  git(root, 'commit', '-qm', 'readiness report');
  first = git(root, 'rev-parse', 'HEAD');
  writeFileSync(join(root, 'src/boot.ts'), "import { warmCache } from './cache';\n// warmCache() was too slow\n");
  git(root, 'commit', '-qam', 'stop warming the cache');
});
afterAll(() => removeRepo(root));

describe('verify and git history', () => {
  it('names the commit that added the report and marks claims whose code changed since', async () => {
    const r = await verifyReport({ report: join(root, 'READINESS.md'), exec: false, cache: false });
    expect(r.repo.root).toBe(root);
    expect(r.provenance).toMatchObject({ tracked: true, addedIn: first, changedSince: ['src/boot.ts'] });
    const wired = r.claims[0];
    expect(wired.verdict).toBe('contradicted');
    expect(wired.reason).toMatch(/never called .*stale: src\/cache\.ts changed after the report's commit|added but not wired/);
    expect(r.claims[1].verdict).toBe('confirmed');
  });

  it('flags a contradiction as stale when the file it cites changed after the report', async () => {
    const r = await verifyReport({ report: join(root, 'READINESS.md'), exec: false, cache: false });
    const stale = r.claims.find((c) => c.stale);
    expect(stale?.stale?.since).toBe(first);
  });

  it('checks the claims at the report commit with --at, in a worktree that is removed afterwards', async () => {
    const r = await verifyReport({ report: join(root, 'READINESS.md'), at: first, exec: true, cache: false });
    expect(r.claims.map((c) => c.verdict)).toEqual(['confirmed', 'confirmed']);
    expect(r.repo.exec).toBe(false);
    expect(git(root, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('says probe claims need --install in the worktree', async () => {
    const report = join(root, 'PROBES.md');
    writeFileSync(report, '- **TypeScript:** 0 errors ✅\n');
    const r = await verifyReport({ report, repo: root, at: first, exec: true, cache: false });
    expect(r.claims[0]).toMatchObject({ kind: 'typecheck', verdict: 'unverifiable' });
    expect(r.claims[0].reason).toMatch(/worktree at \w{7} has no node_modules \(give --install\)/);
  });

  it('says what changed since the report is unknown when git cannot diff, instead of reading it as nothing changed', async () => {
    const repo = serviceRepo({ 'src/cache.ts': `export function warmCache() {\n${'  const step = 1;\n'.repeat(30)}  return true;\n}\n` });
    try {
      writeFileSync(join(repo, 'READINESS.md'), REPORT);
      git(repo, 'add', 'READINESS.md');
      git(repo, 'commit', '-qm', 'readiness report');
      const blob = git(repo, 'rev-parse', 'HEAD:src/cache.ts');
      git(repo, 'mv', 'src/cache.ts', 'src/warm.ts');
      writeFileSync(join(repo, 'src/warm.ts'), `export function warmCache() {\n${'  const step = 1;\n'.repeat(30)}  return false;\n}\n`);
      git(repo, 'add', 'src/warm.ts');
      git(repo, 'commit', '-qm', 'rename');
      // The old blob is gone (a partial or damaged clone): rename detection needs it, and the diff fails.
      rmSync(join(repo, '.git/objects', blob.slice(0, 2), blob.slice(2)));
      const r = await verifyReport({ report: join(repo, 'READINESS.md'), exec: false, cache: false });
      expect(r.provenance.changedSince).toEqual([]);
      expect(r.provenance.changesUnknown).toMatch(/git diff --name-only \w{7} failed/);
      expect(r.claims.some((c) => c.stale)).toBe(false);
    } finally {
      removeRepo(repo);
    }
  });

  it('refuses an unknown --at commit with a clear message', async () => {
    await expect(verifyReport({ report: join(root, 'READINESS.md'), at: 'no-such-rev', exec: false })).rejects.toThrow(/--at no-such-rev: no such commit/);
    expect(existsSync(join(root, '.git'))).toBe(true);
  });
});
