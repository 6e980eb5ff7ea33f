import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'adding-not-nullable-field',
  severity: 'medium',
  title: 'SET NOT NULL on an existing column',
  rationale: 'SET NOT NULL scans the table under an ACCESS EXCLUSIVE lock, and fails if any row still holds NULL.',
  remediation: { text: 'Add a CHECK (col IS NOT NULL) NOT VALID constraint, VALIDATE it, then SET NOT NULL (Postgres 12+ uses the constraint and skips the scan).', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { setNotNull: '{{violation}}', setNotNullOnTable: '{{violation}} (table {{table}})' },
  messageId: 'setNotNull',
  messageIdOnTable: 'setNotNullOnTable',
});
