import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './missing-permissions.js';

const job = (perm: boolean) => ['  j:', '    runs-on: ubuntu-latest', ...(perm ? ['    permissions:', '      contents: read'] : []), '    steps:', '      - run: echo'];

describe('ci/missing-permissions', () => {
  it('stays silent with top-level permissions, or permissions on every job', async () => {
    expect(await runRule(rule, {
      'package.json': '{"name":"svc"}',
      '.github/workflows/a.yml': ['on: push', 'permissions:', '  contents: read', 'jobs:', ...job(false)].join('\n'),
      '.github/workflows/b.yml': ['on: push', 'jobs:', ...job(true)].join('\n'),
      '.gitlab-ci.yml': 'test:\n  script: [npm test]\n',
    })).toEqual([]);
  });

  it('reports a workflow without permissions', async () => {
    const findings = await runRule(rule, { 'package.json': '{"name":"svc"}', '.github/workflows/a.yml': ['on: push', 'jobs:', ...job(false)].join('\n') });
    expect(at(findings)).toEqual(['.github/workflows/a.yml:1']);
  });
});
