import { defineRepoRule } from '../api.js';

const POLICY = /^(\.github\/|docs\/)?SECURITY(\.(md|markdown|txt|rst|adoc))?$/i;

export default defineRepoRule({
  id: 'docs/security-policy',
  meta: {
    category: 'docs',
    severity: 'low',
    title: 'Security policy (SECURITY.md) present',
    rationale: 'Without a published way to report vulnerabilities, reports arrive as public issues or not at all.',
    remediation: { text: 'Add SECURITY.md (root, .github/ or docs/): supported versions, a private reporting channel, and the expected response time.', effort: 'low' },
    messages: {
      noPolicy: 'no security policy: no SECURITY.md at the root, in .github/ or in docs/',
    },
  },
  check(ctx) {
    const file = ctx.layout.files.find((f) => POLICY.test(f.path));
    if (file) {
      ctx.pass(`security policy at ${file.path}`);
      return;
    }
    ctx.report({ messageId: 'noPolicy', evidence: [{ kind: 'note', text: 'looked for SECURITY.md, .github/SECURITY.md, docs/SECURITY.md (any case, .md/.txt/.rst/.adoc)' }] });
    ctx.pass('looked for SECURITY.md at the root, in .github/ and in docs/');
  },
});
