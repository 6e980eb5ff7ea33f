// SQL injection followed across files through the link stage's call graph: a parameter's callers in
// other files decide. Request input at a caller is critical with the path source → call → sink;
// callers that pass only constants, sanitised values or other values of the code's own settle it;
// callers verdict cannot resolve leave it low ("could not be traced") and say so.
import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule from './sql-injection.js';

const REPO = [
  'export async function findUsers(db: any, name: string) {',
  '  return db.query(`SELECT * FROM users WHERE name = \'${name}\'`);',
  '}',
].join('\n');

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'the route parses the value as a number before the call',
      path: 'src/repo.ts',
      code: 'export function page(db: any, n: number | string) {\n  return db.query(`SELECT * FROM users LIMIT ${n}`);\n}',
      files: { 'src/routes.ts': "import { page } from './repo';\napp.get('/u', (req) => page(pool, Number(req.query.x)));\n" },
    },
    {
      name: 'every caller in the repository passes a constant table name (a list export, as `export { f }`)',
      path: 'src/lib/tools.ts',
      code: [
        'const prepare = (db: any, countTable: string | false) => {',
        '  if (countTable) return db.prepare(`SELECT COUNT(1) AS total FROM ${countTable}`);',
        '  return null;',
        '};',
        'export { prepare };',
      ].join('\n'),
      files: {
        'src/api/orders.ts': "import { prepare } from '../lib/tools';\nexport const orders = (db: any) => prepare(db, 'Orders');\n",
        'src/api/search.ts': "import { prepare } from '../lib/tools';\nexport const search = (db: any) => prepare(db, false);\n",
      },
    },
    {
      name: 'a table name from the route, checked against the database\'s own list of tables before use (a local instance\'s method)',
      path: 'src/services/tables.ts',
      code: [
        'export class Tables {',
        '  constructor(private db: any) {}',
        '  async rows(table: string) {',
        '    const known = await this.listTables();',
        '    if (!known.includes(table)) throw new Error(`no table ${table}`);',
        '    return this.db.prepare(`SELECT * FROM ${table}`).all();',
        '  }',
        "  listTables() { return this.db.prepare(\"SELECT name FROM sqlite_master WHERE type = 'table'\").all(); }",
        '}',
      ].join('\n'),
      files: { 'src/routes.ts': "import { Tables } from './services/tables';\napp.get('/t/:name', async (c) => {\n  const tables = new Tables(c.env.DB);\n  return c.json(await tables.rows(c.req.param('name')));\n});\n" },
    },
    {
      name: 'an identifier escaped by pg-format at the caller',
      path: 'src/repo.ts',
      code: 'export function count(db: any, table: string) {\n  return db.query(`SELECT COUNT(*) FROM ${table}`);\n}',
      files: { 'src/routes.ts': "import format from 'pg-format';\nimport { count } from './repo';\napp.get('/c', (req) => count(pool, format.ident(req.query.t)));\n" },
    },
  ],
  invalid: [
    {
      name: 'a route in another file passes a query field to a repository function: critical',
      path: 'src/repo.ts',
      code: REPO,
      files: { 'src/routes.ts': "import { findUsers } from './repo';\napp.get('/u', async (req, res) => res.json(await findUsers(pool, req.query.x)));\n" },
      errors: [{ messageId: 'built', line: 2, path: 'src/repo.ts', severity: 'critical' }],
    },
    {
      name: 'request input two calls away (route -> service -> repository)',
      path: 'src/repo.ts',
      code: REPO,
      files: {
        'src/service.ts': "import { findUsers } from './repo';\nexport function search(term: string) {\n  return findUsers(pool, term);\n}\n",
        'src/routes.ts': "import { search } from './service';\napp.get('/s', (req) => search(req.params.term));\n",
      },
      errors: [{ messageId: 'built', line: 2, severity: 'critical' }],
    },
    {
      name: 'a method called on a local instance of the imported class, with no check: critical',
      path: 'src/services/tables.ts',
      code: 'export class Tables {\n  constructor(private db: any) {}\n  rows(table: string) { return this.db.prepare(`SELECT * FROM ${table}`).all(); }\n}',
      files: { 'src/routes.ts': "import { Tables } from './services/tables';\napp.get('/t/:name', async (c) => {\n  const tables = new Tables(c.env.DB);\n  return c.json(await tables.rows(c.req.param('name')));\n});\n" },
      errors: [{ messageId: 'built', line: 3, severity: 'critical' }],
    },
    {
      name: 'a class method called on the imported class',
      path: 'src/repo.ts',
      code: 'export class Users {\n  static find(db: any, id: string) { return db.query(`SELECT * FROM users WHERE id = ${id}`); }\n}',
      files: { 'src/routes.ts': "import { Users } from './repo';\nrouter.get('/u/:id', (ctx) => Users.find(db, ctx.params.id));\n" },
      errors: [{ messageId: 'built', line: 2, severity: 'critical' }],
    },
    {
      name: 'a script passes its command-line argument: medium (the operator\'s input, not a request\'s)',
      path: 'src/repo.ts',
      code: REPO,
      files: { 'scripts/find.ts': "import { findUsers } from '../src/repo';\nconst name = process.argv[2];\nawait findUsers(pool, name);\n" },
      errors: [{ messageId: 'built', line: 2, severity: 'medium' }],
    },
    {
      name: 'only tests call it: the release code has no caller, so it could not be traced (low)',
      path: 'src/repo.ts',
      code: REPO,
      files: { 'test/repo.test.ts': "import { findUsers } from '../src/repo';\nfindUsers(pool, 'x');\n" },
      errors: [{ messageId: 'built', line: 2, severity: 'low' }],
    },
    {
      name: 'handed on as a callback: the callers are not resolved, low',
      path: 'src/repo.ts',
      code: REPO,
      files: { 'src/routes.ts': "import { findUsers } from './repo';\nregister('users', findUsers);\n" },
      errors: [{ messageId: 'built', line: 2, severity: 'low' }],
    },
  ],
});

