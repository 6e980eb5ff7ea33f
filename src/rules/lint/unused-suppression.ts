import { defineRepoRule } from '../api.js';
import { fileRole, isTestSide } from '../../util/roles.js';
import { ruleMatches, suppressionFacts } from '../../collect/facts/suppressions.js';

export default defineRepoRule({
  id: 'lint/unused-suppression',
  meta: {
    category: 'lint',
    severity: 'low',
    title: 'Suppression comments that suppress nothing or give no reason',
    rationale: 'A stale or unexplained `verdict-ignore` hides the next real finding on that line and tells a reviewer nothing.',
    remediation: { text: 'Remove the comment if the finding is gone; otherwise write `verdict-ignore <rule-id>: <reason>` with the reason.', effort: 'low' },
    messages: {
      noRuleId: 'verdict-ignore without a rule id does nothing; name the rule',
      noReason: 'verdict-ignore {{rule}} has no reason, so it does not suppress anything; add ": <reason>"',
      unused: 'verdict-ignore {{rule}} suppresses nothing on line {{line}}',
    },
  },
  check(ctx) {
    const comments = ctx.facts(suppressionFacts);
    for (const c of comments) {
      // Test code embeds suppression comments in fixture strings; only real code is judged.
      if (isTestSide(fileRole(c.path))) continue;
      if (!c.ruleId) {
        ctx.report({ messageId: 'noRuleId', location: { path: c.path, line: c.line } });
        continue;
      }
      if (!c.reason) {
        ctx.report({ messageId: 'noReason', data: { rule: c.ruleId }, location: { path: c.path, line: c.line } });
        continue;
      }
      if (!ctx.enabledRules.some((id) => ruleMatches(c.ruleId!, id))) continue;
      const used = ctx.priorFindings.some((f) => f.path === c.path && f.line === c.appliesToLine && ruleMatches(c.ruleId!, f.ruleId));
      if (!used) {
        ctx.report({ messageId: 'unused', data: { rule: c.ruleId, line: c.appliesToLine }, location: { path: c.path, line: c.line } });
      }
    }
    ctx.pass(`${comments.length} suppression comment(s) checked`);
  },
});
