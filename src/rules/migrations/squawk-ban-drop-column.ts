import { defineSquawkRule } from '../shared/squawk.js';

export default defineSquawkRule({
  rule: 'ban-drop-column',
  severity: 'medium',
  title: 'Column dropped',
  rationale: 'Dropping a column loses its data and breaks instances still running code that selects it.',
  remediation: { text: 'Stop reading and writing the column in a release first; drop it in a later migration, after a backup.', effort: 'low' },
  // squawk's own text for the violation, and the table when the statement names one.
  messages: { droppedColumn: '{{violation}}', droppedColumnOnTable: '{{violation}} (table {{table}})' },
  messageId: 'droppedColumn',
  messageIdOnTable: 'droppedColumnOnTable',
});
