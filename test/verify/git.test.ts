// Git provenance: the commit that added the report, claims gone stale since, and --at through a
// temporary worktree that is removed afterwards. History is created here, at test time.
import { existsSync, writeFileSync } from 'node:fs';
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

  it('refuses an unknown --at commit with a clear message', async () => {
    await expect(verifyReport({ report: join(root, 'READINESS.md'), at: 'no-such-rev', exec: false })).rejects.toThrow(/--at no-such-rev: no such commit/);
    expect(existsSync(join(root, '.git'))).toBe(true);
  });
});
