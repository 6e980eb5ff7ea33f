// Members of a TypeScript enum are constants when their initializers are (a string or number literal,
// none, or other constant members): interpolated into SQL text they are no injection. A member
// computed at run time stays a finding.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './sql-injection.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'string, auto-numbered and const-enum members of an enum in the same file',
      code: [
        "enum Col { name = 'name', born = 'born_at' }",
        'const enum Bit { a, b, c = b << 2 }',
        'enum Neg { down = -1 }',
        "app.get('/p', async () => {",
        "  await pool.query(`SELECT ${Col.born} FROM people WHERE flags & ${Bit.c} AND dir = ${Neg.down} AND k = '${Col['name']}'`);",
        '});',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'a computed member in the same file',
      code: [
        'enum Stamp { now = Date.now(), later = now + 1 }',
        "app.get('/p', async () => pool.query(`SELECT * FROM t WHERE at > ${Stamp.later}`));",
      ].join('\n'),
      errors: [{ messageId: 'built', line: 2, severity: 'medium' }],
    },
  ],
});
