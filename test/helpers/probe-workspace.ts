// The probe tests' fixture repos share one set of tools (typescript, vitest, eslint, mocha), installed
// once per machine and lockfile from test/fixtures/probe-workspace into /var/tmp; each test copies a
// fixture repo to a temp folder and links its node_modules there. Not /tmp: the sandbox shows /tmp
// empty, and the probes' node_modules link must resolve inside it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/probes/runner.js';

const WORKSPACE = resolve(import.meta.dirname, '../fixtures/probe-workspace');
const REPOS = resolve(import.meta.dirname, '../fixtures/repos');

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The installed workspace folder (with node_modules). Concurrent callers wait for one install. */
export async function probeWorkspace(): Promise<string> {
  const lock = readFileSync(join(WORKSPACE, 'package-lock.json'));
  const dir = join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), `verdict-probe-ws-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
  const done = join(dir, 'installed');
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const lockDir = join(dir, 'installing');
  try {
    mkdirSync(lockDir);
  } catch {
    for (let i = 0; i < 600 && !existsSync(done); i++) await sleep(500);
    if (existsSync(done)) return dir;
    throw new Error(`probe workspace install in ${dir} did not finish (remove ${lockDir} if a run was interrupted)`);
  }
  try {
    cpSync(join(WORKSPACE, 'package.json'), join(dir, 'package.json'));
    cpSync(join(WORKSPACE, 'package-lock.json'), join(dir, 'package-lock.json'));
    const r = await run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, timeoutMs: 300_000 });
    if (r.exitCode !== 0) throw new Error(`npm ci in ${dir} failed (exit ${r.exitCode}):\n${r.stderr.slice(-2000)}`);
    writeFileSync(done, new Date().toISOString());
    return dir;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * A fresh copy of test/fixtures/repos/<name> with a node_modules folder whose entries link to the
 * workspace's (unless `link` is false). A folder of links rather than one link: the folder itself
 * is then part of the sandbox's scratch copy, writable, as tools expect (vite writes
 * node_modules/.vite-temp), while the packages stay shared.
 */
export async function fixtureRepo(name: string, link = true): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `verdict-${name}-`));
  cpSync(join(REPOS, name), root, { recursive: true });
  if (link) {
    const shared = join(await probeWorkspace(), 'node_modules');
    mkdirSync(join(root, 'node_modules'));
    for (const e of readdirSync(shared)) symlinkSync(join(shared, e), join(root, 'node_modules', e), 'dir');
  }
  return root;
}

/** Running (a zombie waiting for a reaper that never comes, as in some containers, is not running). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
