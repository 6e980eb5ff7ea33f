import type { AuditFigures } from '../../probes/parse/audit.js';
import type { Severity } from '../../model/run.js';
import { defineRepoRule } from '../api.js';
import { commandEvidence, probesOf } from '../shared/probes.js';

const SEVERITY: Record<string, Severity> = { critical: 'high', high: 'high', moderate: 'medium', low: 'low', info: 'info' };

export default defineRepoRule({
  id: 'security/dependency-advisories',
  meta: {
    category: 'security',
    severity: 'high',
    title: 'No known advisories against the locked dependencies',
    rationale: 'A dependency with a published advisory is a known, documented way in; the lockfile pins exactly the versions that ship.',
    remediation: { text: 'Upgrade the affected packages (`npm audit fix`, or bump the parent that pins them), or record why the advisory does not apply.', effort: 'low' },
    messages: {
      advisory: '{{name}}: {{severity}} advisory',
      advisoryTitled: '{{name}}: {{severity}} advisory ({{title}})',
    },
    needsExec: true,
  },
  check(ctx) {
    for (const p of probesOf(ctx, 'audit', 'dependency audit')) {
      const f = p.figures as Partial<AuditFigures>;
      const packages = f.packages ?? [];
      for (const a of packages) {
        ctx.report({
          messageId: a.title ? 'advisoryTitled' : 'advisory',
          data: { name: a.name, severity: a.severity, title: a.title ?? '' },
          severity: SEVERITY[a.severity] ?? 'info',
          package: p.package,
          evidence: [commandEvidence(p)],
        });
      }
      if (packages.length === 0) ctx.pass(`\`${p.command}\`: 0 advisories reported by the registry`, p.package);
    }
  },
});
