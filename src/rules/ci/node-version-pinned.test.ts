import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './node-version-pinned.js';

describe('ci/node-version-pinned', () => {
  it.each([
    ['engines', { 'package.json': '{"name":"a","engines":{"node":">=20"}}' }],
    ['.nvmrc', { 'package.json': '{"name":"a"}', '.nvmrc': '20\n' }],
    ['.node-version', { 'package.json': '{"name":"a"}', '.node-version': '22.1.0' }],
    ['.tool-versions', { 'package.json': '{"name":"a"}', '.tool-versions': 'nodejs 20.11.0\n' }],
    ['volta', { 'package.json': '{"name":"a","volta":{"node":"20.11.0"}}' }],
    ['Dockerfile', { 'package.json': '{"name":"a"}', Dockerfile: 'FROM node:20-alpine\n' }],
  ])('stays silent when pinned by %s', async (_n, files) => {
    expect(await runRule(rule, files)).toEqual([]);
  });

  it('reports a root package without a Node version', async () => {
    const findings = await runRule(rule, { 'package.json': '{\n  "name": "a",\n  "engines": { "node": "*" }\n}', Dockerfile: 'FROM node:latest\n' });
    expect(at(findings)).toEqual(['package.json:1']);
  });
});
