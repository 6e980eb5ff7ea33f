import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'constraint-missing-not-valid',
  supersededBy: ['adding-foreign-key-constraint', 'disallowed-unique-constraint'],
  severity: 'medium',
  title: 'CHECK or other constraint added without NOT VALID',
  rationale: 'A validated constraint scans the whole table under a lock that blocks writes.',
  remediation: { text: 'Add the constraint with NOT VALID, then VALIDATE CONSTRAINT in a separate migration.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { constraintValidated: '{{violation}}', constraintValidatedOnTable: '{{violation}} (table {{table}})' },
  messageId: 'constraintValidated',
  messageIdOnTable: 'constraintValidatedOnTable',
});
