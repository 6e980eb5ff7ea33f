import { importsOf, moduleFacts, usesOf } from '../../collect/facts/modules.js';
import { testContentFacts } from '../../collect/facts/test-content.js';
import { isPlaceholderTestScript, isTestFilePath, isTestGlobal, isTestModule } from '../../knowledge/index.js';
import type { Evidence } from '../../model/run.js';
import { defineRepoRule } from '../api.js';
import { testSelection } from '../shared/test-selection.js';

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
      hollow: 'No real tests: {{count}} test file(s), all {{why}}',
      toolsOnly: 'No tests: no test file in the repository, and the test script runs no test runner ({{runs}})',
      empty: 'No tests: the test script runs a runner whose configuration selects no file of the repository ({{runs}})',
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
      if (tests.length > 0) return hollowTests(ctx, tests);
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
    if (real.length > 0) {
      // A test script and no test-named file: what its runner, as configured, would select. A script
      // running something else (a Postman collection) or a configuration verdict cannot read is unknown.
      const docs = ctx.documents;
      const selections = real.map((s) => ({ s, sel: testSelection({ pkg: s.p, files: ctx.layout.files, document: (path) => docs.get(path) }) }));
      const unknown = selections.find((x) => x.sel.kind === 'unknown');
      if (unknown && unknown.sel.kind === 'unknown') return ctx.unknown(`no test file found, and what ${unknown.s.p.name}'s test script (\`${unknown.s.test}\`) runs is not known: ${unknown.sel.why}`);
      // Every script runs only tools that test nothing (`"test": "tsc"`): no test runs at all.
      if (selections.every((x) => x.sel.kind === 'tools')) {
        const runs = selections.map((x) => `${x.s.p.name}: \`${x.s.test}\` runs ${x.sel.kind === 'tools' ? x.sel.commands.join(', ') : ''}`).join('; ');
        ctx.report({
          messageId: 'toolsOnly',
          data: { runs },
          location: null,
          package: null,
          evidence: [...manifest, { kind: 'note', text: `${ctx.layout.files.length} file(s) listed; none is a test file (*.test.*, *.spec.*, __tests__/, test/, tests/, e2e/), and the test script's commands are tools that run no test (type-checkers, linters, formatters)` }],
        });
        return ctx.pass('the test script runs no test runner');
      }
      const chosen = [...new Set(selections.flatMap((x) => (x.sel.kind === 'files' ? x.sel.files : [])))];
      if (chosen.length > 0) {
        const tests = testsAmong(ctx, chosen);
        // Named unlike a test, these files have no test-content facts (collect reads test-named files): one
        // that calls a test API is a test the configuration runs.
        if (tests.length > 0) return ctx.pass(`the test runner's configuration selects ${chosen.length} file(s) using a test API, e.g. ${tests[0]}`, ctx.packageOf(tests[0]));
        return ctx.unknown(`${chosen.length} file(s) the test runner's configuration selects (${chosen.slice(0, 3).join(', ')}) use no test API verdict knows: only running it can tell`);
      }
      const said = selections.map((x) => (x.sel.kind === 'files' ? `${x.s.p.name}: \`${x.s.test}\` runs ${[...new Set(x.sel.runners)].join(', ')} (${x.sel.configs.length ? `configured in ${x.sel.configs.join(', ')}` : 'default patterns'})`
        : x.sel.kind === 'tools' ? `${x.s.p.name}: \`${x.s.test}\` runs only ${x.sel.commands.join(', ')}` : ''));
      ctx.report({
        messageId: 'empty',
        data: { runs: said.join('; ') },
        location: null,
        package: null,
        evidence: [...manifest, ...configEvidence(ctx, selections.flatMap((x) => (x.sel.kind === 'files' ? x.sel.configs : []))),
          { kind: 'note', text: `${ctx.layout.files.length} file(s) listed; none is one the configured runner selects, and none is named as a test (*.test.*, *.spec.*, __tests__/, test/, tests/, e2e/)` }],
      });
      return ctx.pass('the test script selects no file');
    }
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

/** Where each configuration that decided the selection is: a config file at line 1, a package.json key at its line. */
function configEvidence(ctx: Ctx, configs: string[]): Evidence[] {
  return [...new Set(configs)].map((c) => {
    const [path, key] = c.split(' ');
    const lines = ctx.documents.get(path)?.split('\n') ?? [];
    const i = key ? lines.findIndex((l) => l.includes(`${key}:`) || l.includes(`${key} :`)) : -1;
    return { kind: 'file', path, line: i + 1 || 1, snippet: (lines[Math.max(0, i)] ?? '').trim().slice(0, 160) };
  });
}