describe('database/sql-injection across files: evidence', () => {
  it('says the path from the source in one file through the call to the sink in another', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/repo.ts',
      code: REPO,
      files: { 'src/routes.ts': "import { findUsers } from './repo';\napp.get('/u', async (req, res) => res.json(await findUsers(pool, req.query.x)));\n" },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.at(-1)).toEqual({
      kind: 'note',
      text: 'source → sink: req.query.x (src/routes.ts:2) → findUsers() call (src/routes.ts:2) → parameter name of findUsers() (src/repo.ts:1) → .query() SQL text (src/repo.ts:2)',
    });
    expect(findings[0].message).toContain('request input reaches it through its callers: req.query.x (src/routes.ts:2)');
  });

  it('says where the trace stopped when the bound is reached', async () => {
    // Five calls from the route to the sink: one more than verdict follows.
    const hop = (i: number) => `import { f${i + 1} } from './f${i + 1}';\nexport function f${i}(v: string) {\n  return f${i + 1}(v);\n}\n`;
    const files: Record<string, string> = { 'src/routes.ts': "import { f1 } from './f1';\napp.get('/x', (req) => f1(req.query.v));\n" };
    for (let i = 1; i <= 4; i++) files[`src/f${i}.ts`] = hop(i);
    const { findings } = await runSourceCase(rule, {
      path: 'src/f5.ts', code: 'export function f5(v: string) {\n  return db.query(`SELECT * FROM t WHERE v = ${v}`);\n}', files,
    });
    expect(findings.map((f) => f.severity)).toEqual(['low']);
    expect(findings[0].message).toContain('its callers could not be resolved (the trace stopped after 4 calls');
  });

  it('names the command-line argument a script passes as the source', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/repo.ts',
      code: REPO,
      files: { 'scripts/find.ts': "import { findUsers } from '../src/repo';\nconst name = process.argv[2];\nawait findUsers(pool, name);\n" },
    });
    expect(findings[0].message).toContain('a command-line argument reaches it through its callers: process.argv[2] (scripts/find.ts:2)');
    expect(findings[0].evidence.at(-1)).toEqual({
      kind: 'note',
      text: 'source → sink: process.argv[2] (scripts/find.ts:2) → name (scripts/find.ts:2) → findUsers() call (scripts/find.ts:3) → parameter name of findUsers() (src/repo.ts:1) → .query() SQL text (src/repo.ts:2)',
    });
  });

  it('is silent when the callers pass values of the code\'s own making (not traced to a source)', async () => {
    const { findings } = await runSourceCase(rule, {
      path: 'src/repo.ts',
      code: REPO,
      files: { 'src/jobs.ts': "import { findUsers } from './repo';\nimport { nextName } from './names';\nexport async function nightly() {\n  const name = await nextName();\n  return findUsers(pool, name);\n}\n" },
    });
    expect(findings).toEqual([]);
  });
});
