import { importsOf, moduleFacts, usesOf } from '../../collect/facts/modules.js';
import { isPlaceholderTestScript, isTestFilePath, isTestGlobal, isTestModule } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import { defineRepoRule } from '../api.js';

export default defineRepoRule({
  id: 'testing/no-test-suite',
  meta: {
    category: 'testing',
    severity: 'high',
    title: 'The repository has tests',
    rationale: 'Without a single test, every change ships unverified: nothing catches a regression before users do.',
    remediation: { text: 'Add a test runner (for example Vitest), a `test` script that runs it, and tests for the request handlers and data access; run them in CI.', effort: 'high' },
    messages: {
      none: 'No tests: no test file in the repository and {{scripts}}',
      scriptsOnly: 'No tests: {{count}} file(s) named as tests ({{files}}) use no test runner and assert nothing, and no package depends on a runner; {{scripts}}',
    },
  },
  check(ctx) {
    if (ctx.layout.packages.length === 0) return ctx.notApplicable('no package.json: not a JavaScript/TypeScript project');
    const files = ctx.layout.files.filter((f) => isTestFilePath(f.path));
    const scripts = ctx.layout.packages.map((p) => ({ p, test: p.scripts.test as string | undefined }));
    const scriptText = (list: typeof scripts) => {
      const placeholder = list.filter((s) => s.test !== undefined && isPlaceholderTestScript(s.test));
      const real = list.filter((s) => !isPlaceholderTestScript(s.test));
      if (real.length > 0) return `the test script runs a file directly (${real.map((s) => `${s.p.name}: \`${s.test}\``).join(', ')})`;
      return placeholder.length > 0 ? `the test script is npm's placeholder (${placeholder.map((s) => s.p.name).join(', ')})` : `no package has a test script (${list.length} package(s))`;
    };
    // Where a reader checks the claim: the manifest that would declare the test script.
    const manifest: Evidence[] = ctx.layout.packages.filter((p) => p.manifestPath).slice(0, 1)
      .map((p) => ({ kind: 'file', path: p.manifestPath!, line: 1, snippet: p.scripts.test ? `"test": "${p.scripts.test}"` : 'no "test" script' }));
    if (files.length > 0) {
      const tests = testsAmong(ctx, files.map((f) => f.path));
      if (tests.length > 0) return ctx.pass(`${files.length} test file(s), e.g. ${tests[0]}`);
      // A runner in the dependencies may collect files verdict reads differently (a custom config): only running it can tell.
      const runner = ctx.layout.packages.find((p) => p.testRunners.length > 0);
      if (runner) return ctx.unknown(`${files.length} file(s) named as tests use no test API verdict knows, but ${runner.name} depends on ${runner.testRunners.join(', ')}: only running it can tell`);
      ctx.report({
        messageId: 'scriptsOnly',
        data: { count: files.length, files: files.slice(0, 3).map((f) => f.path).join(', ') + (files.length > 3 ? ', ...' : ''), scripts: scriptText(scripts) },
        location: null,
        package: null,
        evidence: [...manifest, { kind: 'note', text: `none of ${files.map((f) => f.path).slice(0, 5).join(', ')} imports a test runner or an assertion library or calls describe/it/test/expect` }],
      });
      return ctx.pass('test-named files only: no test runner, no assertion');
    }
    const real = scripts.filter((s) => !isPlaceholderTestScript(s.test));
    // A test script with no test file beside it may run tests kept elsewhere (a Postman collection, a
    // generated folder): only running it can tell.
    if (real.length > 0) return ctx.unknown(`no test file found, but ${real[0].p.name} has a test script (\`${real[0].test}\`): only running it can tell whether it tests anything`);
    ctx.report({
      messageId: 'none',
      data: { scripts: scriptText(scripts) },
      location: null,
      package: null,
      evidence: [...manifest, { kind: 'note', text: `${ctx.layout.files.length} file(s) listed; none is a test file (*.test.*, *.spec.*, __tests__/, test/, tests/, e2e/)` }],
    });
    return ctx.pass('no test file and no test script');
  },
});

/**
 * The test-named files that use a test API: import a runner or an assertion library, or call a
 * runner's globals. A file verdict has no facts for (not parsed) counts as a test: unknown is not "none".
 */
function testsAmong(ctx: Parameters<Parameters<typeof defineRepoRule>[0]['check']>[0], paths: string[]): string[] {
  const records = ctx.facts(moduleFacts);
  const seen = new Set(records.map((r) => r.path));
  const api = new Set([
    ...importsOf(records).filter((i) => isTestModule(i.spec)).map((i) => i.path),
    ...usesOf(records).filter((u) => u.names.some(isTestGlobal)).map((u) => u.path),
  ]);
  return paths.filter((p) => api.has(p) || !seen.has(p));
}
