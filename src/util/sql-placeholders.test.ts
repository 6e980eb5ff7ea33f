import { describe, expect, it } from 'vitest';
import { postgresPlaceholders, questionPlaceholders } from './sql-placeholders.js';

describe('util/sql-placeholders', () => {
  it('counts $n with the Postgres parser: strings, comments and dollar quotes hold none, a reused number is one slot', async () => {
    expect(await postgresPlaceholders("INSERT INTO u (a, b) VALUES ($1, $2) -- $3")).toEqual({ style: '$n', slots: 2, gaps: [] });
    expect(await postgresPlaceholders("SELECT '$5', $$ $7 $$ FROM t WHERE a = $1 OR b = $1")).toEqual({ style: '$n', slots: 1, gaps: [] });
    expect(await postgresPlaceholders('UPDATE t SET a = $1 WHERE id = $3')).toEqual({ style: '$n', slots: 3, gaps: [2] });
    expect(await postgresPlaceholders('SELEC $1')).toBeNull();
  });

  it('counts ? outside strings, quoted names and comments; ?? is one value; numbered ?NNN by the highest', () => {
    expect(questionPlaceholders("SELECT * FROM t WHERE a = ? AND b = 'x?' AND `c?` = ? # ?\n")).toEqual({ style: '?', slots: 2, gaps: [] });
    expect(questionPlaceholders("SELECT ?? FROM t WHERE note = 'it''s ?' AND id = ? /* ? */")).toEqual({ style: '?', slots: 2, gaps: [] });
    expect(questionPlaceholders('SELECT * FROM t WHERE a = ?2 AND b = ?1 AND c = ?2')).toEqual({ style: '?', slots: 2, gaps: [] });
    expect(questionPlaceholders('SELECT * FROM t WHERE a = :a')).toBeNull();
    expect(questionPlaceholders('SELECT * FROM t WHERE a = ?1 AND b = ?')).toBeNull();
    expect(questionPlaceholders("SELECT '12:30' AS t, a::text FROM x WHERE id = ?")).toEqual({ style: '?', slots: 1, gaps: [] });
  });
});
