import { describe, expect, it } from 'vitest';
import { satisfies } from './semver.js';

describe('satisfies', () => {
  it.each([
    ['12.0.0', '12.0.0', true], ['12.0.0', '^12.0.0', true], ['12.1.0', '~12.0.0', false], ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false], ['4.2.0', '^4.6.0', false], ['1.4.0', '1.x', true], ['2.0.0', '>=1.2.0 <2.0.0', false],
    ['3.0.0', '^1.0.0 || ^3.0.0', true], ['1.0.0', 'latest', true], ['1.0.0', 'github:a/b', null], ['', '^1.0.0', null],
  ])('%s in %s -> %s', (v, r, want) => {
    expect(satisfies(v, r)).toBe(want);
  });
});
