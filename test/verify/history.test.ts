// Claims about the git history ("Commit 1: <hash>", "- 2 files changed", "3 insertions") are read from
// the repository's own history through the hardened git runner; a tree without its .git says so.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/verify/index.js';
import { removeRepo, writeRepo } from '../helpers/repo.js';
import { git, serviceRepo } from './fixture.js';

let root = '';
let hash = '';
let second = '';
const dirs: string[] = [];

beforeAll(() => {
  root = serviceRepo({ 'src/a.ts': 'export const a = 1;\n' });
  writeFileSync(join(root, 'src/b.ts'), 'export const b = 2;\nexport const c = 3;\n');
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 10;\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'two files');
  hash = git(root, 'rev-parse', '--short=7', 'HEAD');
  writeFileSync(join(root, 'src/c.ts'), 'export const d = 1;\nexport const e = 2;\nexport const f = 3;\nexport const g = 4;\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'one more file');
  second = git(root, 'rev-parse', '--short=7', 'HEAD');
});
afterAll(() => { removeRepo(root); for (const d of dirs) removeRepo(d); });

const report = (h: string) => [
  '# Session', '',
  `**Commits:** ${h}`, // 3
  '', `### Commit 1: ${h}`, '```', 'fix: things', '- 2 files changed', '- 3 insertions, 1 deletions', '- 9 files changed', '```', // 8, 9, 10
  '- deadbee1 is the commit with the fix (commit deadbee1)', // 12
  '',
].join('\n');

async function verify(repo: string, text: string) {
  const reports = mkdtempSync(join(tmpdir(), 'verdict-history-'));
  dirs.push(reports);
  writeFileSync(join(reports, 'SESSION.md'), text);
  const r = await verifyReport({ report: join(reports, 'SESSION.md'), repo, exec: false, cache: false });
  return (line: number) => r.claims.find((c) => c.line === line)!;
}

describe('verify: git history claims', () => {
  it('reads the commits and their figures from git, including figures inside the block under the commit heading', async () => {
    const at = await verify(root, report(hash));
    expect(at(3)).toMatchObject({ kind: 'history', verdict: 'confirmed' });
    expect(at(3).evidence[0]).toMatchObject({ kind: 'command', command: expect.stringMatching(/^git show --shortstat/) });
    expect(at(8)).toMatchObject({ kind: 'history', subject: { commits: hash, files: 2 }, verdict: 'confirmed' });
    expect(at(9), at(9).reason).toMatchObject({ verdict: 'confirmed' });
    expect(at(10)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/9 files changed \(git: 2\)/) });
    expect(at(12)).toMatchObject({ kind: 'history', verdict: 'contradicted', reason: expect.stringMatching(/no commit deadbee1/) });
  }, 120_000);

  it('sums a total over every commit summarised beside it, not the last commit heading above it', async () => {
    const at = await verify(root, [
      '# Session', '', '## Commits', '',
      `### Commit 1: ${hash}`, '```', 'fix', '- 2 files changed', '```', '', // 8
      `### Commit 2: ${second}`, '```', 'more', '- 1 file changed', '```', '', // 14
      '**Total Changes:**', '- 3 files modified', '- 7 insertions, 1 deletions', '', // 18, 19
      '**Total Changes:**', '- 5 files modified', '', // 22
    ].join('\n'));
    expect(at(14)).toMatchObject({ subject: { commits: second, files: 1 }, verdict: 'confirmed' });
    expect(at(18), at(18).reason).toMatchObject({ kind: 'history', subject: { commits: `${hash},${second}` }, verdict: 'confirmed' });
    expect(at(19), at(19).reason).toMatchObject({ verdict: 'confirmed' });
    expect(at(22)).toMatchObject({ verdict: 'contradicted', reason: expect.stringMatching(/5 files changed \(git: 3\)/) });
  }, 120_000);

  it('says the history is not there when the tree has no .git, never a verdict', async () => {
    const bare = writeRepo({ 'package.json': '{"name":"x"}', 'src/a.ts': 'export const a = 1;\n' });
    dirs.push(bare);
    const at = await verify(bare, report('abc1234'));
    for (const line of [3, 8, 9]) expect(at(line)).toMatchObject({ kind: 'history', verdict: 'unverifiable', reason: expect.stringMatching(/no \.git here/) });
  }, 120_000);
});

describe('commit hashes of digits alone', () => {
  it('are hashes on a line that names commits, and numbers elsewhere', async () => {
    const { hashesIn, historyClaim } = await import('../../src/verify/checks/history.js');
    expect(hashesIn('**Commits:** 4410937, cac2649')).toEqual(['4410937', 'cac2649']);
    expect(historyClaim('### Commit 1: 4410937', [])).toMatchObject({ commits: '4410937' });
    expect(hashesIn('served 4410937 requests')).toEqual([]);
    expect(hashesIn('Commits: deadbeef facade')).toEqual([]);
  });
});
