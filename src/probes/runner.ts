// The one module that starts child processes: each in its own process group, killed as a whole
// (detached grandchildren included) when it ends, times out, or verdict itself ends or is
// signalled; a heap cap for Node children, a scrubbed environment (no credentials), no stdin,
// output captured with a cap.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface RunOptions {
  cwd: string;
  timeoutMs?: number;
  /** --max-old-space-size for Node children, in MB. */
  heapMb?: number;
  env?: Record<string, string | undefined>;
  /** The child's whole environment (the probes' allowlist), instead of the scrubbed one plus `env`. */
  exactEnv?: Record<string, string>;
  /** Keep at most this many bytes of each stream (head and tail are kept). */
  maxOutputBytes?: number;
  /** Process data-segment limit in MB (RLIMIT_DATA through `prlimit`, where the OS has it). */
  memoryMb?: number;
  /** Called with the pid once the child started (the progress display, tests). */
  onSpawn?: (pid: number) => void;
}

export interface RunResult {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Set when the process could not be started at all. */
  spawnError: string | null;
}

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|PRIVATE|CREDENTIAL|AUTH|SESSION|COOKIE|_KEY$|^AWS_|^AZURE_|^GCP_|^GOOGLE_|^GH_|^GITHUB_|^NPM_|^NODE_AUTH|^CLOUDFLARE_|^CF_|^DATABASE_URL$|^VERCEL_|^HEROKU_|^DOCKER_|^SSH_)/i;

export function scrubbedEnv(extra: Record<string, string | undefined> = {}, heapMb?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || SECRET_NAME.test(k) || k.startsWith('npm_config__auth') || /^npm_config_.*(token|auth)/i.test(k)) continue;
    // The caller's own runner and package-script context (verdict run from `npm test`, inside vitest).
    if (/^(VITEST|JEST_WORKER_ID$|npm_lifecycle_|npm_package_|INIT_CWD$)/.test(k)) continue;
    env[k] = v;
  }
  env.CI = 'true';
  env.FORCE_COLOR = '0';
  env.NO_COLOR = '1';
  if (heapMb) env.NODE_OPTIONS = `${(env.NODE_OPTIONS ?? '').replace(/--max-old-space-size=\d+/g, '').trim()} --max-old-space-size=${heapMb}`.trim();
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

