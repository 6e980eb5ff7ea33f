import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope, requireOf } from '../collect/scope.js';
import { DB_CLIENT_OPTIONS, dbClientOptionsOf, DB_OPTION_SHAPES, dbOptionShapeOf, TLS_CALLS, tlsCallOf, tlsKeyPackages, TLS_OPTION_KEYS, TLS_VERIFICATION_SWITCHES, tlsSwitchOf } from './index.js';

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** The `key: false`/`key: true` properties of an example, with the key of the object that holds them. */
function switches(sf: ts.SourceFile): Array<{ option: string; value: boolean; holder: string | null }> {
  const out: Array<{ option: string; value: boolean; holder: string | null }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (n.initializer.kind === ts.SyntaxKind.FalseKeyword || n.initializer.kind === ts.SyntaxKind.TrueKeyword)) {
      const holder = n.parent.parent;
      out.push({ option: n.name.text, value: n.initializer.kind === ts.SyntaxKind.TrueKeyword, holder: ts.isPropertyAssignment(holder) && ts.isIdentifier(holder.name) ? holder.name.text : null });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('TLS options', () => {
  it('each key example imports one of its packages and turns verification off under that key', () => {
    for (const k of TLS_OPTION_KEYS) {
      expect(k.source, k.key).toMatch(/^https:\/\//);
      const sf = parse(k.example);
      const imported = sf.statements.filter(ts.isImportDeclaration).map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
      expect(imported.some((m) => k.packages.includes(m)), k.key).toBe(true);
      const [s] = switches(sf);
      expect(s.holder, k.key).toBe(k.key);
      expect(tlsSwitchOf(s.option, s.value)?.within, k.key).toBe('tls-options');
      expect(tlsKeyPackages(k.key)).toBe(k.packages);
    }
    expect(tlsKeyPackages('options')).toBeNull();
  });

  it("each Node call's example calls its import with TLS options that turn verification off", () => {
    for (const c of TLS_CALLS) {
      const sf = parse(c.example);
      const scope = lazyScope(() => sf);
      let found = 0;
      const visit = (n: ts.Node): void => {
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && ts.isIdentifier(n.expression)) {
          const b = scope.resolve(n.expression);
          const imp = b && (b.kind === 'import' ? b : requireOf(b));
          if (imp && tlsCallOf(imp.from, imp.imported) === c) {
            found++;
            const arg = n.arguments?.[c.arg];
            expect(arg && ts.isObjectLiteralExpression(arg), c.example).toBe(true);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(found, c.example).toBe(1);
      expect(switches(sf).some((s) => tlsSwitchOf(s.option, s.value)), c.example).toBe(true);
    }
    expect(tlsCallOf('node:https', 'Agent')).toBe(TLS_CALLS[0]);
    expect(tlsCallOf('http', 'Agent')).toBeNull();
  });

  it('a switch turns verification off only with its off value', () => {
    for (const s of TLS_VERIFICATION_SWITCHES) {
      expect(tlsSwitchOf(s.option, s.off)).toBe(s);
      expect(tlsSwitchOf(s.option, !s.off)).toBeNull();
    }
  });
});

describe('database option shapes', () => {
  it('each example names a driver under its key and turns verification off at one of its paths, with no import', () => {
    for (const shape of DB_OPTION_SHAPES) {
      const sf = parse(shape.example);
      expect(sf.statements.some(ts.isImportDeclaration), shape.package).toBe(false);
      const off = switches(sf).find((x) => x.option === 'rejectUnauthorized' && !x.value);
      expect(off, shape.package).toBeDefined();
      expect(shape.example).toMatch(new RegExp(`${shape.driverKey}: '(${shape.drivers.join('|')})'`));
      const path = shape.tlsPaths.find((p) => p.at(-1) === off!.holder);
      expect(path, shape.package).toBeDefined();
      expect(dbOptionShapeOf(shape.driverKey, shape.drivers[0], path!)).toBe(shape);
    }
  });

  it('does not take another driver or another path for a database client', () => {
    expect(dbOptionShapeOf('client', 'sqlite3', ['connection', 'ssl'])).toBeNull();
    expect(dbOptionShapeOf('client', 'pg', ['ssl'])).toBeNull();
    expect(dbOptionShapeOf('type', 'postgres', ['extra', 'ssl'])?.package).toBe('typeorm');
    expect(dbOptionShapeOf('dialect', 'sqlite', ['dialectOptions', 'ssl'])).toBeNull();
  });
});

describe('database client options', () => {
  it('finds each client by its export and how it is called, and keeps TLS under a key TLS_OPTION_KEYS knows for its module', () => {
    for (const c of DB_CLIENT_OPTIONS) {
      expect(dbClientOptionsOf(c.module, c.export, c.how)).toBe(c);
      expect(c.source).toMatch(/^https:\/\//);
      for (const p of c.tlsPaths) expect(tlsKeyPackages(p.at(-1)!)).toContain(c.module.split('/')[0]);
    }
    expect(dbClientOptionsOf('pg', 'Pool', 'call')).toBeNull();
    expect(dbClientOptionsOf('./db', 'Pool', 'new')).toBeNull();
  });
});
