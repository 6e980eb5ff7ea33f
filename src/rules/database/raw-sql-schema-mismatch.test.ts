import { afterAll, describe, expect, it } from 'vitest';
import { auditMigrationFiles, hits, sharedEngines, statusOf } from '../../../test/helpers/migrations.js';
import rule from './raw-sql-schema-mismatch.js';

const engines = sharedEngines();
afterAll(() => engines.close());

const PRISMA = [
  'datasource db {',
  '  provider = "postgresql"',
  '  url      = env("DATABASE_URL")',
  '}',
  'model User {',
  '  id        Int      @id',
  '  email     String',
  '  createdAt DateTime @default(now())',
  '  posts     Post[]',
  '}',
  'model Post {',
  '  id       Int    @id',
  '  title    String @map("post_title")',
  '  authorId Int    @map("author_id")',
  '  author   User   @relation(fields: [authorId], references: [id])',
  '  @@map("posts")',
  '}',
].join('\n');

const PKG = '{"name":"svc","dependencies":{"@prisma/client":"5.22.0","pg":"8.11.0"}}';

describe('database/raw-sql-schema-mismatch', () => {
  it('reports a column and a table the Prisma schema does not have, at the line of the name', async () => {
    const run = await auditMigrationFiles({
      'package.json': PKG,
      'prisma/schema.prisma': PRISMA,
      'src/report.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export async function report(id: number) {',
        '  return prisma.$queryRaw`',
        '    SELECT p.post_title, p.body',
        '    FROM posts p WHERE p.author_id = ${id}`;',
        '}',
        // The model's name unquoted folds to `user`; the default table is "User".
        "export const count = () => prisma.$queryRawUnsafe('SELECT count(*) FROM users');",
        // Unquoted, the column folds to `createdat`: the table has "createdAt".
        'export const recent = () => prisma.$queryRaw`SELECT id FROM "User" WHERE createdAt > now()`;',
      ].join('\n'),
    }, [rule], engines);
    expect(hits(run)).toEqual(['database/raw-sql-schema-mismatch src/report.ts:5', 'database/raw-sql-schema-mismatch src/report.ts:8', 'database/raw-sql-schema-mismatch src/report.ts:9']);
    expect(run.findings.map((f) => [f.messageId, f.severity])).toEqual([['columnMissing', 'high'], ['tableMissing', 'high'], ['columnMissing', 'high']]);
    expect(run.findings[2].message).toContain('the table has "createdAt" (an unquoted name folds to lower case: quote it)');
    expect(run.findings[0].message).toBe('prisma.$queryRaw() names column "body" of posts, which the schema does not have (prisma/schema.prisma)');
    expect(run.findings[0].evidence).toContainEqual(expect.objectContaining({ kind: 'file', path: 'prisma/schema.prisma', line: 11 }));
    expect(run.findings[1].message).toContain('table "users", which the schema does not have (prisma/schema.prisma)');
  });

  it('stays silent on correct queries: @@map and @map names, a quoted model table, CTE and subquery aliases, correlated subqueries, ON CONFLICT', async () => {
    const run = await auditMigrationFiles({
      'package.json': PKG,
      'prisma/schema.prisma': PRISMA,
      'src/ok.ts': [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        'export async function ok(id: number) {',
        '  await pool.query(\'SELECT u.email, u."createdAt" FROM "User" u JOIN posts p ON p.author_id = u.id WHERE u.id = $1\', [id]);',
        "  await pool.query('WITH recent AS (SELECT author_id, count(*) AS n FROM posts GROUP BY author_id) SELECT r.n, total FROM recent r, LATERAL (SELECT count(*) AS total FROM posts) t ORDER BY n');",
        "  await pool.query('SELECT id FROM \"User\" WHERE EXISTS (SELECT 1 FROM posts WHERE posts.author_id = \"User\".id AND post_title <> email)');",
        "  await pool.query('INSERT INTO posts (id, post_title, author_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET post_title = excluded.post_title RETURNING id', [1, 't', 2]);",
        "  await pool.query('UPDATE posts SET post_title = $1 FROM \"User\" u WHERE posts.author_id = u.id AND u.email = $2', ['t', 'e']);",
        "  await pool.query('SELECT relname FROM pg_class c JOIN information_schema.tables t ON t.table_name = c.relname');",
        "  await pool.query('SELECT * FROM analytics.events');",
        '}',
      ].join('\n'),
    }, [rule], engines);
    expect(hits(run)).toEqual([]);
    expect(statusOf(run, rule.id)).toEqual(['pass']);
  });

  it('reads the schema the migrations create when they apply, and is unknown without any schema', async () => {
    const files = {
      'package.json': '{"name":"svc","dependencies":{"pg":"8.11.0"}}',
      'src/db.ts': [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        "export const a = () => pool.query('SELECT id, nickname FROM accounts');",
        "export const b = () => pool.query('SELECT id FROM sessions');",
      ].join('\n'),
    };
    const withSql = await auditMigrationFiles({
      ...files,
      'src/db.ts': `${files['src/db.ts']}\nexport const c = () => pool.query('SELECT name FROM active_accounts');\n`,
      'drizzle.config.ts': "export default { dialect: 'postgresql', out: './drizzle' };\n",
      'drizzle/0000_init.sql': 'CREATE TABLE accounts (id serial PRIMARY KEY, name text);\n--> statement-breakpoint\nCREATE VIEW active_accounts AS SELECT * FROM accounts;\n',
      'drizzle/0001_sessions.sql': 'CREATE TABLE sessions (id serial PRIMARY KEY);\n',
    }, [rule], engines);
    expect(hits(withSql)).toEqual(['database/raw-sql-schema-mismatch src/db.ts:3']);
    expect(withSql.findings[0].message).toBe('pool.query() names column "nickname" of accounts, which the schema does not have (drizzle (applied))');
    const none = await auditMigrationFiles(files, [rule], engines);
    expect(hits(none)).toEqual([]);
    expect(statusOf(none, rule.id)).toEqual(['unknown']);
  });
});
