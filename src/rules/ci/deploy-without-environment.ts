import { defineRepoRule } from '../api.js';
import { workflowsOf } from '../shared/workflows.js';

export default defineRepoRule({
  id: 'ci/deploy-without-environment',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'Deploy job without an environment',
    rationale: 'An `environment:` is what gives a deploy job required reviewers, branch restrictions, environment-scoped secrets and a deployment history; without it any push that triggers the workflow deploys.',
    remediation: { text: 'Add `environment: production` (or the target\'s name) to the job and configure protection rules for it in the repository settings.', effort: 'low' },
    messages: {
      noEnvironment: 'Job "{{job}}" deploys ({{step}}) without an `environment:`',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => !w.error);
    const deploys = workflows.flatMap((w) => w.jobs.filter((j) => j.steps.some((s) => s.kinds.includes('deploy'))).map((j) => ({ w, j })));
    if (deploys.length === 0) return ctx.notApplicable(`${workflows.length} workflow(s), no deploy job found`);
    for (const { w, j } of deploys) {
      if (j.environment !== null) continue;
      const s = j.steps.find((x) => x.kinds.includes('deploy'))!;
      ctx.report({ messageId: 'noEnvironment', data: { job: j.id, step: (s.uses ?? s.run ?? '').split('\n').find((l) => l.trim()) ?? '' }, location: { path: w.path, line: s.line } });
    }
    ctx.pass(`${deploys.length} deploy job(s) inspected`);
  },
});
