import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './step-never-exits.js';

const pkg = (scripts: Record<string, string>) => JSON.stringify({ name: 'svc', scripts, devDependencies: { vitest: '^4.0.0' } }, null, 2);
const wf = (...runs: string[]) => ['name: ci', 'on: [push]', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
  '      - run: npm ci', ...runs.map((r) => `      - run: ${r}`)].join('\n');

describe('ci/step-never-exits', () => {
  it('follows `npm test` to a watching script: high when it is the only test step', async () => {
    const found = await runRule(rule, { 'package.json': pkg({ test: 'node --test --watch' }), '.github/workflows/ci.yml': wf('npm test') });
    expect(at(found)).toEqual(['.github/workflows/ci.yml:9']);
    expect(found[0].severity).toBe('high');
    expect(found[0].evidence).toEqual([expect.objectContaining({ path: 'package.json', snippet: '"test": "node --test --watch"' })]);
  });

  it('is medium when another step runs the tests once', async () => {
    const found = await runRule(rule, { 'package.json': pkg({ test: 'vitest run', 'test:watch': 'jest --watchAll' }), '.github/workflows/ci.yml': wf('npm test', 'npm run test:watch') });
    expect(at(found)).toEqual(['.github/workflows/ci.yml:10']);
    expect(found[0].severity).toBe('medium');
  });

  it('reads tsc -w and nodemon in a step directly, and GitLab CI', async () => {
    const gitlab = ['test:', '  script:', '    - npm ci', '    - npx tsc -w --noEmit'].join('\n');
    expect(at(await runRule(rule, { 'package.json': pkg({}), '.gitlab-ci.yml': gitlab }))).toEqual(['.gitlab-ci.yml:4']);
  });

  it('stays silent on plain vitest (it runs once when CI is set or stdin is no TTY) and on one-shot forms', async () => {
    for (const test of ['vitest', 'vitest run', 'jest --ci', 'node --test', 'jest --watchAll=false']) {
      expect(await runRule(rule, { 'package.json': pkg({ test }), '.github/workflows/ci.yml': wf('npm test') }), test).toEqual([]);
    }
  });

  it('stays silent on a watcher put in the background for the next command', async () => {
    const files = { 'package.json': pkg({ dev: 'nodemon src/index.js', e2e: 'vitest run e2e' }), '.github/workflows/ci.yml': wf('npm run dev & npx wait-on http://localhost:3000 && npm run e2e') };
    expect(await runRule(rule, files)).toEqual([]);
  });

  it('stays silent when the watching script is never run by CI', async () => {
    expect(await runRule(rule, { 'package.json': pkg({ test: 'vitest run', 'test:watch': 'vitest watch' }), '.github/workflows/ci.yml': wf('npm test') })).toEqual([]);
  });
});
