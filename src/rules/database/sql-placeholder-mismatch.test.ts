// Placeholders against bound values: `$n` counted by the Postgres parser, `?` by a tokenizer that skips strings and comments.
import { describe, expect, it } from 'vitest';
import { auditFiles, runRule } from '../../../test/helpers/repo.js';
import rule from './sql-placeholder-mismatch.js';

const show = (fs: Awaited<ReturnType<typeof runRule>>) => fs.map((f) => `${f.severity} ${f.location?.path}:${f.location?.line} ${f.messageId}`);

describe('database/sql-placeholder-mismatch', () => {
  it('reports a pg insert with four placeholders and three values, a D1 bind one short, a mysql2 execute, and a gap in $n', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","main":"src/index.ts","dependencies":{"pg":"8","mysql2":"3"}}',
      'src/index.ts': [
        "import { Pool } from 'pg';",
        "import mysql from 'mysql2/promise';",
        'const pool = new Pool();',
        'export async function signup(email: string, hash: string, name: string) {',
        "  return pool.query('INSERT INTO users (email, password, name, created_at) VALUES ($1, $2, $3, $4)', [email, hash, name]);",
        '}',
        'export async function byId(env: { DB: D1Database }, id: number) {',
        "  return env.DB.prepare('SELECT * FROM orders WHERE id = ? AND shop = ?').bind(id).first();",
        '}',
        'export async function price(id: number) {',
        "  const conn = await mysql.createConnection({});",
        "  return conn.execute('SELECT price FROM items WHERE id = ? AND active = ?', [id]);",
        '}',
        'export async function skip(a: string, b: string) {',
        "  return pool.query('UPDATE users SET name = $1 WHERE id = $3', [a, b]);",
        '}',
      ].join('\n'),
    });
    expect(show(findings)).toEqual([
      'high src/index.ts:5 mismatch',
      'high src/index.ts:8 mismatch',
      'high src/index.ts:12 mismatch',
      'high src/index.ts:15 mismatch',
    ]);
    expect(findings[0].message).toContain('4 placeholder(s)');
  });

  it('is silent when each placeholder has its value, whatever sits in strings, comments and casts', async () => {
    const run = await auditFiles({
      'package.json': '{"name":"svc","main":"src/index.ts","dependencies":{"pg":"8"}}',
      'src/index.ts': [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        'export async function ok(id: string, tag: string) {',
        "  await pool.query(\"SELECT id, '$9 or ?' AS label FROM posts WHERE id = $1::uuid AND tag = $2 -- $3\", [id, tag]);",
        "  await pool.query('SELECT * FROM posts WHERE author = $1 OR editor = $1', [id]);",
        "  await env.DB.prepare(\"SELECT * FROM t WHERE a = ? AND note <> 'why?' /* ? */\").bind(id).all();",
        '}',
      ].join('\n'),
    }, { rules: [rule] });
    expect(run.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    expect(run.outcomes.find((o) => o.ruleId === rule.id)).toMatchObject({ status: 'pass', reason: expect.stringContaining('3 literal SQL statement(s)') });
  });

  it('does not count a Postgres jsonb ? operator, values it cannot count, or named parameters', async () => {
    // Look-alikes: `?` in Postgres is an operator; a values variable or spread is no count; `:id` is a name.
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","main":"src/index.ts","dependencies":{"pg":"8","better-sqlite3":"11"}}',
      'src/index.ts': [
        "import { Pool } from 'pg';",
        "import Database from 'better-sqlite3';",
        'const pool = new Pool();',
        "const db = new Database('x.db');",
        'export async function f(params: unknown[], id: string) {',
        "  await pool.query(\"SELECT * FROM docs WHERE meta ? 'draft'\");",
        "  await pool.query('SELECT * FROM docs WHERE a = $1 AND b = $2', params);",
        "  db.prepare('SELECT * FROM t WHERE id = :id').get({ id });",
        '}',
      ].join('\n'),
    });
    expect(findings).toEqual([]);
  });
});
