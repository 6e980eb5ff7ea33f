import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../collect/scope.js';
import { isLocalUrl, OAUTH_CALLBACK_OPTIONS, oauthCallbackOption } from './index.js';

describe('OAuth callback options', () => {
  it('each example uses its export the way the entry says, with a localhost callback in its option', () => {
    for (const o of OAUTH_CALLBACK_OPTIONS) {
      expect(o.source, o.package).toMatch(/^https:\/\//);
      const sf = ts.createSourceFile('example.ts', o.example, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const scope = lazyScope(() => sf);
      const urls: string[] = [];
      const visit = (n: ts.Node): void => {
        const callee = ts.isNewExpression(n) ? n.expression : ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'register' ? n.arguments[0] : null;
        const args = ts.isNewExpression(n) ? n.arguments ?? [] : ts.isCallExpression(n) ? n.arguments.slice(1) : [];
        if (callee && ts.isIdentifier(callee)) {
          const b = scope.resolve(callee);
          if (b?.kind === 'import' && oauthCallbackOption(b.from, b.imported, ts.isNewExpression(n) ? 'new' : 'register') === o) {
            const opts = args[0];
            if (opts && ts.isObjectLiteralExpression(opts)) {
              for (const p of opts.properties) if (ts.isPropertyAssignment(p) && p.name.getText(sf) === o.option && ts.isStringLiteral(p.initializer)) urls.push(p.initializer.text);
            }
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
      expect(urls.length, o.example).toBe(1);
      expect(isLocalUrl(urls[0]), o.example).toBe(true);
    }
  });

  it('reads the host of a URL, not words in it', () => {
    expect(isLocalUrl('http://localhost:3000/cb')).toBe(true);
    expect(isLocalUrl('http://app.localhost/cb')).toBe(true);
    expect(isLocalUrl('https://localhost.example.com/cb')).toBe(false);
    expect(isLocalUrl('https://app.example.com/localhost')).toBe(false);
    expect(isLocalUrl('not a url')).toBe(false);
  });
});
