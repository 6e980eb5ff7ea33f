import { describe, expect, it } from 'vitest';
import { FIELD_WRITES, holdsMoneyOrStock, isFieldWrite, isRowLockMethod, isRowLockOption, isRowRead, isRowSave, isTransactionMethod, isVersionField, MONEY_STOCK_WORDS, ROW_READS, ROW_SAVES } from './row-updates.js';

describe('knowledge/row-updates', () => {
  it('each read, write and save is what its example calls', () => {
    for (const r of ROW_READS) expect(r.example, r.method).toContain(`.${r.method}(`);
    for (const w of FIELD_WRITES) expect(w.example, w.method).toContain(`.${w.method}(`);
    for (const s of ROW_SAVES) expect(s.example).toContain(`.${s.method}(`);
    expect(isRowRead('findUnique')).toBe(true);
    expect(isRowRead('findMany')).toBe(false);
    expect(isFieldWrite('update')).toBe(true);
    expect(isFieldWrite('create')).toBe(false);
    expect(isRowSave('save')).toBe(true);
  });

  it('locks, transactions and version fields', () => {
    expect(isRowLockOption('lock')).toBe(true);
    expect(isRowLockMethod('forUpdate')).toBe(true);
    expect(isRowLockMethod('where')).toBe(false);
    expect(isTransactionMethod('$transaction')).toBe(true);
    expect(isVersionField('version')).toBe(true);
    expect(isVersionField('name')).toBe(false);
  });

  it('money and stock fields by the words of their names', () => {
    for (const f of MONEY_STOCK_WORDS.examples) expect(holdsMoneyOrStock(f), f).toBe(true);
    for (const f of MONEY_STOCK_WORDS.notExamples) expect(holdsMoneyOrStock(f), f).toBe(false);
  });
});
