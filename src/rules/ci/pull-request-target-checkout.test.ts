import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './pull-request-target-checkout.js';

const wf = (on: string, steps: string[]) => ['name: x', `on: ${on}`, 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...steps].join('\n');

describe('ci/pull-request-target-checkout', () => {
  it('stays silent on pull_request_target without a head checkout, and on pull_request', async () => {
    expect(await runRule(rule, {
      'package.json': '{"name":"a"}',
      '.github/workflows/label.yml': wf('pull_request_target', ['      - uses: actions/checkout@v4', '      - uses: actions/labeler@v5']),
      '.github/workflows/ci.yml': wf('pull_request', ['      - uses: actions/checkout@v4', '        with:', '          ref: ${{ github.event.pull_request.head.sha }}', '      - run: npm test']),
    })).toEqual([]);
  });

  it('reports a head checkout, critical when commands run after it', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"a"}',
      '.github/workflows/pr.yml': wf('\n  pull_request_target:\n    types: [opened]', [
        '      - uses: actions/checkout@v4',
        '        with:',
        '          ref: ${{ github.event.pull_request.head.sha }}',
        '      - run: npm ci && npm test',
      ]),
      '.github/workflows/view.yml': wf('pull_request_target', ['      - run: gh pr checkout ${{ github.event.number }}']),
    });
    expect(at(findings)).toEqual(['.github/workflows/pr.yml:9', '.github/workflows/view.yml:7']);
    expect(findings.map((f) => f.severity)).toEqual(['critical', 'high']);
  });
});
