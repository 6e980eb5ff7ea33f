// Migration sets: Prisma, Drizzle, wrangler D1 `migrations_dir`, plain SQL folders with version
// prefixes (goose/dbmate sections, custom runners), and Knex/TypeORM/Kysely/Sequelize JS/TS migrations.
import { posix } from 'node:path';
import { codeMigrationRunner } from '../knowledge/index.js';
import type { Migration, MigrationSet } from '../model/migrations.js';
import type { DiscoveredPackage, WranglerConfig } from './types.js';
import { GENERATED_DIRS } from './walk.js';

type Dialect = MigrationSet['dialect'];
type Runner = MigrationSet['runner'];

export interface MigrationInput {
  paths: string[];
  read(path: string): string | null;
  wrangler: WranglerConfig[];
  packages: DiscoveredPackage[];
  packageOf(path: string): string | null;
}

const VERSION = /^(?:V)?(\d+)(?:[_.-]|__|$)/;
// Postgrator names a version's pair `001.do.users.sql` / `001.undo.users.sql`.
const DOWN_FILE = /(\.down|\.rollback|[_.-]down|[_.-]rollback)\.sql$|^\d+\.undo\.[^/]*\.sql$/i;
const JS_MIGRATION = /\.(ts|js|mjs|cjs)$/;
const DOWN_SECTION = /^\s*--\s*(migrate:down|\+goose\s+Down)\b/im;

const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
const baseOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;
const join = (dir: string, rel: string) => {
  const p = posix.normalize(posix.join(dir === '.' ? '' : dir, rel)).replace(/\/$/, '');
  return p === '' ? '.' : p;
};
const inside = (dir: string, p: string) => dir === '.' || p.startsWith(`${dir}/`);

function versionOf(name: string): string | null {
  return VERSION.exec(name)?.[1] ?? null;
}

function stem(name: string): string {
  const pair = /^(\d+)\.(?:un)?do\.(.*)\.sql$/i.exec(name);
  if (pair) return `${pair[1]}.${pair[2]}`;
  return name.replace(DOWN_FILE, '').replace(/(\.up)?\.sql$/i, '').replace(/[_.-]up$/i, '');
}

/** Runners apply in file-name order (wrangler, Prisma, Drizzle, goose, dbmate all sort names). */
function byVersion(a: Migration, b: Migration): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** SQL migrations of one folder: `NNN_name.sql` files or `NNN_name/{migration,up}.sql` folders, with their down files. */
function sqlMigrations(dir: string, paths: string[], read: MigrationInput['read'], nested: boolean): Migration[] {
  const own = paths.filter((p) => dirOf(p) === dir && p.endsWith('.sql'));
  const out: Migration[] = [];
  const downs = own.filter((p) => DOWN_FILE.test(baseOf(p)));
  for (const p of own) {
    if (DOWN_FILE.test(baseOf(p))) continue;
    const name = baseOf(p);
    const down = downs.find((d) => stem(baseOf(d)) === stem(name)) ?? null;
    const text = read(p) ?? '';
    const m = DOWN_SECTION.exec(text);
    out.push({ path: p, version: versionOf(name), name: stem(name), down: down ?? (m ? p : null), downLine: m ? lineOf(text, m.index + m[0].indexOf('--')) : null });
  }
  if (nested) {
    const subdirs = [...new Set(paths.filter((p) => dirOf(dirOf(p)) === dir && p.endsWith('.sql')).map(dirOf))];
    for (const sd of subdirs) {
      const files = paths.filter((p) => dirOf(p) === sd);
      const up = files.find((p) => /(^|\/)(migration|up)\.sql$/.test(p));
      if (!up) continue;
      const down = files.find((p) => /(^|\/)(down|rollback)\.sql$/.test(p)) ?? null;
      out.push({ path: up, version: versionOf(baseOf(sd)), name: baseOf(sd), down, downLine: null });
    }
  }
  return out.sort(byVersion);
}

/** A folder named for its database (`db/clickhouse/migrations`, `migrations/mysql`) says its dialect. */
const PATH_DIALECTS: Array<[RegExp, Dialect]> = [
  [/(^|[/_-])clickhouse([/_-]|$)/i, 'clickhouse'],
  [/(^|[/_-])(mysql|mariadb)([/_-]|$)/i, 'mysql'],
  [/(^|[/_-])(sqlite3?|libsql|turso)([/_-]|$)/i, 'sqlite'],
  [/(^|[/_-])(postgres|postgresql|pg)([/_-]|$)/i, 'postgresql'],
];

