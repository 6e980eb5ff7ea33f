// The one module that starts child processes: a timeout that kills the whole process tree, a heap
// cap for Node children, a scrubbed environment (no credentials), no stdin, output captured with a cap.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface RunOptions {
  cwd: string;
  timeoutMs?: number;
  /** --max-old-space-size for Node children, in MB. */
  heapMb?: number;
  env?: Record<string, string | undefined>;
  /** Keep at most this many bytes of each stream (head and tail are kept). */
  maxOutputBytes?: number;
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

export function quote(args: string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function killTree(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try { process.kill(pid, signal); } catch { /* already gone */ }
  }
}

export function run(file: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const command = quote([file, ...args]);
  const max = opts.maxOutputBytes ?? 1024 * 1024;
  const out = new Capture(max);
  const err = new Capture(max);
  const started = performance.now();
  return new Promise((resolve) => {
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args, {
      cwd: opts.cwd, env: scrubbedEnv(opts.env, opts.heapMb), stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    const finish = (r: Partial<RunResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Children of the child may outlive it: take the whole group down either way.
      if (child.pid) killTree(child.pid);
      resolve({
        command, exitCode: null, signal: null, timedOut, durationMs: Math.round(performance.now() - started),
        stdout: out.text(), stderr: err.text(), spawnError: null, ...r,
      });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killTree(child.pid);
    }, opts.timeoutMs ?? 10 * 60_000);
    child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
    child.on('error', (e) => finish({ spawnError: e.message }));
    // A grandchild that keeps the pipes open would hold 'close' forever: end the group at exit.
    child.on('exit', () => { if (child.pid) killTree(child.pid); });
    child.on('close', (code, signal) => finish({ exitCode: code, signal: signal ?? null }));
  });
}
