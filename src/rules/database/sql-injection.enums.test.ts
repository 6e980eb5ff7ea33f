// Members of a TypeScript enum are constants when their initializers are (a string or number literal,
// none, or other constant members): interpolated into SQL text they are no injection, in the enum's own
// file or imported from another (relative, through a barrel, or from a workspace package). A member
// computed at run time stays a finding, and so does one whose import verdict cannot resolve, saying so.
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
    {
      name: 'a computed member of an enum in another file',
      path: 'src/settings.ts',
      code: READ_BANNER.replace('${Level.high}', '${Stamp.now}'),
      files: { 'src/keys.ts': KEYS },
      errors: [{ messageId: 'built', line: 3, severity: 'medium', data: { origin: '; not traced to request input in this file; Stamp.now is not a constant member of enum Stamp' } }],
    },
    {
      name: 'an import verdict cannot resolve (a package outside the repository) stays, and says so',
      path: 'src/settings.ts',
      code: READ_BANNER.replace("'./keys'", "'@elsewhere/keys'"),
      files: { 'src/keys.ts': KEYS },
      errors: [{
        messageId: 'built', line: 3, severity: 'medium',
        data: { origin: "; not traced to request input in this file; Setting.banner is imported from '@elsewhere/keys', which verdict cannot resolve; Level.high is imported from '@elsewhere/keys', which verdict cannot resolve" },
      }],
    },
    {
      name: 'a member of an imported object that is no enum stays as the file judged it',
      path: 'src/settings.ts',
      code: [
        "import { tables } from './names';",
        'export const read = (db: any) => db.query(`SELECT * FROM ${tables.users}`);',
      ].join('\n'),
      files: { 'src/names.ts': 'export const tables: Record<string, string> = JSON.parse(process.env.TABLES!);\n' },
      errors: [{ messageId: 'built', line: 2, severity: 'medium', data: { origin: '; not traced to request input in this file' } }],
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
