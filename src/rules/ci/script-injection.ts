import { defineRepoRule } from '../api.js';
import { lineOfText, workflowsOf } from '../shared/workflows.js';

/** Contexts an outside contributor controls (GitHub's list of untrusted input). */
const UNTRUSTED = /\bgithub\.(head_ref|event\.(issue\.(title|body)|pull_request\.(title|body|head\.(ref|label|repo\.default_branch))|comment\.body|review\.body|review_comment\.body|pages(\[\d+\]|\.\*|\.\d+)\.page_name|commits(\[\d+\]|\.\*|\.\d+)\.(message|author\.(email|name))|head_commit\.(message|author\.(email|name)|committer\.(email|name))|workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name)))|discussion\.(title|body)|release\.(name|body)))\b/;

export default defineRepoRule({
  id: 'ci/script-injection',
  meta: {
    category: 'ci',
    severity: 'high',
    title: 'Untrusted event data interpolated into a workflow script',
    rationale: '`${{ }}` is expanded into the script text before the shell runs it, so a pull request title or comment can inject commands that run with the workflow\'s token and secrets.',
    remediation: { text: 'Pass the value through an environment variable (`env: TITLE: ${{ github.event.pull_request.title }}`) and use `"$TITLE"` in the script.', effort: 'low' },
    messages: {
      untrustedInterpolation: '`${{ {{expr}} }}` is interpolated into a script in job "{{job}}": its value comes from whoever opened the issue or pull request',
    },
  },
  check(ctx) {
    const workflows = workflowsOf(ctx).filter((w) => !w.error);
    if (workflows.length === 0) return ctx.notApplicable('no readable CI workflow');
    let scripts = 0;
    for (const w of workflows) {
      const text = ctx.documents.get(w.path) ?? '';
      for (const job of w.jobs) {
        for (const s of job.steps) {
          const script = s.run ?? (s.uses?.startsWith('actions/github-script') ? s.with.script ?? null : null);
          if (!script) continue;
          scripts++;
          for (const m of script.matchAll(/\$\{\{([^}]*)\}\}/g)) {
            const expr = m[1].trim();
            if (!UNTRUSTED.test(expr)) continue;
            ctx.report({
              messageId: 'untrustedInterpolation',
              data: { expr, job: job.id },
              location: { path: w.path, line: lineOfText(text, m[0], s.line) ?? s.line },
            });
          }
        }
      }
    }
    ctx.pass(`${scripts} script step(s) in ${workflows.length} workflow(s) inspected`);
  },
});
