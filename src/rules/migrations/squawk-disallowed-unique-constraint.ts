import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'disallowed-unique-constraint',
  severity: 'medium',
  title: 'UNIQUE constraint added to an existing table',
  rationale: 'ADD CONSTRAINT ... UNIQUE builds its index under an ACCESS EXCLUSIVE lock that blocks reads and writes.',
  remediation: { text: 'CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE ... ADD CONSTRAINT ... UNIQUE USING INDEX.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { uniqueConstraint: '{{violation}}', uniqueConstraintOnTable: '{{violation}} (table {{table}})' },
  messageId: 'uniqueConstraint',
  messageIdOnTable: 'uniqueConstraintOnTable',
});
