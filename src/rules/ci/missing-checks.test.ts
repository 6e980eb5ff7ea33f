import { describe, expect, it } from 'vitest';
import { at, auditFiles, runRule } from '../../../test/helpers/repo.js';
import { Workflows } from '../../model/workflows.js';
import rule from './missing-checks.js';

const manifest = JSON.stringify({
  name: 'svc',
  scripts: { build: 'tsup src/index.ts', typecheck: 'tsc --noEmit', test: 'vitest run', lint: 'eslint .', check: 'npm run typecheck && npm run lint' },
  dependencies: { hono: '^4.0.0' },
  devDependencies: { vitest: '^4.0.0', eslint: '^9.0.0' },
}, null, 2);
const base = { 'package.json': manifest, 'package-lock.json': '{"lockfileVersion":3,"packages":{"":{}}}', 'tsconfig.json': '{}' };

const full = [
  'name: ci',
  'on: [push, pull_request]',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - run: npm ci',
  '      - run: npm run check',
  '      - run: npm test',
  '      - run: npm run build',
  '      - run: npm audit --audit-level=high',
].join('\n');

describe('ci/missing-checks', () => {
  it('stays silent when CI runs every check, resolving npm run scripts', async () => {
    expect(await runRule(rule, { ...base, '.github/workflows/ci.yml': full })).toEqual([]);
  });

  it('follows `pnpm turbo run test` to Deno test and check scripts in the workspaces', async () => {
    const root = JSON.stringify({ name: 'mono', private: true, scripts: { test: 'turbo run test', check: 'turbo run check' } });
    const api = JSON.stringify({ name: 'api', scripts: { test: 'deno test --parallel -A --no-check', check: 'deno check --sloppy-imports .' } });
    const wf = ['on: [pull_request]', 'jobs:', '  t:', '    runs-on: ubuntu-latest', '    steps:', '      - run: pnpm install',
      '      - run: pnpm check', '      - run: pnpm turbo run test ${{ matrix.filter }}'].join('\n');
    const files = { 'package.json': root, 'apps/api/package.json': api, 'pnpm-workspace.yaml': 'packages: ["apps/*"]\n', 'tsconfig.json': '{}' };
    expect(await runRule(rule, { ...files, '.github/workflows/test.yml': wf })).toEqual([]);
    // Without the test step, the missing tests are still reported.
    const noTests = await runRule(rule, { ...files, '.github/workflows/test.yml': wf.split('\n').slice(0, -1).join('\n') });
    expect(noTests.map((f) => f.message)).toEqual(['No CI workflow runs the tests, although the repository has tests (script "test")']);
  });

  it("does not take npm's placeholder test script for tests the workflow should run", async () => {
    const wf = ['on: [pull_request]', 'jobs:', '  d:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm ci', '      - run: npm run deploy'].join('\n');
    const pkg = (test: string) => JSON.stringify({ name: 'svc', scripts: { test, deploy: 'wrangler deploy' } });
    const placeholder = await runRule(rule, { 'package.json': pkg('echo "Error: no test specified" && exit 1'), '.github/workflows/deploy.yml': wf });
    expect(placeholder.filter((f) => f.message.includes('runs the tests'))).toEqual([]);
    const real = await runRule(rule, { 'package.json': pkg('vitest run'), '.github/workflows/deploy.yml': wf });
    expect(real.map((f) => f.message)).toContain('No CI workflow runs the tests, although the repository has tests (script "test")');
  });

  it('does not take a test script that only runs tools testing nothing (`npx tsc`) for tests', async () => {
    const wf = ['on: [pull_request]', 'jobs:', '  d:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm ci', '      - run: npm run deploy'].join('\n');
    const pkg = (test: string) => JSON.stringify({ name: 'svc', scripts: { test, deploy: 'wrangler deploy' } });
    const tools = await runRule(rule, { 'package.json': pkg('npx tsc && eslint .'), '.github/workflows/deploy.yml': wf });
    expect(tools.filter((f) => f.message.includes('runs the tests'))).toEqual([]);
    const mixed = await runRule(rule, { 'package.json': pkg('tsc && vitest run'), '.github/workflows/deploy.yml': wf });
    expect(mixed.map((f) => f.message)).toContain('No CI workflow runs the tests, although the repository has tests (script "test")');
  });

  it('reads GitLab CI too', async () => {
    const gitlab = ['stages: [test]', 'test:', '  script:', '    - npm ci', '    - npm run check', '    - npm test', '    - npm run build', '    - npm audit'].join('\n');
    expect(await runRule(rule, { ...base, '.gitlab-ci.yml': gitlab })).toEqual([]);
  });

  it('reports each check no workflow runs, at the script that exists for it', async () => {
    const partial = ['on: push', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm install', '      - run: npm run build'].join('\n');
    const findings = await runRule(rule, { ...base, '.github/workflows/ci.yml': partial });
    const where = (text: string) => at(findings.filter((f) => f.message.includes(text)));
    expect(findings).toHaveLength(5);
    expect([where('from the lockfile'), where('runs the tests'), where('runs the typecheck'), where('runs the linter'), where('audits')]).toEqual([
      ['undefined:undefined'], ['package.json:6'], ['package.json:5'], ['package.json:7'], ['undefined:undefined'],
    ]);
    expect(findings.find((f) => f.message.includes('tests'))?.severity).toBe('medium');
  });

  it('reports a repository without any workflow once', async () => {
    const findings = await runRule(rule, base);
    expect(findings).toHaveLength(1);
    expect(findings[0].messageId).toBe('noWorkflow');
    expect(findings[0].severity).toBe('medium');
    expect(await runRule(rule, { 'package.json': '{"name":"empty"}' })).toEqual([]);
  });

  it('is unknown, not "no CI", when CI is configured with a provider whose steps it does not read', async () => {
    for (const file of ['.travis.yml', 'appveyor.yml', '.circleci/config.yml', 'Jenkinsfile', 'bitbucket-pipelines.yml', '.buildkite/pipeline.yml', 'azure-pipelines.yml']) {
      const run = await auditFiles({ ...base, [file]: 'script: npm test\n' }, { rules: [rule] });
      expect(run.findings, file).toEqual([]);
      const outcome = run.outcomes.find((o) => o.ruleId === 'ci/missing-checks');
      expect(outcome, file).toMatchObject({ status: 'unknown' });
      expect(outcome?.reason).toContain(file);
    }
    // A file of that name in a subfolder configures nothing.
    expect((await runRule(rule, { ...base, 'docs/.travis.yml': 'script: npm test\n' })).map((f) => f.messageId)).toEqual(['noWorkflow']);
  });

  it('is unknown, not silent, when no workflow can be parsed', async () => {
    const run = await auditFiles({ ...base, '.github/workflows/ci.yml': 'on: [push\njobs: {' }, { rules: [rule] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === 'ci/missing-checks')).toMatchObject({ status: 'unknown' });
    expect(run.outcomes.find((o) => o.ruleId === 'ci/missing-checks')?.reason).toMatch(/ci\.yml:\d+: malformed YAML/);
  });

  it('puts the workflow inventory in the model', async () => {
    const run = await auditFiles({ ...base, '.github/workflows/ci.yml': full }, { rules: [rule] });
    const wf = Workflows.parse(run.inventory.workflows);
    expect(wf[0]).toMatchObject({ path: '.github/workflows/ci.yml', triggers: ['push', 'pull_request'], runs: ['audit', 'build', 'install', 'lint', 'tests', 'typecheck'] });
    expect(wf[0].jobs[0].steps[2]).toMatchObject({ line: 9, kinds: ['lint', 'typecheck'], resolved: ['check: npm run typecheck && npm run lint'] });
  });
});
