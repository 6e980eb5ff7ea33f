import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'adding-required-field',
  severity: 'high',
  title: 'A NOT NULL column without a default added to an existing table',
  rationale: 'On a table with rows the ALTER fails (no value for existing rows), and every insert from code that does not know the column fails too.',
  remediation: { text: 'Add the column nullable (or with a constant DEFAULT), backfill it, then SET NOT NULL in a later migration once every writer sends it.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { requiredColumn: '{{violation}}', requiredColumnOnTable: '{{violation}} (table {{table}})' },
  messageId: 'requiredColumn',
  messageIdOnTable: 'requiredColumnOnTable',
});
