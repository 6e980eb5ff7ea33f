import { existsSync, readFileSync } from 'node:fs';
import { allRules, findRule } from '../rules/index.js';
import { UsageError } from '../util/errors.js';

export function ruleDocUrl(id: string): URL {
  return new URL(`../../docs/rules/${id}.md`, import.meta.url);
}

export function explainCommand(id: string): number {
  const rule = findRule(id);
  if (!rule) {
    const near = allRules.filter((r) => r.id.includes(id.split('/').pop() ?? id)).map((r) => r.id);
    throw new UsageError(`explain: no rule "${id}"${near.length ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ''} (\`verdict rules\` lists them)`);
  }
  const doc = ruleDocUrl(id);
  const m = rule.meta;
  process.stdout.write(`${rule.id} — ${m.title}\ncategory ${m.category}, default severity ${m.severity}${m.blocking ? ', blocking' : ''}${m.needsExec ? ', needs probes' : ''}\n\n`);
  if (existsSync(doc)) process.stdout.write(readFileSync(doc, 'utf8'));
  else process.stdout.write(`${m.rationale}\n\nFix: ${m.remediation.text}\n`);
  // The ids a finding's `messageId` takes (JSON, SARIF): what to filter or baseline on.
  const messages = Object.entries(m.messages ?? {});
  if (messages.length > 0) process.stdout.write(`\nMessages (id: text):\n${messages.map(([id, text]) => `  ${id}: ${text}`).join('\n')}\n`);
  return 0;
}
