import { markerFacts } from '../../collect/facts/markers.js';
import { defineRepoRule } from '../api.js';
import { byPackage } from '../shared/packages.js';

/** How many marker locations a finding lists as evidence; the figures count them all. */
const LISTED = 50;

export default defineRepoRule({
  id: 'completeness/todo-markers',
  meta: {
    category: 'completeness',
    severity: 'info',
    title: 'TODO / FIXME / HACK / XXX markers in source comments',
    rationale: 'Markers are the code\'s own list of unfinished work; a release review should see how many there are and where.',
    remediation: { text: 'Resolve the markers that block a release, and move the rest into the issue tracker with a link in the comment.', effort: 'medium' },
    messages: { markers: '{{count}} marker(s) in {{package}}: {{summary}} in {{files}} file(s)' },
  },
  check(ctx) {
    const grouped = byPackage(ctx.facts(markerFacts), ctx.packageOf);
    if (ctx.layout.packages.length === 0) ctx.notApplicable('no package.json found');
    for (const pkg of ctx.layout.packages) {
      const list = (grouped.get(pkg.name) ?? []).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
      if (list.length === 0) {
        ctx.pass(`no TODO/FIXME/HACK/XXX marker in ${pkg.sourceFiles} source file(s)`, pkg.name);
        continue;
      }
      const counts: Record<string, number> = {};
      for (const m of list) counts[m.tag] = (counts[m.tag] ?? 0) + 1;
      const summary = Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ');
      const files = new Set(list.map((m) => m.path)).size;
      ctx.report({
        messageId: 'markers',
        data: { count: list.length, package: pkg.name, summary, files },
        location: { path: list[0].path, line: list[0].line, snippet: list[0].snippet },
        evidence: [
          ...Object.entries(counts).map(([t, n]) => ({ kind: 'figure' as const, name: t, value: n })),
          ...list.slice(0, LISTED).map((m) => ({ kind: 'file' as const, path: m.path, line: m.line, snippet: m.snippet })),
          ...(list.length > LISTED ? [{ kind: 'note' as const, text: `${list.length - LISTED} more not listed` }] : []),
        ],
        package: pkg.name,
      });
      ctx.pass(`${list.length} marker(s) in ${files} file(s)`, pkg.name);
    }
  },
});