function guessDialect(dir: string, texts: string[], pkgDeps: Record<string, string>): Dialect {
  for (const [re, dialect] of PATH_DIALECTS) if (re.test(dir)) return dialect;
  // ClickHouse DDL names a MergeTree-family engine; a package may well use Postgres beside it.
  if (texts.some((t) => /\bENGINE\s*=\s*\w*MergeTree\b/i.test(t))) return 'clickhouse';
  if (['pg', 'postgres', '@neondatabase/serverless', 'pg-promise'].some((d) => d in pkgDeps)) return 'postgresql';
  if (['mysql2', 'mysql'].some((d) => d in pkgDeps)) return 'mysql';
  if (['better-sqlite3', '@libsql/client', 'sqlite3'].some((d) => d in pkgDeps)) return 'sqlite';
  const all = texts.join('\n');
  if (/\b(SERIAL|BIGSERIAL|JSONB|TIMESTAMPTZ|UUID|CONCURRENTLY)\b|\$\$|::\w/i.test(all)) return 'postgresql';
  if (/\bAUTOINCREMENT\b|\bPRAGMA\b|INTEGER PRIMARY KEY/i.test(all)) return 'sqlite';
  if (/\bAUTO_INCREMENT\b|ENGINE\s*=/i.test(all)) return 'mysql';
  return 'unknown';
}

function makeSet(path: string, dialect: Dialect, runner: Runner, migrations: Migration[], extra: Partial<MigrationSet>, input: MigrationInput): MigrationSet {
  return {
    path, dialect, runner, format: 'sql', package: input.packageOf(path === '.' ? 'x' : `${path}/x`),
    declaredIn: null, schemaFile: null,
    files: migrations.map((m) => m.path),
    versions: migrations.map((m) => m.version).filter((v): v is string => v !== null),
    migrations,
    keepsDown: migrations.some((m) => m.down !== null),
    ...extra,
  };
}

function prismaSets(input: MigrationInput): MigrationSet[] {
  const dirs = [...new Set(input.paths.filter((p) => /(^|\/)migrations\/[^/]+\/migration\.sql$/.test(p)).map((p) => dirOf(dirOf(p))))];
  return dirs.map((dir) => {
    const lock = `${dir}/migration_lock.toml`;
    const schema = input.paths.find((p) => p === join(dir, '../schema.prisma')) ?? input.paths.find((p) => inside(dirOf(dir), p) && p.endsWith('.prisma')) ?? null;
    const lockText = input.read(lock) ?? '';
    const provider = /provider\s*=\s*"(\w+)"/.exec(lockText)?.[1] ?? /provider\s*=\s*"(\w+)"/.exec((schema && input.read(schema)?.replace(/generator[\s\S]*?}/g, '')) ?? '')?.[1] ?? '';
    const dialect: Dialect = provider === 'postgresql' || provider === 'postgres' ? 'postgresql' : provider === 'sqlite' ? 'sqlite' : provider === 'mysql' ? 'mysql' : 'unknown';
    const migrations = sqlMigrations(dir, input.paths, input.read, true).filter((m) => m.path.endsWith('/migration.sql'));
    return makeSet(dir, dialect, 'prisma', migrations, {
      declaredIn: input.paths.includes(lock) ? { path: lock, line: 1 } : null, schemaFile: schema,
    }, input);
  });
}

const DRIZZLE_CONFIG = /(^|\/)drizzle\.config\.(ts|js|mjs|cjs|json)$/;
const DRIZZLE_OUT = /\bout\s*["']?\s*:\s*["'`]([^"'`]+)["'`]/;

