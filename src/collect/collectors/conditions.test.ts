import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { offByDefault } from './conditions.js';

/** The condition `offByDefault` gives for the call `mount()` in `code`. */
function offOf(code: string): string | null {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | null = null;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText(sf) === 'mount') found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return offByDefault(found!, sf);
}

describe('conditions on the environment in the default configuration', () => {
  it('reports the condition a mount needs that an unset environment does not meet', () => {
    expect(offOf("if (config.env === 'production') { mount(); }")).toBe("config.env === 'production'");
    expect(offOf('if (process.env.ENABLE_RATE_LIMIT) mount();')).toBe('process.env.ENABLE_RATE_LIMIT');
    expect(offOf("process.env.RATE_LIMIT === 'on' && mount();")).toBe("process.env.RATE_LIMIT === 'on'");
    expect(offOf("if (env.NODE_ENV !== 'development') mount();")).toBe("env.NODE_ENV !== 'development'");
    expect(offOf("if (config.env === 'development') {} else { mount(); }")).toBe("not config.env === 'development'");
    expect(offOf("const x = process.env['LIMIT'] ? mount() : null;")).toBe("process.env['LIMIT']");
  });

  it('says nothing for conditions that hold by default, or that are not on the environment', () => {
    expect(offOf("if (config.env !== 'test') mount();")).toBeNull();
    expect(offOf('if (!process.env.DISABLE_LIMIT) mount();')).toBeNull();
    expect(offOf("if (config.env === 'production') {} else mount();")).toBeNull();
    expect(offOf('if (useLimiter) mount();')).toBeNull();
    expect(offOf("if (options.mode === 'strict') mount();")).toBeNull();
    // A function body is its own scope: the condition around the function's definition is not the call's.
    expect(offOf("if (process.env.X) { const f = () => 1; } function g() { mount(); }")).toBeNull();
    expect(offOf('mount();')).toBeNull();
  });
});
