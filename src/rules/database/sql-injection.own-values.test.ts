// SQL text built only from the code's own values is no injection: constants, enum members (of the file
// or imported), config objects and environment variables, imports of the repository or of packages,
// a class's own fields, rows the code read from the database. Nothing is reported for them. A name
// declared nowhere verdict can see is a value it could not trace: low, and it says so. Request input
// beside such values is still critical.
import { describe, it } from 'vitest';
import { RuleTester } from '../tester.js';
import rule from './sql-injection.js';

const KEYS = [
  'export enum Setting {',
  "  banner = 'ui/banner',",
  "  locale = 'ui/locale',",
  '}',
  'export const enum Level { low, mid, high = mid + 2 }',
  'export enum Stamp { now = Date.now() }',
].join('\n');

const READ_BANNER = [
  "import { Setting, Level, Stamp } from './keys';",
  'export function banner(db: any) {',
  "  return db.prepare(`SELECT value FROM settings WHERE key = '${Setting.banner}' AND level > ${Level.high}`).first();",
  '}',
].join('\n');

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
    {
      name: 'members of an enum imported from another file, read in a template and in SQL built in a variable',
      path: 'src/settings.ts',
      code: [
        READ_BANNER,
        'export function save(db: any, v: string) {',
        "  const sql = `INSERT INTO settings (key, value) VALUES ('${Setting.locale}', ?)`;",
        '  return db.prepare(sql).bind(v).run();',
        '}',
      ].join('\n'),
      files: { 'src/keys.ts': KEYS },
    },
    {
      name: 'an enum re-exported by a barrel',
      path: 'src/settings.ts',
      code: READ_BANNER.replace("'./keys'", "'./types'"),
      files: { 'src/types/index.ts': "export * from './keys';\n", 'src/types/keys.ts': KEYS },
    },
    {
      name: 'an enum of a workspace package, imported by the package name',
      path: 'apps/api/src/settings.ts',
      code: READ_BANNER.replace("'./keys'", "'@acme/shared/keys'"),
      files: { 'packages/shared/keys.ts': KEYS },
      layout: { packages: [{ name: 'api', path: 'apps/api' }, { name: '@acme/shared', path: 'packages/shared' }] },
    },
    {
      name: 'a computed member in the same file',
      code: [
        'enum Stamp { now = Date.now(), later = now + 1 }',
        "app.get('/p', async () => pool.query(`SELECT * FROM t WHERE at > ${Stamp.later}`));",
      ].join('\n'),
    },
    {
      name: 'a computed member of an enum in another file',
      path: 'src/settings.ts',
      code: READ_BANNER.replace('${Level.high}', '${Stamp.now}'),
      files: { 'src/keys.ts': KEYS },
    },
    {
      name: 'members imported from a package outside the repository',
      path: 'src/settings.ts',
      code: READ_BANNER.replace("'./keys'", "'@elsewhere/keys'"),
      files: { 'src/keys.ts': KEYS },
    },
    {
      name: 'a member of an imported object read from the environment',
      path: 'src/settings.ts',
      code: [
        "import { tables } from './names';",
        'export const read = (db: any) => db.query(`SELECT * FROM ${tables.users}`);',
      ].join('\n'),
      files: { 'src/names.ts': 'export const tables: Record<string, string> = JSON.parse(process.env.TABLES!);\n' },
    },
    {
      name: 'a schema name from the environment and a config object, and a class field set in the constructor',
      code: [
        "import config from './config';",
        'const SCHEMA = process.env.DB_SCHEMA || "public";',
        'export class Repo {',
        '  private readonly table: string;',
        '  constructor(private db: any) { this.table = `${SCHEMA}.users`; }',
        '  list() { return this.db.query(`SELECT * FROM ${this.table} LIMIT ${config.pageSize}`); }',
        '  drop() { return this.db.query(`TRUNCATE ${SCHEMA}.${config.db.auditTable}`); }',
        '}',
      ].join('\n'),
    },
    {
      name: 'a table name from the database catalogue, handed to map()',
      code: "export async function counts(db: any) {\n  const rows = await db.prepare(\"SELECT name FROM sqlite_master\").all();\n  return rows.map((t: any) => db.prepare(`SELECT COUNT(*) FROM ${t.name}`).first());\n}",
    },
  ],
  invalid: [
    {
      name: 'a name declared nowhere verdict can see: low, could not be traced',
      code: 'export async function purge(db: any) {\n  return db.query(`DELETE FROM ${TABLE_FROM_ELSEWHERE}`);\n}',
      errors: [{ messageId: 'built', line: 2, severity: 'low', data: { origin: '; TABLE_FROM_ELSEWHERE (line 2) is declared nowhere verdict can see, so the value could not be traced' } }],
    },
    {
      name: 'a member of an enum alongside request input is still critical',
      path: 'src/settings.ts',
      code: [
        "import { Setting } from './keys';",
        "app.get('/s', (req) => db.query(`SELECT * FROM settings WHERE key = '${Setting.banner}' AND owner = '${req.query.owner}'`));",
      ].join('\n'),
      files: { 'src/keys.ts': KEYS },
      errors: [{ messageId: 'built', line: 2, severity: 'critical' }],
    },
  ],
});