class Capture {
  private head = '';
  private tail = '';
  private dropped = 0;
  constructor(private readonly max: number) {}
  push(chunk: string): void {
    if (this.head.length < this.max / 2) {
      const room = this.max / 2 - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (!chunk) return;
    this.tail += chunk;
    if (this.tail.length > this.max / 2) {
      this.dropped += this.tail.length - this.max / 2;
      this.tail = this.tail.slice(this.tail.length - this.max / 2);
    }
  }
  text(): string {
    return this.dropped > 0 ? `${this.head}\n…[${this.dropped} characters omitted]…\n${this.tail}` : this.head + this.tail;
  }
}

const OMITTED = /\n…\[(\d+) characters omitted\]…\n/;

/**
 * Characters the output cap dropped from the middle of a captured stream (0 when none): figures
 * counted from such output are lower bounds. A repository can print this mark itself; that only
 * makes its own figures read "at least".
 */
export function omittedChars(text: string): number {
  const m = OMITTED.exec(text);
  return m ? Number(m[1]) : 0;
}

export function quote(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The variable that marks every process a child of verdict started: environments are inherited through setsid and double forks. */
const TAG = 'VERDICT_CHILD';
let tagSeq = 0;

/**
 * Every process below `pid`, and every process carrying `tag` in its environment (Linux /proc; []
 * elsewhere): a grandchild that left the group with setsid and whose parent exited was reparented
 * to init, and only its inherited environment still says where it came from.
 * `since`: when `pid` started (see startedAt). A process that started before it can neither descend
 * from it nor have inherited its tag, so its environment is not read: most of the machine's
 * processes, and most of the cost of a scan that runs twice for every command verdict starts.
 */
export function descendants(pid: number, tag?: string, since: number | null = null): number[] {
  if (process.platform !== 'linux') return [];
  const parent = new Map<number, number[]>();
  const tagged: number[] = [];
  const needle = tag ? Buffer.from(`\0${TAG}=${tag}\0`) : null;
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return []; }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const fields = statFields(readFileSync(`/proc/${e}/stat`, 'utf8'));
      const ppid = Number(fields[1]);
      const list = parent.get(ppid) ?? [];
      list.push(Number(e));
      parent.set(ppid, list);
      if (since !== null && Number(fields[STARTTIME]) < since) continue;
      if (needle && Number(e) !== process.pid && Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${e}/environ`)]).includes(needle)) tagged.push(Number(e));
    } catch { /* exited meanwhile, or not ours to read */ }
  }
  const out = new Set<number>(tagged);
  const queue = [pid];
  while (queue.length) {
    for (const c of parent.get(queue.shift()!) ?? []) { out.add(c); queue.push(c); }
  }
  out.delete(pid);
  return [...out];
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses): [0] is field 3, the state. */
const statFields = (stat: string): string[] => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
/** Index in statFields of field 22, the start time in clock ticks since boot. */
const STARTTIME = 19;

/** When `pid` started, in clock ticks since boot (null where there is no /proc, or it already went). */
export function startedAt(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const ticks = Number(statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'))[STARTTIME]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

export function killTree(pid: number, signal: NodeJS.Signals = 'SIGKILL', tag?: string, since: number | null = null): void {
  const below = descendants(pid, tag, since);
  try {
    process.kill(-pid, signal);
  } catch {
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
  for (const d of below) {
    try { process.kill(d, signal); } catch { /* already gone */ }
  }
}

// Children still running when verdict itself exits (a crash, a signal) are taken down with it, and
// the scratch folders registered here are removed.
const live = new Map<number, string>();
const scratch = new Set<string>();
let exitHook = false;
function onExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    killLive();
    for (const d of scratch) rmSync(d, { recursive: true, force: true });
  });
}

function killLive(): void {
  for (const [p, tag] of live) killTree(p, 'SIGKILL', tag);
}

/** Removes `dir` when verdict exits, however it exits; `release` when it was removed normally. */
export function removeOnExit(dir: string): { release: () => void } {
  scratch.add(dir);
  onExit();
  return { release: () => { scratch.delete(dir); } };
}

const SIGNALS: Array<[NodeJS.Signals, number]> = [['SIGHUP', 1], ['SIGINT', 2], ['SIGTERM', 15]];

/**
 * For the CLI: on SIGINT, SIGTERM or SIGHUP, kill every live child's whole tree, then exit with the
 * conventional 128 + signal number. Without a handler Node dies at once and 'exit' never fires, so
 * the children were left running.
 */
let signalHandlers = false;
export function killChildrenOnSignals(): void {
  onExit();
  if (signalHandlers) return;
  signalHandlers = true;
  for (const [sig, n] of SIGNALS) {
    process.on(sig, () => {
      killLive();
      process.exit(128 + n);
    });
  }
}

let prlimitPath: string | null | undefined;
function findPrlimit(): string | null {
  if (prlimitPath !== undefined) return prlimitPath;
  prlimitPath = process.platform === 'linux' ? ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p)) ?? null : null;
  return prlimitPath;
}

/** The argv actually started: `prlimit --data=<bytes> -- file args` where a memory limit applies. */
export function withMemoryLimit(file: string, args: string[], memoryMb: number | undefined): [string, string[]] {
  const prlimit = memoryMb ? findPrlimit() : null;
  // RLIMIT_DATA, not RLIMIT_AS: V8 and WebAssembly reserve huge address ranges they never touch.
  return prlimit ? [prlimit, [`--data=${memoryMb! * 1024 * 1024}`, '--', file, ...args]] : [file, args];
}

/**
 * A short command of verdict's own over the repository's files (never the repository's code), run to
 * its end before anything else: the sandbox's scratch copy, which every probe waits for and which an
 * asynchronous run would only finish when the static pass next lets the event loop turn (a second
 * and more here). The scrubbed environment, no stdin, killed at the timeout.
 */
export function runSync(file: string, args: string[], opts: { cwd: string; timeoutMs: number }): Pick<RunResult, 'exitCode' | 'stderr' | 'spawnError'> {
  const r = spawnSync(file, args, {
    cwd: opts.cwd, env: scrubbedEnv(), stdio: ['ignore', 'ignore', 'pipe'], timeout: opts.timeoutMs, killSignal: 'SIGKILL',
    encoding: 'utf8', maxBuffer: 1024 * 1024,
  });
  const spawnError = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : null;
  return { exitCode: r.status, stderr: r.stderr ?? '', spawnError };
}

export function run(file: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const command = quote([file, ...args]);
  const [exe, argv] = withMemoryLimit(file, args, opts.memoryMb);
  const max = opts.maxOutputBytes ?? 1024 * 1024;
  const out = new Capture(max);
  const err = new Capture(max);
  const started = performance.now();
  return new Promise((resolve) => {
    let timedOut = false;
    let settled = false;
    const tag = `${process.pid}-${++tagSeq}`;
    const env = { ...(opts.exactEnv ?? scrubbedEnv(opts.env, opts.heapMb)), [TAG]: tag };
    // detached: a process group of its own, so the whole group can be killed at once.
    const child = spawn(exe, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // Read now, while the child is certainly there (it is reaped only when the event loop next turns).
    const since = child.pid ? startedAt(child.pid) : null;
    const finish = (r: Partial<RunResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Children of the child may outlive it: take the whole group down either way.
      if (child.pid) {
        killTree(child.pid, 'SIGKILL', tag, since);
        live.delete(child.pid);
      }
      resolve({
        command, exitCode: null, signal: null, timedOut, durationMs: Math.round(performance.now() - started),
        stdout: out.text(), stderr: err.text(), spawnError: null, ...r,
      });
    };
    if (child.pid) {
      live.set(child.pid, tag);
      onExit();
      opts.onSpawn?.(child.pid);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killTree(child.pid, 'SIGKILL', tag, since);
    }, opts.timeoutMs ?? 10 * 60_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
    child.on('error', (e) => finish({ spawnError: e.message }));
    // A grandchild that keeps the pipes open would hold 'close' forever: end the group at exit.
    child.on('exit', () => { if (child.pid) killTree(child.pid, 'SIGKILL', tag, since); });
    child.on('close', (code, signal) => finish({ exitCode: code, signal: signal ?? null }));
  });
}
