import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './unpinned-action.js';

const wf = (steps: string[]) => ['on: push', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...steps].join('\n');
const sha = 'a'.repeat(40);

describe('ci/unpinned-action', () => {
  it('stays silent on SHA pins, GitHub-owned actions, local and docker actions', async () => {
    expect(await runRule(rule, {
      '.github/workflows/a.yml': wf([
        '      - uses: actions/checkout@v4',
        '      - uses: github/codeql-action/init@v3',
        `      - uses: pnpm/action-setup@${sha} # v4`,
        '      - uses: ./.github/actions/setup',
        '      - uses: docker://alpine:3.20',
      ]),
    })).toEqual([]);
  });

  it('reports third-party actions on a tag or branch, once per workflow', async () => {
    const findings = await runRule(rule, {
      '.github/workflows/a.yml': wf([
        '      - uses: actions/checkout@v4',
        '      - uses: pnpm/action-setup@v4',
        '      - uses: cloudflare/wrangler-action@main',
        '      - uses: pnpm/action-setup@v4',
      ]),
    });
    expect(at(findings)).toEqual(['.github/workflows/a.yml:7', '.github/workflows/a.yml:8']);
    expect(findings[0].message).toContain('used 2 times');
  });
});
