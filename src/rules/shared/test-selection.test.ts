// A repository's Jest patterns are hostile input: only patterns that cannot backtrack without bound are run.
import { describe, expect, it } from 'vitest';
import { boundedRegExp } from './test-selection.js';

describe('boundedRegExp', () => {
  it('compiles the patterns test configs use', () => {
    for (const p of ['.*\\.(spec|check)\\.ts$', '(/__tests__/.*|(\\.|/)(test|spec))\\.[jt]sx?$', '/node_modules/', '\\.e2e-spec\\.ts$', '[a-z]+\\.test\\.js$']) {
      expect(boundedRegExp(p), p).toBeInstanceOf(RegExp);
    }
    expect(boundedRegExp('.*\\.(spec|check)\\.ts$')!.test('src/a.spec.ts')).toBe(true);
  });
  it('refuses nested quantifiers, back-references, overlong and invalid patterns (unknown, never run)', () => {
    for (const p of ['(a+)+$', '(a*)*b', '((ab)*)+c', '(x{1,9}){2,}', '(a|a?)+$'.replace('?', '+'), '(a)\\1', 'x'.repeat(301), '(unclosed']) {
      expect(boundedRegExp(p), p).toBeNull();
    }
  });
  it('refuses ambiguous alternatives under a quantifier: (a|a)+, (a|ab)*, alternatives starting with a class, a dot or nothing; keeps distinct ones', () => {
    for (const p of ['(a|a)+$', '^(a|ab)*c', '(?:x|x)+y', '([a-z]|b)+$', '(.|x)*z', '(|a)+b', '(a|b|a){2,}']) {
      expect(boundedRegExp(p), p).toBeNull();
    }
    for (const p of ['(a|b)+$', '(?:spec|test)+\\.ts$', '(foo|bar)*/x', '(a|a)$', '(a|a)?b']) {
      expect(boundedRegExp(p), p).toBeInstanceOf(RegExp);
    }
  });
});

