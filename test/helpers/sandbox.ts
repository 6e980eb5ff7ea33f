// Tests of the sandbox need bubblewrap. In CI (CI=true) its absence is a failure, never a silent
// pass; elsewhere those tests are skipped and say why.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { isAlive } from './probe-workspace.js';

export const HAS_BWRAP = spawnSync('bwrap', ['--version'], { stdio: 'ignore' }).status === 0;
const CI = process.env.CI === 'true' || process.env.CI === '1';

/** `it` for tests that need bubblewrap: skipped with a visible reason locally, failing in CI. */
export function itSandboxed(name: string, fn: () => Promise<void> | void, timeout?: number): void {
  if (HAS_BWRAP) it(name, fn, timeout);
  else if (CI) it(name, () => { throw new Error('bubblewrap (bwrap) is not installed: .ci/run installs it; the sandbox tests cannot run'); });
  else it.skip(`${name} [skipped: bubblewrap is not installed here; apt-get install bubblewrap]`, fn);
}

/** Running processes (as the host sees them) whose command line contains `token`. */
export function processesWith(token: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${e}/cmdline`, 'utf8').includes(token) && isAlive(Number(e))) out.push(Number(e));
    } catch { /* exited meanwhile */ }
  }
  return out;
}

/** Polls `check` every 100 ms until it returns true or `ms` passed; its last answer. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
