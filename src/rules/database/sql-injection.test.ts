import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './sql-injection.js';

const pkg = { 'package.json': '{"name":"svc"}' };

describe('database/sql-injection', () => {
  it('stays silent on parameterised and constant SQL', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "const TABLE = 'users';",
        'const COLS = { name: "name", age: "age" } as const;',
        'export async function a(env: any, id: string, ids: string[], dir: string, key: keyof typeof COLS) {',
        "  await env.DB.prepare('SELECT * FROM users WHERE id = ?').bind(id).first();",
        '  await env.DB.prepare(`SELECT * FROM ${TABLE} WHERE id = ?`).bind(id).first();',
        "  await pool.query('SELECT * FROM users WHERE id = $1', [id]);",
        '  await pool.query(`SELECT * FROM users WHERE id IN (${ids.map(() => "?").join(",")})`, ids);',
        "  const order = dir === 'asc' ? 'ASC' : 'DESC';",
        '  await pool.query(`SELECT * FROM users ORDER BY name ${order}`);',
        '  await pool.query(`SELECT ${COLS[key]} FROM users`);',
        '  await prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;',
        '  await sql`SELECT * FROM users WHERE id = ${id}`;',
        '  await pool.query(`SELECT * FROM users LIMIT ${Number(id)}`);',
        '  const prompt = `Write a SELECT query from table ${id}`; // a string, never executed',
        '  // await pool.query(`SELECT * FROM users WHERE id = ${id}`);',
        '  await knex.raw("select * from users where id = ?", [id]);',
        // A workflow step's name, not SQL (an Upstash Workflow `context.run`).
        '  await context.run(`merge-enrollment-${id}`, async () => done());',
        '  await step.run(`update-user-${id}`, async () => done());',
        '}',
        // Table names from a fixed list (a backfill migration).
        'const TABLES = ["ActionClass", "Contact"] as const;',
        'export async function backfill(tx: any) {',
        '  for (const table of TABLES) await tx.$executeRawUnsafe(`UPDATE "${table}" SET "workspaceId" = 1 WHERE "workspaceId" IS NULL`);',
        '}',
        // A local helper every call passes a constant alias.
        'export function ranking(country: string) {',
        '  const filter = (alias: string) => Prisma.sql`${Prisma.raw(alias)}.country = ${country}`;',
        '  return [filter("p"), filter("p2")];',
        '}',
        // Digits only (midday's `sql.raw(String(hoursAhead + 1))`).
        'export const later = (db: any, days = 7) => db.execute(`DELETE FROM jobs WHERE created < now() - interval \'${days} days\'`);',
        'export const due = (hoursAhead: number) => sql`SELECT * FROM invoices WHERE due < now() + interval \'${sql.raw(String(hoursAhead + 1))} hours\'`;',
        // A parameter typed as literals, and a check against a Set built from a const map (unkey).
        'export const byRole = (roleColumn: "r.name" | "r.id") => sql`SELECT * FROM roles ORDER BY ${sql.raw(roleColumn)}`;',
        'const SORT_MAP = { name: "p.name", updated: "p.updated_at" } as const;',
        'const INNER_MAP = { name: "name", updated: "updated_at" } as const;',
        'export function orderBy(col: string, inner: boolean) {',
        '  const map = inner ? INNER_MAP : SORT_MAP;',
        '  const VALID = new Set([...Object.values(map), "id"]);',
        '  if (!VALID.has(col)) throw new Error("bad column");',
        '  return sql`ORDER BY ${sql.raw(col)}`;',
        '}',
        // The column list of a fixed array (unkey's audit-log benchmark).
        'const COLUMNS = ["id", "event", "time"] as const;',
        'const INSERT_SQL = `INSERT INTO audit_log (${COLUMNS.join(", ")}) VALUES ?`;',
        'export const insert = (conn: any, rows: unknown[]) => conn.query(INSERT_SQL, [rows]);',
        // A `let` given only literals (outline's migrations).
        'export async function cascade(db: any) {',
        '  let tableName;',
        '  tableName = "collection_users";',
        '  await db.query(`alter table "${tableName}" drop constraint "fk"`);',
        '  tableName = "documents";',
        '  await db.query(`alter table "${tableName}" drop constraint "fk"`);',
        '}',
      ].join('\n'),
      'server/database.js': [
        // uptime-kuma: a SQL fragment chosen by dialect, from a method of a class in the same file.
        'class Database {',
        '  static sqlHourOffset() {',
        '    if (Database.dbConfig.type === "sqlite") return "DATETIME(\'now\', ? || \' hours\')";',
        '    else { return "DATE_ADD(UTC_TIMESTAMP(), INTERVAL ? HOUR)"; }',
        '  }',
        '  static async clear(R) {',
        '    const offset = Database.sqlHourOffset();',
        '    await R.exec("DELETE FROM heartbeat WHERE time < " + offset, [-24]);',
        '    await R.exec(`DELETE FROM stat WHERE time < ${this.sqlHourOffset()}`, [-24]);',
        '  }',
        '}',
        'const now = () => "CURRENT_TIMESTAMP";',
        'export const touch = (db) => db.query(`UPDATE t SET at = ${now()}`);',
      ].join('\n'),
      'test/db.test.ts': 'await pool.query(`SELECT * FROM users WHERE id = ${id}`);\n',
    });
    expect(findings).toEqual([]);
  });

  it('reports interpolation, concatenation, raw-by-name calls and SQL built in a variable', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/bad.ts': [
        'export async function b(env: any, id: string, name: string, q: string) {',
        '  await env.DB.prepare(`SELECT * FROM users WHERE id = ${id}`).first();',
        "  await pool.query('DELETE FROM users WHERE name = \\'' + name + '\\'');",
        '  await prisma.$queryRawUnsafe(q);',
        '  const stmt = `UPDATE users SET name = ${name} WHERE id = 1`;',
        '  await db.execute(stmt);',
        '  await knex.raw(q);',
        '}',
      ].join('\n'),
      'src/more.ts': [
        "const SORTABLE = ['name'];",
        'export async function c(db: any, sql: any, id: string, sort: string, fallback: string, base: string) {',
        '  await db.$executeRawUnsafe(`DELETE FROM sessions WHERE user_id = ${id}`);',
        '  await db.select().from(users).where(sql.raw(sort));',
        "  if (!SORTABLE.includes(sort)) console.warn('unknown sort');",
        '  await db.query(`SELECT * FROM users ORDER BY ${sort}`);',
        '  await db.query(`SELECT * FROM users ORDER BY ${SORTABLE.includes(sort) ? sort : fallback}`);',
        "  await db.query(base + ' WHERE id = ' + id);",
        '  await db.query(`SELECT * FROM users LIMIT ${String(sort)}`);',
        '  const by = (col: string) => db.query(`SELECT * FROM users ORDER BY ${col}`);',
        '  await by("name");',
        '  await by(sort);',
        '  await db.query(`SELECT * FROM users WHERE ${clause(sort)}`);',
        '}',
        // One return is not a constant: the call is not fixed.
        'function clause(s: string) { if (!s) return "true"; return `name = ${s}`; }',
        // Another function of the same name elsewhere in the file, or a parameter: the constant one is not it.
        'export function listA() { function where() { return "1 = 1"; } return where(); }',
        'export function listB(db, req) { const where = () => `name = \'${req.query.name}\'`; return db.query(`SELECT * FROM t WHERE ${where()}`); }',
        'export function listC(db, where) { return db.query(`SELECT * FROM t WHERE ${where()}`); }',
      ].join('\n'),
    });
    expect(at(findings).sort()).toEqual([
      'src/bad.ts:2', 'src/bad.ts:3', 'src/bad.ts:4', 'src/bad.ts:6', 'src/bad.ts:7',
      'src/more.ts:3', 'src/more.ts:4', 'src/more.ts:6', 'src/more.ts:7', 'src/more.ts:8', 'src/more.ts:9', 'src/more.ts:10',
      'src/more.ts:13', 'src/more.ts:17', 'src/more.ts:18',
    ].sort());
    // Only listB's text reads request input; the rest are callers' values (parameters of exported functions).
    expect(findings.filter((f) => f.severity === 'critical').map((f) => `${f.location?.path}:${f.location?.line}`)).toEqual(['src/more.ts:17']);
    expect(findings.every((f) => ['critical', 'low'].includes(f.severity))).toBe(true);
    const stmt = findings.find((f) => f.location?.path === 'src/bad.ts' && f.location.line === 6);
    expect(stmt?.evidence[0]).toMatchObject({ kind: 'file', path: 'src/bad.ts', line: 5 });
    // b() is exported and nothing in the repository calls it: the callers are not resolved, so it is low and says so.
    expect(stmt?.message).toContain('a value from callers in other files (parameter name of b() (line 1)); its callers could not be resolved (no call of b() was found in the release code)');
    expect(stmt?.severity).toBe('low');
  });

  it('is silent on a migration\'s own values, rates what it cannot trace low, and a let assigned a value that is not constant stays a finding', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'server/migrations/20171225143838-set-admins.js': [
        'module.exports = { up: async (queryInterface) => {',
        '  const [teams] = await queryInterface.sequelize.query(`SELECT * FROM teams`);',
        '  for (const team of teams) await queryInterface.sequelize.query(`update users set "isAdmin" = true where "teamId" = \'${team.id}\'`);',
        '} };',
      ].join('\n'),
      'packages/cli/src/commands/seed.ts': 'export const seed = (db, name) => db.query(`DELETE FROM tenants WHERE name = \'${name}\'`);\n',
      '.scripts/compare.js': 'const rows = await pool.query(`SELECT * FROM pg_tables WHERE schemaname IN (${schemas})`);\n',
      // An AI agent's tool inside the service: request input, so critical wherever the folder is.
      'src/ai/tools/query.ts': 'export const run = (db, req) => db.query(`SELECT * FROM docs WHERE title = \'${req.body.title}\'`);\n',
      'src/mixed.ts': [
        'export async function m(db: any, input: string) {',
        '  let col = "name";',
        '  if (input) col = input;',
        '  await db.query(`SELECT ${col} FROM users`);',
        '}',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line} ${f.severity}`).sort()).toEqual([
      // Values the rule could not trace are low; file roles (evaluate) then lower findings outside
      // release code one step (scripts: info). `src/ai/tools/` is the service's own code. The migration
      // interpolates rows it read from the database: the code's own values, no finding.
      '.scripts/compare.js:1 info', 'packages/cli/src/commands/seed.ts:1 info',
      // `col` holds the parameter of an exported function nothing calls: low, as any caller's value verdict cannot resolve.
      'src/ai/tools/query.ts:1 critical', 'src/mixed.ts:4 low',
    ]);
    const message = (path: string) => findings.find((f) => f.location?.path === path)?.message;
    expect(message('.scripts/compare.js')).toMatch(/in a script, so no request controls it; schemas \(line 1\) is declared nowhere verdict can see, so the value could not be traced$/);
  });
  it('resolves names through scopes: a parameter shadows an outer constant, and a same-named function elsewhere is another function', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      // The case: `id` inside findUser is the caller's string, not the outer constant.
      'src/shadow.ts': [
        "const id = 'static';",
        'export function findUser(id: string) { return db.query(`SELECT * FROM users WHERE id = ${id}`); }',
      ].join('\n'),
      'src/renamed.ts': [
        "const id = 'static';",
        'export function findUser(userId: string) { return db.query(`SELECT * FROM users WHERE id = ${userId}`); }',
      ].join('\n'),
      // A block-scoped const of the same name does not make the outer variable constant.
      'src/block.ts': [
        'export function list(db: any, order: string) {',
        "  if (order === 'x') { const order = 'ASC'; void order; }",
        '  return db.query(`SELECT * FROM users ORDER BY name ${order}`);',
        '}',
      ].join('\n'),
      // Two functions named fragment: only the one in scope at the call counts.
      'src/nested.ts': [
        'export function a(db: any, input: string) {',
        '  const fragment = () => input;',
        '  return db.query(`SELECT * FROM users WHERE ${fragment()}`);',
        '}',
        "function fragment() { return 'active = true'; }",
        'export const b = (db: any) => db.query(`SELECT * FROM users WHERE ${fragment()}`);',
      ].join('\n'),
      // A let assigned only constants later stays fixed; the outer `let` of the same name is another variable.
      'src/lets.ts': [
        'export function c(db: any, input: string) {',
        '  let table = input;',
        "  { let table = 'users'; table = 'accounts'; void db.query(`SELECT * FROM ${table}`); }",
        '  return db.query(`DELETE FROM ${table}`);',
        '}',
      ].join('\n'),
    });
    expect(findings.map((f) => `${f.location?.path}:${f.location?.line}`).sort()).toEqual([
      'src/block.ts:3', 'src/lets.ts:4', 'src/nested.ts:3', 'src/renamed.ts:2', 'src/shadow.ts:2',
    ]);
  });

  it('takes number conversions and allow-list schemas from what they are (the globals, zod\'s export), not their names', async () => {
    const findings = await runRule(rule, {
      ...pkg,
      'src/ok.ts': [
        "import { z } from 'zod';",
        'export function list(db: any, req: any) {',
        "  const dir = z.enum(['asc', 'desc']).parse(req.query.dir);",
        '  return db.query(`SELECT * FROM users ORDER BY name ${dir} LIMIT ${Math.min(Number(req.query.n), 50)} OFFSET ${Number.parseInt(req.query.o, 10)}`);',
        '}',
      ].join('\n'),
      // A Number of the file's own that returns its input, and an enum() of a module of the repository: no conversion.
      'src/own.ts': [
        "import { schema } from './schema';",
        'function Number(x: string) { return x; }',
        'export function find(db: any, req: any) {',
        '  return db.query(`SELECT * FROM users WHERE id = ${Number(req.params.id)}`);',
        '}',
        'export function sort(db: any, req: any) {',
        "  const dir = schema.enum(['asc', 'desc']).parse(req.query.dir);",
        '  return db.query(`SELECT * FROM users ORDER BY name ${dir}`);',
        '}',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/own.ts:4', 'src/own.ts:8']);
  });
});
