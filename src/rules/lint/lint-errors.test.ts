import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './lint-errors.js';

describe('lint/lint-errors', () => {
  it('valid: 0 errors (warnings alone stay silent)', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('lint', { figures: { tool: 'eslint', files: 3, errors: 0, warnings: 2 } })] });
    expect(run.findings).toEqual([]);
    expect(run.outcomes.map((o) => [o.status, o.reason])).toEqual([['pass', '0 lint errors, 2 warning(s) in 3 file(s) (`npm run lint`)']]);
  });

  it('invalid: errors by rule, the first ones as file evidence', async () => {
    const run = await auditFiles(PKG, {
      rules: [rule], exec: true,
      probeResults: [probeResult('lint', {
        exitCode: 1,
        figures: {
          tool: 'eslint', files: 3, errors: 2, warnings: 1, errorsByRule: { eqeqeq: 1, 'no-undef': 1 },
          messages: [
            { file: 'src/a.js', line: 4, column: 9, ruleId: 'eqeqeq', severity: 'error', message: "Expected '===' and instead saw '=='." },
            { file: 'src/a.js', line: 5, column: 5, ruleId: 'no-console', severity: 'warning', message: 'Unexpected console statement.' },
            { file: 'src/a.js', line: 7, column: 10, ruleId: 'no-undef', severity: 'error', message: "'x' is not defined." },
          ],
        },
      })],
    });
    expect(run.findings.map((f) => [f.ruleId, f.message])).toEqual([[rule.id, '2 lint error(s) and 1 warning(s); top rules eqeqeq ×1, no-undef ×1']]);
    expect(run.findings[0].evidence.filter((e) => e.kind === 'file')).toEqual([
      { kind: 'file', path: 'src/a.js', line: 4, snippet: "eqeqeq: Expected '===' and instead saw '=='." },
      { kind: 'file', path: 'src/a.js', line: 7, snippet: "no-undef: 'x' is not defined." },
    ]);
  });

  it('no linter configured is UNKNOWN, not a pass', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [] });
    expect(run.outcomes.map((o) => o.status)).toEqual(['unknown']);
  });
});
