import ts from 'typescript';
import type { Scope } from '../../collect/scope.js';
import { defineSourceRule } from '../api.js';
import { valueOf } from '../shared/ast.js';

/** String values that only placeholder data contains. */
const PLACEHOLDER = /lorem ipsum|\b(john|jane) doe\b|^[\w.+-]+@(example|test)\.(com|org|net)$|^(placeholder|dummy|fake|mock|sample)[ _-](data|user|name|item|product|value|text|response|token|id|email)s?$/i;
/** Names that say the value is stand-in data: `mockUsers`, `FAKE_ORDERS`, `dummyData`. */
const MOCK_NAME = /^(mock|fake|dummy|placeholder|stub)[A-Z_]|^(MOCK|FAKE|DUMMY|PLACEHOLDER|STUB)_/;
/** Calls that send their argument as a response body. */
const RESPONDERS = new Set(['json', 'send', 'jsonp']);
/** Files whose purpose is stand-in data (seeds, fixtures, stories). */
const DATA_FILE = /(^|\/)[^/]*(seed|fixture|stories|story)[^/]*$/i;

function placeholderIn(e: ts.Expression, scope: Scope, depth = 0): string | null {
  if (depth > 4) return null;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) {
    if (!MOCK_NAME.test(e.text)) return null;
    // Declared here: only a literal counts (`const mockUsers = [...]`); imported: the name says it.
    const init = valueOf(e, scope);
    return !init || ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init) ? e.text : null;
  }
  if (ts.isPropertyAccessExpression(e)) return MOCK_NAME.test(e.name.text) ? e.getText() : null;
  if (ts.isStringLiteralLike(e)) return PLACEHOLDER.test(e.text) ? JSON.stringify(e.text) : null;
  if (ts.isArrayLiteralExpression(e)) {
    for (const el of e.elements) {
      const hit = placeholderIn(el, scope, depth + 1);
      if (hit) return hit;
    }
  }
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      const v = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : null;
      const hit = v && placeholderIn(v, scope, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** Only literal data and mock-named values count; a call or a computed value is real work. */
function isDataShape(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e) || ts.isIdentifier(e) || ts.isPropertyAccessExpression(e);
}

export default defineSourceRule({
  id: 'completeness/placeholder-data',
  meta: {
    category: 'completeness',
    severity: 'medium',
    title: 'Service code returns hard-coded placeholder data',
    rationale: 'A function that returns "John Doe", lorem ipsum or a `mockUsers` array looks finished in a demo and serves fake data in production.',
    remediation: { text: 'Replace the literal with the real data source (database, upstream API); keep sample data in tests, fixtures or seeds.', effort: 'medium' },
    messages: {
      returns: 'returns hard-coded placeholder data ({{value}})',
      respondsWith: 'responds with hard-coded placeholder data ({{value}})',
    },
  },
  triggers: ['orem', 'Doe', '@example.', '@test.', 'mock', 'Mock', 'MOCK', 'fake', 'Fake', 'FAKE', 'dummy', 'Dummy', 'DUMMY', 'placeholder', 'Placeholder', 'PLACEHOLDER', 'sample', 'Sample', 'SAMPLE', 'stub', 'Stub', 'STUB'],
  appliesTo: (f) => f.role === 'service' && !DATA_FILE.test(f.path),
  create(ctx) {
    const seen = new Set<ts.Node>();
    const check = (value: ts.Expression | undefined, at: ts.Node, how: 'returns' | 'respondsWith') => {
      if (!value || !isDataShape(value)) return;
      const hit = placeholderIn(value, ctx.scope);
      if (!hit) return;
      let fn: ts.Node | undefined = at.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      if (!fn || seen.has(fn)) return;
      seen.add(fn);
      ctx.report({ node: at, messageId: how, data: { value: hit } });
    };
    return {
      ReturnStatement(node) {
        const r = node as ts.ReturnStatement;
        check(r.expression, r, 'returns');
      },
      ArrowFunction(node) {
        const f = node as ts.ArrowFunction;
        if (!ts.isBlock(f.body)) check(f.body, f.body, 'returns');
      },
      CallExpression(node) {
        const c = node as ts.CallExpression;
        const e = c.expression;
        if (ts.isPropertyAccessExpression(e) && RESPONDERS.has(e.name.text)) check(c.arguments[0], c, 'respondsWith');
      },
    };
  },
});
