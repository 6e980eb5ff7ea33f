// A hostile repository's git config must not make verdict's git commands run anything. Each key
// below is set to a script that leaves a marker file; `audit --no-exec` and `verify --at` run, then
// every marker must be absent. Each case then runs the same git command without verdict's
// hardening and expects its marker: proof that the trap is real and the test can fail.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

let base = '';
let repo = '';
let markers = '';
let c1 = '';
let c2 = '';
let afterVerdict: string[] = [];
const outputs: string[] = [];

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** An executable script that leaves the marker `name`, then does `then` (a filter must pass its input on). */
function trap(name: string, then = 'exit 0'): string {
  const file = join(base, 'traps', name);
  writeFileSync(file, `#!/bin/sh\ntouch '${join(markers, name)}'\n${then}\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'verdict-hostile-git-'));
  repo = join(base, 'repo');
  markers = join(base, 'markers');
  for (const d of [repo, markers, join(base, 'traps'), join(repo, 'src')]) mkdirSync(d, { recursive: true });
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 't@example.com');
  git(repo, 'config', 'user.name', 'T');
  // A fake signer, so that the first commit carries a signature for `log.showSignature` to check.
  const signer = join(base, 'signer.sh');
  writeFileSync(signer, "#!/bin/sh\ncat >/dev/null\nprintf -- '-----BEGIN PGP SIGNATURE-----\\n\\nZmFrZQ==\\n-----END PGP SIGNATURE-----\\n'\nprintf '\\n[GNUPG:] SIG_CREATED D 1 8 00 0 0\\n' >&2\n");
  chmodSync(signer, 0o755);
  writeFileSync(join(repo, 'package.json'), '{ "name": "hostile-git", "version": "1.0.0", "scripts": { "test": "vitest run" } }\n');
  writeFileSync(join(repo, 'src/index.ts'), 'export const a = 1;\n');
  // A test suite, so the gate is about nothing but what this test plants (a repository with no test is NO-GO).
  mkdirSync(join(repo, 'test'));
  writeFileSync(join(repo, 'test/index.test.ts'), "import { expect, it } from 'vitest';\nit('holds', () => expect(1).toBe(1));\n");
  writeFileSync(join(repo, 'notes.txt'), 'one\n');
  writeFileSync(join(repo, 'REPORT.md'), '# Readiness\n\n- `src/index.ts` exists\n');
  writeFileSync(join(repo, '.gitattributes'), '*.ts filter=evil diff=evil\n');
  git(repo, 'add', '.');
  git(repo, '-c', `gpg.program=${signer}`, 'commit', '-qS', '-m', 'first');
  c1 = git(repo, 'rev-parse', 'HEAD');
  writeFileSync(join(repo, 'src/index.ts'), 'export const a = 2;\n');
  writeFileSync(join(repo, 'notes.txt'), 'two\n');
  git(repo, 'commit', '-qam', 'second');
  c2 = git(repo, 'rev-parse', 'HEAD');
  // Uncommitted, same size, newer time: `git status` must hash this file, through the clean filter
  // unless it is switched off.
  writeFileSync(join(repo, 'src/index.ts'), 'export const a = 3;\n');

  const set = (k: string, v: string) => git(repo, 'config', k, v);
  set('core.fsmonitor', trap('core.fsmonitor'));
  set('diff.external', trap('diff.external'));
  set('diff.evil.command', trap('diff.evil.command'));
  set('diff.evil.textconv', trap('diff.evil.textconv', 'cat "$1"'));
  set('filter.evil.clean', trap('filter.evil.clean', 'cat'));
  set('filter.evil.smudge', trap('filter.evil.smudge', 'cat'));
  set('filter.evil.required', 'true');
  set('log.showSignature', 'true');
  set('gpg.program', trap('gpg.program'));
  for (const hook of ['post-checkout', 'reference-transaction']) {
    const file = join(repo, '.git', 'hooks', hook);
    writeFileSync(file, `#!/bin/sh\ntouch '${join(markers, `hook.${hook}`)}'\n`);
    chmodSync(file, 0o755);
  }

  const audit = cli(['audit', repo, '--no-exec', '--no-cache', '--quiet', '--format', 'json', '--output', join(base, 'run.json')]);
  const verify = cli(['verify', join(repo, 'REPORT.md'), '--repo', repo, '--at', c2, '--no-exec', '--quiet', '--format', 'json']);
  outputs.push(audit.stderr, verify.stderr);
  expect([audit.code, verify.code], outputs.join('\n')).toEqual([0, 0]);
  afterVerdict = readdirSync(markers);
}, 60_000);

