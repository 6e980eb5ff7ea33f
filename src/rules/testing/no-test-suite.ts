import { isPlaceholderTestScript, isTestFilePath } from '../../knowledge/index.js';
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
    },
  },
  check(ctx) {
    if (ctx.layout.packages.length === 0) return ctx.notApplicable('no package.json: not a JavaScript/TypeScript project');
    const files = ctx.layout.files.filter((f) => isTestFilePath(f.path));
    if (files.length > 0) return ctx.pass(`${files.length} test file(s), e.g. ${files[0].path}`);
    const scripts = ctx.layout.packages.map((p) => ({ p, test: p.scripts.test as string | undefined }));
    const real = scripts.filter((s) => !isPlaceholderTestScript(s.test));
    // A test script with no test file beside it may run tests kept elsewhere (a Postman collection, a
    // generated folder): only running it can tell.
    if (real.length > 0) return ctx.unknown(`no test file found, but ${real[0].p.name} has a test script (\`${real[0].test}\`): only running it can tell whether it tests anything`);
    const placeholder = scripts.filter((s) => s.test !== undefined);
    ctx.report({
      messageId: 'none',
      data: { scripts: placeholder.length > 0 ? `the test script is npm's placeholder (${placeholder.map((s) => s.p.name).join(', ')})` : `no package has a test script (${scripts.length} package(s))` },
      location: null,
      package: null,
      evidence: [{ kind: 'note', text: `${ctx.layout.files.length} file(s) listed; none is a test file (*.test.*, *.spec.*, __tests__/, test/, tests/, e2e/)` }],
    });
    return ctx.pass('no test file and no test script');
  },
});