function drizzleSets(input: MigrationInput): MigrationSet[] {
  const out: MigrationSet[] = [];
  for (const cfg of input.paths.filter((p) => DRIZZLE_CONFIG.test(p))) {
    const text = input.read(cfg) ?? '';
    const outM = DRIZZLE_OUT.exec(text);
    const dialectM = /\b(dialect|driver)\s*["']?\s*:\s*["'`]([\w-]+)["'`]/.exec(text);
    const dir = join(dirOf(cfg), outM?.[1] ?? './drizzle');
    const d = dialectM?.[2] ?? '';
    const dialect: Dialect = /^(postgresql|pg|postgres)$/.test(d) ? 'postgresql' : d === 'd1-http' ? 'd1' : /^(sqlite|turso|libsql|better-sqlite)$/.test(d) ? 'sqlite' : /mysql/.test(d) ? 'mysql' : 'unknown';
    const migrations = sqlMigrations(dir, input.paths, input.read, false);
    if (migrations.length === 0) continue;
    out.push(makeSet(dir, dialect, 'drizzle', migrations, { declaredIn: { path: cfg, line: outM ? lineOf(text, outM.index) : 1 } }, input));
  }
  return out;
}

function d1Sets(input: MigrationInput): MigrationSet[] {
  const out: MigrationSet[] = [];
  for (const w of input.wrangler) {
    for (const b of w.d1) {
      const dir = join(w.packagePath, typeof b.migrations_dir === 'string' ? b.migrations_dir : 'migrations');
      const migrations = sqlMigrations(dir, input.paths, input.read, false);
      if (migrations.length === 0 || out.some((s) => s.path === dir)) continue;
      out.push(makeSet(dir, 'd1', 'wrangler-d1', migrations, { declaredIn: { path: w.path, line: b.line } }, input));
    }
  }
  return out;
}

const MIGRATION_DIR = /(^|\/)(migrations?|migrate|db\/migrations|sql)$/i;

function plainSets(input: MigrationInput, taken: Set<string>): MigrationSet[] {
  const out: MigrationSet[] = [];
  const dirs = [...new Set(input.paths.flatMap((p) => [dirOf(p), dirOf(dirOf(p))]))].filter((d) => MIGRATION_DIR.test(d) && !taken.has(d)).sort();
  for (const dir of dirs) {
    const pkg = input.packages.find((p) => p.name === input.packageOf(`${dir}/x`));
    const deps = { ...pkg?.devDependencies, ...pkg?.dependencies };
    const sql = sqlMigrations(dir, input.paths, input.read, true).filter((m) => m.version !== null);
    if (sql.length > 0) {
      const texts = sql.map((m) => input.read(m.path) ?? '');
      const runner: Runner = texts.some((t) => /--\s*\+goose\s+Up/i.test(t)) ? 'goose' : texts.some((t) => /--\s*migrate:up/i.test(t)) ? 'dbmate' : customRunner(input, dir) ? 'custom' : 'sql';
      out.push(makeSet(dir, guessDialect(dir, texts, deps), runner, sql, {}, input));
      continue;
    }
    const js = input.paths.filter((p) => dirOf(p) === dir && JS_MIGRATION.test(p) && versionOf(baseOf(p)) !== null && !/\.(test|spec|d)\.[cm]?[jt]s$/.test(p)).sort();
    if (js.length === 0) continue;
    const texts = js.map((p) => input.read(p) ?? '');
    // Named by what the files show, else by the one runner the package depends on (knowledge/migration-runners).
    const runner: Runner = codeMigrationRunner(texts, deps);
    const migrations = js.map((p, i) => ({
      path: p, version: versionOf(baseOf(p)), name: baseOf(p).replace(JS_MIGRATION, ''),
      down: /\b(exports\.down|export\s+(async\s+)?function\s+down|async\s+down\s*\(|down\s*[:=])/.test(texts[i]) ? p : null, downLine: null,
    }));
    out.push(makeSet(dir, guessDialect(dir, [], deps), runner, migrations, { format: 'js' }, input));
  }
  return out;
}

/** A source file that reads the folder and keeps applied versions in a table. */
function customRunner(input: MigrationInput, dir: string): boolean {
  const name = baseOf(dir);
  return input.paths.some((p) => {
    if (!/\.(ts|js|mjs|cjs)$/.test(p) || p.includes('/node_modules/')) return false;
    if (!/migrat/i.test(p)) return false;
    const t = input.read(p) ?? '';
    return t.includes(name) && /readdir/.test(t) && /(schema_migrations|_migrations|migrations_log|applied)/i.test(t);
  });
}

export function discoverMigrations(input: MigrationInput): MigrationSet[] {
  const sets: MigrationSet[] = [];
  const add = (list: MigrationSet[]) => { for (const s of list) if (!sets.some((x) => x.path === s.path)) sets.push(s); };
  add(prismaSets(input));
  add(d1Sets(input));
  add(drizzleSets(input));
  add(plainSets(input, new Set(sets.map((s) => s.path))));
  return sets.sort((a, b) => a.path.localeCompare(b.path));
}

/** A folder a migration tool's configuration names for its migrations, whether or not it holds files. */
export interface DeclaredMigrationFolder {
  runner: 'prisma' | 'drizzle' | 'wrangler-d1' | 'knex' | 'typeorm';
  path: string;
  /** The configuration that names it (schema.prisma: the folder beside it is Prisma's), with the line. */
  declaredIn: { path: string; line: number };
}

/**
 * Where each migration tool of the repository keeps its migrations, from its configuration: Prisma's
 * `migrations/` beside `schema.prisma`, a drizzle config's `out` (default `drizzle`), a wrangler D1
 * binding's `migrations_dir` (default `migrations`). Listed even when the folder has no file in the
 * tree (a .gitignore may have kept it out).
 */
export function declaredMigrationFolders(input: MigrationInput): DeclaredMigrationFolder[] {
  const out: DeclaredMigrationFolder[] = [];
  for (const p of input.paths) {
    if (baseOf(p) === 'schema.prisma') out.push({ runner: 'prisma', path: join(dirOf(p), 'migrations'), declaredIn: { path: p, line: 1 } });
    if (DRIZZLE_CONFIG.test(p)) {
      const text = input.read(p) ?? '';
      const m = DRIZZLE_OUT.exec(text);
      out.push({ runner: 'drizzle', path: join(dirOf(p), m?.[1] ?? './drizzle'), declaredIn: { path: p, line: m ? lineOf(text, m.index) : 1 } });
    }
  }
  for (const w of input.wrangler) {
    for (const b of w.d1) {
      const dir = join(w.packagePath, typeof b.migrations_dir === 'string' ? b.migrations_dir : 'migrations');
      if (!out.some((f) => f.path === dir)) out.push({ runner: 'wrangler-d1', path: dir, declaredIn: { path: w.path, line: b.line } });
    }
  }
  for (const p of input.paths) {
    // knexfile: `migrations: { directory: './db/migrations' }` (default `./migrations`), as written in its text.
    if (KNEXFILE.test(p)) {
      const text = input.read(p) ?? '';
      const m = KNEX_DIRECTORY.exec(text);
      out.push({ runner: 'knex', path: join(dirOf(p), m?.[1] ?? './migrations'), declaredIn: { path: p, line: m ? lineOf(text, m.index) : 1 } });
    }
    // TypeORM: `migrations: ['dist/migrations/*.js']` in ormconfig or a data-source file: the glob's folder.
    if (TYPEORM_CONFIG.test(p)) {
      const text = input.read(p) ?? '';
      const m = TYPEORM_MIGRATIONS.exec(text);
      if (!m) continue;
      const folder = m[1].split('/').filter((seg) => !/[*?{[]/.test(seg)).join('/');
      // A glob into build output (`dist/migrations/*.js`) names the compiled copies, kept out of git on purpose.
      if (folder && !/\.(ts|js)$/.test(folder) && !GENERATED_DIRS.has(folder.replace(/^\.\//, '').split('/')[0])) out.push({ runner: 'typeorm', path: join(packageDirOf(input, p), folder.replace(/^\.\//, '')), declaredIn: { path: p, line: lineOf(text, m.index) } });
    }
  }
  return out;
}

/** The folder of the package a file belongs to (TypeORM resolves its globs from the process's working directory, the package's). */
function packageDirOf(input: MigrationInput, file: string): string {
  const dirs = input.packages.map((p) => p.path).filter((d) => inside(d, file)).sort((a, b) => b.length - a.length);
  return dirs[0] ?? '.';
}

const KNEXFILE = /(^|\/)knexfile\.(ts|js|mjs|cjs)$/;
const KNEX_DIRECTORY = /\bdirectory\s*:\s*["'`]([^"'`]+)["'`]/;
const TYPEORM_CONFIG = /(^|\/)(ormconfig\.(json|ts|js)|[\w.-]*data-?source\.(ts|js))$/i;
const TYPEORM_MIGRATIONS = /["']?migrations["']?\s*:\s*\[\s*["'`]([^"'`]+)["'`]/;
