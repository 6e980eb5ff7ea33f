// The RuleTester must fail when a case is wrong: each check below is shown to fire.
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../../test/helpers/repo.js';
import { Finding } from '../model/run.js';
import { defineRepoRule, defineSourceRule, type Rule } from './api.js';
import consoleLogging from './observability/console-logging.js';
import evalRule from './security/eval.js';
import { repoProblems, RuleTester, runRepoCase, runSourceCase, sourceProblems, type TestFramework } from './tester.js';

const evalCase = { path: 'src/run.ts', code: 'export const run = (code: string) => eval(code);\n' };

/** A test framework that records what the tester registers, and runs each case to its result. */
function recorder(): { t: TestFramework; results(): Promise<Array<{ name: string; error: string | null }>> } {
  const cases: Array<{ name: string; fn: () => Promise<void> }> = [];
  const t: TestFramework = { describe: (_name, fn) => fn(), it: (name, fn) => void cases.push({ name, fn }) };
  return {
    t,
    results: () => Promise.all(cases.map(async (c) => {
      try {
        await c.fn();
        return { name: c.name, error: null };
      } catch (err) {
        return { name: c.name, error: (err as Error).message };
      }
    })),
  };
}

describe('RuleTester on source rules', () => {
  it('passes a right case and says what differs in a wrong one', async () => {
    const result = await runSourceCase(evalRule, evalCase);
    expect(sourceProblems(evalRule, result, [{ messageId: 'runtime', line: 1, severity: 'high', data: { what: 'eval()', code: 'code' } }])).toEqual([]);
    expect(sourceProblems(evalRule, result, [{ messageId: 'runtime', line: 2 }])).toEqual([
      'expected runtime at line 2, not reported',
      'unexpected runtime at line 1: eval() runs code built at run time (code)',
    ]);
    expect(sourceProblems(evalRule, result, [{ messageId: 'requestInput', line: 1 }])[0]).toBe('expected requestInput at line 1, not reported');
    expect(sourceProblems(evalRule, result, [{ messageId: 'runtime', line: 1, severity: 'critical', data: { what: 'Function()' } }]))
      .toEqual(['runtime at line 1: severity is high, expected critical; data.what is "eval()", expected "Function()"']);
    expect(sourceProblems(evalRule, result, [])).toEqual(['unexpected runtime at line 1: eval() runs code built at run time (code)']);
  });

  it('fails valid cases that report, invalid cases that do not, and invalid cases without errors', async () => {
    const r = recorder();
    new RuleTester(r.t).run(evalRule, {
      valid: ["eval('1 + 1');", evalCase],
      invalid: [
        { ...evalCase, errors: [{ messageId: 'runtime', line: 1 }] },
        { code: "eval('1 + 1');", errors: [{ messageId: 'runtime', line: 1 }] },
        { ...evalCase, errors: [] },
      ],
    });
    const results = await r.results();
    expect(results.map((x) => x.error === null)).toEqual([true, false, true, false, false]);
    expect(results[3].error).toContain('expected runtime at line 1, not reported');
    expect(results[4].error).toContain('put it under valid');
  });

  it('takes the role from the path unless the case gives one', async () => {
    expect((await runSourceCase(evalRule, { ...evalCase, path: 'test/run.test.ts' })).findings).toEqual([]);
    expect((await runSourceCase(evalRule, { ...evalCase, path: 'test/run.test.ts', role: 'service' })).findings).toHaveLength(1);
  });

  it('fails a case whose rule reports an undeclared message id or leaves a placeholder empty', async () => {
    const bad = (report: { messageId: string; data?: Record<string, string> }): Rule => defineSourceRule({
      id: 'security/scratch',
      meta: { category: 'security', severity: 'low', title: 't', rationale: 'r', remediation: { text: 'x', effort: 'low' }, messages: { known: 'a {{thing}}' } },
      create: (ctx) => ({ CallExpression: (node) => ctx.report({ node, ...report }) }),
    });
    const undeclared = bad({ messageId: 'unknown' });
    const unfilled = bad({ messageId: 'known' });
    const a = await runSourceCase(undeclared as never, { code: 'f();' });
    expect(a.findings).toEqual([]);
    expect(sourceProblems(undeclared as never, a, [])[0]).toMatch(/^the rule errored: rule failed on src\/index\.ts: security\/scratch reported message id "unknown", which its meta.messages does not declare \(known: known\)/);
    const b = await runSourceCase(unfilled as never, { code: 'f();' });
    expect(sourceProblems(unfilled as never, b, [])[0]).toContain('message "known" needs {{thing}}');
    const good = bad({ messageId: 'known', data: { thing: 'call' } });
    expect((await runSourceCase(good as never, { code: 'f();' })).findings.map((f) => f.message)).toEqual(['a call']);
  });
});

describe('RuleTester on repository rules', () => {
  const layout = { packages: [{ name: 'svc', private: true }] };
  const calls = { path: 'src/server.ts', role: 'service', calls: 1, json: 0, firstLine: 3, snippet: "console.log('x')" };

  it('says what differs in findings and outcomes', async () => {
    const result = await runRepoCase(consoleLogging, { layout, facts: { 'collect/console': [calls] } });
    const finding = { messageId: 'consoleInService', path: 'src/server.ts', line: 3 };
    expect(repoProblems(consoleLogging, result, { findings: [finding], outcomes: [{ status: 'fail', package: 'svc' }] })).toEqual([]);
    expect(repoProblems(consoleLogging, result, { findings: [{ ...finding, path: 'src/other.ts' }] })).toEqual([
      'expected consoleInService at src/other.ts:3, not reported',
      'unexpected consoleInService at src/server.ts:3: 1 console.* call(s) in service code and no structured logger in svc',
    ]);
    expect(repoProblems(consoleLogging, result, { findings: [finding], outcomes: [{ status: 'pass', package: 'svc' }] })[0])
      .toMatch(/^outcomes are \[fail \(svc\)\], expected \[pass \(svc\)\]/);
  });

  it('runs the files of a case through the real collectors', async () => {
    const result = await runRepoCase(consoleLogging, { layout, files: { 'src/server.ts': "import x from 'x';\n\nconsole.log('up');\n" } });
    expect(result.findings.map((f) => `${f.messageId} ${f.path}:${f.line}`)).toEqual(['consoleInService src/server.ts:3']);
  });

  it('fails a case whose rule throws or declares no outcome', async () => {
    const throws = defineRepoRule({
      id: 'ci/scratch', meta: { category: 'ci', severity: 'low', title: 't', rationale: 'r', remediation: { text: 'x', effort: 'low' } },
      check: (ctx) => ctx.report({ messageId: 'nope', location: { path: 'a.yml', line: 1 } }),
    });
    expect(repoProblems(throws, await runRepoCase(throws, {}), { findings: [] })[0]).toMatch(/^the rule errored: rule threw: ci\/scratch reported message id "nope"/);
    const silent = defineRepoRule({ ...throws, check: () => {} });
    expect(repoProblems(silent, await runRepoCase(silent, {}), { findings: [] })[0]).toMatch(/a rule must say what it inspected/);
  });
});

describe('message ids in an audit', () => {
  it('are rendered into the message and kept on the finding of the result model', async () => {
    const run = await auditFiles({ 'package.json': '{"name":"svc"}', 'src/run.ts': evalCase.code }, { rules: [evalRule] });
    expect(run.findings.map((f) => [f.messageId, f.message])).toEqual([['runtime', 'eval() runs code built at run time (code)']]);
    expect(Finding.parse(run.findings[0]).messageId).toBe('runtime');
  });
});
