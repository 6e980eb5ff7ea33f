// The pool against the built worker script (run `npm run build` first): workers are asked to finish
// and end by themselves, whether they are still starting or have worked; none is terminated.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Pool } from './pool.js';

const script = new URL('../../dist/collect-worker.js', import.meta.url);
// A loaded CI machine can take longer than the production grace to start a worker: the tests give
// workers time to end by themselves, which is what they check.
const options = { script, hostIds: ['security/error-exposed'], threads: 3, minBytes: 0, exitGraceMs: 45_000 };

describe.skipIf(!existsSync(fileURLToPath(script)))('collect pool', () => {
  it('closes workers that are still starting without terminating them', async () => {
    const pool = new Pool(options, 2, false);
    expect(await pool.close()).toBe(0);
  }, 60_000);

  it('closes its workers after a run without terminating them', async () => {
    const pool = new Pool(options, 1, false);
    const local = { process: () => { throw new Error('no job was given') } };
    expect(await pool.run([], [], local as never, null)).toBe(0);
    expect(await pool.close()).toBe(0);
  }, 60_000);

  it('lets the process exit cleanly (exit code 0, nothing on stderr) after closing', () => {
    const pool = new URL('../../dist/collect/pool.js', import.meta.url).href;
    const code = `const { Pool } = await import(${JSON.stringify(pool)});
      for (let i = 0; i < 3; i++) { const p = new Pool({ script: new URL(${JSON.stringify(script.href)}), hostIds: [], threads: 2, minBytes: 0, exitGraceMs: 45_000 }, 1, false);
        if (i > 0) await new Promise((r) => setTimeout(r, 300 * i));
        const forced = await p.close(); if (forced) throw new Error('terminated ' + forced); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 90_000);
});
