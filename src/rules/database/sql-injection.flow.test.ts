// SQL injection as data flow within a file, on the RuleTester: critical only on a path from request
// input to SQL text, medium from the command line; a value from callers in other files is low until
// the review resolves them (see sql-injection.callers.test.ts), the code's own values are no finding
// (sql-injection.own-values.test.ts); sanitizers end the path.
import { describe, expect, it } from 'vitest';
import { RuleTester, runSourceCase } from '../tester.js';
import rule from './sql-injection.js';

new RuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: 'request input through bound parameters, numeric parsing and an allow-list',
      code: [
        "const SORTABLE = ['name', 'created_at'];",
        "app.get('/users', async (req, res) => {",
        "  await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);",
        '  await pool.query(`SELECT * FROM users LIMIT ${Number(req.query.limit)}`);',
        '  const sort = String(req.query.sort);',
        "  if (!SORTABLE.includes(sort)) return res.status(400).end();",
        '  await pool.query(`SELECT * FROM users ORDER BY ${sort}`);',
        "  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';",
        '  await pool.query(`SELECT * FROM users ORDER BY name ${dir}`);',
        '});',
      ].join('\n'),
    },
    {
      name: 'request input parsed by a zod number schema',
      code: [
        "import { z } from 'zod';",
        "app.get('/u', async (req) => {",
        '  const limit = z.coerce.number().int().max(100).parse(req.query.limit);',
        '  return pool.query(`SELECT * FROM users LIMIT ${limit}`);',
        '});',
      ].join('\n'),
    },
    {
      name: 'an identifier escaped by pg-format, and a table name every call in the file passes as a constant',
      code: [
        "import format from 'pg-format';",
        "app.get('/t/:table', async (req, res) => {",
        '  await pool.query(`SELECT * FROM ${format.ident(req.params.table)}`);',
        '});',
        'async function countTable(table: string) { return db.prepare(`SELECT COUNT(*) FROM ${table}`).first(); }',
        "export const counts = () => [countTable('orders'), countTable('customers')];",
      ].join('\n'),
    },
    {
      name: 'the variable of a for-of loop over the database catalogue\'s rows',
      code: [
        "app.get('/stats', async (c) => {",
        "  const { results } = await c.env.DB.prepare(\"SELECT name FROM sqlite_master WHERE type = 'table'\").all();",
        '  for (const t of results) await c.env.DB.prepare(`SELECT COUNT(*) FROM ${t.name}`).first();',
        '});',
      ].join('\n'),
    },
    {
      name: 'a local helper whose only caller in the file passes a value of the code\'s own making',
      code: [
        "import { pickTable } from './tables';",
        'function count(table: string) { return db.query(`SELECT COUNT(*) FROM ${table}`); }',
        'export function report() { const t = pickTable(); return count(t); }',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'Express: a query field through a variable and a local helper reaches the SQL text',
      code: [
        'function byName(db: any, name: string) {',
        '  return db.query(`SELECT * FROM users WHERE name = \'${name}\'`);',
        '}',
        "app.get('/users', (req, res) => {",
        '  const name = req.query.name;',
        '  return byName(pool, name);',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'built', line: 2, severity: 'critical' }],
    },
    {
      name: 'Hono c.req.query(), Koa ctx.params and Fastify request.body, each critical',
      code: [
        "app.get('/a', async (c) => c.env.DB.prepare(`SELECT * FROM t WHERE k = '${c.req.query('k')}'`).all());",
        "router.get('/b/:id', async (ctx) => { const { id } = ctx.params; ctx.body = await db.query(`SELECT * FROM t WHERE id = ${id}`); });",
        "fastify.post('/c', async (request) => db.query('DELETE FROM t WHERE name = ' + request.body.name));",
      ].join('\n'),
      errors: [{ messageId: 'built', line: 1, severity: 'critical' }, { messageId: 'built', line: 2, severity: 'critical' }, { messageId: 'built', line: 3, severity: 'critical' }],
    },
    {
      name: 'a Nest @Param parameter and a WebSocket message are request input; BullMQ job data with no producer here is external input (high)',
      code: [
        "import { Controller, Get, Param } from '@nestjs/common';",
        "import { Worker } from 'bullmq';",
        '@Controller() export class C {',
        "  @Get(':col') get(@Param('col') col: string) { return this.db.query(`SELECT ${col} FROM t`); }",
        '}',
        "new Worker('q', async (job) => db.query(`DELETE FROM t WHERE id = ${job.data.id}`));",
        "ws.on('message', (msg) => db.query(`INSERT INTO log VALUES ('${msg}')`));",
      ].join('\n'),
      errors: [{ messageId: 'built', line: 4, severity: 'critical' }, { messageId: 'built', line: 6, severity: 'high' }, { messageId: 'built', line: 7, severity: 'critical' }],
    },
    {
      name: 'a parameter of an exported function nothing in the repository calls: low, could not be traced (no request path)',
      code: 'export async function countTable(db: any, table: string) { return db.prepare(`SELECT COUNT(*) FROM ${table}`).first(); }',
      errors: [{ messageId: 'built', line: 1, severity: 'low' }],
    },
    {
      name: 'a local helper whose only caller passes a name declared nowhere: low, could not be traced',
      code: [
        'function count(table: string) { return db.query(`SELECT COUNT(*) FROM ${table}`); }',
        'export function report() { const t = pickTable(); return count(t); }',
      ].join('\n'),
      errors: [{ messageId: 'built', line: 1, severity: 'low' }],
    },
    {
      name: 'a zod string schema does not make request input safe',
      code: "import { z } from 'zod';\napp.get('/u', (req) => pool.query(`SELECT * FROM ${z.string().parse(req.query.t)}`));",
      errors: [{ messageId: 'built', line: 2, severity: 'critical' }],
    },
    {
      name: 'a script interpolates its command-line argument: medium, the operator\'s input',
      path: 'scripts/purge.ts',
      code: "const table = process.argv[2];\nawait pool.query(`DELETE FROM ${table}`);",
      errors: [{ messageId: 'built', line: 2, severity: 'medium', data: { origin: "; a command-line argument reaches it: process.argv[2] (line 1) (the input of whoever runs it, not a request's)" } }],
    },
    {
      name: 'a command-line argument beside a parameter its callers fill with a constant: the command line keeps it medium',
      path: 'scripts/purge.ts',
      code: "export function purge(table: string) {\n  return pool.query(`DELETE FROM ${table} WHERE id = ${process.argv[2]}`);\n}\npurge('logs');",
      errors: [{ messageId: 'built', line: 2, severity: 'medium' }],
    },
    {
      name: 'a `process` of the file\'s own is not the runtime\'s: not a command-line source',
      path: 'scripts/purge.ts',
      code: "export function purge(process: { argv: string[] }) {\n  return pool.query(`DELETE FROM ${process.argv[2]}`);\n}",
      errors: [{ messageId: 'built', line: 2, severity: 'low', data: { origin: '; in a script, so no request controls it; its callers could not be resolved (purge() is not in the call graph)' } }],
    },
    {
      name: 'an element of request input handed to a callback by map(): critical through the receiver',
      code: "app.post('/wipe', (req) => req.body.tables.map((t: string) => pool.query(`DELETE FROM ${t}`)));",
      errors: [{ messageId: 'built', line: 1, severity: 'critical' }],
    },
    {
      name: 'the variable of a for-of loop over request input (a Hono JSON body) holds request input: critical',
      code: [
        "app.post('/truncate', async (c) => {",
        '  const body = await c.req.json();',
        '  const tables = body.tables || [];',
        '  for (const table of tables) await c.env.DB.prepare(`DELETE FROM ${table}`).run();',
        '  for (const { name } of body.more) await c.env.DB.prepare(`DELETE FROM ${name}`).run();',
        '});',
      ].join('\n'),
      errors: [{ messageId: 'built', line: 4, severity: 'critical' }, { messageId: 'built', line: 5, severity: 'critical' }],
    },
    {
      name: 'a local helper called once with a constant and once with request input',
      code: [
        'function del(table: string) { return db.query(`DELETE FROM ${table}`); }',
        "del('sessions');",
        "app.post('/wipe', (req) => del(req.body.table));",
      ].join('\n'),
      errors: [{ messageId: 'built', line: 1, severity: 'critical' }],
    },
  ],
});

describe('database/sql-injection evidence', () => {
  it('says the path from the source to the sink', async () => {
    const { findings } = await runSourceCase(rule, {
      code: ["app.get('/u', (req) => {", '  const name = req.query.name;', '  return pool.query(`SELECT * FROM u WHERE n = \'${name}\'`);', '});'].join('\n'),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.at(-1)).toEqual({ kind: 'note', text: 'source → sink: req.query.name (line 2) → name (line 2) → .query() SQL text (line 3)' });
    expect(findings[0].message).toContain('request input reaches it: req.query.name (line 2)');
  });
});
