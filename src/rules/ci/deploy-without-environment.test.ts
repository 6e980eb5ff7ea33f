import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './deploy-without-environment.js';

const wf = (env: string[], steps: string[]) => ['on: push', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', ...env, '    steps:', ...steps].join('\n');

describe('ci/deploy-without-environment', () => {
  it('stays silent on deploy jobs with an environment and on dry runs', async () => {
    expect(await runRule(rule, {
      'package.json': JSON.stringify({ name: 'a', scripts: { deploy: 'wrangler deploy' } }),
      '.github/workflows/a.yml': wf(['    environment: production'], ['      - run: npm run deploy', '      - run: ./deploy.sh']),
      '.github/workflows/b.yml': wf([], ['      - run: npx wrangler deploy --dry-run --outdir dist']),
      '.github/workflows/c.yml': wf(['    environment:', '      name: prod', '      url: https://x'], ['      - uses: cloudflare/wrangler-action@v3']),
    })).toEqual([]);
  });

  it('reports deploy jobs without an environment, resolving scripts', async () => {
    const findings = await runRule(rule, {
      'package.json': JSON.stringify({ name: 'a', scripts: { release: 'vercel --prod' } }),
      '.github/workflows/a.yml': wf([], ['      - run: npm ci', '      - run: npm run release']),
      '.github/workflows/b.yml': wf([], ['      - run: flyctl deploy --remote-only']),
      '.github/workflows/c.yml': wf([], ['      - run: ./scripts/deploy.sh']),
      '.gitlab-ci.yml': 'deploy:\n  script:\n    - kubectl apply -f k8s/\n',
    });
    expect(at(findings)).toEqual(['.github/workflows/a.yml:7', '.github/workflows/b.yml:6', '.github/workflows/c.yml:6', '.gitlab-ci.yml:3']);
  });
});
