import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LISTEN_METHODS, QUERY_TIMEOUTS, SOCKET_APIS } from './index.js';

/** Method names called, classes constructed, methods declared and string arguments of an example. */
function shape(code: string) {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const calls: string[] = [], news: string[] = [], methods: string[] = [], listened: string[] = [], props: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      calls.push(n.expression.name.text);
      const ev = n.arguments[0];
      if (LISTEN_METHODS.includes(n.expression.name.text) && ev && ts.isStringLiteralLike(ev)) listened.push(ev.text);
    }
    if (ts.isNewExpression(n)) news.push(n.expression.getText(sf));
    if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) methods.push(n.name.text);
    if (ts.isPropertyAccessExpression(n)) props.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { calls, news, methods, listened, props };
}

describe('WebSocket APIs', () => {
  it('each example accepts a connection the way the entry says and handles each end it lists', () => {
    for (const api of SOCKET_APIS) {
      const s = shape(api.example);
      expect(api.accepts.some((a) => (a.how === 'method' ? s.calls : s.news).includes(a.name)), api.id).toBe(true);
      for (const end of api.ends.filter((e) => e.how !== 'property')) {
        expect(end.how === 'class-method' ? s.methods : s.listened, `${api.id} ${end.name}`).toContain(end.name);
      }
      expect(api.source).toMatch(/^https:\/\//);
    }
  });
  it('every API names a close and an error end', () => {
    for (const api of SOCKET_APIS) expect(new Set(api.ends.map((e) => e.event))).toEqual(new Set(['close', 'error']));
  });
});

describe('query timeouts', () => {
  it('one entry per library, each with its source', () => {
    const libs = QUERY_TIMEOUTS.map((q) => q.library);
    expect(new Set(libs).size).toBe(libs.length);
    for (const q of QUERY_TIMEOUTS) expect(q.source).toMatch(/^https:\/\//);
  });
});
