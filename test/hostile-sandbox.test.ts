// The repository's code runs in the sandbox: a test script that goes looking for credentials, the
// network, host sockets and writable places reports what it found, and each escape must have
// failed. Where no sandbox is available the code runs only when asked (--exec), and then without
// the caches. Each probe of the sandbox has a control beside it that shows the target is real.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRun } from '../src/model/run.js';
import { BIN } from './helpers/cli.js';
import { HAS_BWRAP, itSandboxed } from './helpers/sandbox.js';

const CREDENTIALS = { POSTGRES_URL: 'postgres://u:hunter2@db/x', REDIS_URL: 'redis://:pw@r:6379', MONGODB_URI: 'mongodb://u:pw@m/x', MYSQL_PWD: 'pw', SENTRY_DSN: 'https://k@sentry.example/1', SLACK_WEBHOOK_URL: 'https://hooks.slack.example/x' };

let base = '';
let outside = '';
let repo = '';
let home = '';
let tcp: Server;
let unix: Server;
let port = 0;
let found: Record<string, unknown> = {};
let run: AuditRun;
const token = randomUUID();
const hostTmpMarker = join(tmpdir(), `verdict-sandbox-escape-${token}`);
// Where agents and databases keep theirs (/tmp, /run): a socket elsewhere stays reachable, since
// connect() needs no write access (docs/security-model.md says so).
const hostSocket = join(tmpdir(), `verdict-sandbox-${token}.sock`);

/** Runs the CLI without blocking this process (the servers above must keep answering). */
function verdict(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A repository whose test script looks around and prints what it found as one JSON line. */
function snoopingRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const args = [String(port), hostSocket, join(outside, 'escaped.txt'), join(home, '.npmrc'), hostTmpMarker];
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'snooping', version: '1.0.0', scripts: { test: `node t.js ${args.join(' ')}` } }));
  // Installed packages, shared with the probes rather than copied; a link planted among them points at HOME.
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'dep', 'index.js'), "module.exports = 'dep';\n");
  symlinkSync(home, join(dir, 'node_modules', 'peek'), 'dir');
  writeFileSync(join(dir, 't.js'), `const fs = require('node:fs');
const net = require('node:net');
const [port, sock, outside, homeSecret, hostTmp] = process.argv.slice(2);
const out = { env: Object.keys(process.env).filter((k) => !k.startsWith('npm_')).sort(), home: process.env.HOME };
out.homeSecret = fs.existsSync(homeSecret);
try { fs.writeFileSync(outside, 'x'); out.outside = 'written'; } catch (e) { out.outside = e.code; }
try { fs.writeFileSync(hostTmp, 'x'); out.tmp = 'written'; } catch (e) { out.tmp = e.code; }
fs.writeFileSync('written-by-probe.txt', 'x');
out.dep = require('dep');
try { fs.writeFileSync('node_modules/dep/planted.js', 'x'); out.depWrite = 'written'; } catch (e) { out.depWrite = e.code; }
try { fs.rmSync('node_modules/dep', { recursive: true }); out.depRemoved = 'removed'; } catch (e) { out.depRemoved = e.code; }
try { fs.mkdirSync('node_modules/.vite/vitest', { recursive: true }); fs.writeFileSync('node_modules/.vite/vitest/results.json', '{}'); out.cacheWrite = 'written'; } catch (e) { out.cacheWrite = e.code; }
out.peek = fs.existsSync('node_modules/peek/.npmrc');
try { out.tool = require('node:child_process').execFileSync('snoop-tool', { encoding: 'utf8' }).trim(); } catch (e) { out.tool = e.code; }
const reach = (o) => new Promise((res) => {
  const s = net.connect(o);
  s.on('connect', () => { s.destroy(); res('connected'); });
  s.on('error', (e) => res(e.code));
  setTimeout(() => res('timeout'), 3000);
});
(async () => {
  out.tcp = await reach({ host: '127.0.0.1', port: Number(port) });
  out.unix = await reach({ path: sock });
  console.log('SNOOP ' + JSON.stringify(out));
  console.log('1 passing');
})();
`);
}

