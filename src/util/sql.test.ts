import { describe, expect, it } from 'vitest';
import { splitSql, statementVerb } from './sql.js';

describe('splitSql', () => {
  it('splits on semicolons outside quotes, comments, dollar quotes and trigger bodies, with lines', () => {
    const sql = [
      '-- header; not a statement',
      "INSERT INTO t VALUES ('a;b', \"c;d\");",
      '/* block; comment */ CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;',
      'CREATE TRIGGER tr AFTER INSERT ON t BEGIN',
      '  UPDATE t SET x = 1;',
      'END;',
      'SELECT 1',
    ].join('\n');
    expect(splitSql(sql).map((s) => [s.line, s.endLine, s.text.slice(0, 20)])).toEqual([
      [2, 2, "INSERT INTO t VALUES"],
      [3, 3, 'CREATE FUNCTION f() '],
      [4, 6, 'CREATE TRIGGER tr AF'],
      [7, 7, 'SELECT 1'],
    ]);
  });

  it('keeps doubled quotes inside strings', () => {
    expect(splitSql("SELECT 'it''s; fine';\nSELECT 2;").map((s) => s.text)).toEqual(["SELECT 'it''s; fine'", 'SELECT 2']);
  });
});

describe('statementVerb', () => {
  it('names the keyword a statement starts with, after comments and a parenthesis; null for text that is no statement', () => {
    expect(statementVerb('-- featured only\n  SELECT id FROM t WHERE x = 1 LIMIT ?')).toBe('select');
    expect(statementVerb('/* bump */ UPDATE t SET n = n + 1')).toBe('update');
    expect(statementVerb('(select 1)')).toBe('select');
    expect(statementVerb('INSERT INTO t (a) VALUES (?)')).toBe('insert');
    expect(statementVerb('selected items')).toBeNull();
    expect(statementVerb('')).toBeNull();
  });
});
