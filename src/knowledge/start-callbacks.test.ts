import { describe, expect, it } from 'vitest';
import { isStartCallback, START_CALLBACKS } from './start-callbacks.js';

describe('start callbacks', () => {
  it('each entry cites its source', () => {
    for (const c of START_CALLBACKS) expect(c.source).toMatch(/^https:\/\//);
  });
  it('a promise continuation, a listen callback, a ready event and a one-off timer run at once', () => {
    expect(isStartCallback({ method: 'then' }, null)).toBe(true);
    expect(isStartCallback({ method: 'listen' }, null)).toBe(true);
    expect(isStartCallback({ method: 'once' }, 'open')).toBe(true);
    expect(isStartCallback({ global: 'setTimeout' }, null)).toBe(true);
  });
  it('a route, a repeating timer, a message event and a catch do not', () => {
    expect(isStartCallback({ method: 'get' }, null)).toBe(false);
    expect(isStartCallback({ method: 'post' }, null)).toBe(false);
    expect(isStartCallback({ global: 'setInterval' }, null)).toBe(false);
    expect(isStartCallback({ method: 'on' }, 'message')).toBe(false);
    expect(isStartCallback({ method: 'catch' }, null)).toBe(false);
  });
});
