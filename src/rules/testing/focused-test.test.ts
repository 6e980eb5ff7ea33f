import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './focused-test.js';

describe('testing/focused-test', () => {
  it('stays silent on ordinary tests, .todo, conditional skips and service code', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc"}',
      'test/a.test.ts': [
        "import { describe, it, test } from 'vitest';",
        "describe('cart', () => {",
        "  it('adds', () => {});",
        "  it.todo('removes');",
        "  it.skipIf(process.platform === 'win32')('uses symlinks', () => {});",
        "  test.each([1, 2])('row %i', () => {});",
        '});',
      ].join('\n'),
      'src/query.ts': "export const only = db.only('x'); export const s = list.skip(2);\n",
    });
    expect(findings).toEqual([]);
  });

  it('reports .only, fit/fdescribe as medium and .skip/xit as low, at their lines', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc"}',
      'test/b.test.ts': [
        "describe.only('checkout', () => {",
        "  it.skip('refunds', () => {});",
        "  it.only('charges', () => {});",
        '});',
        "fit('legacy jasmine focus', () => {});",
        "xit('legacy jasmine skip', () => {});",
        "test.describe.only('playwright suite', () => {});",
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['test/b.test.ts:1', 'test/b.test.ts:3', 'test/b.test.ts:5', 'test/b.test.ts:7', 'test/b.test.ts:2', 'test/b.test.ts:6']);
    expect(findings.map((f) => f.severity)).toEqual(['medium', 'medium', 'medium', 'medium', 'low', 'low']);
    expect(findings.map((f) => f.messageId)).toEqual(['focused', 'focused', 'focused', 'focused', 'skipped', 'skipped']);
    expect(findings[0].message).toBe('focused test committed: describe.only("checkout") makes the runner skip the rest');
  });
});
