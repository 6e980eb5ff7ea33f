import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { writeRepo } from './helpers/repo.js';

const planted = new URL('../examples/planted-service', import.meta.url).pathname;
const clean = new URL('../examples/clean-service', import.meta.url).pathname;
const fileURLToPathOf = (rel: string) => new URL(rel, import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'verdict-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('verdict CLI', () => {
  it('prints help and version with exit 0', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/audit \[options\] \[dir\]/);
    const v = cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 1 with NO-GO and its reasons on the planted example', () => {
    const r = cli(['audit', planted, '--no-exec', '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/GATE: NO-GO/);
    // The route passes req.query.customer to findOrdersByCustomer(): traced across files, critical.
    expect(r.stdout).toMatch(/database\/sql-injection \(critical\).*src\/lib\/db\.ts:7/);
    expect(r.stdout.includes('\u001b[')).toBe(false);
  });

  it('runs the command when dist/cli.js is started directly, as the bin does (it used to print nothing and exit 0)', () => {
    const direct = fileURLToPathOf('../dist/cli.js');
    const v = spawnSync(process.execPath, [direct, '--version'], { encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(cli(['--version']).stdout.trim());
    const r = spawnSync(process.execPath, [direct, 'audit', planted, '--no-exec', '--no-cache'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/GATE: NO-GO/);
  });

  it('exits 0 on the clean example, and 1 with --fail-on conditions while checks are unverified', () => {
    expect(cli(['audit', clean, '--no-exec', '--no-cache']).code).toBe(0);
    expect(cli(['audit', clean, '--no-exec', '--no-cache', '--fail-on', 'conditions']).code).toBe(1);
  });

  it('writes each --format to its --output, and one format to stdout', () => {
    const md = join(tmp, 'r.md');
    const json = join(tmp, 'out/r.json');
    const r = cli(['audit', planted, '--no-exec', '--no-cache', '--format', 'markdown', '--output', md, '--format', 'json', '--output', json, '--format', 'terminal']);
    expect(r.code).toBe(1);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Production readiness: orders-api/);
    expect(JSON.parse(readFileSync(json, 'utf8')).gate.decision).toBe('NO_GO');
    expect(r.stdout).toMatch(/GATE: NO-GO/);
  });

  it('refuses bad usage with exit 2 and a message naming the option', () => {
    const two = cli(['audit', planted, '--format', 'json', '--format', 'markdown']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/at most one --format may go to stdout/);
    const bad = cli(['audit', planted, '--format', 'yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format yaml: expected one of terminal, markdown, json/);
    const missing = cli(['audit', join(tmp, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such folder/);
    const cat = cli(['audit', planted, '--only', 'secrity']);
    expect(cat.code).toBe(2);
    expect(cat.stderr).toMatch(/--only: unknown category "secrity"/);
    const failOn = cli(['audit', planted, '--fail-on', 'sometimes']);
    expect(failOn.code).toBe(2);
    const threads = cli(['audit', planted, '--threads', '0']);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toMatch(/--threads 0: expected a whole number from 1 to 64/);
    expect(cli(['audit', '--bogus']).code).toBe(2);
  });

  it('--fail-on <severity> fails on findings at or above it', () => {
    // A repository with tests (else "no tests" is a high finding) and a suppression without a target (low).
    const repo = writeRepo({
      'package.json': '{"name":"x"}', 'test/a.test.js': "require('node:test')('a', () => { require('node:assert').equal(1, 1); });\n",
      'src/a.ts': '// verdict-ignore database/sql-injection: nothing here\nexport const a = 1;\n',
    });
    expect(cli(['audit', repo, '--no-exec', '--no-cache', '--fail-on', 'low']).code).toBe(1);
    expect(cli(['audit', repo, '--no-exec', '--no-cache', '--fail-on', 'medium']).code).toBe(0);
    expect(cli(['audit', repo, '--no-exec', '--no-cache']).code).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });

  it('lists and explains rules, and prints both schemas', () => {
    const rules = JSON.parse(cli(['rules', '--json']).stdout) as Array<{ id: string }>;
    expect(rules.map((r) => r.id)).toContain('database/sql-injection');
    const ex = cli(['explain', 'database/sql-injection']);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toMatch(/How to fix/);
    expect(cli(['explain', 'nope/nothing']).code).toBe(2);
    expect(cli(['explain', 'security/eval']).stdout).toContain('\nMessages (id: text):\n  requestInput: {{what}} runs code built from request input ({{code}})\n');
    const schema = JSON.parse(cli(['schema']).stdout);
    expect(schema.properties.findings).toBeDefined();
    const cfg = JSON.parse(cli(['schema', '--config']).stdout);
    expect(cfg.properties.boundaries).toBeDefined();
  });

  it('init writes a config the loader accepts and ignores .verdict/', () => {
    // A test, so the audit's exit code is about init: a repository with no test at all is NO-GO (exit 1).
    const repo = writeRepo({ 'package.json': '{"name":"x"}', '.gitignore': 'node_modules', 'test/a.test.ts': "import { expect, it } from 'vitest';\nit('a', () => { expect(1).toBe(1); });\n" });
    expect(cli(['init', repo]).code).toBe(0);
    expect(existsSync(join(repo, 'verdict.config.json'))).toBe(true);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules\n.verdict/\n');
    expect(cli(['init', repo]).code).toBe(2);
    expect(cli(['audit', repo, '--no-exec', '--no-cache']).code).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });

  it('keeps the cache outside the audited repo and reuses it', () => {
    const repo = writeRepo({ 'package.json': '{"name":"x"}', 'src/a.ts': 'db.query(`SELECT * FROM t WHERE id = ${id}`);\n' });
    const cacheDir = join(tmp, 'cache');
    const first = JSON.parse(cli(['audit', repo, '--no-exec', '--cache-dir', cacheDir, '--format', 'json']).stdout);
    const second = JSON.parse(cli(['audit', repo, '--no-exec', '--cache-dir', cacheDir, '--format', 'json']).stdout);
    expect(first.stats.cached).toBe(0);
    expect(second.stats.cached).toBe(first.stats.files);
    expect(second.findings).toEqual(first.findings);
    expect(existsSync(join(repo, '.verdict'))).toBe(false);
    rmSync(repo, { recursive: true, force: true });
  });

  it('refuses a cache folder inside the audited repo, by real path, and writes nothing there', () => {
    const repo = writeRepo({ 'package.json': '{"name":"x"}', 'src/a.ts': 'export const a = 1;\n', 'test/a.test.ts': "import { expect, it } from 'vitest';\nit('a', () => { expect(1).toBe(1); });\n" });
    const link = join(tmp, 'into-repo');
    symlinkSync(repo, link);
    for (const dir of [join(repo, '.cache', 'verdict'), repo, join(link, 'c')]) {
      const r = cli(['audit', repo, '--no-exec', '--cache-dir', dir]);
      expect(r.code, dir).toBe(2);
      expect(r.stderr, dir).toContain(`--cache-dir ${dir}: inside the audited repository`);
    }
    expect(existsSync(join(repo, '.cache'))).toBe(false);
    expect(existsSync(join(repo, 'c'))).toBe(false);
    // With --no-cache there is no cache to worry about.
    expect(cli(['audit', repo, '--no-exec', '--no-cache', '--cache-dir', join(repo, '.cache')]).code).toBe(0);
    rmSync(repo, { recursive: true, force: true });
  });
});

describe('verdict verify output', () => {
  it('validates against `verdict schema --verify` and exits 1 when a claim is contradicted', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const schema = JSON.parse(cli(['schema', '--verify']).stdout);
    const r = cli(['verify', join(planted, 'docs/READINESS.md'), '--repo', planted, '--no-exec', '--format', 'json']);
    expect(r.code).toBe(1);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
    expect(cli(['schema', '--config', '--verify']).code).toBe(2);
  }, 240_000);
});
