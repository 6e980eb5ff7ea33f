import { describe, expect, it } from 'vitest';
import { hashPassword } from '../src/lib/auth.js';

describe('auth', () => {
  it('hashes passwords', () => {
    expect(hashPassword('a')).toHaveLength(32);
  });
  it.only('is focused by accident', () => {
    expect(1).toBe(1);
  });
});
