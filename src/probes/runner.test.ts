import { describe, expect, it } from 'vitest';
import { isAlive } from '../../test/helpers/probe-workspace.js';
import { run, scrubbedEnv, withMemoryLimit } from './runner.js';

describe('process runner', () => {
  it('kills the whole tree at the timeout, a child in its own session included', async () => {
    const script = `
      const { spawn } = require('node:child_process');
      const forever = ['-e', 'setInterval(() => {}, 1000)'];
      const a = spawn(process.execPath, forever, { stdio: 'ignore' });
      const b = spawn(process.execPath, forever, { stdio: 'ignore', detached: true });
      console.log(JSON.stringify([a.pid, b.pid]));
      setInterval(() => {}, 1000);`;
    let parent = 0;
    const r = await run(process.execPath, ['-e', script], { cwd: process.cwd(), timeoutMs: 1500, onSpawn: (pid) => { parent = pid; } });
    expect([r.timedOut, r.signal]).toEqual([true, 'SIGKILL']);
    const pids = [parent, ...(JSON.parse(r.stdout) as number[])];
    await new Promise((res) => setTimeout(res, 200));
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('removes credentials from the environment, sets CI and the heap cap', () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GITHUB_TOKEN: 'x', AWS_SECRET_ACCESS_KEY: 'y', DATABASE_URL: 'postgres://u:p@h/db', npm_config__authToken: 'z', VITEST_POOL_ID: '1', HARMLESS: 'ok' });
    try {
      const env = scrubbedEnv({}, 512);
      expect([env.GITHUB_TOKEN, env.AWS_SECRET_ACCESS_KEY, env.DATABASE_URL, env.npm_config__authToken, env.VITEST_POOL_ID]).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect([env.HARMLESS, env.CI]).toEqual(['ok', 'true']);
      expect(env.NODE_OPTIONS).toMatch(/--max-old-space-size=512$/);
    } finally {
      process.env = saved;
    }
  });

  it.runIf(process.platform === 'linux')('caps the data segment through prlimit where it exists', async () => {
    const [file, args] = withMemoryLimit('node', ['-v'], 256);
    expect(file).toMatch(/prlimit$/);
    expect(args).toEqual([`--data=${256 * 1024 * 1024}`, '--', 'node', '-v']);
    const r = await run(process.execPath, ['-e', 'const a = []; for (;;) a.push(Buffer.alloc(1 << 20, 1))'], { cwd: process.cwd(), memoryMb: 256, timeoutMs: 20_000 });
    expect(r.exitCode === 0).toBe(false);
    expect(r.timedOut).toBe(false);
  });
});
