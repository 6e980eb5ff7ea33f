import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { ENV_VALIDATORS, envValidatorOf } from './index.js';

describe('environment validators', () => {
  it("each example calls its export with a schema option and the skip option", () => {
    for (const v of ENV_VALIDATORS) {
      expect(v.source, v.package).toMatch(/^https:\/\//);
      const sf = ts.createSourceFile('example.ts', v.example, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const scope = lazyScope(() => sf);
      const keys: string[] = [];
      const visit = (n: ts.Node): void => {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
          const b = scope.resolve(n.expression);
          if (b?.kind === 'import' && envValidatorOf(b.from, b.imported) === v && ts.isObjectLiteralExpression(n.arguments[0])) {
            for (const p of n.arguments[0].properties) if (p.name && ts.isIdentifier(p.name)) keys.push(p.name.text);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(keys, v.package).toContain(v.skipOption);
      expect(keys.some((k) => v.schemaOptions.includes(k)), v.package).toBe(true);
    }
    expect(envValidatorOf('@t3-oss/env-core', 'default')).toBeNull();
  });
});
