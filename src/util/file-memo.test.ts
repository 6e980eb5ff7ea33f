import { describe, expect, it } from 'vitest';
import { OwnMemo } from './file-memo.js';
import { lineTextOf } from './text.js';

describe('OwnMemo', () => {
  it('keeps a value per owner, on the owner, apart from other memos', () => {
    const a = new OwnMemo<object, number>('a');
    const b = new OwnMemo<object, number>('a'); // same name, still its own key
    const x = {};
    const y = {};
    expect(a.get(x)).toBeUndefined();
    expect(a.set(x, 1)).toBe(1);
    b.set(x, 2);
    a.set(y, 3);
    expect([a.get(x), b.get(x), a.get(y), b.get(y)]).toEqual([1, 2, 3, undefined]);
    // Nothing visible to JSON or key listing: the tree serialises as before.
    expect(Object.keys(x)).toEqual([]);
    expect(JSON.stringify(x)).toBe('{}');
  });

  it('line texts are memoised per owner: two owners with different texts do not mix', () => {
    const one = {};
    const two = {};
    expect(lineTextOf(one, 'a\nb\nc', 2)).toBe('b');
    expect(lineTextOf(two, 'x\r\ny', 1)).toBe('x');
    expect(lineTextOf(one, 'a\nb\nc', 3)).toBe('c');
    expect(lineTextOf(two, 'x\r\ny', 2)).toBe('y');
  });
});
