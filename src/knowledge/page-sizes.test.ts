import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FAN_OUT_COMBINATORS, isFanOut, isUnboundedNumeric, LENGTH_KEEPING_METHODS, PAGE_SIZE_ARGUMENTS, pageSizeChain, pageSizeChainMethods, pageSizeOptions } from './page-sizes.js';

/** The calls of an example, with the method each calls and the methods called along its receiver chain. */
function callsOf(code: string): Array<{ method: string; options: string[]; started: Set<string> }> {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true);
  const out: Array<{ method: string; options: string[]; started: Set<string> }> = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const started = new Set<string>();
      for (let e: ts.Expression = n.expression.expression; ts.isCallExpression(e) || ts.isPropertyAccessExpression(e); e = e.expression) {
        if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) started.add(e.expression.name.text);
      }
      const options = n.arguments.flatMap((a) => (ts.isObjectLiteralExpression(a) ? a.properties.map((p) => p.name?.getText() ?? '') : []));
      out.push({ method: n.expression.name.text, options, started });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('page-size arguments', () => {
  it.each(PAGE_SIZE_ARGUMENTS.map((a) => [`${a.library} ${a.shape} ${a.methods.join('/')}`, a] as const))('%s: its example passes the page size where the entry says', (_name, a) => {
    const calls = callsOf(a.example);
    if (a.shape === 'option') expect(calls.some((c) => a.methods.includes(c.method) && c.options.includes(a.option!) && pageSizeOptions(c.method).includes(a.option!))).toBe(true);
    else expect(calls.some((c) => a.methods.includes(c.method) && pageSizeChain(c.method, c.started).includes(a.library))).toBe(true);
    expect(a.source).toMatch(/^https:\/\//);
  });

  // The rule walks a call's receiver chain only for these methods: a method outside them must never take a chained page size.
  it('the chain methods are exactly those a chain entry takes its page size through', () => {
    const chain = pageSizeChainMethods();
    const everyStart = new Set(PAGE_SIZE_ARGUMENTS.flatMap((a) => a.starts ?? []));
    for (const a of PAGE_SIZE_ARGUMENTS) for (const m of a.methods) expect(chain.has(m)).toBe(a.shape === 'chain' || PAGE_SIZE_ARGUMENTS.some((b) => b.shape === 'chain' && b.methods.includes(m)));
    for (const m of ['findMany', 'find', 'query', 'get', 'map']) if (!chain.has(m)) expect(pageSizeChain(m, everyStart)).toEqual([]);
    expect(chain.has('limit')).toBe(true);
    expect(chain.has('findMany')).toBe(false);
  });

  it('a limit() on a chain no query began is no page size; Math.min bounds, parseInt and Math.max do not', () => {
    expect(pageSizeChain('limit', new Set(['use']))).toEqual([]);
    expect(pageSizeChain('limit', new Set(['find']))).toEqual(['mongoose, mongodb']);
    expect(pageSizeOptions('findMany').sort()).toEqual(['limit', 'take']);
    expect(isUnboundedNumeric('parseInt')).toBe(true);
    expect(isUnboundedNumeric('Math.max')).toBe(true);
    expect(isUnboundedNumeric('Math.min')).toBe(false);
  });

  it('a fan-out combinator is told by its callee, each entry shown by its example; slice is no length-keeping method', () => {
    for (const c of FAN_OUT_COMBINATORS) {
      expect(c.example).toContain(`${c.callee}(`);
      expect(isFanOut(c.callee)).toBe(true);
      expect(c.source).toMatch(/^https:\/\//);
    }
    expect(isFanOut('Promise.race')).toBe(false);
    expect(LENGTH_KEEPING_METHODS).toContain('filter');
    expect(LENGTH_KEEPING_METHODS).not.toContain('slice');
  });
});
