import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'ban-concurrent-index-creation-in-transaction',
  severity: 'high',
  title: 'CREATE INDEX CONCURRENTLY inside a transaction',
  rationale: 'Postgres refuses CONCURRENTLY inside a transaction block: the migration fails at deploy time.',
  remediation: { text: 'Move the statement to a migration the runner applies outside a transaction.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { concurrentIndexInTransaction: '{{violation}}', concurrentIndexInTransactionOnTable: '{{violation}} (table {{table}})' },
  messageId: 'concurrentIndexInTransaction',
  messageIdOnTable: 'concurrentIndexInTransactionOnTable',
});
