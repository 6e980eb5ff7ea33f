import { defineRepoRule } from '../api.js';
import { workflowsOf } from '../shared/workflows.js';

/** Actions published by GitHub itself: trusted like the runner, so a tag is accepted. */
const GITHUB_OWNED = new Set(['actions', 'github']);

export default defineRepoRule({
  id: 'ci/unpinned-action',
  meta: {
    category: 'ci',
    severity: 'low',
    title: 'Third-party action not pinned to a commit SHA',
    rationale: 'A tag or branch can be moved by the action\'s owner (or whoever compromises it) to new code that then runs with your workflow\'s token and secrets.',
    remediation: { text: 'Pin the action to a full 40-character commit SHA (`uses: owner/action@<sha> # v1.2.3`) and let Dependabot or Renovate update it.', effort: 'low' },
    messages: {
      unpinned: '`{{uses}}` is not pinned to a commit SHA',
      unpinnedRepeated: '`{{uses}}` is not pinned to a commit SHA (used {{count}} times in this workflow)',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => w.platform === 'github' && !w.error);
    if (workflows.length === 0) return ctx.notApplicable('no readable GitHub workflow');
    let n = 0;
    for (const w of workflows) {
      const seen = new Map<string, { line: number; count: number }>();
      for (const job of w.jobs) {
        for (const s of job.steps) {
          if (!s.uses || s.uses.startsWith('./') || s.uses.startsWith('docker://')) continue;
          n++;
          const [name, ref = ''] = s.uses.split('@');
          if (GITHUB_OWNED.has(name.split('/')[0].toLowerCase()) || /^[0-9a-f]{40}$/i.test(ref)) continue;
          const prev = seen.get(s.uses);
          if (prev) prev.count++;
          else seen.set(s.uses, { line: s.line, count: 1 });
        }
      }
      for (const [uses, { line, count }] of seen) {
        ctx.report({
          messageId: count > 1 ? 'unpinnedRepeated' : 'unpinned',
          data: { uses, count },
          location: { path: w.path, line },
        });
      }
    }
    ctx.pass(`${n} action reference(s) in ${workflows.length} workflow(s) inspected (actions/* and github/* accepted by tag)`);
  },
});
