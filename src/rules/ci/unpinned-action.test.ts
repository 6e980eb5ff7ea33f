import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './unpinned-action.js';

const wf = (steps: string[]) => ['on: push', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...steps].join('\n');
const sha = 'a'.repeat(40);
const workflow = (steps: string[]) => ({ layout: { workflows: ['.github/workflows/a.yml'] }, documents: { '.github/workflows/a.yml': wf(steps) } });

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'SHA pins, GitHub-owned actions, local and docker actions',
      ...workflow([
        '      - uses: actions/checkout@v4',
        '      - uses: github/codeql-action/init@v3',
        `      - uses: pnpm/action-setup@${sha} # v4`,
        '      - uses: ./.github/actions/setup',
        '      - uses: docker://alpine:3.20',
      ]),
      outcomes: [{ status: 'pass' }],
    },
    { name: 'no workflow', outcomes: [{ status: 'not-applicable' }] },
    {
      name: 'a workflow that does not parse is not read as one without actions',
      layout: { workflows: ['.github/workflows/a.yml'] },
      documents: { '.github/workflows/a.yml': 'on: [push\njobs: {' },
      outcomes: [{ status: 'not-applicable' }],
    },
  ],
  invalid: [{
    name: 'third-party actions on a tag or branch, once per workflow',
    ...workflow([
      '      - uses: actions/checkout@v4',
      '      - uses: pnpm/action-setup@v4',
      '      - uses: cloudflare/wrangler-action@main',
      '      - uses: pnpm/action-setup@v4',
    ]),
    findings: [
      { messageId: 'unpinnedRepeated', path: '.github/workflows/a.yml', line: 7, severity: 'low', data: { uses: 'pnpm/action-setup@v4', count: 2 } },
      { messageId: 'unpinned', path: '.github/workflows/a.yml', line: 8, data: { uses: 'cloudflare/wrangler-action@main' } },
    ],
    outcomes: [{ status: 'fail' }],
  }],
});
