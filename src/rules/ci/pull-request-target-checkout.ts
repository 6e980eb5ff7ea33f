import { defineRepoRule } from '../api.js';
import { workflowsOf } from '../shared/workflows.js';

const HEAD = /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref|refs\/pull\/|github\.event\.number|merge_commit_sha/;

export default defineRepoRule({
  id: 'ci/pull-request-target-checkout',
  meta: {
    category: 'ci',
    severity: 'critical',
    title: 'pull_request_target workflow checks out the pull request head',
    rationale: 'pull_request_target runs with the base repository\'s secrets and a write token; checking out and running the contributor\'s code hands both to anyone who opens a pull request.',
    remediation: { text: 'Use `pull_request` for jobs that build or test contributed code; keep pull_request_target for labelling/commenting without checking out the head, or split into a `workflow_run` workflow that only reads artifacts.', effort: 'medium' },
    messages: {
      checkout: 'Job "{{job}}" runs on pull_request_target and checks out the pull request head',
      checkoutAndRun: 'Job "{{job}}" runs on pull_request_target and checks out the pull request head, then runs commands on it with the base repository\'s secrets',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => w.platform === 'github' && !w.error);
    const targets = workflows.filter((w) => w.triggers.includes('pull_request_target'));
    if (targets.length === 0) return ctx.notApplicable(`${workflows.length} GitHub workflow(s), none triggered by pull_request_target`);
    for (const w of targets) {
      for (const job of w.jobs) {
        const idx = job.steps.findIndex((s) => (s.uses?.startsWith('actions/checkout') && HEAD.test(Object.values(s.with).join(' ')))
          || (s.run !== null && /\bgh\s+pr\s+checkout\b|\bgit\s+(fetch|checkout)\b[^\n]*(pull\/|\$\{\{\s*github\.(head_ref|event\.pull_request\.head))/.test(s.run)));
        if (idx < 0) continue;
        const runsCode = job.steps.slice(idx + 1).some((s) => s.run !== null || (s.uses !== null && !s.uses.startsWith('actions/')));
        ctx.report({
          messageId: runsCode ? 'checkoutAndRun' : 'checkout',
          data: { job: job.id },
          severity: runsCode ? 'critical' : 'high',
          location: { path: w.path, line: job.steps[idx].line },
        });
      }
    }
    ctx.pass(`${targets.length} pull_request_target workflow(s) inspected`);
  },
});
