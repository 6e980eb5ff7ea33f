import { describe, expect, it } from 'vitest';
import { parseTargets } from './audit.js';

describe('parseTargets: pairing --format and --output', () => {
  it('pairs an --output with the --format before it', () => {
    expect(parseTargets(['--format', 'json', '--output', 'a.json', '--format', 'terminal'])).toEqual([
      { format: 'json', output: 'a.json' },
      { format: 'terminal', output: null },
    ]);
  });

  it('takes an --output given before its --format (the order a new user types)', () => {
    expect(parseTargets(['--output', 'r.json', '--format', 'json'])).toEqual([{ format: 'json', output: 'r.json' }]);
    expect(parseTargets(['--output=r.md', '--format=markdown'])).toEqual([{ format: 'markdown', output: 'r.md' }]);
  });

  it('writes an --output no --format takes in the format its extension names', () => {
    expect(parseTargets(['--output', 'report.json'])).toEqual([{ format: 'json', output: 'report.json' }]);
    expect(parseTargets(['--format', 'json', '--output', 'a.json', '--output', 'b.md'])).toEqual([
      { format: 'json', output: 'a.json' },
      { format: 'markdown', output: 'b.md' },
    ]);
  });

  it('refuses an --output whose format cannot be told, naming it and what to do', () => {
    expect(() => parseTargets(['--output', 'report.txt'])).toThrow(/--output report\.txt: no --format goes with it.*--format terminal\|markdown\|json/);
    expect(() => parseTargets(['--format', 'json', '--output', 'a.json', '--output', 'b'])).toThrow(/--output b:/);
  });

  it('keeps the existing refusals', () => {
    expect(() => parseTargets(['--format', 'yaml'])).toThrow(/--format yaml: expected one of terminal, markdown, json/);
    expect(() => parseTargets(['--format', 'json', '--format', 'markdown'])).toThrow(/at most one --format may go to stdout/);
    expect(() => parseTargets(['--output'])).toThrow(/--output needs a value/);
    expect(parseTargets([])).toEqual([{ format: 'terminal', output: null }]);
  });
});
