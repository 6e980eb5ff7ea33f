// `console.*` calls per source file: how many, where the first one is, and how many print JSON
// (`console.log(JSON.stringify(...))`, the shape of a hand-written structured logger).
import ts from 'typescript';
import { lineTextOf, snippetOf } from '../../util/text.js';
import { consoleFacts } from '../facts/console.js';
import type { VisitorHost } from '../host.js';

const isJsonStringify = (e: ts.Expression | undefined): boolean =>
  !!e && ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) &&
  ts.isIdentifier(e.expression.expression) && e.expression.expression.text === 'JSON' && e.expression.name.text === 'stringify';

export const consoleCalls: VisitorHost = {
  id: consoleFacts.id,
  parents: false,
  triggers: ['console.'],
  create(ctx) {
    let calls = 0;
    let json = 0;
    let firstLine = 0;
    return {
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const e = c.expression;
        if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'console') return;
        calls++;
        if (isJsonStringify(c.arguments[0])) json++;
        if (firstLine === 0) firstLine = ctx.lineOf(c);
      },
      'file:end'() {
        if (calls === 0) return;
        const client = /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use client['"]/.test(ctx.text);
        consoleFacts.emit(ctx, { role: ctx.file.role, calls, json, firstLine, snippet: snippetOf(lineTextOf(ctx.sourceFile, ctx.text, firstLine)), ...(client ? { client } : {}) });
      },
    };
  },
};
