import { describe, expect, it } from 'vitest';
import { removeRepo, writeRepo } from '../../../test/helpers/repo.js';
import { discover } from '../../discover/index.js';
import { collect } from '../index.js';
import { drizzleTables } from './drizzle-tables.js';

describe('collect/drizzle-tables', () => {
  it('records pgTable/sqliteTable definitions with column names, builders, nullability and lines', async () => {
    const root = writeRepo({
      'package.json': '{"name":"svc","dependencies":{"drizzle-orm":"0.36.0"}}',
      'src/schema.ts': [
        "import { pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';",
        "export const users = pgTable('users', {",
        '  id: serial().primaryKey(),',
        "  email: text('email').notNull().unique(),",
        "  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),",
        '});',
        'export const dynamic = pgTable(name, {});',
      ].join('\n'),
      'test/schema.test.ts': "pgTable('ignored', { id: serial() });\n",
    });
    try {
      const res = await collect({ layout: discover(root), hosts: [drizzleTables], cache: null, keepDocument: () => false, timing: false });
      expect(res.facts['collect/drizzle-tables']).toEqual([{
        path: 'src/schema.ts', table: 'users', dialect: 'postgresql', line: 2,
        columns: [
          { key: 'id', name: 'id', implied: true, builder: 'serial', notNull: true, line: 3 },
          { key: 'email', name: 'email', implied: false, builder: 'text', notNull: true, line: 4 },
          { key: 'createdAt', name: 'created_at', implied: false, builder: 'timestamp', notNull: false, line: 5 },
        ],
      }]);
    } finally {
      removeRepo(root);
    }
  });
});
