// Messages keyed by id: a rule's `meta.messages` holds templates, a report names one and gives the
// values of its `{{placeholders}}`. Rendered by the rule engine, so every finding's text comes from
// the rule's meta and tests can assert the id instead of prose.
import type { MessageData } from '../collect/index.js';
import type { RuleMeta } from './api.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;

/**
 * The text of a report: its message id's template filled from `data`, or its plain `message`.
 * Throws (naming the rule) on an id the rule does not declare or a placeholder without a value:
 * a rule that says something it did not declare is a bug, and the engine turns it into an error outcome.
 */
export function renderMessage(ruleId: string, meta: RuleMeta, report: { message?: string; messageId?: string; data?: MessageData }): string {
  if (report.messageId === undefined) {
    if (report.message === undefined || report.message === '') throw new Error(`${ruleId} reported a finding with neither a messageId nor a message`);
    return report.message;
  }
  const template = meta.messages?.[report.messageId];
  if (template === undefined) {
    const known = Object.keys(meta.messages ?? {});
    throw new Error(`${ruleId} reported message id "${report.messageId}", which its meta.messages does not declare (${known.length ? `known: ${known.join(', ')}` : 'it declares none'})`);
  }
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = report.data?.[name];
    if (value === undefined) throw new Error(`${ruleId}: message "${report.messageId}" needs {{${name}}}, which the report's data lacks`);
    return String(value);
  });
}
