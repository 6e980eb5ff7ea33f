// Every rule ships with a test beside it and a doc under docs/rules/; ids match their files.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../src/model/run.js';
import { allRules } from '../src/rules/index.js';

describe('rule catalogue', () => {
  it('has unique ids of the form <category>/<name> in a known category', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(CATEGORIES).toContain(r.meta.category);
      expect(r.id.split('/')[0]).toBe(r.meta.category);
    }
  });

  it.each(allRules.map((r) => r.id))('%s has its source file, a test beside it, and a doc', (id) => {
    const [cat, name] = id.split('/');
    const src = new URL(`../src/rules/${cat}/${name}.ts`, import.meta.url);
    const test = new URL(`../src/rules/${cat}/${name}.test.ts`, import.meta.url);
    const doc = new URL(`../docs/rules/${cat}/${name}.md`, import.meta.url);
    expect(existsSync(src), `src/rules/${cat}/${name}.ts`).toBe(true);
    expect(existsSync(test), `src/rules/${cat}/${name}.test.ts`).toBe(true);
    expect(existsSync(doc), `docs/rules/${cat}/${name}.md`).toBe(true);
  });
});
