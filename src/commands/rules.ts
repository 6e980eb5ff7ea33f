import { allRules } from '../rules/index.js';

export function rulesCommand(opts: { json?: boolean }): number {
  const rows = allRules.map((r) => ({
    id: r.id, kind: r.kind, category: r.meta.category, severity: r.meta.severity, title: r.meta.title,
    lifecycle: r.meta.lifecycle ?? 'stable', blocking: r.meta.blocking === true, needsExec: r.meta.needsExec === true,
  }));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    const flags = [r.blocking ? 'blocking' : '', r.needsExec ? 'runs code' : '', r.lifecycle === 'experimental' ? 'experimental' : ''].filter(Boolean).join(', ');
    process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}${flags ? ` (${flags})` : ''}\n`);
  }
  process.stdout.write(`\n${rows.length} rules. \`verdict explain <rule-id>\` prints one rule's documentation.\n`);
  return 0;
}
