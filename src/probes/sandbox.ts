// Where the repository's code runs: bubblewrap with every namespace unshared and every capability
// dropped (root keeps its capabilities in the sandbox otherwise, and could remount `/` writable),
// the file system read-only, empty folders over /tmp, /run, /home and HOME (credentials, agent and
// database sockets live there), no network except for the probes that need the registry, and the
// repository replaced by a scratch copy that it may change at will. The process runner starts it.
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { run, runSync } from './runner.js';

export interface SandboxStatus {
  /** The sandbox and its version ("bubblewrap 0.8.0"), or null when none works here. */
  tool: string | null;
  /** Why there is none: what the self-test saw. */
  problem: string | null;
  /** The executable, when there is one. */
  bin: string | null;
}

/** Folders the sandbox shows empty. HOME is added where it lies elsewhere. */
const MASKED = ['/tmp', '/run', '/home'];

let detected: Promise<SandboxStatus> | null = null;

function onPath(name: string): string | null {
  if (name.includes('/')) return existsSync(name) ? name : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function masked(): string[] {
  const home = homedir();
  const out = MASKED.filter((d) => existsSync(d));
  if (home && home !== '/' && existsSync(home) && !out.some((d) => home === d || home.startsWith(`${d}/`))) out.push(home);
  return out;
}

/** True when the sandbox shows `path` as an empty folder (or not at all). */
export function hiddenInSandbox(path: string): boolean {
  return masked().some((d) => path === d || path.startsWith(`${d}/`));
}

/**
 * Finds bubblewrap (VERDICT_BWRAP names another executable) and proves the profile holds: a write
 * to the read-only root must fail inside it. Once per process.
 */
export function detectSandbox(): Promise<SandboxStatus> {
  detected ??= (async (): Promise<SandboxStatus> => {
    if (process.platform !== 'linux') return { tool: null, problem: `no sandbox on ${process.platform} (verdict confines probes with bubblewrap, on Linux only)`, bin: null };
    const want = process.env.VERDICT_BWRAP || 'bwrap';
    const bin = onPath(want);
    if (!bin) return { tool: null, problem: `bubblewrap (\`${want}\`) is not installed; on Debian/Ubuntu: apt-get install bubblewrap`, bin: null };
    const probe = `/.verdict-sandbox-test-${process.pid}`;
    // Side by side: each is a process start on the way to the first probe.
    const [version, test] = await Promise.all([
      run(bin, ['--version'], { cwd: '/', timeoutMs: 10_000 }),
      run(bin, [...profile(false), '--chdir', '/', '/bin/sh', '-c', `touch ${probe} 2>/dev/null && exit 3; echo contained`], { cwd: '/', timeoutMs: 10_000 }),
    ]);
    if (test.exitCode !== 0 || test.stdout.trim() !== 'contained') {
      const why = test.spawnError ?? (test.exitCode === 3 ? 'a write to the read-only root succeeded inside it' : (test.stderr.trim().split('\n').pop() || `exit code ${test.exitCode}`));
      return { tool: null, problem: `bubblewrap (${bin}) failed its self-test: ${why}`, bin: null };
    }
    return { tool: version.stdout.trim() || 'bubblewrap', problem: null, bin };
  })();
  return detected;
}

/** The fixed part of the bubblewrap command line. */
function profile(network: boolean): string[] {
  const args = ['--unshare-all', '--cap-drop', 'ALL', '--die-with-parent', '--new-session'];
  if (network) args.push('--share-net');
  args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc');
  for (const d of masked()) args.push('--tmpfs', d);
  return args;
}

/** How one run's probes are confined: the same for all of them. */
export interface Confinement {
  /** bubblewrap, or null: the probes run unconfined (only when the user asked for it). */
  bin: string | null;
  /** The repository root, as every probe sees it. */
  root: string;
  /** The scratch copy shown at `root` inside the sandbox (`root` itself when unconfined). */
  view: string;
  /**
   * Folders of the repository's own node_modules shown read-only at their place in the view instead
   * of copied into it (filled by makeView): absolute paths under `root`.
   */
  shared: string[];
  /** verdict's folder for the probes' report files and their HOME; writable for them. */
  tmp: string;
  home: string;
}

/**
 * The read-only binds that put the tools back where a masked folder hid them: Node's install
 * folder (nvm keeps it under HOME) and PATH entries. Never a masked folder itself, HOME included:
 * that would show everything the mask hides.
 */
function toolBinds(): string[] {
  const hidden = masked();
  const bindable = (d: string) => hiddenInSandbox(d) && !hidden.includes(d);
  const node = dirname(process.execPath);
  const dirs = new Set<string>([bindable(dirname(node)) ? dirname(node) : node]);
  for (const entry of (process.env.PATH ?? '').split(delimiter)) {
    if (!entry.startsWith('/')) continue;
    const d = entry.replace(/\/+$/, '');
    // A `node_modules/.bin` holds links into its node_modules: the folder they point into goes back too.
    dirs.add(basename(d) === '.bin' && basename(dirname(d)) === 'node_modules' ? dirname(d) : d);
  }
  const out: string[] = [];
  for (const d of dirs) {
    if (existsSync(d) && bindable(d)) out.push('--ro-bind', d, d);
  }
  return out;
}

/** The argv that runs `file args` in `cwd` inside the sandbox (or unchanged when unconfined). */
export function confine(c: Confinement, file: string, args: string[], cwd: string, network: boolean): [string, string[]] {
  if (!c.bin) return [file, args];
  const argv = [...profile(network), ...toolBinds()];
  if (network) {
    // DNS: /etc/resolv.conf is often a link into /run (systemd-resolved), which is masked.
    try {
      const conf = realpathSync('/etc/resolv.conf');
      if (hiddenInSandbox(conf)) argv.push('--ro-bind', conf, conf);
    } catch { /* no resolver config */ }
  }
  argv.push('--bind', c.tmp, c.tmp, '--bind', c.view, c.root);
  // Over the view's empty folders of the same name: read-only, so a probe changes none of them.
  for (const d of c.shared) argv.push('--ro-bind', d, d);
  // The history is not copied: the probes may read it, never change it.
  if (existsSync(join(c.root, '.git'))) argv.push('--ro-bind', join(c.root, '.git'), join(c.root, '.git'));
  argv.push('--chdir', cwd, '--', file, ...args);
  return [c.bin, argv];
}

/** Maps a path under the repository root to the same path in the scratch copy. */
export function inView(c: Confinement, abs: string): string {
  return abs === c.root || abs.startsWith(`${c.root}/`) ? c.view + abs.slice(c.root.length) : abs;
}

/**
 * node_modules entries that tools write into (vite's and vitest's `.vite`, `.cache`, prisma's
 * generated `.prisma`, pnpm's state files): the dot-entries, copied so they stay writable. The
 * others are shared read-only; `.bin` and pnpm's `.pnpm` store hold packages, not caches.
 */
const SHARED_DOT = new Set(['.bin', '.pnpm']);

/** Above this many shared folders the bind list would strain bubblewrap's command line: copy instead. */
const MAX_SHARED = 2000;

/**
 * The top-level node_modules folders to share rather than copy: none unless node_modules is a real
 * folder (a link is copied as the link, and resolves inside the sandbox, where the masked folders
 * show empty); then each real sub-folder (never a link, which could point into a masked folder and
 * bring it back through the bind), but for the writable dot-entries.
 */
function sharable(root: string): string[] {
  const nm = join(root, 'node_modules');
  try {
    if (!lstatSync(nm).isDirectory()) return [];
  } catch { return []; }
  const out = readdirSync(nm, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (!e.name.startsWith('.') || SHARED_DOT.has(e.name)))
    .map((e) => join(nm, e.name));
  return out.length <= MAX_SHARED ? out : [];
}

/**
 * The scratch copy: the repository without .git, copied with `cp -a` (reflinks where the file
 * system has them). A copy, not an overlay: bubblewrap 0.8 has no overlay option, and an overlayfs
 * mount of our own needs a user namespace that some distributions forbid to unprivileged users and an
 * upper folder on a file system that supports it; a copy works wherever `cp` does. The packages in
 * node_modules are not copied (about 1.5 s per 100 MB here, before any probe could start): with
 * `share`, the view gets an empty folder for each and `confine` binds the repository's own there
 * read-only (`c.shared`); the rest of node_modules (its files, links and cache folders) is copied.
 * An install (`share` false) gets the whole copy: it replaces node_modules. Synchronous: the probes
 * wait for it, and the static pass would hold an asynchronous copy's end back. Returns the problem, or null.
 */
export function makeView(c: Confinement, share: boolean): string | null {
  const { root, view } = c;
  mkdirSync(view, { recursive: true });
  const shared = share ? sharable(root) : [];
  const skip = new Set(shared);
  const entries = readdirSync(root).filter((e) => e !== '.git' && !(e === 'node_modules' && shared.length > 0)).map((e) => join(root, e));
  if (shared.length > 0) {
    const nm = join(root, 'node_modules');
    mkdirSync(join(view, 'node_modules'));
    for (const d of shared) mkdirSync(inView(c, d));
    entries.push(...readdirSync(nm).map((e) => join(nm, e)).filter((e) => !skip.has(e)));
  }
  c.shared = shared;
  const copy = (from: string[], to: string) => {
    if (from.length === 0) return null;
    const r = runSync('cp', ['-a', '--reflink=auto', '-t', to, '--', ...from], { cwd: root, timeoutMs: 10 * 60_000 });
    return r.exitCode === 0 ? null : (r.spawnError ?? (r.stderr.trim().split('\n').pop() || `cp exited with ${r.exitCode}`));
  };
  const top = entries.filter((e) => dirname(e) === root);
  const inside = entries.filter((e) => dirname(e) !== root);
  const problem = copy(top, view) ?? copy(inside, join(view, 'node_modules'));
  return problem && `could not copy the repository into the sandbox's scratch folder: ${problem}`;
}

const LOCALE = /^(LANG|LANGUAGE|LC_[A-Z_]+)$/;

/**
 * The probes' whole environment: an allowlist, not a denylist (a denylist let POSTGRES_URL,
 * SENTRY_DSN and the like through). PATH, the locale, TZ, CI, a temporary HOME, verdict's own
 * settings, and the names a config outside the repository passes on.
 */
export function probeEnv(c: Confinement, opts: { heapMb?: number; set?: Record<string, string>; pass?: string[] }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (k === 'PATH' || k === 'TZ' || LOCALE.test(k) || opts.pass?.includes(k))) env[k] = v;
  }
  Object.assign(env, { CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1', HOME: c.home, TMPDIR: c.bin ? '/tmp' : c.tmp });
  if (opts.heapMb) env.NODE_OPTIONS = `--max-old-space-size=${opts.heapMb}`;
  return Object.assign(env, opts.set);
}
