import { fileRole } from '../../util/roles.js';
import { defineRepoRule } from '../api.js';
import { markdownFacts, markdownHeadings } from '../../collect/facts/markdown.js';
import { isDeployable } from '../shared/packages.js';

const DOC = /\.(md|markdown|mdx|txt|rst|adoc)$/i;
const HISTORY = /(^|\/)(CHANGELOG|HISTORY|CHANGES)[^/]*$/i;
const TOPICS = {
  deploy: { label: 'deploy*, releasing*, release-process* files; headings about deployment, releases or go-live', file: /deploy|releasing|release[-_ ]?(process|guide|runbook)/i, heading: /\b(deploy(ment|ing|s)?|releas(e|es|ing)|go[- ]live)\b/i },
  rollback: { label: 'rollback*, revert* files; headings about rolling back or reverting a deploy', file: /roll-?back|revert/i, heading: /\broll(ing)?[- ]?back\b|\brevert(ing)? (a |the )?(deploy|release)/i },
};

export default defineRepoRule({
  id: 'docs/runbooks',
  meta: {
    category: 'docs',
    severity: 'low',
    title: 'Deployment and rollback runbooks present',
    rationale: 'A release that goes wrong at night is rolled back by whoever is on call; without written steps they improvise under pressure.',
    remediation: { text: 'Write docs/runbooks/deploy.md and docs/runbooks/rollback.md (or sections in the README): commands, checks after deploy, how to roll back code and migrations.', effort: 'low' },
    messages: {
      noRunbook: 'no {{topic}} runbook: no {{topic}} document and no {{topic}} section in {{docs}} doc(s)',
    },
  },
  check(ctx) {
    const deployable = ctx.layout.packages.filter((p) => isDeployable(p, ctx.layout));
    if (deployable.length === 0) {
      ctx.notApplicable('no deployable package (all are published libraries)');
      return;
    }
    const docs = ctx.layout.files.map((f) => f.path).filter((p) => DOC.test(p) && !HISTORY.test(p) && !['test', 'mock', 'generated'].includes(fileRole(p)));
    const docSet = new Set(docs);
    const headings = markdownHeadings(ctx.facts(markdownFacts)).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    const seen: string[] = [];
    for (const [topic, { label, file, heading }] of Object.entries(TOPICS)) {
      let found: string | null = null;
      const byName = docs.find((p) => file.test(p.slice(p.lastIndexOf('/') + 1)));
      if (byName) found = byName;
      const h = found ? null : headings.find((x) => docSet.has(x.path) && heading.test(x.text));
      if (h) found = `${h.path}:${h.line} "${h.text.trim()}"`;
      if (found) {
        seen.push(`${topic} runbook: ${found}`);
        continue;
      }
      ctx.report({
        messageId: 'noRunbook',
        data: { topic, docs: docs.length },
        evidence: [{ kind: 'note', text: `looked for ${label}` }],
      });
      seen.push(`no ${topic} runbook`);
    }
    ctx.pass(`${docs.length} doc(s) searched; ${seen.join('; ')}`);
  },
});
