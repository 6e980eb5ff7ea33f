// The probe options of `verdict audit` as a user meets them: --install and --ignore-scripts, the
// one-line-per-probe progress outside a terminal, the --no-exec summary line.
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

const root = writeRepo({
  'package.json': JSON.stringify({ name: 'tiny', version: '1.0.0', private: true, scripts: { build: 'node -e "require(\'fs\').mkdirSync(\'dist\',{recursive:true});require(\'fs\').writeFileSync(\'dist/a.js\',\'1\')"' } }),
});
afterAll(() => removeRepo(root));

describe('verdict audit probe options', () => {
  it('refuses --ignore-scripts without --install, and --install with --no-exec', () => {
    const a = cli(['audit', root, '--ignore-scripts']);
    expect([a.code, a.stderr.trim()]).toEqual([2, 'verdict: --ignore-scripts only applies with --install']);
    const b = cli(['audit', root, '--install', '--no-exec']);
    expect([b.code, b.stderr.trim()]).toEqual([2, 'verdict: --install runs the package manager: it cannot be combined with --no-exec']);
  });

  it('prints one line per finished probe on stderr when not on a terminal', () => {
    const r = cli(['audit', root, '--exec', '--no-cache', '--format', 'json']);
    // A repository with no test at all is NO-GO (exit 1), for that reason alone.
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { gate: { reasons: Array<{ ruleId: string }> } }).gate.reasons.map((x) => x.ruleId)).toEqual(['testing/no-test-suite']);
    expect(r.stderr).toMatch(/^verdict: probe build \[tiny\]: exit 0 in \d+\.\d s$/m);
    const run = JSON.parse(r.stdout) as { probes: Array<{ kind: string; figures: Record<string, unknown> }> };
    expect(run.probes.find((p) => p.kind === 'build')?.figures).toMatchObject({ outputDir: 'dist', files: 1, bytes: 1 });
  });

  it('--no-exec ends the terminal report with the checks it skipped', () => {
    const r = cli(['audit', root, '--no-cache', '--no-exec']);
    expect(r.stdout).toMatch(/^Skipped by `--no-exec` \(\d+ checks\): build\/build-succeeds, build\/public-source-maps, /m);
    expect(r.stderr).not.toMatch(/verdict: probe/);
  });
});
