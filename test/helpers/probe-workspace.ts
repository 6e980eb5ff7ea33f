// The probe tests' fixture repos share one set of tools (typescript, vitest, eslint, mocha), installed
// once per machine and lockfile from test/fixtures/probe-workspace into /var/tmp; each test copies a
// fixture repo to a temp folder and links its node_modules there. Fixtures that pin their own tool
// versions (the version matrix) are installed from their own lockfiles, kept between runs in
// /var/tmp too. Not /tmp, not HOME: the probes' sandbox shows both empty, and the node_modules links
// must resolve inside it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/probes/runner.js';

const WORKSPACE = resolve(import.meta.dirname, '../fixtures/probe-workspace');
const REPOS = resolve(import.meta.dirname, '../fixtures/repos');
/** Installs shared between test runs: /var/tmp survives reboots' /tmp cleaning and is visible in the sandbox. */
const SHARED = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();

/**
 * A node_modules folder in `root` whose entries link to `shared`'s. A folder of links rather than one
 * link: the folder itself is then part of the sandbox's scratch copy, writable, as tools expect (vite
 * writes node_modules/.vite-temp), while the packages stay shared.
 */
function linkModules(root: string, shared: string): void {
  mkdirSync(join(root, 'node_modules'));
  // Tools' own caches (`.vite`, `.cache`) stay the copy's: a link would point them at the shared,
  // read-only install (vitest writes node_modules/.vite/vitest/results.json).
  for (const e of readdirSync(shared)) if (e === '.bin' || !e.startsWith('.')) symlinkSync(join(shared, e), join(root, 'node_modules', e), 'dir');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * `npm ci --ignore-scripts` of package.json + package-lock.json into `dir` once: the first caller
 * installs, concurrent callers (other test files, other runs) wait for its `installed` stamp.
 */
async function installOnce(dir: string, manifest: string, lockfile: string): Promise<string> {
  const done = join(dir, 'installed');
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const lockDir = join(dir, 'installing');
  // An install interrupted long ago (a killed run) left its lock behind: take it over.
  if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > 15 * 60_000) rmSync(lockDir, { recursive: true, force: true });
  try {
    mkdirSync(lockDir);
  } catch {
    for (let i = 0; i < 1200 && !existsSync(done); i++) await sleep(500);
    if (existsSync(done)) return dir;
    throw new Error(`install in ${dir} did not finish (remove ${lockDir} if a run was interrupted)`);
  }
  try {
    cpSync(manifest, join(dir, 'package.json'));
    cpSync(lockfile, join(dir, 'package-lock.json'));
    const r = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 600_000 });
    if (r.exitCode !== 0) throw new Error(`npm ci in ${dir} failed (exit ${r.exitCode}):\n${r.stderr.slice(-2000)}`);
    writeFileSync(done, new Date().toISOString());
    return dir;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** The installed workspace folder (with node_modules). Concurrent callers wait for one install. */
export async function probeWorkspace(): Promise<string> {
  const lock = readFileSync(join(WORKSPACE, 'package-lock.json'));
  const dir = join(SHARED, `verdict-probe-ws-${createHash('sha256').update(lock).digest('hex').slice(0, 12)}`);
  return installOnce(dir, join(WORKSPACE, 'package.json'), join(WORKSPACE, 'package-lock.json'));
}

/** Where fixtures' own installs are kept between runs: never the repository, nothing the sandbox hides. */
const INSTALL_CACHE = join(SHARED, 'verdict-test-npm');

/**
 * The node_modules of test/fixtures/repos/<name>, installed from the fixture's own lockfile and kept
 * in the user cache folder. The key is the locked dependency tree (not the fixture's name) plus the
 * platform, so fixtures locking the same versions share one install and a lockfile change reinstalls.
 */
export async function fixtureInstall(name: string): Promise<string> {
  const lockfile = join(REPOS, name, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages?: Record<string, unknown> };
  const tree = Object.entries(lock.packages ?? {}).filter(([k]) => k !== '');
  const root = (lock.packages?.[''] ?? {}) as { dependencies?: unknown; devDependencies?: unknown };
  const key = createHash('sha256').update(JSON.stringify([process.platform, process.arch, root.dependencies, root.devDependencies, tree])).digest('hex').slice(0, 16);
  const dir = await installOnce(join(INSTALL_CACHE, key), join(REPOS, name, 'package.json'), lockfile);
  return join(dir, 'node_modules');
}

/** A fresh copy of test/fixtures/repos/<name> with its own dependencies (see fixtureInstall) linked in. */
export async function installedFixtureRepo(name: string): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `verdict-${name}-`));
  cpSync(join(REPOS, name), root, { recursive: true });
  if (existsSync(join(REPOS, name, 'package-lock.json'))) linkModules(root, await fixtureInstall(name));
  return root;
}

/** A fresh copy of test/fixtures/repos/<name>, its node_modules linked to the workspace's (unless `link` is false). */
export async function fixtureRepo(name: string, link = true): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `verdict-${name}-`));
  cpSync(join(REPOS, name), root, { recursive: true });
  if (link) linkModules(root, join(await probeWorkspace(), 'node_modules'));
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
