// Postgres operations that hold a lock blocking writes to an existing table while they scan it or
// rebuild it, named by the squawk rule that finds them. How long depends on the table's size, which
// no static check can know.

export interface LockingOperation {
  /** squawk's rule name. */
  rule: string;
  lock: string;
  source: string;
}

export const LOCKING_OPERATIONS: readonly LockingOperation[] = [
  { rule: 'require-concurrent-index-creation', lock: 'SHARE (writes blocked while the index builds)', source: 'https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY' },
  { rule: 'disallowed-unique-constraint', lock: 'ACCESS EXCLUSIVE while the unique index builds', source: 'https://www.postgresql.org/docs/current/sql-altertable.html' },
  { rule: 'adding-foreign-key-constraint', lock: 'SHARE ROW EXCLUSIVE on both tables while existing rows are checked', source: 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT' },
  { rule: 'constraint-missing-not-valid', lock: 'ACCESS EXCLUSIVE while existing rows are checked', source: 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES' },
  { rule: 'changing-column-type', lock: 'ACCESS EXCLUSIVE while the table is rewritten', source: 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES' },
  { rule: 'adding-not-nullable-field', lock: 'ACCESS EXCLUSIVE while every row is checked', source: 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL' },
];

export function lockingOperation(rule: string): LockingOperation | null {
  return LOCKING_OPERATIONS.find((o) => o.rule === rule) ?? null;
}
