import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.js';

const valid = {
  DATABASE_URL: 'postgres://notes@localhost:5432/notes',
  API_TOKEN: 'a'.repeat(40),
  NOTIFY_URL: 'https://hooks.example.invalid/notes',
};

describe('loadEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const env = loadEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('names the missing variable', () => {
    expect(() => loadEnv({ ...valid, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
  });
});
