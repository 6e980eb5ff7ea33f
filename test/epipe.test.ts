// `verdict … | head`: the reader closes the pipe early. verdict ends quietly (no stack trace) with the
// run's own exit code: 0 for a run that is not NO-GO, 1 for NO-GO, as with the whole output read.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli } from './helpers/cli.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

// Each with a test: a repository with no test at all is NO-GO whatever its code.
const calc = (expr: string) => ({
  'package.json': '{"name":"svc","version":"1.0.0"}', 'src/calc.ts': `app.post('/calc', (req, res) => res.json(${expr}));\n`,
  'test/calc.test.js': "require('node:test')('calc', () => {});\n",
});
const repos = { 'not NO-GO': { root: writeRepo(calc('Number(req.body.x) * 2')), code: 0 }, 'NO-GO': { root: writeRepo(calc('eval(req.body.x)')), code: 1 } };
afterAll(() => { for (const r of Object.values(repos)) removeRepo(r.root); });

/** Runs the CLI with a stdout whose reader is gone before the first write, as `| head -0` leaves it. */
function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  for (const [name, repo] of Object.entries(repos)) {
    it(`ends a ${name} audit quietly with the run's exit code`, async () => {
      const args = ['audit', repo.root, '--no-exec', '--quiet', '--no-cache', '--format', 'json'];
      const whole = cli(args);
      expect(whole.stdout.length).toBeGreaterThan(0);
      expect(whole.code).toBe(repo.code);
      const cut = await closedPipe(args);
      expect(cut.stderr).toBe('');
      expect(cut.code).toBe(repo.code);
    }, 120_000);
  }
});
