import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'require-concurrent-index-creation',
  severity: 'medium',
  title: 'Index created without CONCURRENTLY on an existing table',
  rationale: 'CREATE INDEX without CONCURRENTLY blocks every write to the table for as long as the index build takes.',
  remediation: { text: 'Use CREATE INDEX CONCURRENTLY in a migration that does not run inside a transaction (Prisma: a separate migration applied with a raw script; Drizzle: a custom migration).', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { indexNotConcurrent: '{{violation}}', indexNotConcurrentOnTable: '{{violation}} (table {{table}})' },
  messageId: 'indexNotConcurrent',
  messageIdOnTable: 'indexNotConcurrentOnTable',
});
