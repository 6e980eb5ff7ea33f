import { describe, expect, it } from 'vitest';
import { ENV_CONVENTIONS, PROCESS_ENV_GLOBALS, UNSET_CONFIG_READS, unsetConfigReadOf } from './environment.js';

describe('knowledge/environment: configuration reads that are undefined when unset', () => {
  it('finds each entry by its example, and only a value read through it', () => {
    for (const r of UNSET_CONFIG_READS) expect(unsetConfigReadOf(r.example.split('.'))).toBe(r);
    expect(unsetConfigReadOf(['process', 'env'])).toBeNull();
    expect(unsetConfigReadOf(['config', 'env', 'SECRET'])).toBeNull();
    expect(unsetConfigReadOf(['process', 'env', 'A', 'length'])).toBeNull();
  });

  it('says which platforms can validate at startup', () => {
    expect(unsetConfigReadOf(['process', 'env', 'KEY'])?.startupValidation).toBe(true);
    expect(unsetConfigReadOf(['c', 'env', 'KEY'])?.startupValidation).toBe(false);
  });

  it('names each global that is the process environment, with its source', () => {
    expect(PROCESS_ENV_GLOBALS.map((g) => g.global)).toEqual(['process', 'Bun']);
    for (const g of PROCESS_ENV_GLOBALS) {
      expect(g.example.startsWith(`${g.global}.env.`), g.global).toBe(true);
      expect(g.source, g.global).toMatch(/^https:\/\//);
    }
  });

  it("knows NODE_ENV's production value by convention, with its source", () => {
    expect(ENV_CONVENTIONS.find((c) => c.name === 'NODE_ENV')?.production).toBe('production');
    for (const c of ENV_CONVENTIONS) {
      expect(c.example).toContain(c.name);
      expect(c.source).toMatch(/^https:\/\//);
    }
  });
});
