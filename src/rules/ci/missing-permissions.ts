import { defineRepoRule } from '../api.js';
import { workflowsOf } from '../shared/workflows.js';

export default defineRepoRule({
  id: 'ci/missing-permissions',
  meta: {
    category: 'ci',
    severity: 'medium',
    title: 'Workflow without a top-level permissions block',
    rationale: 'Without `permissions:` the job token gets the repository default, which is often read-write on everything; a compromised step can then push code or publish releases.',
    remediation: { text: 'Add `permissions: contents: read` at the top of the workflow and grant more per job only where needed.', effort: 'low' },
    messages: {
      noPermissions: '{{workflow}} sets no top-level `permissions:`: its jobs get the repository\'s default token scope',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => w.platform === 'github' && !w.error);
    if (workflows.length === 0) return ctx.notApplicable('no readable GitHub workflow');
    for (const w of workflows) {
      if (w.permissionsLine !== null || (w.jobs.length > 0 && w.jobs.every((j) => j.permissions))) continue;
      ctx.report({ messageId: 'noPermissions', data: { workflow: w.path }, location: { path: w.path, line: 1 } });
    }
    ctx.pass(`${workflows.length} GitHub workflow(s) inspected`);
  },
});
