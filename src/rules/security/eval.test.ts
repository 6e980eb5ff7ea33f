import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './eval.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('security/eval', () => {
  it('stays silent on constant code and look-alikes', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "const g = new Function('return this')();",
        "const h = Function('a', 'b', 'return a + b');",
        "eval('1 + 1');",
        'const r = redis.eval(script, 1, key);',
        'const v = model.evaluate(input);',
        'const data = JSON.parse(req.body);',
      ].join('\n'),
      'test/x.test.ts': 'eval(code);\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports eval (high) and Function (medium) with non-constant code, critical with request input', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/calc.ts': [
        "app.post('/calc', (req, res) => {",
        '  const expr = req.body.expression;',
        '  res.json({ result: eval(expr) });',
        '});',
        'export const compile = (src: string) => new Function(\'ctx\', src);',
        'export const run = (code: string) => globalThis.eval(`(${code})`);',
      ].join('\n'),
    });
    expect(at(findings).map((a, i) => `${a} ${findings[i].severity}`).sort()).toEqual([
      'src/calc.ts:3 critical', 'src/calc.ts:5 medium', 'src/calc.ts:6 high',
    ]);
  });

  it('rates code from process.argv high: the command line is not request input', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/repl.ts': ['const expr = process.argv[2];', 'console.log(new Function(`return ${expr}`)());'].join('\n'),
    });
    expect(findings.map((f) => `${at([f])[0]} ${f.severity} ${f.message}`)).toEqual([
      "src/repl.ts:2 high new Function() runs code built from the command line's arguments (`return ${expr}`)",
    ]);
  });
});
