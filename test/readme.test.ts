// The README's configuration example is what users copy: it must validate and name real rules.
import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/config/validate.js';
import { findRule } from '../src/rules/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('starts with the two set-up commands: the demo and the tests', () => {
    // First thing after the title: a new user reads nothing before them.
    expect(readme.startsWith('# verdict\n\n```sh\n')).toBe(true);
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(block.split('\n').filter(Boolean).map((l) => l.split('#')[0].trim())).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('has a configuration example that validates and names existing rules', () => {
    const json = /```jsonc\n(\{[\s\S]*?\n\})\n```/.exec(readme)?.[1];
    expect(json).toBeDefined();
    const config = validateConfig(parse(json!), 'README.md');
    const ids = [...Object.keys(config.rules ?? {}), ...(config.exemptions ?? []).map((e) => e.rule)];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(findRule(id), id).toBeDefined();
  });
});
