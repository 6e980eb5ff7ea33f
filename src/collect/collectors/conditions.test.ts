import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { offByDefault } from './conditions.js';
import { lazyScope } from '../scope.js';

/** The condition `offByDefault` gives for the call `mount()` in `code`. */
function offOf(code: string): string | null {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  let found: ts.Node | null = null;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText(sf) === 'mount') found = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return offByDefault(found!, sf, lazyScope(() => sf));
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

  it('follows a name bound to the environment: destructured from process.env (with its default), or a const computed from it', () => {
    expect(offOf('const { ENABLE_RATE_LIMIT } = process.env;\nif (ENABLE_RATE_LIMIT) mount();')).toBe('ENABLE_RATE_LIMIT');
    expect(offOf("const { RATE_LIMIT: limit } = process.env;\nlimit === 'on' && mount();")).toBe("limit === 'on'");
    expect(offOf("const limited = process.env.RATE_LIMIT === 'true';\nif (limited) mount();")).toBe('limited');
    expect(offOf("if ((process.env.RATE_LIMIT ?? 'off') === 'on') mount();")).toBe("(process.env.RATE_LIMIT ?? 'off') === 'on'");
    // Defaults that turn it on, a name nobody can read here, and an object of the code: no condition said.
    expect(offOf("const { RATE_LIMIT = 'on' } = process.env;\nif (RATE_LIMIT === 'on') mount();")).toBeNull();
    expect(offOf("const { DISABLE_LIMIT } = process.env;\nif (!DISABLE_LIMIT) mount();")).toBeNull();
    expect(offOf("const { enabled } = options;\nif (enabled) mount();")).toBeNull();
    expect(offOf("let limited = process.env.RATE_LIMIT === 'true';\nlimited = true;\nif (limited) mount();")).toBeNull();
  });
});
