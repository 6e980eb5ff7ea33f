import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { alwaysByDefault, defaultConfigValue, envDependenceOf, importedSwitchOf, offByDefault } from './conditions.js';
import { lazyScope } from './scope.js';

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

  it('a skip function that returns true with an unset environment, whatever the request, is always on', () => {
    const always = (fn: string): string | null => {
      const sf = ts.createSourceFile('x.ts', `const o = { skip: ${fn} };`, ts.ScriptTarget.Latest, true);
      const decl = (sf.statements[0] as ts.VariableStatement).declarationList.declarations[0];
      const prop = (decl.initializer as ts.ObjectLiteralExpression).properties[0] as ts.PropertyAssignment;
      return alwaysByDefault(prop.initializer, sf);
    };
    expect(always('() => !process.env.ENABLE_RATE_LIMIT')).toBe('!process.env.ENABLE_RATE_LIMIT');
    expect(always("function () { return config.env !== 'production'; }")).toBe("config.env !== 'production'");
    // The request side cannot make it false: true || anything.
    expect(always("(req) => process.env.RATE_LIMIT !== 'on' || req.ip === '::1'")).toBe("process.env.RATE_LIMIT !== 'on' || req.ip === '::1'");
    // Decided per request, false by default, or not about the environment at all.
    expect(always("(req) => req.ip === '::1' && !process.env.ENABLE")).toBeNull();
    expect(always("() => process.env.DISABLE_RATE_LIMIT === 'true'")).toBeNull();
    expect(always('() => true')).toBeNull();
    expect(always('(req) => { log(req); return !process.env.X; }')).toBeNull();
    expect(always('isInternal')).toBeNull();
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

  it('decides a config constant in the default configuration: booleans and environment reads, not other code', () => {
    const value = (code: string) => defaultConfigValue((ts.createSourceFile('x.ts', `(${code})`, ts.ScriptTarget.Latest, true).statements[0] as ts.ExpressionStatement).expression);
    expect(value("process.env.RATE_LIMIT_ENABLED === 'true'")).toEqual({ value: false });
    expect(value("process.env.RATE_LIMIT_DISABLED !== 'true'")).toEqual({ value: true });
    expect(value("(process.env.RATE_LIMIT ?? 'true') === 'true'")).toEqual({ value: true });
    expect(value('process.env.RATE_LIMIT')).toEqual({ value: null });
    expect(value('false')).toEqual({ value: false });
    expect(value('parseFlag(process.env.RATE_LIMIT)')).toBeUndefined();
    expect(value("'fixed'")).toBeUndefined();
  });

  it('reads the imported value a function option answers with: the root, the member path and the negation', () => {
    const fn = (code: string) => {
      const sf = ts.createSourceFile('x.ts', `(${code})`, ts.ScriptTarget.Latest, true);
      const r = importedSwitchOf((sf.statements[0] as ts.ExpressionStatement).expression);
      return r && { root: r.root.text, members: r.members, negate: r.negate };
    };
    expect(fn('() => !config.rateLimit.enabled')).toEqual({ root: 'config', members: ['rateLimit', 'enabled'], negate: true });
    expect(fn("function () { return !!cfg['limits'].off; }")).toEqual({ root: 'cfg', members: ['limits', 'off'], negate: false });
    expect(fn('() => RATE_LIMIT_DISABLED')).toEqual({ root: 'RATE_LIMIT_DISABLED', members: [], negate: false });
    // A call, a comparison or a per-request read is another shape.
    expect(fn('() => isEnabled()')).toBeNull();
    expect(fn("(req) => req.ip === '::1'")).toBeNull();
    expect(fn('(req) => { log(req); return !config.on; }')).toBeNull();
  });
});

describe('envDependenceOf: a value on the environment, by default and with each variable set', () => {
  const dep = (code: string) => {
    const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
    const last = sf.statements[sf.statements.length - 1] as ts.ExpressionStatement;
    return envDependenceOf(last.expression, lazyScope(() => sf));
  };
  it('gives the default and the value with the variable set to what the code compares it with', () => {
    expect(dep("process.env.NODE_ENV === 'production'")).toEqual({
      value: false, vars: ['NODE_ENV'],
      when: [{ name: 'NODE_ENV', set: 'production', value: true }, { name: 'NODE_ENV', set: null, value: false }],
    });
    expect(dep("process.env.NODE_ENV !== 'development'")?.value).toBe(true);
  });
  it('follows an alias of process.env, a destructured variable and a template', () => {
    expect(dep("const env = process.env;\nenv.SSL === 'true'")?.vars).toEqual(['SSL']);
    expect(dep("const { NODE_ENV: mode = 'development' } = process.env;\nmode === 'production'")?.when[0]).toEqual({ name: 'NODE_ENV', set: 'development', value: false });
    expect(dep("`.env.${process.env.NODE_ENV || 'development'}`")?.value).toBe('.env.development');
    // Any other value set: the template holds it (the review puts the deployment's value in).
    expect(dep("`.env.${process.env.NODE_ENV || 'development'}`")?.when.find((w) => w.set === null)?.value).toBe('.env.<set>');
  });
  it('an environment-name field is the development default, said so', () => {
    expect(dep("config.env === 'production'")).toMatchObject({ value: false, vars: ['NODE_ENV'], namedDefault: true });
  });
  it('is null for what does not read the environment or cannot be decided', () => {
    expect(dep("options.mode === 'strict'")).toBeNull();
    expect(dep('isProd()')).toBeNull();
    expect(dep('Number(process.env.PORT) > 3000')).toBeNull();
  });
});
