import { describe, expect, it } from 'vitest';
import { at, runRule } from '../../../test/helpers/repo.js';
import rule from './raw-sql-outside-orm.js';

const prismaPkg = { 'package.json': '{"name":"svc","dependencies":{"@prisma/client":"5"}}' };

describe('database/raw-sql-outside-orm', () => {
  it('stays silent on ORM calls, connection checks, tests, scripts and packages without an ORM', async () => {
    expect(await runRule(rule, {
      ...prismaPkg,
      'src/users.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export const list = () => prisma.user.findMany();',
        'export const ping = () => prisma.$queryRaw`SELECT 1`;',
        'const prompt = `Select the rows from the table which match ${1}`;',
        '// await prisma.$queryRaw`SELECT * FROM users`;',
      ].join('\n'),
      'scripts/backfill.ts': "await prisma.$executeRaw`UPDATE users SET active = true WHERE active IS NULL`;\n",
      'src/users.test.ts': 'await prisma.$queryRaw`SELECT * FROM users`;\n',
    })).toEqual([]);
    expect(await runRule(rule, {
      'package.json': '{"name":"plain","dependencies":{"pg":"8"}}',
      'src/db.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const q = () => pool.query('SELECT * FROM users');\n",
    })).toEqual([]);
  });

  it('reports raw SQL executed in service code of a package that uses an ORM', async () => {
    const findings = await runRule(rule, {
      'package.json': '{"name":"svc","dependencies":{"drizzle-orm":"0.30","@cloudflare/workers-types":"4"}}',
      'wrangler.toml': 'name = "svc"\n[[d1_databases]]\nbinding = "DB"\n',
      'src/index.ts': [
        "import { drizzle } from 'drizzle-orm/d1';",
        'export default { async fetch(req: Request, env: any) {',
        '  const db = drizzle(env.DB);',
        '  await db.select().from(users);',
        "  const rows = await env.DB.prepare('SELECT id, name FROM users WHERE org = ?').bind(1).all();",
        "  await db.run(sql`DELETE FROM sessions WHERE expires < ${Date.now()}`);",
        '  return Response.json(rows);',
        '} };',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/index.ts:5', 'src/index.ts:6']);
    expect(findings[0].severity).toBe('low');
  });

  it('leaves raw SQL checked against the Prisma schema to the schema check, and keeps what it could not read', async () => {
    const findings = await runRule(rule, {
      ...prismaPkg,
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\nmodel User {\n  id Int @id\n  email String\n  @@map("users")\n}\n',
      'src/users.ts': [
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export const emails = () => prisma.$queryRaw`SELECT email FROM users`;',
        'export const byTable = (t: string) => prisma.$queryRawUnsafe(`SELECT email FROM ${t}`);',
      ].join('\n'),
    });
    expect(at(findings)).toEqual(['src/users.ts:4']);
    expect(findings[0].message).toContain('not checked against the schema: the SQL text is built at run time');
  });
});
