import { describe, expect, it } from 'vitest';
import { at, auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './failing-test.js';

describe('testing/failing-test', () => {
  it('valid: silent when no test failed', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('tests', { figures: { total: 3, passed: 3, failures: [], failedFiles: [] } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => o.status)).toEqual(['pass']);
  });

  it('invalid: one finding per failing test at its file:line, and per test file that failed to load', async () => {
    const run = await auditFiles(PKG, {
      rules: [rule], exec: true,
      probeResults: [probeResult('tests', {
        exitCode: 1,
        figures: {
          total: 3, failed: 2, source: 'vitest-json',
          failures: [
            { name: 'math > divides', file: 'test/math.test.ts', line: 10, error: 'AssertionError: expected 2.5 to be 2\n    at test/math.test.ts:11:20' },
            { name: 'math > subtracts', file: 'test/math.test.ts', line: 13, error: 'AssertionError: expected 2 to deeply equal 3' },
          ],
          failedFiles: [{ file: 'test/db.test.ts', error: "Error: Cannot find module 'pg'" }],
        },
      })],
    });
    const findings = run.findings.filter((f) => f.ruleId === rule.id);
    expect(at(findings)).toEqual(['test/db.test.ts:1', 'test/math.test.ts:10', 'test/math.test.ts:13']);
    expect(findings.map((f) => f.messageId).sort()).toEqual(['failingTest', 'failingTest', 'fileFailed']);
    expect(findings.map((f) => f.message).sort()).toEqual([
      'failing test "math > divides": AssertionError: expected 2.5 to be 2',
      'failing test "math > subtracts": AssertionError: expected 2 to deeply equal 3',
      "test file failed to run: Error: Cannot find module 'pg'",
    ]);
  });
});