afterAll(() => { if (base) rmSync(base, { recursive: true, force: true }); });

/** The marker after verdict ran (must be absent), then after the unhardened git command (must be present). */
function check(name: string, control: () => void): void {
  expect(afterVerdict, `verdict let git run ${name}`).not.toContain(name);
  try { control(); } catch { /* a trap may make the command fail; the marker is what counts */ }
  expect(existsSync(join(markers, name)), `the control did not trigger ${name}: the test proves nothing`).toBe(true);
}

describe('git runs none of the audited repository\'s commands', () => {
  it('core.fsmonitor (git status in audit)', () => check('core.fsmonitor', () => git(repo, 'status', '--porcelain')));
  it('filter.<driver>.clean named by .gitattributes (git status in audit)', () => check('filter.evil.clean', () => git(repo, 'status', '--porcelain')));
  it('diff.external (git diff in verify)', () => check('diff.external', () => git(repo, 'diff', '-U0', c1, c2)));
  it('diff.<driver>.command named by .gitattributes (git diff in verify)', () => check('diff.evil.command', () => git(repo, 'diff', '-U0', c1, c2)));
  it('diff.<driver>.textconv (git diff in verify)', () => check('diff.evil.textconv', () => git(repo, 'diff', '--no-ext-diff', '-U0', c1, c2)));
  it('log.showSignature with gpg.program (git log in verify)', () => check('gpg.program', () => git(repo, 'log', '--format=%H', '--', 'REPORT.md')));
  it('filter.<driver>.smudge (git worktree add in verify --at)', () => {
    check('filter.evil.smudge', () => git(repo, 'worktree', 'add', '--detach', join(base, 'wt-smudge'), c2));
  });
  it('the post-checkout hook (git worktree add in verify --at)', () => {
    check('hook.post-checkout', () => git(repo, 'worktree', 'add', '--detach', join(base, 'wt-hook'), c2));
  });
  it('the reference-transaction hook (git worktree add in verify --at)', () => {
    check('hook.reference-transaction', () => git(repo, 'worktree', 'add', '--detach', join(base, 'wt-ref'), c2));
  });
  it('core.sshCommand through a lazy fetch of a partial clone (git worktree add in verify --at)', () => {
    const lazy = join(base, 'lazy');
    mkdirSync(lazy);
    git(lazy, 'init', '-q');
    writeFileSync(join(lazy, 'a.txt'), 'content only the promisor remote has\n');
    git(lazy, 'add', '.');
    git(lazy, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-qm', 'one');
    const commit = git(lazy, 'rev-parse', 'HEAD');
    const blob = git(lazy, 'rev-parse', 'HEAD:a.txt');
    unlinkSync(join(lazy, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    for (const [k, v] of [['core.repositoryformatversion', '1'], ['extensions.partialClone', 'origin'], ['remote.origin.url', 'ssh://example.invalid/x.git'],
      ['remote.origin.promisor', 'true'], ['core.sshCommand', trap('core.sshCommand', 'exit 1')]]) git(lazy, 'config', k, v);
    writeFileSync(join(base, 'LAZY.md'), '# Readiness\n\n- `a.txt` exists\n');
    const r = cli(['verify', join(base, 'LAZY.md'), '--repo', lazy, '--at', commit, '--no-exec', '--quiet']);
    expect(r.stderr).toMatch(/git worktree add failed/);
    afterVerdict = readdirSync(markers);
    check('core.sshCommand', () => git(lazy, 'worktree', 'add', '--detach', join(base, 'wt-lazy'), commit));
  });
});
