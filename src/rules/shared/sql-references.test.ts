import { beforeAll, describe, expect, it } from 'vitest';
import { loadPostgresParser, parsePostgres } from '../../util/pg-parser.js';
import { missingReferences, type RelationLookup } from './sql-references.js';

const TABLES: Record<string, string[]> = { users: ['id', 'email', 'createdAt'], posts: ['id', 'user_id', 'title'] };
const lookup: RelationLookup = (schema, name) => (schema !== null && schema !== 'public' ? 'skip' : TABLES[name] ? new Set(TABLES[name]) : null);

function missing(sql: string): string[] {
  const r = parsePostgres(sql);
  if (!r.ok) throw new Error(r.message);
  return r.stmts.flatMap((s) => missingReferences(s, lookup)).map((m) => (m.kind === 'table' ? `table ${m.table}` : `column ${m.table}.${m.column}`));
}

describe('missingReferences', () => {
  beforeAll(async () => { await loadPostgresParser(); });

  it('finds tables and columns the schema lacks, qualified by alias or unqualified in a one-table scope', () => {
    expect(missing('SELECT u.name FROM users u')).toEqual(['column users.name']);
    expect(missing('SELECT name FROM users WHERE id = $1')).toEqual(['column users.name']);
    expect(missing('SELECT id FROM comments')).toEqual(['table comments']);
    expect(missing('SELECT createdAt FROM users')).toEqual(['column users.createdat']);
    expect(missing('SELECT p.title FROM posts p JOIN users u ON u.id = p.author_id')).toEqual(['column posts.author_id']);
    expect(missing('SELECT id FROM users UNION SELECT id FROM posts WHERE body IS NULL')).toEqual(['column posts.body']);
  });

  it('judges the columns DML writes and reads: INSERT columns, UPDATE SET, ON CONFLICT with excluded, RETURNING', () => {
    expect(missing('INSERT INTO posts (id, body) VALUES ($1, $2)')).toEqual(['column posts.body']);
    expect(missing('UPDATE users SET name = $1 WHERE id = $2 RETURNING email')).toEqual(['column users.name']);
    expect(missing('INSERT INTO posts (id, title) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET title = excluded.titel')).toEqual(['column posts.titel']);
    expect(missing('DELETE FROM posts USING users WHERE posts.user_id = users.id AND users.mail = $1')).toEqual(['column users.mail']);
  });

  it('leaves alone what it cannot list: CTEs, subqueries, functions, other schemas, output names, system columns, whole rows', () => {
    expect(missing('WITH r AS (SELECT user_id, count(*) AS n FROM posts GROUP BY user_id) SELECT r.n, anything FROM r')).toEqual([]);
    expect(missing('SELECT s.total FROM (SELECT count(*) AS total FROM posts) s')).toEqual([]);
    expect(missing('SELECT x FROM unnest($1::int[]) AS x')).toEqual([]);
    expect(missing('SELECT id, whatever FROM users, LATERAL (SELECT 1 AS whatever) l')).toEqual([]);
    expect(missing('SELECT * FROM analytics.events')).toEqual([]);
    expect(missing('SELECT count(*) AS n FROM posts ORDER BY n DESC')).toEqual([]);
    expect(missing('SELECT ctid, row_to_json(u) FROM users u')).toEqual([]);
    expect(missing('SELECT id FROM users WHERE EXISTS (SELECT 1 FROM posts WHERE posts.user_id = users.id AND email IS NOT NULL)')).toEqual([]);
  });
});
