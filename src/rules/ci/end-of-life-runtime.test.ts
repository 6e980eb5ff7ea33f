import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './end-of-life-runtime.js';

const pkg = { 'package.json': '{"name":"a"}' };

describe('ci/end-of-life-runtime', () => {
  it('stays silent on maintained Node versions, current runners and what it cannot read', async () => {
    expect(await runRule(rule, {
      ...pkg,
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ${{ matrix.os }}',
        '    strategy:',
        '      matrix:',
        '        os: [ubuntu-latest]',
        "        node-version: ['22.x', 24]",
        '    steps:',
        '      - uses: actions/setup-node@v4',
        '        with:',
        '          node-version: lts/*',
        '      - run: echo node 12',
      ].join('\n'),
      '.travis.yml': "language: node_js\nnode_js:\n  - '22'\n  - lts/*\n",
    })).toEqual([]);
  });

  it('reports retired runners and Node versions past end of life, once per file at the first', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-16.04',
        '    steps:',
        '      - uses: actions/setup-node@v1',
        '        with:',
        "          node-version: '12.x'",
        '  deploy:',
        '    runs-on: ubuntu-22.04',
        '    strategy:',
        '      matrix:',
        '        node-version: [16.x, 22.x]',
      ].join('\n'),
      '.travis.yml': "language: node_js\nnode_js:\n  - '12'\n",
    });
    expect(at(findings)).toEqual(['.github/workflows/ci.yml:4', '.travis.yml:3']);
    expect(findings[0].message).toContain('runner ubuntu-16.04 (removed 2021-09-20), Node 12.x (end of life since 2022-04-30), Node 16.x');
    expect(findings.every((f) => f.severity === 'low')).toBe(true);
  });
});