beforeAll(async () => {
  // Outside /tmp and /home, so that what hides them is not what is tested here.
  base = mkdtempSync(join(existsSync('/var/tmp') ? '/var/tmp' : tmpdir(), 'verdict-hostile-sandbox-'));
  outside = join(base, 'outside');
  home = join(base, 'home');
  repo = join(base, 'repo');
  for (const d of [outside, home]) mkdirSync(d);
  writeFileSync(join(home, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_secret\n');
  // A tool installed under HOME and on PATH (as nvm, volta or ~/.local/bin do); HOME itself on PATH
  // must not bring the rest of it back.
  mkdirSync(join(home, 'bin'));
  writeFileSync(join(home, 'bin', 'snoop-tool'), '#!/bin/sh\necho ran\n', { mode: 0o755 });
  tcp = createServer((s) => s.destroy());
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
  port = (tcp.address() as { port: number }).port;
  unix = createServer((s) => s.destroy());
  await new Promise<void>((r) => unix.listen(hostSocket, () => r()));
  snoopingRepo(repo);
  const config = join(base, 'verdict.config.json');
  writeFileSync(config, JSON.stringify({ probes: { passEnv: ['PASSED_ON'] } }));
  if (!HAS_BWRAP) return;
  const r = await verdict(['audit', repo, '--config', config, '--only', 'testing', '--no-cache', '--quiet', '--format', 'json'], { ...CREDENTIALS, HOME: home, PATH: `${join(home, 'bin')}:${home}:${process.env.PATH}`, PASSED_ON: 'yes', HARMLESS_LOOKING: 'x' });
  run = JSON.parse(r.stdout) as AuditRun;
  const tests = run.probes.find((p) => p.kind === 'tests');
  const line = tests?.outputExcerpt.split('\n').find((l) => l.startsWith('SNOOP '));
  expect(line, `${r.stderr}\n${tests?.outputExcerpt}`).toBeDefined();
  found = JSON.parse(line!.slice('SNOOP '.length)) as Record<string, unknown>;
}, 60_000);

afterAll(async () => {
  tcp?.close();
  unix?.close();
  rmSync(base, { recursive: true, force: true });
  rmSync(hostTmpMarker, { force: true });
  rmSync(hostSocket, { force: true });
});

describe('the repository\'s code runs in the sandbox', () => {
  itSandboxed('says so in the report', () => {
    expect(run.options.sandbox).toEqual({ tool: expect.stringMatching(/^bubblewrap /), problem: null, unconfined: false });
  });

  itSandboxed('sees an allowlisted environment: no credential, nothing unnamed, what a config outside the repository passes on', () => {
    const env = found.env as string[];
    for (const name of [...Object.keys(CREDENTIALS), 'HARMLESS_LOOKING']) expect(env).not.toContain(name);
    expect(env).toEqual(expect.arrayContaining(['PATH', 'CI', 'HOME', 'NODE_OPTIONS', 'PASSED_ON']));
  });

  itSandboxed('gets a temporary HOME, and the real one shows empty but for the PATH entries in it', () => {
    expect(found.home).not.toBe(home);
    expect(found.homeSecret).toBe(false);
    expect(existsSync(join(home, '.npmrc'))).toBe(true);
    expect(found.tool).toBe('ran');
  });

  itSandboxed('has no network: a server on this machine\'s loopback cannot be reached', async () => {
    expect(found.tcp).not.toBe('connected');
    const { connect } = await import('node:net');
    const here = await new Promise((res) => { const s = connect({ host: '127.0.0.1', port }); s.on('connect', () => { s.destroy(); res('connected'); }); s.on('error', (e) => res(e.message)); });
    expect(here).toBe('connected');
  });

  itSandboxed('cannot reach a unix socket of this machine in /tmp', async () => {
    expect(found.unix).toBe('ENOENT');
    const { connect } = await import('node:net');
    const here = await new Promise((res) => { const s = connect({ path: hostSocket }); s.on('connect', () => { s.destroy(); res('connected'); }); s.on('error', (e) => res(e.message)); });
    expect(here).toBe('connected');
  });

  itSandboxed('writes nowhere but its scratch copy: not outside the repository, not into the repository, not into /tmp', () => {
    expect(found.outside).toBe('EROFS');
    expect(readdirSync(outside)).toEqual([]);
    expect(found.tmp).toBe('written');
    expect(existsSync(hostTmpMarker)).toBe(false);
    expect(existsSync(join(repo, 'written-by-probe.txt'))).toBe(false);
  });

  itSandboxed('uses the repository\'s node_modules without changing it: packages read-only, tool caches written to the scratch copy', () => {
    expect(found.dep).toBe('dep');
    expect(found.depWrite).toBe('EROFS');
    expect(found.depRemoved).not.toBe('removed');
    expect(readdirSync(join(repo, 'node_modules', 'dep'))).toEqual(['index.js']);
    expect(found.cacheWrite).toBe('written');
    expect(existsSync(join(repo, 'node_modules', '.vite'))).toBe(false);
  });

  itSandboxed('a link planted in node_modules does not bring a hidden folder back', () => {
    expect(found.peek).toBe(false);
    expect(existsSync(join(repo, 'node_modules', 'peek', '.npmrc'))).toBe(true);
  });
});

describe('dependencies the sandbox hides', () => {
  itSandboxed('a node_modules link into /tmp is named as the reason the probe did not run, not run into a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdict-hidden-deps-'));
    const shared = mkdtempSync(join(tmpdir(), 'verdict-shared-nm-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'linked', version: '1.0.0', scripts: { test: 'vitest run' }, devDependencies: { vitest: '4.1.12' } }));
      symlinkSync(shared, join(dir, 'node_modules'), 'dir');
      const r = await verdict(['audit', dir, '--only', 'testing', '--no-cache', '--quiet', '--format', 'json']);
      const tests = (JSON.parse(r.stdout) as AuditRun).probes.find((p) => p.kind === 'tests');
      expect([tests?.status, tests?.reason]).toEqual(['skipped', `node_modules resolves to ${shared}, which the sandbox shows empty (it hides /tmp, /run, /home and HOME): install the dependencies inside the repository (--install)`]);
    } finally {
      for (const d of [dir, shared]) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('without a sandbox', () => {
  const none = { VERDICT_BWRAP: '/nonexistent/bwrap' };

  it('runs none of the repository\'s code unless asked, and says so at the top', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'verdict-nosandbox-')), 'repo');
    snoopingRepo(dir);
    try {
      const r = await verdict(['audit', dir, '--only', 'testing', '--no-cache'], none);
      expect(r.stderr.split('\n')[0]).toMatch(/^verdict: no sandbox \(bubblewrap \(`\/nonexistent\/bwrap`\) is not installed; .*\): the repository's code will not run; give --exec to run it unconfined$/);
      expect(r.stdout.split('\n')[1]).toMatch(/^The repository's code did not run: no sandbox is available/);
      expect(existsSync(join(dir, 'written-by-probe.txt'))).toBe(false);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('with --exec runs it unconfined, says so, and neither reads nor writes the caches', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'verdict-nosandbox-')), 'repo');
    snoopingRepo(dir);
    const cache = join(dir, '..', 'cache');
    try {
      const r = await verdict(['audit', dir, '--only', 'testing', '--exec', '--cache-dir', cache, '--format', 'json'], none);
      const unconfined = JSON.parse(r.stdout) as AuditRun;
      expect(r.stderr.split('\n')[0]).toMatch(/running the repository's code UNCONFINED because it was asked for \(--exec\); the caches are off for this run$/);
      expect(unconfined.options).toMatchObject({ cache: false, sandbox: { tool: null, unconfined: true } });
      expect(existsSync(join(dir, 'written-by-probe.txt'))).toBe(true);
      expect(existsSync(cache)).toBe(false);
      // Control: the same audit without the repository's code does write the cache.
      await verdict(['audit', dir, '--only', 'testing', '--no-exec', '--cache-dir', cache, '--quiet'], none);
      expect(existsSync(cache)).toBe(true);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('a config inside the repository cannot ask for it, nor pass environment variables on', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'verdict-nosandbox-')), 'repo');
    snoopingRepo(dir);
    writeFileSync(join(dir, 'verdict.config.json'), JSON.stringify({ probes: { allowUnsandboxed: true, passEnv: ['POSTGRES_URL'] } }));
    try {
      const r = await verdict(['audit', dir, '--only', 'testing', '--no-cache', '--format', 'json'], { ...none, ...CREDENTIALS });
      const refused = JSON.parse(r.stdout) as AuditRun;
      expect(refused.options.sandbox.unconfined).toBe(false);
      expect(existsSync(join(dir, 'written-by-probe.txt'))).toBe(false);
      expect(refused.diagnostics.map((d) => d.problem)).toEqual(expect.arrayContaining([
        'probes.passEnv is ignored: the repository\'s own config cannot widen what its code may do',
        'probes.allowUnsandboxed is ignored: the repository\'s own config cannot widen what its code may do',
      ]));
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });
});
