import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './eval.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'constant code and look-alikes',
      code: [
        "const g = new Function('return this')();",
        "const h = Function('a', 'b', 'return a + b');",
        "eval('1 + 1');",
        'const r = redis.eval(script, 1, key);',
        'const v = model.evaluate(input);',
        'const data = JSON.parse(req.body);',
      ].join('\n'),
    },
    { name: 'test files are not shipped code', path: 'test/x.test.ts', code: 'eval(code);' },
  ],
  invalid: [
    {
      name: 'critical with request input, high for eval, medium for a Function built at run time',
      path: 'src/calc.ts',
      code: [
        "app.post('/calc', (req, res) => {",
        '  const expr = req.body.expression;',
        '  res.json({ result: eval(expr) });',
        '});',
        "export const compile = (src: string) => new Function('ctx', src);",
        'export const run = (code: string) => globalThis.eval(`(${code})`);',
      ].join('\n'),
      errors: [
        { messageId: 'requestInput', line: 3, severity: 'critical', data: { what: 'eval()', code: 'expr' } },
        { messageId: 'runtime', line: 5, severity: 'medium', data: { what: 'new Function()' } },
        { messageId: 'runtime', line: 6, severity: 'high', data: { what: 'eval()' } },
      ],
    },
    {
      name: 'process.argv is the command line, not request input: high',
      path: 'src/repl.ts',
      code: ['const expr = process.argv[2];', 'console.log(new Function(`return ${expr}`)());'].join('\n'),
      errors: [{ messageId: 'commandLine', line: 2, severity: 'high', data: { what: 'new Function()', code: '`return ${expr}`' } }],
    },
  ],
});
