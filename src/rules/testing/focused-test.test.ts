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

  it('reads how far .only reaches from the runner: within its file for Vitest and Jest, across the run for Mocha', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","devDependencies":{"jest":"29.7.0"}}',
      // Vitest, imported: the only test of its file is focused: nothing is skipped today.
      'test/alone.test.ts': "import { it } from 'vitest';\nit.only('the one test', () => {});\n",
      // Vitest: a focused test beside another one skips it.
      'test/pair.test.ts': "import { it } from 'vitest';\nit.only('focused', () => {});\nit('skipped by the focus', () => {});\n",
      // Jest through globals (the package's runner): a focused block holding every test of the file.
      'test/block.test.js': "describe.only('all of it', () => {\n  it('a', () => {});\n  it.each([1, 2])('row %i', () => {});\n});\nit.skip('already off', () => {});\n",
      'tools/package.json': '{"name":"tools","devDependencies":{"mocha":"10.0.0"}}',
      // Mocha: the focus reaches every other spec file.
      'tools/test/one.spec.js': "it.only('only me', () => {});\n",
    });
    const byPath = Object.fromEntries(findings.map((f) => [`${f.location?.path}:${f.location?.line}`, `${f.severity} ${f.messageId}`]));
    expect(byPath).toEqual({
      'test/alone.test.ts:2': 'low focusedAlone',
      'test/pair.test.ts:2': 'medium focused',
      'test/block.test.js:1': 'low focusedAlone',
      'test/block.test.js:5': 'low skipped',
      'tools/test/one.spec.js:1': 'medium focusedRun',
    });
    expect(findings.find((f) => f.location?.path === 'test/alone.test.ts')?.message).toBe('focused test committed: it.only("the one test") skips nothing today (Vitest focuses within the file, and the file has no other test); the next test added to the file will not run');
    expect(findings.find((f) => f.location?.path === 'tools/test/one.spec.js')?.message).toBe('focused test committed: it.only("only me") makes Mocha skip every test of every other file');
  });

  it('leaves the finding as it is when the runner cannot be told (two runners declared, none imported)', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","devDependencies":{"jest":"29.7.0","mocha":"10.0.0"}}',
      'test/a.test.js': "it.only('one', () => {});\n",
    });
    expect(findings.map((f) => `${f.severity} ${f.messageId}`)).toEqual(['medium focused']);
  });
});
