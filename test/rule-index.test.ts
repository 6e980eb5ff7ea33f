// The rule index checked both ways: every rule file under src/rules/<category>/ is registered in
// its category's index.ts and in allRules, and every registered rule comes from the file its id
// names. A rule file with its test beside it but missing from its index would otherwise be dead
// while every test stays green.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../src/rules/api.js';
import { allRules } from '../src/rules/index.js';
import evalRule from '../src/rules/security/eval.js';
import insecureRandom from '../src/rules/security/insecure-random.js';

const RULES = new URL('../src/rules/', import.meta.url);
/** Folders under src/rules that hold no rules. */
const NOT_CATEGORIES = new Set(['shared']);

export interface RuleFile {
  category: string;
  /** The file name without `.ts`. */
  name: string;
  /** Its default export. */
  exported: unknown;
}

const isRule = (v: unknown): v is Rule =>
  typeof v === 'object' && v !== null && ((v as Rule).kind === 'source' || (v as Rule).kind === 'repository') && typeof (v as Rule).id === 'string';

/** What is wrong with the index, given the rule files and what each category's index.ts and allRules list. */
export function indexProblems(files: readonly RuleFile[], byCategory: Readonly<Record<string, readonly Rule[]>>, all: readonly Rule[]): string[] {
  const problems: string[] = [];
  const fileOf = new Map<Rule, string>();
  for (const f of files) {
    const where = `src/rules/${f.category}/${f.name}.ts`;
    if (!isRule(f.exported)) {
      problems.push(`${where} has no rule as its default export (helpers belong in src/rules/shared/)`);
      continue;
    }
    fileOf.set(f.exported, where);
    if (f.exported.id !== `${f.category}/${f.name}`) problems.push(`${where} defines the rule "${f.exported.id}"; its id must be "${f.category}/${f.name}"`);
    if (!(byCategory[f.category] ?? []).includes(f.exported)) problems.push(`${where} is not registered in src/rules/${f.category}/index.ts`);
    if (!all.includes(f.exported)) problems.push(`${where} is not in allRules (src/rules/index.ts)`);
  }
  for (const [category, rules] of Object.entries(byCategory)) {
    for (const r of rules) {
      if (!fileOf.has(r)) problems.push(`src/rules/${category}/index.ts registers "${r.id}", which comes from no rule file of src/rules/${category}/`);
      if (!all.includes(r)) problems.push(`"${r.id}" of src/rules/${category}/index.ts is not in allRules (is the category imported in src/rules/index.ts?)`);
    }
  }
  for (const r of all) {
    if (!fileOf.has(r)) problems.push(`allRules holds "${r.id}", which comes from no rule file under src/rules/<category>/`);
  }
  const ids = all.map((r) => r.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`"${id}" is registered more than once`);
  return problems;
}

async function listing(): Promise<{ files: RuleFile[]; byCategory: Record<string, Rule[]> }> {
  const files: RuleFile[] = [];
  const byCategory: Record<string, Rule[]> = {};
  for (const dir of readdirSync(RULES, { withFileTypes: true })) {
    if (!dir.isDirectory() || NOT_CATEGORIES.has(dir.name)) continue;
    byCategory[dir.name] = ((await import(new URL(`${dir.name}/index.ts`, RULES).href)) as { rules: Rule[] }).rules;
    for (const f of readdirSync(new URL(`${dir.name}/`, RULES))) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f === 'index.ts') continue;
      const mod = (await import(new URL(`${dir.name}/${f}`, RULES).href)) as { default?: unknown };
      files.push({ category: dir.name, name: f.slice(0, -3), exported: mod.default });
    }
  }
  return { files, byCategory };
}

describe('rule index', () => {
  it('registers every rule file in its category index and in allRules, under the id its path names', async () => {
    const { files, byCategory } = await listing();
    expect(files.length).toBeGreaterThan(50); // the listing found the rule files at all
    expect(indexProblems(files, byCategory, allRules)).toEqual([]);
  });

  it('fails on a rule file missing from its index, a wrong id, a rule without a file and a non-rule file', () => {
    const files: RuleFile[] = [
      { category: 'security', name: 'eval', exported: evalRule },
      { category: 'security', name: 'insecure-random', exported: insecureRandom },
    ];
    expect(indexProblems(files, { security: [evalRule, insecureRandom] }, [evalRule, insecureRandom])).toEqual([]);
    // The file and its test exist; the index forgot it.
    expect(indexProblems(files, { security: [evalRule] }, [evalRule])).toEqual([
      'src/rules/security/insecure-random.ts is not registered in src/rules/security/index.ts',
      'src/rules/security/insecure-random.ts is not in allRules (src/rules/index.ts)',
    ]);
    // Registered in its category, but the category is not in allRules.
    expect(indexProblems(files, { security: [evalRule, insecureRandom] }, [evalRule])).toEqual([
      'src/rules/security/insecure-random.ts is not in allRules (src/rules/index.ts)',
      '"security/insecure-random" of src/rules/security/index.ts is not in allRules (is the category imported in src/rules/index.ts?)',
    ]);
    expect(indexProblems([{ category: 'security', name: 'random', exported: insecureRandom }], { security: [insecureRandom] }, [insecureRandom]))
      .toEqual(['src/rules/security/random.ts defines the rule "security/insecure-random"; its id must be "security/random"']);
    expect(indexProblems([], { security: [evalRule] }, [evalRule])).toEqual([
      'src/rules/security/index.ts registers "security/eval", which comes from no rule file of src/rules/security/',
      'allRules holds "security/eval", which comes from no rule file under src/rules/<category>/',
    ]);
    expect(indexProblems([{ category: 'security', name: 'helpers', exported: undefined }], {}, []))
      .toEqual(['src/rules/security/helpers.ts has no rule as its default export (helpers belong in src/rules/shared/)']);
  });
});
