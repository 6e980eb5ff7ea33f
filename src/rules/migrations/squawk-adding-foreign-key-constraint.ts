import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'adding-foreign-key-constraint',
  severity: 'medium',
  title: 'Foreign key added without NOT VALID',
  rationale: 'Adding a validated foreign key scans the table and takes SHARE ROW EXCLUSIVE locks on both tables, blocking writes to each while it runs.',
  remediation: { text: 'Add the constraint with NOT VALID, then run ALTER TABLE ... VALIDATE CONSTRAINT in a separate migration.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { foreignKeyValidated: '{{violation}}', foreignKeyValidatedOnTable: '{{violation}} (table {{table}})' },
  messageId: 'foreignKeyValidated',
  messageIdOnTable: 'foreignKeyValidatedOnTable',
});
