import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './script-injection.js';

const wf = (steps: string[]) => ['on: [issues, pull_request_target]', 'jobs:', '  j:', '    runs-on: ubuntu-latest', '    steps:', ...steps].join('\n');

describe('ci/script-injection', () => {
  it('stays silent on values passed through env and on trusted contexts', async () => {
    expect(await runRule(rule, {
      'package.json': '{"name":"svc"}',
      '.github/workflows/a.yml': wf([
        '      - env:',
        '          TITLE: ${{ github.event.issue.title }}',
        '        run: echo "$TITLE"',
        '      - run: echo ${{ github.sha }} ${{ github.event.pull_request.number }} ${{ secrets.TOKEN }}',
      ]),
    })).toEqual([]);
  });

  it('reports untrusted event data in run scripts and github-script', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc"}',
      '.github/workflows/a.yml': wf([
        '      - run: |',
        '          echo "checking"',
        '          echo "${{ github.event.pull_request.title }}"',
        '      - run: git checkout ${{ github.head_ref }}',
        '      - uses: actions/github-script@v7',
        '        with:',
        '          script: |',
        '            console.log("${{ github.event.comment.body }}")',
      ]),
    });
    expect(at(findings)).toEqual(['.github/workflows/a.yml:8', '.github/workflows/a.yml:9', '.github/workflows/a.yml:13']);
  });
});
