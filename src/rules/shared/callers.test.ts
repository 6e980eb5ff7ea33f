// Which calls a file records for the call graph: a local constant holding `new X()` of an imported class
// names X's method. The constants of each block are read once per block (not per call): these pin that
// the innermost block's first declaration of a name decides, as a scan of the statements per call did.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { lazyScope } from '../../collect/scope.js';
import { callableRoots, callSiteOf, type CallPlace } from './callers.js';

function sites(code: string): Array<{ line: number; name: string; text: string } | null> {
  const sf = ts.createSourceFile('src/a.ts', code, ts.ScriptTarget.Latest, true);
  const scope = lazyScope(() => sf);
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return calls.map((call) => {
    const at: CallPlace = {
      path: 'src/a.ts', roots: callableRoots(sf), line: () => sf.getLineAndCharacterOfPosition(call.expression.getStart()).line + 1,
      ownCalls: () => false, sourceless: () => true,
    };
    const site = callSiteOf(call, at, scope, () => false);
    return site && { line: site.line, name: site.name, text: site.text };
  });
}

describe('callSiteOf: local instances', () => {
  it('names the method of a const holding an imported class, in the block that declares it and blocks inside it', () => {
    const code = [
      "import { Service } from './service';",
      'export function f(x: string) {',
      '  const svc = new Service();',
      '  svc.find(x);',
      '  if (x) { svc.save(x); }',
      '}',
    ].join('\n');
    expect(sites(code)).toEqual([{ line: 4, name: 'find', text: 'svc.find' }, { line: 5, name: 'save', text: 'svc.save' }]);
  });

  it('an inner block\'s const of the same name hides the outer one, and a block\'s first declaration of a name decides', () => {
    const code = [
      "import { Service } from './service';",
      'export function f(x: string) {',
      '  const svc = new Service();',
      '  { const svc = makeOther(); svc.find(x); }',
      '  { const svc = new Service(); const svc = makeOther(); svc.save(x); }',
      '  svc.load(x);',
      '}',
    ].join('\n');
    // Calls in source order: makeOther(), svc.find(x) (the inner svc), makeOther(), svc.save(x), svc.load(x).
    expect(sites(code)).toEqual([null, null, null, { line: 5, name: 'save', text: 'svc.save' }, { line: 6, name: 'load', text: 'svc.load' }]);
  });
});
