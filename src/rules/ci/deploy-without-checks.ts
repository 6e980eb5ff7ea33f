import type { CheckKind, Workflow, WorkflowJob } from '../../model/workflows.js';
import { defineRepoRule } from '../api.js';
import { workflowsOf } from '../shared/workflows.js';

/** Checks that stop a broken commit when the deploy waits for them. A build counts in a job the deploy needs, not in the deploy job itself (every deploy builds). */
const GATES: readonly CheckKind[] = ['tests', 'typecheck', 'lint'];
const NEEDED_GATES: readonly CheckKind[] = [...GATES, 'build'];

/** Branches whose pushes are releases; a pattern with `*` may match one of them. */
const RELEASE_BRANCHES = ['main', 'master', 'production', 'prod', 'release', 'live'];
const coversRelease = (pattern: string) => RELEASE_BRANCHES.some((b) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*?/g, '.*')}$`).test(b));

/** Whether a push of the release branch runs the workflow. */
function onReleasePush(w: Workflow): boolean {
  if (!w.triggers.includes('push')) return false;
  return w.pushBranches === null || w.pushBranches.some(coversRelease);
}

/** The jobs a job waits for, transitively. */
function needsOf(w: Workflow, job: WorkflowJob): WorkflowJob[] {
  const byId = new Map(w.jobs.map((j) => [j.id, j]));
  const out = new Map<string, WorkflowJob>();
  const queue = [...job.needs];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const j = byId.get(id);
    if (!j || out.has(id)) continue;
    out.set(id, j);
    queue.push(...j.needs);
  }
  return [...out.values()];
}

const runs = (j: WorkflowJob, kinds: readonly CheckKind[]) => j.steps.some((s) => s.kinds.some((k) => kinds.includes(k)));

/**
 * Whether a job the deploy needs checks: its own steps, or the reusable workflow it calls (`uses:
 * ./.github/workflows/ci.yml`). A workflow of another repository cannot be read here: it is taken as
 * checking, so the deploy is not reported on a guess.
 */
function checks(j: WorkflowJob, all: readonly Workflow[]): boolean {
  if (runs(j, NEEDED_GATES)) return true;
  const called = j.steps.length === 1 ? j.steps[0].uses : null;
  if (!called || !/\.ya?ml(@|$)/.test(called)) return false;
  if (!called.startsWith('./')) return true;
  const target = all.find((w) => w.path === called.slice(2));
  return target === undefined || target.jobs.some((k) => runs(k, NEEDED_GATES));
}

export default defineRepoRule({
  id: 'ci/deploy-without-checks',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'A push to the release branch deploys without waiting for the checks',
    rationale: 'A deploy job that neither runs the tests, typecheck or lint itself nor `needs:` a job that does ships every commit pushed to the release branch, broken or not; when the tests run in another workflow on the same push, the deploy races them and is live before they fail.',
    remediation: { text: 'Make the deploy job `needs: [test]` on the job that runs the checks (or trigger the deploy workflow with `workflow_run` on the CI workflow, `types: [completed]`, and `if: github.event.workflow_run.conclusion == \'success\'`).', effort: 'low' },
    messages: {
      deployUnchecked: 'Job "{{job}}" deploys on a push to {{branches}} ({{step}}) and neither runs nor waits for tests, typecheck or lint (no `needs:` on a checking job, no `workflow_run`)',
      deployRacesTests: 'Job "{{job}}" deploys on a push to {{branches}} ({{step}}) without waiting for the tests that {{tests}} runs on the same push: the deploy is live before they fail',
    },
  },
  check(ctx) {
    const all = workflowsOf(ctx);
    const workflows = all.filter((w) => !w.error && w.platform === 'github');
    const deploys = workflows.flatMap((w) => w.jobs.filter((j) => j.steps.some((s) => s.kinds.includes('deploy'))).map((j) => ({ w, j })));
    if (deploys.length === 0) return ctx.notApplicable(`${workflows.length} GitHub Actions workflow(s), no deploy job found (GitLab stages are not read for this check)`);
    let judged = 0;
    for (const { w, j } of deploys) {
      if (!onReleasePush(w) || w.triggers.includes('workflow_run')) continue;
      judged++;
      const needed = needsOf(w, j);
      const at = j.steps.findIndex((s) => s.kinds.includes('deploy'));
      const before = { ...j, steps: j.steps.slice(0, at) };
      if (runs(before, GATES) || needed.some((n) => checks(n, all))) continue;
      const s = j.steps[at];
      const skip = new Set([j, ...needed]);
      // Tests another job runs on the same push: the deploy does not wait for them.
      const racing = workflows.filter(onReleasePush).flatMap((x) => x.jobs.filter((k) => !skip.has(k) && runs(k, ['tests'])).map((k) => ({ x, k })));
      const data = { job: j.id, branches: w.pushBranches?.join(', ') || 'any branch', step: (s.uses ?? s.run ?? '').split('\n').find((l) => l.trim())?.trim() ?? '' };
      const evidence = [
        { kind: 'file' as const, path: w.path, line: j.line, snippet: `${j.id}: needs ${j.needs.length > 0 ? j.needs.join(', ') : 'nothing'}` },
        ...racing.map(({ x, k }) => ({ kind: 'file' as const, path: x.path, line: k.line, snippet: `${k.id}: runs the tests, not awaited` })),
      ];
      // A deploy limited to some paths (`paths: [www/**]`) ships a part of the repository the racing tests may not cover.
      if (racing.length > 0 && w.pushPaths === null) {
        ctx.report({ messageId: 'deployRacesTests', data: { ...data, tests: racing.map(({ x, k }) => `${x.path} job "${k.id}"`).join(', ') }, severity: 'high', location: { path: w.path, line: s.line }, evidence });
      } else {
        ctx.report({ messageId: 'deployUnchecked', data, severity: 'medium', location: { path: w.path, line: s.line }, evidence });
      }
    }
    ctx.pass(`${deploys.length} deploy job(s), ${judged} on a push to a release branch`);
  },
});
