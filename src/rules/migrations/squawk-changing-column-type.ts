import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'changing-column-type',
  severity: 'medium',
  title: 'Column type changed in place',
  rationale: 'ALTER COLUMN ... TYPE usually rewrites the table under an ACCESS EXCLUSIVE lock and can break code still reading the old type.',
  remediation: { text: 'Add a new column, dual-write and backfill, switch readers, then drop the old column.', effort: 'medium' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { columnTypeChanged: '{{violation}}', columnTypeChangedOnTable: '{{violation}} (table {{table}})' },
  messageId: 'columnTypeChanged',
  messageIdOnTable: 'columnTypeChangedOnTable',
});
