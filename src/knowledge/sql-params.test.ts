import { describe, expect, it } from 'vitest';
import { QUESTION_MARK_CLIENTS, SQL_PARAM_CALLS } from './sql-params.js';

describe('knowledge/sql-params', () => {
  it('gives each method one way of binding, an example that calls it, and never counts ? for a Postgres client', () => {
    const methods = SQL_PARAM_CALLS.flatMap((c) => c.methods);
    expect(new Set(methods).size).toBe(methods.length);
    for (const c of SQL_PARAM_CALLS) expect(c.methods.some((m) => c.example.includes(`${m}(`))).toBe(true);
    expect(SQL_PARAM_CALLS.find((c) => c.shape === 'run')?.bindsArguments).toBe(false);
    for (const pg of ['pg', 'postgres', 'neon']) expect(QUESTION_MARK_CLIENTS).not.toContain(pg);
  });
});
