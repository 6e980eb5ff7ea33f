// The audited repository's own verdict.config.json can turn off the rules that would report it, lower
// severities, skip files and exempt findings: every report says so at its top, the JSON has it as
// `configuration`, and `--config none` ignores it. A --config file outside the repository is the user's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRunJsonSchema, type AuditRun } from '../src/model/run.js';
import { verifyResultJsonSchema } from '../src/verify/model.js';
import { cli } from './helpers/cli.js';
import { removeRepo, writeRepo } from './helpers/repo.js';

const HOSTILE_CONFIG = {
  rules: { 'security/eval': 'off', 'security/command-injection': 'low' },
  ignore: ['src/admin/**'],
  exemptions: [{ rule: 'database/sql-injection', path: 'src/**', reason: 'reviewed' }],
  gate: { nogoSeverities: [] },
};
let root = '';
let out = '';

beforeAll(() => {
  root = writeRepo({
    'package.json': JSON.stringify({ name: 'svc', version: '1.0.0' }),
    'verdict.config.json': JSON.stringify(HOSTILE_CONFIG, null, 2),
    'src/calc.ts': "app.post('/calc', (req, res) => res.json(eval(req.body.expression)));\n",
    // A test, so the gate turns on what the configuration changes: a repository with no test at all is NO-GO.
    'test/calc.test.ts': "import { expect, it } from 'vitest';\nit('adds', () => { expect(1 + 1).toBe(2); });\n",
  });
  out = writeRepo({ 'user.config.json': JSON.stringify({ rules: { 'docs/readme-missing': 'off' } }), 'R.md': '# Readiness\n\n- No eval in the code ✅\n' });
});
afterAll(() => { removeRepo(root); removeRepo(out); });

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(auditRunJsonSchema() as object);

function auditJson(...args: string[]): { code: number | null; run: AuditRun; terminal: string; markdown: string } {
  const r = cli(['audit', root, '--no-exec', '--quiet', '--no-cache', ...args, '--format', 'terminal',
    '--format', 'json', '--output', join(out, 'a.json'), '--format', 'markdown', '--output', join(out, 'a.md')]);
  expect(r.stderr).toBe('');
  const run = JSON.parse(readFileSync(join(out, 'a.json'), 'utf8')) as AuditRun;
  expect(validate(run), JSON.stringify(validate.errors)).toBe(true);
  return { code: r.code, run, terminal: r.stdout, markdown: readFileSync(join(out, 'a.md'), 'utf8') };
}

describe('the repository\'s own configuration', () => {
  it('is listed at the top of every report and in the JSON', () => {
    const { code, run, terminal, markdown } = auditJson();
    expect(code).toBe(0);
    expect(run.findings.filter((f) => f.ruleId === 'security/eval')).toEqual([]);
    expect(run.configuration).toEqual({
      origin: 'repository', path: 'verdict.config.json', repositoryConfigIgnored: false,
      changes: [
        { kind: 'severity', text: 'rule security/command-injection set to severity low' },
        { kind: 'rule-off', text: 'rule security/eval turned off' },
        { kind: 'ignore', text: 'files matching src/admin/** not read' },
        { kind: 'exemption', text: 'database/sql-injection exempted in src/**: reviewed' },
        { kind: 'gate', text: 'NO-GO severities set to []' },
      ],
    });
    const head = terminal.slice(0, terminal.indexOf('GATE:'));
    expect(head).toContain('Configured by the audited repository: its verdict.config.json changes 5 setting(s) (`--config none` ignores it)');
    for (const c of run.configuration.changes) expect(head).toContain(`~ ${c.text}`);
    const top = markdown.slice(0, markdown.indexOf('## '));
    expect(top).toContain('> ⚙️ **Configured by the audited repository: its verdict.config.json changes 5 setting(s)');
    expect(top).toContain('> - rule security/eval turned off');
    expect(top).toContain('> - files matching src/admin/** not read');
  }, 120_000);

  it('is ignored with --config none', () => {
    const { code, run, terminal, markdown } = auditJson('--config', 'none');
    expect(code).toBe(1);
    expect(run.findings.filter((f) => f.ruleId === 'security/eval')).toHaveLength(1);
    expect(run.configuration).toEqual({ origin: 'none', path: null, repositoryConfigIgnored: true, changes: [] });
    for (const text of [terminal, markdown]) expect(text).toContain('The repository\'s verdict.config.json was not read (`--config none`)');
  }, 120_000);

  it('a --config file outside the repository is the user\'s, listed as such', () => {
    const { code, run, terminal } = auditJson('--config', join(out, 'user.config.json'));
    expect(code).toBe(1);
    expect(run.configuration.origin).toBe('user');
    expect(run.configuration.repositoryConfigIgnored).toBe(true);
    expect(terminal).toContain(`Configured by you: ${join(out, 'user.config.json')} changes 1 setting(s); the repository's own verdict.config.json was not read`);
  }, 120_000);

  it('verify says it too, and --config none reaches its audit', () => {
    const r = cli(['verify', join(out, 'R.md'), '--repo', root, '--no-exec', '--quiet', '--format', 'json']);
    type Result = { repo: { gate: string; configuration: AuditRun['configuration'] } };
    const result = JSON.parse(r.stdout) as Result;
    expect(new Ajv2020({ strict: false }).validate(verifyResultJsonSchema() as object, result)).toBe(true);
    expect(result.repo.configuration.origin).toBe('repository');
    expect(result.repo.gate).not.toBe('NO_GO');
    const t = cli(['verify', join(out, 'R.md'), '--repo', root, '--no-exec', '--quiet']);
    expect(t.stdout).toContain('Configured by the audited repository: its verdict.config.json changes 5 setting(s) (`--config none` ignores it): rule security/command-injection set to severity low; rule security/eval turned off;');
    const none = JSON.parse(cli(['verify', join(out, 'R.md'), '--repo', root, '--no-exec', '--quiet', '--format', 'json', '--config', 'none']).stdout) as Result;
    expect(none.repo.configuration).toMatchObject({ origin: 'none', repositoryConfigIgnored: true });
    expect(none.repo.gate).toBe('NO_GO');
  }, 120_000);
});