type Ctx = Parameters<Parameters<typeof defineRepoRule>[0]['check']>[0];
type Hollow = { path: string; line: number; why: 'scaffold' | 'missing'; text: string };

/**
 * Per package, whether its test files test anything: a file importing a relative module that is no
 * file of the repository cannot load, and a file whose every test is a generator's scaffold (or empty)
 * checks nothing (collect/test-content). One real test file passes the package; a file verdict could
 * not read leaves it unknown; files without a test call (helpers) count for neither.
 */
function hollowTests(ctx: Ctx, tests: string[]): void {
  const content = new Map(ctx.facts(testContentFacts).map((r) => [r.path, r]));
  const imports = importsOf(ctx.facts(moduleFacts));
  const byPackage = new Map<string | null, string[]>();
  for (const path of tests) {
    const pkg = ctx.packageOf(path);
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), path]);
  }
  for (const [pkg, paths] of byPackage) {
    const hollow: Hollow[] = [];
    const unread: string[] = [];
    const real: string[] = [];
    for (const path of paths) {
      const missing = imports.find((i) => i.path === path && isRelativeSource(i.spec) && ctx.link.resolution(path, i.spec).kind === 'unresolved');
      if (missing) { hollow.push({ path, line: missing.line, why: 'missing', text: `imports '${missing.spec}', which is no file of the repository: the file cannot load` }); continue; }
      const c = content.get(path);
      if (!c) { unread.push(path); continue; }
      if (c.tests === 0) continue;
      if (c.scaffold + c.empty < c.tests) { real.push(path); continue; }
      const what = [c.scaffold > 0 ? `${c.scaffold} generated scaffold test(s) (${c.shapes.map((s) => (s === 'defined' ? 'expect(instance).toBeDefined()' : 'expects the generated greeting')).join(', ')})` : '', c.empty > 0 ? `${c.empty} empty test(s)` : ''].filter(Boolean).join(' and ');
      hollow.push({ path, line: c.line ?? 1, why: 'scaffold', text: `${what}, nothing else asserted: ${c.snippet ?? ''}` });
    }
    if (real.length > 0) { ctx.pass(`${paths.length} test file(s), e.g. ${real[0]}`, pkg); continue; }
    if (unread.length > 0) { ctx.unknown(`the content of ${unread.slice(0, 3).join(', ')} could not be read: whether the tests assert anything is not known`, pkg); continue; }
    if (hollow.length === 0) { ctx.pass(`${paths.length} test file(s), e.g. ${paths[0]}`, pkg); continue; }
    const whys = new Set(hollow.map((h) => h.why));
    const why = whys.size === 2 ? 'generated scaffolds that assert nothing of the application, or unable to load (a relative import names no file)'
      : whys.has('missing') ? 'unable to load: each imports a relative module that is no file of the repository'
      : 'generated scaffolds or empty: every test only expects a testing module\'s instance to be defined or the generated greeting';
    ctx.report({
      messageId: 'hollow',
      data: { count: hollow.length, why },
      location: null,
      package: pkg,
      evidence: hollow.map((h) => ({ kind: 'file', path: h.path, line: h.line, snippet: h.text })),
    });
  }
}

/** Files a test imports that are no module (data, styles, assets): a bundler or a transform handles them, not judged here. */
const NOT_MODULES = new Set(['.json', '.css', '.scss', '.sass', '.less', '.svg', '.png', '.jpg', '.jpeg', '.gif', '.html', '.graphql', '.gql', '.txt', '.yaml', '.yml', '.node', '.wasm']);

/** A relative import of a module (an import of a package is the registry's, never judged here). */
function isRelativeSource(spec: string): boolean {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return false;
  const last = spec.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot <= 0 || !NOT_MODULES.has(last.slice(dot).toLowerCase());
}

/**
 * The test-named files that use a test API: import a runner or an assertion library, or call a
 * runner's globals. A file verdict has no facts for (not parsed) counts as a test: unknown is not "none".
 */
function testsAmong(ctx: Ctx, paths: string[]): string[] {
  const records = ctx.facts(moduleFacts);
  const seen = new Set(records.map((r) => r.path));
  const api = new Set([
    ...importsOf(records).filter((i) => isTestModule(i.spec)).map((i) => i.path),
    ...usesOf(records).filter((u) => u.names.some(isTestGlobal)).map((u) => u.path),
  ]);
  return paths.filter((p) => api.has(p) || !seen.has(p));
}
