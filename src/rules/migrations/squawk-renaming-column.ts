import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'renaming-column',
  severity: 'medium',
  title: 'Column renamed',
  rationale: 'Code deployed before the migration still uses the old name: renames break running instances during a rolling deploy.',
  remediation: { text: 'Add the new column, write to both, backfill, move readers, then drop the old one.', effort: 'medium' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { renamedColumn: '{{violation}}', renamedColumnOnTable: '{{violation}} (table {{table}})' },
  messageId: 'renamedColumn',
  messageIdOnTable: 'renamedColumnOnTable',
});
