// Every git command verdict runs goes through here. The audited repository's own git config
// (.git/config, its hooks, its .gitattributes) is hostile input: each setting that makes git run a
// command is overridden on the command line, which outranks every config file.
import { quote, run, type RunResult } from './runner.js';

const PROTOCOLS = ['file', 'git', 'ssh', 'http', 'https', 'ext'];

/** `-c` settings that switch off every configured command the read-only commands below could start. */
const HARDENING: string[] = [
  'core.fsmonitor=false', // the fsmonitor hook runs on any index refresh (status, diff, ls-files)
  'core.hooksPath=/dev/null', // post-checkout (worktree add), post-index-change and reference-transaction
  'core.sshCommand=false', // a lazy fetch in a partial clone would reach for the promisor remote
  'core.askPass=false',
  'credential.helper=', // an empty value clears the list of helpers
  'core.pager=cat',
  'log.showSignature=false', // verifying a signed commit runs gpg.program
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'protocol.allow=never', // no transport at all (ext:: runs a command)
  ...PROTOCOLS.map((p) => `protocol.${p}.allow=never`),
].flatMap((kv) => ['-c', kv]);

/** Sub-commands that print diffs: external diff drivers and textconv filters run unless switched off. */
const DIFFING = new Set(['diff', 'log', 'show']);

const ENV: Record<string, string | undefined> = {
  GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1',
  GIT_EXTERNAL_DIFF: undefined, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined,
  GIT_SSH: undefined, GIT_SSH_COMMAND: undefined, GIT_ASKPASS: undefined, GIT_EDITOR: undefined,
};

/**
 * Clean/smudge/process filters are named by .gitattributes and defined in config under any name,
 * so the names are read first (reading config runs nothing) and each one is emptied; `required`
 * is lifted, or git would stop on the filter it can no longer run.
 */
async function filterOverrides(cwd: string): Promise<string[]> {
  const r = await run('git', [...HARDENING, 'config', '--get-regexp', '^filter\\.'], { cwd, timeoutMs: 10_000, env: ENV });
  const names = new Set<string>();
  for (const line of r.exitCode === 0 ? r.stdout.split('\n') : []) {
    const m = /^filter\.(.+)\.[^.\s]+(\s|$)/.exec(line);
    if (m) names.add(m[1]);
  }
  return [...names].flatMap((n) => ['clean', 'smudge', 'process'].map((k) => `filter.${n}.${k}=`).concat(`filter.${n}.required=false`))
    .flatMap((kv) => ['-c', kv]);
}

/** Runs `git <args>` in `cwd` with the repository's command-running settings switched off. */
export async function git(cwd: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  const [sub, ...rest] = args;
  const diffing = DIFFING.has(sub) ? ['--no-ext-diff', '--no-textconv'] : [];
  const argv = ['--no-pager', ...HARDENING, ...await filterOverrides(cwd), sub, ...diffing, ...rest];
  const r = await run('git', argv, { cwd, timeoutMs, env: ENV });
  // The report shows the command as asked, not the hardening around it.
  return { ...r, command: quote(['git', ...args]) };
}

/**
 * Files git tracks in `root` although a .gitignore names them: committed before they were ignored
 * (or added with `git add -f`), so they are in the repository whatever .gitignore says. Empty when
 * `root` is no git work tree or git cannot answer (the walk then honours .gitignore as written).
 */
export async function trackedButIgnored(root: string): Promise<Set<string>> {
  const r = await git(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], 30_000);
  if (r.exitCode !== 0) return new Set();
  return new Set(r.stdout.split('\0').filter((p) => p.length > 0 && !p.startsWith('../')));
}
