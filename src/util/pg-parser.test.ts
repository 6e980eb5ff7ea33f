import { describe, expect, it } from 'vitest';
import { usesOfValue } from '../rules/shared/pg-values.js';
import { loadPostgresParser, parsePostgres, toPostgresPlaceholders } from './pg-parser.js';

describe('pg-parser', () => {
  it("spells driver placeholders as Postgres's, leaving quoted text, comments and jsonb operators alone", () => {
    expect(toPostgresPlaceholders("SELECT * FROM `t` WHERE a = ? AND b = '?' AND c ?| array['x'] -- why?\n AND d = ?"))
      .toBe("SELECT * FROM \"t\" WHERE a = $1 AND b = '?' AND c ?| array['x'] -- why?\n AND d = $2");
  });

  it('tells a value written or compared from one wrapped in a function or bound elsewhere', async () => {
    await loadPostgresParser();
    const uses = (sql: string, n: number) => {
      const p = parsePostgres(sql);
      if (!p.ok) throw new Error(p.message);
      return usesOfValue(p.stmts, n);
    };
    expect(uses('INSERT INTO u (email, password) VALUES ($1, $2)', 2)).toEqual([{ kind: 'writes', column: 'password' }]);
    expect(uses("INSERT INTO u (email, password) VALUES ($1, crypt($2, gen_salt('bf')))", 2)).toEqual([]);
    expect(uses('UPDATE u SET pwd = $1::text WHERE id = $2', 1)).toEqual([{ kind: 'writes', column: 'pwd' }]);
    expect(uses('SELECT id FROM u WHERE email = $1 AND u.password = $2', 2)).toEqual([{ kind: 'compares', column: 'password' }]);
    expect(uses('SELECT id FROM u WHERE email = $1 AND password = crypt($2, password)', 2)).toEqual([]);
    expect(parsePostgres('INSERT INTO u VALUES (?)').ok).toBe(false);
  });
});
