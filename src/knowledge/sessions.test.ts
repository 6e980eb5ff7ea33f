import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isSessionField, SESSION_FIELDS } from './sessions.js';

/** The fields its example reads off a request or context object (`req.x`, `request.x`, `ctx.x`). */
function fieldsRead(code: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && ['req', 'request', 'ctx'].includes(n.expression.text)) out.push(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true));
  return out;
}

describe('knowledge/sessions', () => {
  it.each(SESSION_FIELDS.map((s) => [s.field, s]))('%s: its example reads it off the request, with a source', (field, s) => {
    expect(fieldsRead(s.example)).toContain(field);
    expect(s.source).toMatch(/^https:\/\//);
    expect(isSessionField(field)).toBe(true);
  });

  it('what the caller sends is not the session', () => {
    for (const f of ['body', 'params', 'query', 'headers', 'cookies', 'request', '*']) expect(isSessionField(f)).toBe(false);
  });
});
