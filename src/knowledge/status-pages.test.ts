import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { STATUS_PAGES, statusPageOf } from './index.js';

describe('status pages', () => {
  it("each example mounts its export's middleware with app.use", () => {
    for (const p of STATUS_PAGES) {
      expect(p.source, p.package).toMatch(/^https:\/\//);
      expect(p.defaultPath.startsWith('/'), p.package).toBe(true);
      const sf = ts.createSourceFile('example.ts', p.example, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const scope = lazyScope(() => sf);
      let mounted = 0;
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use') {
          const a = n.arguments[0];
          if (a && ts.isCallExpression(a) && ts.isIdentifier(a.expression)) {
            const b = scope.resolve(a.expression);
            if (b?.kind === 'import' && statusPageOf(b.from, b.imported) === p) mounted++;
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(mounted, p.example).toBe(1);
    }
    expect(statusPageOf('express-status-monitor', 'pageRoute')).toBeNull();
  });
});
