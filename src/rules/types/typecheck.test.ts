import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../../test/helpers/repo.js';
import { PKG, probeResult } from '../../../test/helpers/probe-results.js';
import rule from './typecheck.js';

describe('types/typecheck', () => {
  it('is UNKNOWN, never a pass, under --no-exec, and holds the gate at conditions', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"svc"}', 'tsconfig.json': '{}' }, { rules: [rule], exec: false });
    expect(run.outcomes.filter((o) => o.ruleId === rule.id).map((o) => o.status)).toEqual(['unknown']);
    expect(run.gate.decision).toBe('GO_WITH_CONDITIONS');
  });

  it('can make an unknown blocking check NO-GO by policy', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc"}',
      'verdict.config.json': '{ "gate": { "unknownBlocking": "nogo" } }',
    }, { rules: [rule], exec: false });
    expect(run.gate.decision).toBe('NO_GO');
  });

  it('valid: 0 errors passes; a JavaScript-only repo is not applicable', async () => {
    const run = await auditFiles(PKG, { rules: [rule], exec: true, probeResults: [probeResult('typecheck', { figures: { errors: 0 } })] });
    expect(run.outcomes.map((o) => [o.status, o.reason])).toEqual([['pass', '0 type errors (`npm run typecheck`, exit 0)']]);
    const js = await auditFiles({ 'package.json': '{"name":"svc"}' }, { rules: [rule], exec: true, probeResults: [] });
    expect(js.outcomes.map((o) => o.status)).toEqual(['not-applicable']);
  });

  it('invalid: the errors with top codes and files; the first diagnostics as file evidence; NO-GO', async () => {
    const diagnostics = [
      { file: 'src/a.ts', line: 1, column: 14, code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." },
      { file: 'src/c.ts', line: 1, column: 22, code: 'TS2304', message: "Cannot find name 'missingValue'." },
    ];
    const run = await auditFiles(PKG, {
      rules: [rule], exec: true,
      probeResults: [probeResult('typecheck', { exitCode: 2, figures: { errors: 2, filesWithErrors: 2, byCode: { TS2322: 1, TS2304: 1 }, byFile: { 'src/a.ts': 1, 'src/c.ts': 1 }, diagnostics } })],
    });
    expect(run.findings.map((f) => f.messageId)).toEqual(['errors']);
    expect(run.findings.map((f) => f.message)).toEqual(['2 type error(s) in 2 file(s); top codes TS2304 ×1, TS2322 ×1; top files src/a.ts ×1, src/c.ts ×1']);
    expect(run.findings[0].evidence.slice(0, 2)).toEqual([
      { kind: 'file', path: 'src/a.ts', line: 1, snippet: "TS2322: Type 'string' is not assignable to type 'number'." },
      { kind: 'file', path: 'src/c.ts', line: 1, snippet: "TS2304: Cannot find name 'missingValue'." },
    ]);
    expect(run.gate.decision).toBe('NO_GO');
  });
});
