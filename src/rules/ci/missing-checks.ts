import type { CheckKind } from '../../model/workflows.js';
import { defineRepoRule, type RepoRuleContext } from '../api.js';
import { rootLockfiles } from '../shared/lockfiles.js';
import { lineOfText, workflowsOf } from '../shared/workflows.js';
import type { Severity } from '../../model/run.js';
import { ciProviderOf, isPlaceholderTestScript } from '../../knowledge/index.js';
import { testSelection } from '../shared/test-selection.js';

interface Expected { kind: CheckKind; severity: Severity; why: string; script: string | null }

function hasDep(ctx: RepoRuleContext, re: RegExp): boolean {
  return ctx.layout.packages.some((p) => Object.keys({ ...p.dependencies, ...p.devDependencies }).some((d) => re.test(d)));
}

type Package = RepoRuleContext['layout']['packages'][number];

function scriptOf(ctx: RepoRuleContext, re: RegExp, runs: (script: string, p: Package) => boolean = () => true): { name: string; manifest: string } | null {
  for (const p of ctx.layout.packages) {
    const name = Object.keys(p.scripts).find((s) => re.test(s) && runs(p.scripts[s], p));
    if (name && p.manifestPath) return { name, manifest: p.manifestPath };
  }
  return null;
}

/** The checks this repository can run, so a missing one is a gap rather than a tool it does not use. */
function expected(ctx: RepoRuleContext): Array<Expected & { at: { path: string; line: number } | null }> {
  const out: Array<Expected & { at: { path: string; line: number } | null }> = [];
  const add = (kind: CheckKind, severity: Severity, why: string, s: { name: string; manifest: string } | null) => {
    const line = s ? lineOfText(ctx.documents.get(s.manifest) ?? '', `"${s.name}"`) : null;
    out.push({ kind, severity, why, script: s?.name ?? null, at: s && line ? { path: s.manifest, line } : null });
  };
  const locks = rootLockfiles(ctx.layout);
  if (locks.length > 0) add('install', 'medium', `a lockfile exists (${locks.join(', ')})`, null);
  // npm's placeholder (`echo "Error: no test specified" && exit 1`) is no test: a CI step could not run one.
  // Nor is a test script whose every command is a tool that runs no test (`"test": "tsc"`): what it
  // checks is the typecheck's or the linter's, expected below on its own grounds.
  const runsTools = (p: Package) =>
    testSelection({ pkg: p, files: ctx.layout.files, document: (path) => ctx.documents.get(path) }).kind === 'tools';
  const test = scriptOf(ctx, /^test$/, (script, p) => !isPlaceholderTestScript(script) && !runsTools(p));
  if (test || ctx.layout.packages.some((p) => p.testRunners.length > 0)) add('tests', 'medium', 'the repository has tests', test);
  if (ctx.layout.tsconfigs.length > 0) add('typecheck', 'medium', 'the repository is TypeScript', scriptOf(ctx, /^(typecheck|type-check|check-types|tsc|types)$/));
  const lint = scriptOf(ctx, /^lint$/);
  if (lint || hasDep(ctx, /^(eslint|@biomejs\/biome|oxlint)$/)) add('lint', 'low', 'the repository has a linter', lint);
  const build = scriptOf(ctx, /^build$/);
  if (build) add('build', 'low', 'a build script exists', build);
  if (ctx.layout.packages.some((p) => Object.keys(p.dependencies).length > 0)) add('audit', 'low', 'the repository has runtime dependencies', null);
  return out;
}

const WHAT: Record<CheckKind, string> = {
  install: 'installs dependencies from the lockfile (npm ci, pnpm install --frozen-lockfile, yarn --immutable)',
  tests: 'runs the tests', typecheck: 'runs the typecheck', lint: 'runs the linter', build: 'runs the build',
  audit: 'audits dependencies for advisories', deploy: 'deploys',
};

export default defineRepoRule({
  id: 'ci/missing-checks',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'A check the repository supports runs in no CI workflow',
    rationale: 'A check that CI does not run is a check nobody runs before merging: tests, typecheck and lint regress silently.',
    remediation: { text: 'Add the missing command to a workflow that runs on pull requests (for example `npm ci`, `npm run typecheck`, `npm test`, `npm run lint`, `npm audit --audit-level=high`).', effort: 'low' },
    messages: {
      noWorkflow: 'No CI workflow (.github/workflows/*.yml or .gitlab-ci.yml): nothing runs the checks before a merge',
      checkMissing: 'No CI workflow {{what}}, although {{why}}',
      checkMissingScript: 'No CI workflow {{what}}, although {{why}} (script "{{script}}")',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx);
    if (ctx.layout.packages.length === 0) return ctx.notApplicable('no package.json: not a JavaScript/TypeScript project');
    const want = expected(ctx);
    const readable = workflows.filter((w) => !w.error);
    if (workflows.length === 0) {
      // CI configured with a provider whose steps verdict does not read: CI exists, its checks are unknown.
      const others = ctx.layout.files.map((f) => ({ path: f.path, provider: ciProviderOf(f.path) })).filter((f) => f.provider !== null);
      if (others.length > 0) {
        const names = [...new Set(others.map((o) => `${o.provider!.name} (${o.path})`))].join(', ');
        return ctx.unknown(`CI is configured with ${names}; verdict reads the steps of GitHub Actions and GitLab CI only, so which checks it runs was not verified`);
      }
      if (want.length === 0) return ctx.notApplicable('no CI workflow, and no tests, typecheck, linter, build or dependencies for one to run');
      ctx.report({
        messageId: 'noWorkflow',
        // Medium, as every reviewer of the accuracy corpus rated it (docs/accuracy.md): nothing checks a
        // merge, but no code is wrong because of it; tests that fail or do not exist are their own findings.
        severity: 'medium', location: null, package: null, evidence: [{ kind: 'note', text: `expected in CI: ${want.map((w) => w.kind).join(', ') || 'nothing detected'}` }],
      });
      return ctx.pass('no workflow found');
    }
    if (readable.length === 0) return ctx.unknown(`no workflow could be parsed: ${workflows[0].error}`);
    const runs = new Set(readable.flatMap((w) => w.runs));
    for (const w of want) {
      if (runs.has(w.kind)) continue;
      ctx.report({
        messageId: w.script ? 'checkMissingScript' : 'checkMissing',
        data: { what: WHAT[w.kind], why: w.why, script: w.script ?? '' },
        severity: w.severity,
        location: w.at,
        package: null,
        evidence: readable.map((x) => ({ kind: 'note' as const, text: `${x.path} runs: ${x.runs.join(', ') || 'none of the known checks'}` })),
      });
    }
    const broken = workflows.filter((w) => w.error).map((w) => w.error);
    ctx.pass(`${readable.length} workflow(s) inspected; CI runs: ${[...runs].sort().join(', ') || 'none of the known checks'}${broken.length ? `; not parsed: ${broken.join('; ')}` : ''}`);
  },
});
