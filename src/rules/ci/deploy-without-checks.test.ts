import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './deploy-without-checks.js';

const pkg = JSON.stringify({ name: 'svc', scripts: { test: 'vitest run', build: 'tsup src/index.ts' } });
const onPush = ['on:', '  push:', '    branches: [main]'];
const job = (id: string, steps: string[], needs?: string) => [`  ${id}:`, '    runs-on: ubuntu-latest', ...(needs ? [`    needs: ${needs}`] : []), '    steps:', ...steps.map((s) => `      - ${s}`)];
const deploySteps = ['uses: actions/checkout@v4', 'run: flyctl deploy --remote-only'];

describe('ci/deploy-without-checks', () => {
  it('stays silent when the deploy waits for a checking job, runs the checks itself, or follows CI through workflow_run', async () => {
    expect(await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/needs.yml': [...onPush, 'jobs:', ...job('test', ['run: npm ci', 'run: npm test']), ...job('deploy', deploySteps, '[test]')].join('\n'),
      '.github/workflows/chain.yml': [...onPush, 'jobs:', ...job('lint', ['run: npx eslint .']), ...job('image', ['run: docker build .'], 'lint'), ...job('ship', ['run: ssh deploy@$HOST "docker compose pull && docker compose up -d"'], 'image')].join('\n'),
      '.github/workflows/inline.yml': [...onPush, 'jobs:', ...job('deploy', ['run: npm ci', 'run: npm test', 'run: npx wrangler deploy'])].join('\n'),
      '.github/workflows/after-ci.yml': ['on:', '  workflow_run:', '    workflows: [CI]', '    types: [completed]', 'jobs:', ...job('deploy', deploySteps)].join('\n'),
      '.github/workflows/manual.yml': ['on: workflow_dispatch', 'jobs:', ...job('deploy', deploySteps)].join('\n'),
      '.github/workflows/tags.yml': ['on:', '  push:', '    tags: ["v*"]', 'jobs:', ...job('deploy', deploySteps)].join('\n'),
      '.github/workflows/reusable.yml': [...onPush, 'jobs:', '  ci:', '    uses: ./.github/workflows/checks.yml', ...job('deploy', deploySteps, 'ci')].join('\n'),
      '.github/workflows/checks.yml': ['on: workflow_call', 'jobs:', ...job('test', ['run: npm ci', 'run: npm test'])].join('\n'),
      '.github/workflows/staging.yml': ['on:', '  push:', '    branches: [staging]', 'jobs:', ...job('deploy', deploySteps)].join('\n'),
    })).toEqual([]);
  });

  it('reports a deploy on push that runs no checks (medium), and high when tests run on the same push without it waiting', async () => {
    const lone = await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': [...onPush, 'jobs:', ...job('deploy', ['run: npm ci', 'run: npm run build', 'run: curl -X POST "https://api.render.com/deploy/srv-1?key=${{ secrets.K }}"'])].join('\n'),
      '.github/workflows/ci.yml': ['on: pull_request', 'jobs:', ...job('test', ['run: npm ci', 'run: npm test'])].join('\n'),
    });
    expect(at(lone)).toEqual(['.github/workflows/deploy.yml:10']);
    expect(lone[0].severity).toBe('medium');
    expect(lone[0].messageId).toBe('deployUnchecked');

    const racing = await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': ['on: push', 'jobs:', ...job('build', ['run: docker build -t api .']), ...job('deploy', ['uses: appleboy/ssh-action@v1.0.3'], 'build')].join('\n'),
      '.github/workflows/ci.yml': ['on: [push, pull_request]', 'jobs:', ...job('test', ['run: npm ci', 'run: npm test'])].join('\n'),
    });
    // A needed job that only builds the image: the build gate holds, so this one is not reported.
    expect(racing).toEqual([]);

    const high = await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': ['on: push', 'jobs:', ...job('deploy', ['uses: appleboy/ssh-action@v1.0.3'])].join('\n'),
      '.github/workflows/ci.yml': ['on: [push, pull_request]', 'jobs:', ...job('test', ['run: npm ci', 'run: npm test'])].join('\n'),
    });
    expect(at(high)).toEqual(['.github/workflows/deploy.yml:6']);
    expect(high[0].severity).toBe('high');
    expect(high[0].messageId).toBe('deployRacesTests');

    // A deploy limited to one folder: the tests that race it may not cover that folder, so medium.
    const scoped = await runRule(rule, {
      'package.json': pkg,
      '.github/workflows/deploy.yml': ['on:', '  push:', '    branches: [main]', '    paths: ["docs/**"]', 'jobs:', ...job('deploy', ['run: npx wrangler deploy'])].join('\n'),
      '.github/workflows/ci.yml': ['on: [push, pull_request]', 'jobs:', ...job('test', ['run: npm ci', 'run: npm test'])].join('\n'),
    });
    expect(scoped.map((f) => `${f.messageId} ${f.severity}`)).toEqual(['deployUnchecked medium']);
  });
});
