// Nothing a probe starts outlives it: a test script that leaves a detached grandchild (its own
// session, its parent gone) must find it killed when the probe ends, when it times out, and when
// verdict itself gets SIGTERM, SIGINT or SIGHUP; in the sandbox and unconfined (--exec, no sandbox).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { itSandboxed, processesWith, waitFor } from './helpers/sandbox.js';

const made: string[] = [];
let token = '';

afterEach(() => {
  for (const p of processesWith(token)) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A repository whose test script starts a grandchild in a session of its own (`detached`), then
 * exits after 1.5 s ('exit') or hangs ('hang'). Both carry `token` on their command line.
 */
function hostileRepo(mode: 'exit' | 'hang', timeoutS?: number): string {
  const root = mkdtempSync(join(tmpdir(), 'verdict-hostile-proc-'));
  made.push(root);
  token = `verdict-probe-${randomUUID()}`;
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'hostile-proc', version: '1.0.0', scripts: { test: `node t.js ${token}` } }));
  writeFileSync(join(root, 't.js'), `const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${token}-grandchild'], { detached: true, stdio: 'ignore' }).unref();
${mode === 'exit' ? "setTimeout(() => { console.log('1 passing'); process.exit(0); }, 1500);" : 'setInterval(() => {}, 1000);'}
`);
  if (timeoutS) writeFileSync(join(root, 'verdict.config.json'), JSON.stringify({ probes: { tests: { timeout: timeoutS } } }));
  return root;
}

type Mode = { name: string; args: string[]; env: Record<string, string> };
const SANDBOXED: Mode = { name: 'in the sandbox', args: [], env: {} };
const UNCONFINED: Mode = { name: 'unconfined (--exec, no sandbox)', args: ['--exec'], env: { VERDICT_BWRAP: '/nonexistent/bwrap' } };

function startAudit(root: string, mode: Mode) {
  const child = spawn(process.execPath, [BIN, 'audit', root, '--only', 'testing', '--no-cache', '--quiet', '--format', 'json', '--output', join(root, '..', `${root.split('/').pop()}.json`), ...mode.args], {
    env: { ...process.env, ...mode.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((res) => {
    child.on('exit', (code, signal) => res({ code, signal, stderr }));
  });
  return { child, done };
}

/** After verdict exited: no process of the probe may remain (the kernel gets a moment to tear a namespace down). */
async function expectNoneLeft(): Promise<void> {
  const gone = await waitFor(() => processesWith(token).length === 0, 3000);
  expect(gone, `still running: ${processesWith(token).join(', ')}`).toBe(true);
}

type Test = (name: string, fn: () => Promise<void>, timeout?: number) => void;

function cases(mode: Mode, test: Test): void {
  test(`a grandchild left behind by a probe that ended is killed with it (${mode.name})`, async () => {
    const root = hostileRepo('exit');
    const { done } = startAudit(root, mode);
    expect(await waitFor(() => processesWith(`${token}-grandchild`).length > 0, 30_000), 'the grandchild never started').toBe(true);
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    await expectNoneLeft();
  }, 60_000);

  test(`a probe that times out is killed with its grandchild (${mode.name})`, async () => {
    const root = hostileRepo('hang', 2);
    const { done } = startAudit(root, mode);
    expect(await waitFor(() => processesWith(`${token}-grandchild`).length > 0, 30_000), 'the grandchild never started').toBe(true);
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    await expectNoneLeft();
  }, 60_000);

  for (const [signal, n] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]] as const) {
    test(`${signal} to verdict during a probe kills the probe's whole tree and exits ${128 + n} (${mode.name})`, async () => {
      const root = hostileRepo('hang');
      const { child, done } = startAudit(root, mode);
      expect(await waitFor(() => processesWith(`${token}-grandchild`).length > 0, 30_000), 'the grandchild never started').toBe(true);
      expect(processesWith(token).length).toBeGreaterThanOrEqual(2);
      child.kill(signal);
      const r = await done;
      expect([r.code, r.signal], r.stderr).toEqual([128 + n, null]);
      await expectNoneLeft();
    }, 60_000);
  }
}

describe('no process of a probe outlives it', () => {
  cases(SANDBOXED, itSandboxed);
  cases(UNCONFINED, it);
});
