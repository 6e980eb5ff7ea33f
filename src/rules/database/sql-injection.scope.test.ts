// Names resolved by scope, on the RuleTester: what an identifier refers to decides, not its spelling.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './sql-injection.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'an outer constant used where it is in scope',
      code: "const id = 'static';\nexport function list() { return db.query(`SELECT * FROM users WHERE kind = '${id}'`); }",
    },
    {
      name: 'a let assigned only constants after its declaration',
      code: "export function f(db: any, archived: boolean) {\n  let table = 'users';\n  if (archived) table = 'archived_users';\n  return db.query(`SELECT * FROM ${table}`);\n}",
    },
  ],
  invalid: [
    {
      name: 'a parameter named like an outer constant is the caller\'s value (the issue\'s case)',
      code: "const id = 'static';\nexport function findUser(id: string) { return db.query(`SELECT * FROM users WHERE id = ${id}`); }",
      errors: [{ messageId: 'built', line: 2, severity: 'low', data: { method: 'query', parts: 'id' } }],
    },
    {
      name: 'the same code with the parameter renamed',
      code: "const id = 'static';\nexport function findUser(userId: string) { return db.query(`SELECT * FROM users WHERE id = ${userId}`); }",
      errors: [{ messageId: 'built', line: 2, severity: 'low', data: { parts: 'userId' } }],
    },
    {
      name: 'a function of the same name in another scope returns request-controlled text',
      code: [
        'export function a(db: any, input: string) {',
        '  const fragment = () => input;',
        '  return db.query(`SELECT * FROM users WHERE ${fragment()}`);',
        '}',
        "function fragment() { return 'active = true'; }",
      ].join('\n'),
      errors: [{ messageId: 'built', line: 3 }],
    },
    {
      name: 'a let that is later assigned a caller\'s value',
      code: "export function f(db: any, input: string) {\n  let table = 'users';\n  table = input;\n  return db.query(`SELECT * FROM ${table}`);\n}",
      errors: [{ messageId: 'built', line: 4 }],
    },
  ],
});
