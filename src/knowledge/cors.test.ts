import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope, requireOf } from '../collect/scope.js';
import { CORS_LIBRARIES, corsLibraryOf, NEST_CORS } from './index.js';

/** The imports (module, export) of every identifier the example calls or passes to `register`. */
function appliedImports(code: string): Array<{ from: string; imported: string; how: 'call' | 'register'; args: number }> {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const scope = lazyScope(() => sf);
  const out: Array<{ from: string; imported: string; how: 'call' | 'register'; args: number }> = [];
  const importOf = (e: ts.Expression) => {
    if (!ts.isIdentifier(e)) return null;
    const b = scope.resolve(e);
    return b ? (b.kind === 'import' ? b : requireOf(b)) : null;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const direct = importOf(n.expression);
      if (direct) out.push({ from: direct.from, imported: direct.imported, how: 'call', args: n.arguments.length });
      if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'register' && n.arguments[0]) {
        const plugin = importOf(n.arguments[0]);
        if (plugin) out.push({ from: plugin.from, imported: plugin.imported, how: 'register', args: n.arguments.length - 1 });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('CORS libraries', () => {
  it('each example applies its export the way the entry says, with no options, and is found by its import', () => {
    for (const lib of CORS_LIBRARIES) {
      expect(lib.source, lib.package).toMatch(/^https:\/\//);
      const applied = appliedImports(lib.example);
      expect(applied, lib.package).toHaveLength(1);
      const [a] = applied;
      expect(a.how, lib.package).toBe(lib.how);
      expect(a.args, lib.package).toBe(0);
      const imported = a.imported === '*' ? 'default' : a.imported;
      expect(corsLibraryOf(a.from, imported), lib.package).toBe(lib);
    }
  });

  it('knows no export it was not told about', () => {
    expect(corsLibraryOf('cors', 'CorsOptions')).toBeNull();
    expect(corsLibraryOf('hono/cors', 'default')).toBeNull();
    expect(corsLibraryOf('express', 'default')).toBeNull();
  });

  it("Nest's example creates the app through NestFactory and calls enableCors on it", () => {
    expect(NEST_CORS.example).toContain(`NestFactory.${NEST_CORS.factory.method}(AppModule, { ${NEST_CORS.factory.option}: true })`);
    expect(NEST_CORS.example).toContain(`app.${NEST_CORS.enable.method}()`);
    expect(NEST_CORS.source).toMatch(/^https:\/\//);
  });
});
