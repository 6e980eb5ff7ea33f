// Where the CLI reads and writes: --output and --annotate refuse special file systems (a write under
// /proc looped forever) and anything that is not a regular file, before the audit runs; verify without
// --repo checks the repository that holds the report, or refuses, never the current folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

let repo = '';
const loose = mkdtempSync(join(tmpdir(), 'verdict-loose-'));
beforeAll(() => {
  repo = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', version: '1.0.0' }),
    'src/calc.ts': 'export const double = (x: number) => x * 2;\n',
    // A test, so exit codes are about the destinations: a repository with no test at all is NO-GO (exit 1).
    'test/calc.test.ts': "import { expect, it } from 'vitest';\nit('doubles', () => { expect(2 * 2).toBe(4); });\n",
    'docs/READINESS.md': '# Readiness\n\n- `src/calc.ts` exists ✅\n',
  });
  writeFileSync(join(loose, 'READINESS.md'), '# Readiness\n\n- `src/calc.ts` exists ✅\n');
  mkdirSync(join(loose, 'a-folder'));
});
afterAll(() => { removeRepo(repo); removeRepo(loose); });

describe('--output and --annotate', () => {
  it.each([
    ['/proc/self/verdict-report.md', /--output \/proc\/self\/verdict-report\.md: \/proc\/.* is on a special file system; write the report to a regular file/],
    ['/sys/kernel/verdict-report.md', /--output \/sys\/kernel\/verdict-report\.md: \/sys\/kernel\/verdict-report\.md is on a special file system/],
    ['/dev/verdict-report.md', /is on a special file system/],
  ])('audit refuses %s at once', (target, message) => {
    const started = Date.now();
    const r = cli(['audit', repo, '--no-exec', '--quiet', '--format', 'markdown', '--output', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('refuses a folder, and verify refuses the same for --output and --annotate', () => {
    expect(cli(['audit', repo, '--no-exec', '--quiet', '--format', 'json', '--output', join(loose, 'a-folder')]).stderr)
      .toMatch(/--output .*a-folder: it is a folder; write the report to a regular file/);
    const v = cli(['verify', join(repo, 'docs/READINESS.md'), '--no-exec', '--quiet', '--annotate', '/proc/self/annotated.md']);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/--annotate \/proc\/self\/annotated\.md: .* is on a special file system/);
    expect(cli(['verify', join(repo, 'docs/READINESS.md'), '--no-exec', '--quiet', '--output', '/sys/x.md']).stderr).toMatch(/--output \/sys\/x\.md: /);
  }, 120_000);

  it('writes to /dev/null and to a regular file', () => {
    expect(cli(['audit', repo, '--no-exec', '--quiet', '--format', 'json', '--output', '/dev/null']).code).toBe(0);
    const r = cli(['audit', repo, '--no-exec', '--quiet', '--format', 'json', '--output', join(loose, 'out/report.json')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
  }, 120_000);
});

describe('verify without --repo', () => {
  it('checks the repository that holds the report (its package.json folder), not the current one', () => {
    const r = cli(['verify', join(repo, 'docs/READINESS.md'), '--no-exec', '--quiet', '--format', 'json'], { cwd: loose });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { repo: { root: string } }).repo.root).toBe(repo);
  }, 120_000);

  it('refuses a report in no repository, naming --repo', () => {
    const r = cli(['verify', join(loose, 'READINESS.md'), '--no-exec', '--quiet'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/READINESS\.md: the report is in no git repository and under no folder with a package\.json; give --repo <dir>/);
    expect(r.stdout).toBe('');
  }, 120_000);
});
