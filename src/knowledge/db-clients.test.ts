import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope, requireOf } from '../collect/scope.js';
import { closesDbClient, DB_CLIENTS, dbClientOpenedBy } from './index.js';

describe('database clients', () => {
  it("each example opens its client through the package's export and closes it with a listed method", () => {
    for (const c of DB_CLIENTS) {
      expect(c.source, c.package).toMatch(/^https:\/\//);
      const sf = ts.createSourceFile('example.ts', c.example, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const scope = lazyScope(() => sf);
      const opened: string[] = [];
      const closedBy: string[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
          const how = ts.isNewExpression(n) ? 'new' : 'call';
          const e = n.expression;
          const target = ts.isPropertyAccessExpression(e) ? e.expression : e;
          const b = ts.isIdentifier(target) ? scope.resolve(target) : null;
          const imp = b && (b.kind === 'import' ? b : requireOf(b));
          if (imp) {
            const found = ts.isPropertyAccessExpression(e) ? dbClientOpenedBy(imp.from, imp.imported, 'member', e.name.text) : dbClientOpenedBy(imp.from, imp.imported === '*' ? 'default' : imp.imported, how);
            if (found) opened.push(found.package);
          }
          if (ts.isPropertyAccessExpression(e) && closesDbClient(c.package, e.name.text)) closedBy.push(e.name.text);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(opened, c.example).toEqual([c.package]);
      expect(closedBy.length, c.example).toBeGreaterThan(0);
    }
  });

  it("a method closes only its own library's client", () => {
    expect(closesDbClient('@prisma/client', 'close')).toBe(false);
    expect(closesDbClient('pg', 'end')).toBe(true);
    expect(closesDbClient('mongoose', 'close')).toBe(true);
    expect(closesDbClient('mongoose', 'connection.close')).toBe(true);
    expect(closesDbClient('express', 'close')).toBe(false);
    expect(dbClientOpenedBy('pg', 'Pool', 'call')).toBeNull();
  });

});
